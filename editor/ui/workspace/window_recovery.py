"""The window's recovery offer: buffers an editor that died left unsaved, restored into tabs or windows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMainWindow, QTabWidget

from editor.article.errors import ArticleError
from editor.site.article_files import open_article
from editor.site.errors import SiteFileError
from editor.site.recovery import AbandonedEntry, RecoveryEntry, RecoveryStore
from editor.ui.core_texts import error_message
from editor.ui.dialogs.recovery_dialog import RecoverableBuffer, RecoveryDialog

if TYPE_CHECKING:
    from pathlib import Path

    from editor.ui.article.article_session import ArticleSession
    from editor.ui.article.article_view import ArticleView


class WindowRecovery(QMainWindow):
    """Mixed into MainWindow: offer_recovery and restore_buffer."""

    settings: QSettings
    recovery: RecoveryStore
    recovered_windows: list[QMainWindow]
    tabs: QTabWidget

    if TYPE_CHECKING:

        @property
        def view(self) -> ArticleView: ...

        @property
        def session(self) -> ArticleSession: ...

        @property
        def recovery_entry(self) -> RecoveryEntry | None: ...

        def tab_of(self, path: Path) -> ArticleView | None: ...

        def _add_view(self) -> ArticleView: ...

        def _status(self, message: str, milliseconds: int) -> None: ...

    def offer_recovery(self) -> None:
        """Offer the buffers that editors which died left unsaved: restore (each in a window) or discard."""
        try:
            abandoned = self.recovery.claim_abandoned()
        except SiteFileError as error:
            self._status(error_message(error), 6000)
            return
        if not abandoned:
            return
        dialog = RecoveryDialog([self._recoverable(item) for item in abandoned], self)
        if dialog.exec() != RecoveryDialog.DialogCode.Accepted:
            for item in abandoned:
                item.entry.release()  # decided later: offered again at the next start
            return
        for item, restore in zip(abandoned, dialog.restore_flags(), strict=True):
            if not restore:
                item.entry.discard()
            elif not self.session.is_modified() and self.recovery_entry is None:
                self.restore_buffer(item)
            else:
                from editor.ui.workspace.main_window import MainWindow

                window = MainWindow(self.settings, recovery=self.recovery)
                window.show()
                window.restore_buffer(item)
                self.recovered_windows.append(window)

    def restore_buffer(self, abandoned: AbandonedEntry) -> None:
        """Open a recovered buffer as unsaved changes over its article (the file untouched), or as a new
        article when it was never saved or its file is gone."""
        article = abandoned.buffer.info.article
        view = self.tab_of(article) if article is not None else None
        if view is None:
            view = self.view if self.view.is_blank() else self._add_view()
        self.tabs.setCurrentWidget(view)
        view.restore_buffer(abandoned)

    def _recoverable(self, abandoned: AbandonedEntry) -> RecoverableBuffer:
        buffer = abandoned.buffer
        article = buffer.info.article
        disk_text = None
        disk_changed = False
        if article is not None:
            try:
                on_disk = open_article(article)
            except (ArticleError, SiteFileError):
                on_disk = None
            if on_disk is not None:
                disk_text = on_disk.text
                base = buffer.info.base_sha256
                disk_changed = base is not None and on_disk.stamp.sha256 != base
        name = (
            article.name if article is not None else QCoreApplication.translate("MainWindow", "New article")
        )
        return RecoverableBuffer(name, buffer.saved_at, buffer.text(), disk_text, disk_changed)
