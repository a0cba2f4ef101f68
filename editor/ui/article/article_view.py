"""One article at work: its form, source, problems, find bar and disk watch, with its own undo history,
autosave and recovery entry. The window holds one per tab; the preview is the window's and follows the
current tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSplitter, QVBoxLayout, QWidget

from editor.article.document import FrontMatterFormat
from editor.article.errors import ArticleError
from editor.article.schema import DEFAULT_SCHEMA
from editor.article.slug import slugify
from editor.article.validation import Problem
from editor.site.article_files import new_article_text
from editor.site.config import SiteConfig, load_site
from editor.site.errors import ChangedOnDiskError, SiteFileError
from editor.site.recovery import AbandonedEntry, BufferInfo, RecoveryEntry, RecoveryStore
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.disk_change_bar import DiskChangeBar
from editor.ui.article.disk_watch_commands import DiskWatchCommands
from editor.ui.article.file_watcher import ArticleFileWatcher
from editor.ui.article.find_bar import FindReplaceBar
from editor.ui.article.front_matter_form import FrontMatterForm
from editor.ui.article.image_commands import ImageCommands
from editor.ui.article.problems_panel import ProblemsPanel
from editor.ui.article.source_editor import SourceEditor
from editor.ui.core_texts import error_message


class ArticleView(ImageCommands, DiskWatchCommands):
    """The session owns the text; the widgets show it and report what the user did. The problems panel
    is the view's, shown by the window in its Problems dock while the view is current."""

    # A message for the window's status bar, and how long to show it in ms (0: until the next).
    status_message = Signal(str, int)
    # The name, path or modified state changed: the tab and the window title follow.
    title_changed = Signal()
    # A file's text was loaded (opened, reverted, replaced): the preview starts it afresh.
    article_loaded = Signal()
    # The article was opened from, or saved as, this file (for the recent files).
    opened = Signal(Path)

    def __init__(self, recovery: RecoveryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery = recovery
        self._recovery_entry: RecoveryEntry | None = None
        self._autosave_timer = QTimer(self, singleShot=True)
        self._autosave_timer.timeout.connect(self.autosave)
        self.editor = SourceEditor(self)
        self.session = ArticleSession(self.editor.document(), self)
        self.find_bar = FindReplaceBar(self.editor, self)
        self.disk_bar = DiskChangeBar(self)
        self.file_watcher = ArticleFileWatcher(lambda: self.session.stamp, self)
        self.form = FrontMatterForm(DEFAULT_SCHEMA, self.session.resolve_url, self)
        self.problems = ProblemsPanel(self)
        self._build_layout()
        self._connect()
        # Nothing is open yet: building the editor must not count as an edit to save.
        self.editor.document().setModified(False)

    def _build_layout(self) -> None:
        source_column = QWidget(self)
        column = QVBoxLayout(source_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.disk_bar)
        column.addWidget(self.editor)
        column.addWidget(self.find_bar)
        self.find_bar.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("articleSplitter")
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(source_column)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 420])
        self.splitter.setChildrenCollapsible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        session = self.session
        session.front_matter_changed.connect(self._on_front_matter_changed)
        session.problems_found.connect(self._on_problems)
        session.modified_changed.connect(lambda _modified: self.title_changed.emit())
        session.modified_changed.connect(self._on_modified_changed)
        self.editor.document().contentsChanged.connect(self._on_contents_changed)
        session.path_changed.connect(lambda _path: self._on_path_changed())
        session.loaded.connect(self._on_loaded)
        self.editor.image_files_dropped.connect(self._on_image_files_dropped)
        self.editor.image_pasted.connect(self._on_image_pasted)
        self.form.field_edited.connect(self._on_field_edited)
        self.form.image_choose_requested.connect(self._choose_field_image)
        self.problems.problem_activated.connect(self._go_to_problem)
        self._connect_disk_watch()

    # ---- what the tab shows ------------------------------------------------------------------------

    def display_name(self) -> str:
        """The file's name, or "New article"."""
        return self.session.path.name if self.session.path else self.tr("New article")

    def is_blank(self) -> bool:
        """A view holding nothing yet (no file, no edits): opening an article may use it."""
        return self.session.path is None and not self.session.is_modified() and not self.editor.toPlainText()

    def set_autosave_interval(self, seconds: int) -> None:
        """Keep unsaved edits in the recovery store `seconds` after the first edit since the last copy."""
        self._autosave_timer.setInterval(seconds * 1000)

    # ---- opening and saving ------------------------------------------------------------------------

    def load(self, path: Path) -> bool:
        """Open the article at `path` in this view; says why not and returns False when it cannot."""
        try:
            self.session.load(path)
        except (ArticleError, SiteFileError) as error:
            line = getattr(error, "line", None)
            where = self.tr("Line {0}: ").format(line) if line else ""
            self._show_error(self.tr("Cannot open {0}").format(path.name), where + error_message(error))
            return False
        self.opened.emit(path)
        return True

    def start_new(self, site: SiteConfig, title: str) -> bool:
        """Start a new article of `site` from its template; it is written at the first save."""
        try:
            text = new_article_text(site, title, dt.date.today())
        except (ArticleError, SiteFileError) as error:
            self._show_error(self.tr("Cannot start a new article"), error_message(error))
            return False
        self.session.load_text(text, site)
        return True

    def save(self) -> bool:
        """Save; an article never saved asks for a name. Returns whether it was saved."""
        if self.session.path is None:
            return self.save_as()
        try:
            self.session.save()
        except ChangedOnDiskError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("The file changed on disk"),
                error_message(error)
                + "\n\n"
                + self.tr("Overwrite it with your version, or save yours under another name?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.SaveAll
                | QMessageBox.StandardButton.Cancel,
                self,
            )
            # Standard buttons keep their roles and keys; their stock words ("Save All") would mislead.
            box.button(QMessageBox.StandardButton.Save).setText(self.tr("&Overwrite"))
            box.button(QMessageBox.StandardButton.SaveAll).setText(self.tr("Save &As…"))
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            differences = None
            if self.session.path.exists():
                differences = box.addButton(self.tr("Show &Differences"), QMessageBox.ButtonRole.ActionRole)
            answer = box.exec()
            # Looking is not choosing: after the differences the same question comes back.
            while differences is not None and box.clickedButton() is differences:
                dialog = self._disk_differences_dialog()
                if dialog is not None:
                    dialog.exec()
                answer = box.exec()
            if answer == QMessageBox.StandardButton.Save:
                return self._save_forced()
            if answer == QMessageBox.StandardButton.SaveAll:
                return self.save_as()
            return False
        except SiteFileError as error:
            self._show_save_error(error)
            return False
        self.status_message.emit(
            self.tr("Saved {0}").format(self.session.path.name if self.session.path else ""), 4000
        )
        return True

    def _save_forced(self) -> bool:
        try:
            self.session.save(force=True)
        except SiteFileError as error:
            self._show_save_error(error)
            return False
        return True

    def save_as(self) -> bool:
        """Ask for a name and save there."""
        site = self.session.site
        if self.session.path is not None:
            start = str(self.session.path)
        else:
            folder = site.content_dirs[0] if site else Path.home()
            values = self.session.front_matter.values() if self.session.front_matter else {}
            start = str(folder / f"{slugify(str(values.get('title') or '')) or 'article'}.md")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Article As"), start, self.tr("Markdown (*.md *.markdown)")
        )
        if not name:
            return False
        path = Path(name)
        try:
            # The dialog has asked before replacing an existing file.
            self.session.save_as(path, force=True)
        except SiteFileError as error:
            self._show_save_error(error)
            return False
        self.opened.emit(path)
        return True

    def revert(self) -> None:
        """Drop the edits and read the file again."""
        if self.session.path is None:
            return
        if self.session.is_modified():
            answer = QMessageBox.question(
                self,
                self.tr("Revert to Saved"),
                self.tr("Discard your changes to {0}?").format(self.session.path.name),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        try:
            self.session.revert()
        except (ArticleError, SiteFileError) as error:
            self._show_error(self.tr("Cannot revert"), error_message(error))

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; True when it is fine to go on."""
        if not self.session.is_modified():
            return True
        name = self.session.path.name if self.session.path else self.tr("the new article")
        answer = QMessageBox.warning(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save your changes to {0}?").format(name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.drop_recovery_entry()
            return True
        return False

    # ---- autosave and recovery ---------------------------------------------------------------------

    @property
    def recovery_entry(self) -> RecoveryEntry | None:
        """The recovery store's entry for the open buffer; None until its first autosave."""
        return self._recovery_entry

    def autosave(self) -> None:
        """Keep the unsaved buffer in the recovery store; the article's own file is never written here."""
        if not self.session.is_modified():
            return
        site = self.session.site
        info = BufferInfo(self.session.path, site.root if site else None, self.session.base_sha256)
        data = self.session.text().encode("utf-8", "surrogatepass")
        try:
            if self._recovery_entry is None:
                self._recovery_entry = self.recovery.create_entry()
            self._recovery_entry.write(data, info)
        except SiteFileError as error:
            # Typing goes on; the next edit tries again.
            self.status_message.emit(
                self.tr("Could not keep a recovery copy: {0}").format(error_message(error)), 6000
            )

    def restore_buffer(self, abandoned: AbandonedEntry) -> None:
        """Open a recovered buffer as unsaved changes over its article (the file untouched), or as a new
        article when it was never saved or its file is gone; the entry stays until it is saved or discarded."""
        buffer = abandoned.buffer
        article = buffer.info.article
        if article is not None and article.is_file() and self.load(article):
            # One undoable edit: Undo shows the file as it is on disk.
            self.session.replace_all(buffer.text())
        else:
            self.session.load_text(buffer.text(), self._site_for(buffer.info))
        self.drop_recovery_entry()
        self._recovery_entry = abandoned.entry
        if self.session.is_modified():
            self.autosave()  # the entry now describes this buffer (and its file as it is now)
        else:
            self.drop_recovery_entry()  # the file on disk holds exactly the recovered text

    def _site_for(self, info: BufferInfo) -> SiteConfig:
        for start in (info.site_root, info.article.parent if info.article else None, Path.cwd()):
            if start is None or not start.is_dir():
                continue
            try:
                return load_site(start)
            except SiteFileError:
                continue
        return load_site(Path.cwd())

    def _on_contents_changed(self) -> None:
        # Not restarted while running: someone who never pauses still gets a copy every interval.
        if self.session.is_modified() and not self._autosave_timer.isActive():
            self._autosave_timer.start()

    def _on_modified_changed(self, modified: bool) -> None:
        if not modified:
            self.drop_recovery_entry()

    def drop_recovery_entry(self) -> None:
        """Stop the autosave and remove the buffer's recovery entry (saved, discarded or closed)."""
        self._autosave_timer.stop()
        if self._recovery_entry is not None:
            self._recovery_entry.discard()
            self._recovery_entry = None

    # ---- reacting to the session -------------------------------------------------------------------

    def _on_loaded(self) -> None:
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.article_loaded.emit()
        if self.session.site is not None:
            self.form.set_schema(self.session.site.schema)

    def _on_path_changed(self) -> None:
        self.title_changed.emit()

    def _on_front_matter_changed(self, values: object, error: object, editable: bool) -> None:
        if values is None:
            self.form.show_values(None, editable=False, error=str(error))
            return
        front = self.session.front_matter
        note = None
        if not editable and front is not None and front.format is FrontMatterFormat.YAML:
            note = self.tr("Front matter written as one {…} map can only be edited in the source.")
        self.form.show_values(values, editable=editable, read_only_note=note)  # type: ignore[arg-type]

    def _on_problems(self, problems: list[Problem]) -> None:
        self.problems.show_problems(problems)
        self.form.show_problems(problems)

    def _on_field_edited(self, key: str, value: object) -> None:
        try:
            self.session.edit_field(key, value)  # type: ignore[arg-type]
        except ArticleError as error:
            self.status_message.emit(error_message(error), 6000)

    def _go_to_problem(self, problem: Problem) -> None:
        if problem.field and self.form.isVisible() and self.session.front_matter is not None:
            self.form.focus_field(problem.field)
        else:
            self.editor.go_to_line(problem.line)
            self.editor.setFocus()

    def _show_save_error(self, error: SiteFileError) -> None:
        self._show_error(
            self.tr("Could not save"), error_message(error) + "\n\n" + self.tr("Your edits are kept.")
        )

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)
