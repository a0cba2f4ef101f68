"""The article view's answers to its file changing on disk: reload in place, or the bar's choices."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from editor.article.errors import ArticleError
from editor.site.errors import SiteFileError
from editor.ui.article.diff_view import DiffDialog
from editor.ui.core_texts import error_message

if TYPE_CHECKING:
    from editor.ui.article.article_session import ArticleSession
    from editor.ui.article.disk_change_bar import DiskChangeBar
    from editor.ui.article.file_watcher import ArticleFileWatcher
    from editor.ui.article.source_editor import SourceEditor


class DiskWatchCommands(QWidget):
    """Mixed into ArticleView: what happens when another program changes, deletes or moves its file."""

    status_message: SignalInstance
    editor: SourceEditor
    session: ArticleSession
    disk_bar: DiskChangeBar
    file_watcher: ArticleFileWatcher

    if TYPE_CHECKING:

        def autosave(self) -> None: ...

        def save_as(self) -> bool: ...

        def _show_error(self, title: str, message: str) -> None: ...

    def _connect_disk_watch(self) -> None:
        self.session.path_changed.connect(self._watch_file)
        self.session.saved.connect(lambda _path: self.file_watcher.note_saved())
        self.file_watcher.changed_on_disk.connect(self._on_changed_on_disk)
        self.file_watcher.deleted.connect(self._on_file_deleted)
        self.file_watcher.back_in_sync.connect(self._on_file_back_in_sync)
        self.file_watcher.check_failed.connect(lambda message: self.status_message.emit(message, 6000))
        self.disk_bar.reload_requested.connect(self.reload_from_disk)
        self.disk_bar.keep_requested.connect(self.disk_bar.hide)
        self.disk_bar.differences_requested.connect(self.show_disk_differences)
        self.disk_bar.save_as_requested.connect(self.save_as)

    def _watch_file(self, path: Path | None) -> None:
        self.disk_bar.hide()
        self.file_watcher.watch(path)

    def _file_name(self) -> str:
        return self.session.path.name if self.session.path else ""

    def _on_changed_on_disk(self) -> None:
        if self.session.is_modified():
            # The writer's edits and another program's: only the writer can choose.
            self.disk_bar.show_changed(self._file_name())
        else:
            self.reload_from_disk()

    def _on_file_deleted(self) -> None:
        # The text now exists only here: modified, so closing asks, and Save puts it back.
        self.session.document.setModified(True)
        self.autosave()  # setModified is no edit, so the timer would never keep a copy of it
        self.disk_bar.show_missing(self._file_name())
        self.status_message.emit(
            QCoreApplication.translate("ArticleView", "{0} was deleted or moved").format(self._file_name()), 0
        )

    def _on_file_back_in_sync(self) -> None:
        self.disk_bar.hide()
        self.status_message.emit("", 0)
        if self.session.matches_saved_text():
            self.session.document.setModified(False)

    def reload_from_disk(self) -> None:
        """Read the file again in place (one undoable step), keeping the cursor and the scroll position."""
        cursor = self.editor.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        vertical = self.editor.verticalScrollBar().value()
        horizontal = self.editor.horizontalScrollBar().value()
        try:
            replaced = self.session.reload()
        except (ArticleError, SiteFileError) as error:
            self.disk_bar.show_reload_failed(self._file_name(), error_message(error))
            return
        if replaced is not None and replaced[0] <= position <= replaced[1]:
            # The cursor's own text was replaced: Qt would move it to the end of the change; keep its place.
            last = self.session.document.characterCount() - 1
            cursor = self.editor.textCursor()
            cursor.setPosition(min(anchor, last))
            cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(vertical)
        self.editor.horizontalScrollBar().setValue(horizontal)
        self.disk_bar.hide()
        self.status_message.emit(
            QCoreApplication.translate("ArticleView", "Reloaded {0}: another program changed it").format(
                self._file_name()
            ),
            6000,
        )

    def show_disk_differences(self) -> None:
        """A window showing what differs between the file on disk and the text in the editor."""
        dialog = self._disk_differences_dialog()
        if dialog is not None:
            # Not modal: the writer may want to look at it while choosing in the bar.
            dialog.show()

    def _disk_differences_dialog(self) -> DiffDialog | None:
        try:
            disk_text = self.session.read_disk_text()
        except (ArticleError, SiteFileError) as error:
            self._show_error(
                QCoreApplication.translate("ArticleView", "Cannot compare"), error_message(error)
            )
            return None
        dialog = DiffDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_texts(
            disk_text,
            self.editor.text(),
            QCoreApplication.translate("ArticleView", "On disk: {0}").format(self._file_name()),
            QCoreApplication.translate("ArticleView", "In the editor"),
        )
        return dialog
