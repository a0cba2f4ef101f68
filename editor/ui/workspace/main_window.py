"""The main window: form, source and preview side by side, problems below, and the file commands."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.article.block_insertion import as_own_paragraph
from editor.article.document import FrontMatterFormat
from editor.article.errors import ArticleError
from editor.article.schema import DEFAULT_SCHEMA
from editor.article.slug import slugify
from editor.article.validation import Problem
from editor.site.article_files import new_article_text, open_article
from editor.site.config import SiteConfig, load_site
from editor.site.errors import ChangedOnDiskError, SiteFileError
from editor.site.image_import import ImportedImage
from editor.site.recovery import AbandonedEntry, BufferInfo, RecoveryEntry, RecoveryStore
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.diff_view import DiffDialog
from editor.ui.article.disk_change_bar import DiskChangeBar
from editor.ui.article.file_watcher import ArticleFileWatcher
from editor.ui.article.find_bar import FindReplaceBar
from editor.ui.article.format_actions import create_format_actions
from editor.ui.article.front_matter_form import FrontMatterForm
from editor.ui.article.problems_panel import ProblemsPanel
from editor.ui.article.source_editor import SourceEditor
from editor.ui.article.text_positions import text_offset
from editor.ui.core_texts import error_message, extension_note_text
from editor.ui.dialogs.about_dialog import AboutDialog
from editor.ui.dialogs.preferences import (
    AUTOSAVE_KEY,
    MIN_AUTOSAVE_SECONDS,
    SOFT_WRAP_KEY,
    SYNC_SCROLLING_KEY,
    Preferences,
    PreferencesDialog,
)
from editor.ui.dialogs.recovery_dialog import RecoverableBuffer, RecoveryDialog
from editor.ui.preview.preview_pane import PreviewPane
from editor.ui.preview.scroll_sync import ScrollSync
from editor.ui.review.review_launcher import ReviewLauncher
from editor.ui.workspace.writing_tools import WritingTools

MAX_RECENT_FILES = 10
# Zoom moves the source by whole points and the preview by a tenth: five steps smaller, ten larger.
MIN_ZOOM = -5
MAX_ZOOM = 10
MIN_ZOOMED_POINT_SIZE = 4.0
PREVIEW_ZOOM_STEP = 0.1


def markdown_image(alt: str, url: str) -> str:
    """`![alt](url)` with the characters that would end the alt text or the URL escaped."""
    escaped_alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{url}>" if any(char in url for char in " ()") else url
    return f"![{escaped_alt}]({target})"


def _alt_from_name(name: str) -> str:
    stem = Path(name).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:]


class MainWindow(QMainWindow):
    """One article at a time: the session owns the text, the widgets show it and report what the user did."""

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, recovery: RecoveryStore | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.recovery = recovery if recovery is not None else RecoveryStore()
        self._recovery_entry: RecoveryEntry | None = None
        # Windows opened for further restored buffers; kept here so that Python does not collect them.
        self.recovered_windows: list[MainWindow] = []
        self._autosave_timer = QTimer(self, singleShot=True)
        self._autosave_timer.timeout.connect(self.autosave)
        self.setObjectName("MainWindow")
        self.editor = SourceEditor(self)
        self.session = ArticleSession(self.editor.document(), self)
        self.find_bar = FindReplaceBar(self.editor, self)
        self.disk_bar = DiskChangeBar(self)
        self.file_watcher = ArticleFileWatcher(lambda: self.session.stamp, self)
        self.form = FrontMatterForm(DEFAULT_SCHEMA, self.session.resolve_url, self)
        self.preview = PreviewPane(self)
        self.scroll_sync = ScrollSync(self.editor, self.preview, self)
        self.problems = ProblemsPanel(self)
        self.position_label = QLabel(self)
        self.problem_count_label = QLabel(self)
        # The site's Markdown flavour: the preview renders, and the checks read, Markdown as the site does.
        self.flavour_label = QLabel(self)
        # The article's git status in the status bar, and File > Review Changes (issue 14).
        self.review = ReviewLauncher(self.session, self)
        self._preferences = Preferences.defaults()
        self._zoom_steps = 0
        self._build_layout()
        self._create_actions()
        self._connect()
        self.writing_tools = WritingTools(self, self.view_menu)
        self._restore_layout()
        # Nothing is open yet: building the editor must not count as an edit to save.
        self.editor.document().setModified(False)
        self._update_title()

    # ---- construction ------------------------------------------------------------------------------

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
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(source_column)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([340, 560, 560])
        self.splitter.setChildrenCollapsible(True)
        self.setCentralWidget(self.splitter)

        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.problems_dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.resizeDocks([self.problems_dock], [130], Qt.Orientation.Vertical)

        self.statusBar().addPermanentWidget(self.review.label)
        self.statusBar().addPermanentWidget(self.flavour_label)
        self.statusBar().addPermanentWidget(self.problem_count_label)
        self.statusBar().addPermanentWidget(self.position_label)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None,
        slot: object,
        fallback: str | None = None,
    ) -> QAction:
        """An action of the window; a standard key brings every binding the platform has for it, and
        `fallback` is used where the platform has none (Quit and Preferences on some Linux desktops)."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if fallback is not None and action.shortcut().isEmpty():
            action.setShortcut(QKeySequence(fallback))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New Article…"), keys.New, self.new_article)
        self.open_action = self._action(self.tr("&Open…"), keys.Open, self.open_dialog)
        self.save_action = self._action(self.tr("&Save"), keys.Save, self.save)
        self.save_as_action = self._action(self.tr("Save &As…"), keys.SaveAs, self.save_as)
        self.revert_action = self._action(self.tr("&Revert to Saved"), None, self.revert)
        self.close_action = self._action(self.tr("&Close"), keys.Close, self.close)
        self.review_action = self._action(
            self.tr("Re&view Changes…"), "Ctrl+Shift+R", self.review.open_review
        )
        self.quit_action = self._action(self.tr("&Quit"), keys.Quit, self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.revert_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.review_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), keys.Undo, self.editor.undo)
        self.redo_action = self._action(self.tr("&Redo"), keys.Redo, self.editor.redo)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.editor.undoAvailable.connect(self.undo_action.setEnabled)
        self.editor.redoAvailable.connect(self.redo_action.setEnabled)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action(self.tr("Cu&t"), keys.Cut, self.editor.cut))
        edit_menu.addAction(self._action(self.tr("&Copy"), keys.Copy, self.editor.copy))
        edit_menu.addAction(self._action(self.tr("&Paste"), keys.Paste, self.editor.paste))
        self.select_all_action = self._action(self.tr("Select &All"), keys.SelectAll, self.editor.selectAll)
        edit_menu.addAction(self.select_all_action)
        edit_menu.addSeparator()
        # The bar's own actions, so its keys and the menu's are one set.
        for action in (
            self.find_bar.find_action,
            self.find_bar.find_next_action,
            self.find_bar.find_previous_action,
            self.find_bar.replace_action,
        ):
            self.addAction(action)
            edit_menu.addAction(action)
        self.find_bar.replace_action.setText(self.tr("Find and &Replace…"))
        # Qt has no standard key for this; Ctrl+L is what most editors use (Ctrl+G is Find Next).
        edit_menu.addAction(self._action(self.tr("&Go to Line…"), "Ctrl+L", self.go_to_line_dialog))
        edit_menu.addSeparator()
        self.preferences_action = self._action(
            self.tr("Pr&eferences…"), keys.Preferences, self.show_preferences, "Ctrl+,"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(self.preferences_action)

        self.format_actions = create_format_actions(self, self.editor)
        format_menu = self.menuBar().addMenu(self.tr("F&ormat"))
        for name, action in self.format_actions.items():
            if name == "image":
                continue
            format_menu.addAction(action)
        insert_menu = self.menuBar().addMenu(self.tr("&Insert"))
        image_action = self.format_actions["image"]
        image_action.triggered.connect(self.insert_image_dialog)
        insert_menu.addAction(image_action)

        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.wrap_action = QAction(self.tr("Soft &Wrap"), self, checkable=True, checked=True)
        self.wrap_action.toggled.connect(self._on_wrap_toggled)
        view_menu.addAction(self.wrap_action)
        self.sync_action = QAction(self.tr("&Sync Scrolling"), self, checkable=True, checked=True)
        self.sync_action.toggled.connect(self._on_sync_toggled)
        view_menu.addAction(self.sync_action)
        for widget, text in ((self.form, self.tr("Front-Matter &Form")), (self.preview, self.tr("&Preview"))):
            toggle = QAction(text, self, checkable=True, checked=True)
            toggle.toggled.connect(widget.setVisible)
            view_menu.addAction(toggle)
        view_menu.addAction(self.problems_dock.toggleViewAction())
        view_menu.addSeparator()
        self.zoom_in_action = self._action(self.tr("Zoom &In"), keys.ZoomIn, lambda: self.zoom(1))
        self.zoom_out_action = self._action(self.tr("Zoom &Out"), keys.ZoomOut, lambda: self.zoom(-1))
        # No standard key, and Ctrl+0 is Normal Text.
        self.zoom_reset_action = self._action(self.tr("&Actual Size"), None, lambda: self.zoom(0))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.full_screen_action = self._action(
            self.tr("&Full Screen"), keys.FullScreen, self._set_full_screen
        )
        self.full_screen_action.setCheckable(True)
        view_menu.addAction(self.full_screen_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Article Editor"), None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)
        about_qt = self._action(self.tr("About &Qt"), None, QApplication.aboutQt)
        about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
        help_menu.addAction(about_qt)

    def _connect(self) -> None:
        session = self.session
        session.front_matter_changed.connect(self._on_front_matter_changed)
        session.problems_found.connect(self._on_problems)
        session.modified_changed.connect(lambda _modified: self._update_title())
        session.modified_changed.connect(self._on_modified_changed)
        self.editor.document().contentsChanged.connect(self._on_contents_changed)
        session.path_changed.connect(lambda _path: self._on_path_changed())
        session.loaded.connect(self._on_loaded)
        # The preview pulls the text when it is ready to render, so typing never copies a large article.
        self.preview.set_text_provider(self.editor.text, self.editor.document)
        self.editor.textChanged.connect(self.preview.text_changed)
        self.editor.cursorPositionChanged.connect(self._update_position)
        self.editor.image_files_dropped.connect(self._on_image_files_dropped)
        self.editor.image_pasted.connect(self._on_image_pasted)
        self.preview.image_files_dropped.connect(lambda paths: self._insert_images(paths, None))
        self.form.field_edited.connect(self._on_field_edited)
        self.form.image_choose_requested.connect(self._choose_field_image)
        self.problems.problem_activated.connect(self._go_to_problem)
        self.problems.count_changed.connect(self._show_problem_count)
        self._connect_disk_watch()

    # ---- settings ----------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray) and not sizes.isEmpty():
            self.splitter.restoreState(sizes)
        self.apply_preferences(Preferences.load(self.settings))

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def set_autosave_interval(self, seconds: int) -> None:
        """Keep unsaved edits in the recovery store `seconds` (at least 1) after the first edit since the last
        copy, from now on and at later starts."""
        seconds = max(MIN_AUTOSAVE_SECONDS, int(seconds))
        self._autosave_timer.setInterval(seconds * 1000)
        self.settings.setValue(AUTOSAVE_KEY, seconds)

    def autosave_interval(self) -> int:
        """Seconds from the last edit to the autosave."""
        return self._autosave_timer.interval() // 1000

    def recent_files(self) -> list[Path]:
        """Recently opened articles that still exist, newest first."""
        stored = self.settings.value("recentFiles", [], type=list)
        items = stored if isinstance(stored, list) else []
        return [Path(str(item)) for item in items if Path(str(item)).is_file()]

    def _remember(self, path: Path) -> None:
        files = [str(path.resolve())] + [
            str(item) for item in self.recent_files() if item.resolve() != path.resolve()
        ]
        self.settings.setValue("recentFiles", files[:MAX_RECENT_FILES])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent articles"))
            empty.setEnabled(False)
            return
        for path in files:
            action = self.recent_menu.addAction(f"{path.name}  —  {path.parent}")
            action.triggered.connect(lambda _checked=False, target=path: self.open_path(target))

    # ---- opening and saving ------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open an article, or the most recently changed article of a site folder, after asking to save."""
        if not self.maybe_save():
            return False
        target = path
        if path.is_dir():
            try:
                articles = load_site(path).articles()
            except SiteFileError as error:
                self._show_error(self.tr("Cannot open the site"), error_message(error))
                return False
            if not articles:
                self._show_error(
                    self.tr("No articles"), self.tr("{0} holds no Markdown articles.").format(str(path))
                )
                return False
            target = max(articles, key=lambda article: article.stat().st_mtime)
        try:
            self.session.load(target)
        except (ArticleError, SiteFileError) as error:
            line = getattr(error, "line", None)
            where = self.tr("Line {0}: ").format(line) if line else ""
            self._show_error(self.tr("Cannot open {0}").format(target.name), where + error_message(error))
            return False
        self._remember(target)
        return True

    def open_dialog(self) -> None:
        """Ask for an article to open."""
        if not self.maybe_save():
            return
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Article"), start, self.tr("Markdown (*.md *.markdown)")
        )
        if name:
            self.open_path(Path(name))

    def new_article(self) -> None:
        """Start a new article from the site template; it is written at the first save."""
        if not self.maybe_save():
            return
        site = self.session.site or load_site(Path.cwd())
        title, accepted = QInputDialog.getText(self, self.tr("New Article"), self.tr("Title:"))
        if not accepted:
            return
        try:
            text = new_article_text(site, title.strip(), dt.date.today())
        except (ArticleError, SiteFileError) as error:
            self._show_error(self.tr("Cannot start a new article"), error_message(error))
            return
        self.session.load_text(text, site)

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
        self.statusBar().showMessage(
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
        self._remember(path)
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
            self._drop_recovery_entry()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            # Saved, discarded or never edited: nothing is left to recover.
            self._drop_recovery_entry()
            self._save_layout()
            self.preview.shut_down()
            event.accept()
        else:
            event.ignore()

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
            self.statusBar().showMessage(
                self.tr("Could not keep a recovery copy: {0}").format(error_message(error)), 6000
            )

    def offer_recovery(self) -> None:
        """Offer the buffers that editors which died left unsaved: restore (each in a window) or discard."""
        try:
            abandoned = self.recovery.claim_abandoned()
        except SiteFileError as error:
            self.statusBar().showMessage(error_message(error), 6000)
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
            elif not self.session.is_modified() and self._recovery_entry is None:
                self.restore_buffer(item)
            else:
                window = MainWindow(self.settings, recovery=self.recovery)
                window.show()
                window.restore_buffer(item)
                self.recovered_windows.append(window)

    def restore_buffer(self, abandoned: AbandonedEntry) -> None:
        """Open a recovered buffer as unsaved changes over its article (the file untouched), or as a new
        article when it was never saved or its file is gone; the entry stays until it is saved or discarded."""
        buffer = abandoned.buffer
        article = buffer.info.article
        if article is not None and article.is_file() and self.open_path(article):
            # One undoable edit: Undo shows the file as it is on disk.
            self.session.replace_all(buffer.text())
        else:
            self.session.load_text(buffer.text(), self._site_for(buffer.info))
        self._drop_recovery_entry()
        self._recovery_entry = abandoned.entry
        if self.session.is_modified():
            self.autosave()  # the entry now describes this buffer (and its file as it is now)
        else:
            self._drop_recovery_entry()  # the file on disk holds exactly the recovered text

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
        name = article.name if article is not None else self.tr("New article")
        return RecoverableBuffer(name, buffer.saved_at, buffer.text(), disk_text, disk_changed)

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
            self._drop_recovery_entry()

    def _drop_recovery_entry(self) -> None:
        self._autosave_timer.stop()
        if self._recovery_entry is not None:
            self._recovery_entry.discard()
            self._recovery_entry = None

    # ---- images ------------------------------------------------------------------------------------

    def insert_image_dialog(self) -> None:
        """Choose image files, import them into the site and insert them at the cursor."""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Insert Image"),
            str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)"),
        )
        self._insert_images([Path(name) for name in names], None)

    def _on_image_files_dropped(self, paths: list[Path], position: int) -> None:
        self._insert_images(paths, position)

    def _insert_images(self, paths: list[Path], position: int | None) -> None:
        if self.session.site is None:
            return
        if position is not None:
            cursor = self.editor.textCursor()
            cursor.setPosition(position)
            self.editor.setTextCursor(cursor)
        for path in paths:
            try:
                imported = self.session.import_image_file(path)
            except SiteFileError as error:
                self._show_error(self.tr("Cannot insert {0}").format(path.name), error_message(error))
                continue
            self._insert_imported(imported, _alt_from_name(path.name))

    def _on_image_pasted(self, image: QImage) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, b"PNG")
        name = f"pasted-image-{dt.datetime.now():%Y%m%d-%H%M%S}.png"
        try:
            imported = self.session.import_image_data(bytes(buffer.data().data()), name)
        except SiteFileError as error:
            self._show_error(self.tr("Cannot paste the image"), error_message(error))
            return
        self._insert_imported(imported, "")

    def _insert_imported(self, imported: ImportedImage, suggested_alt: str) -> None:
        alt = self.ask_alt_text(imported.url, suggested_alt)
        if alt is None:
            return
        # A paragraph of its own: typed after a quote or inside a paragraph, it would join them.
        text, cursor = self.editor.text(), self.editor.textCursor()
        start = text_offset(text, cursor.selectionStart())
        end = text_offset(text, cursor.selectionEnd())
        image = markdown_image(alt, imported.url)
        self.editor.insert_text_at_cursor(as_own_paragraph(text[:start], image, text[end:]))

    def ask_alt_text(self, url: str, suggested: str) -> str | None:
        """Ask what the image shows, for readers who cannot see it; None when cancelled."""
        alt, accepted = QInputDialog.getText(
            self,
            self.tr("Describe the image"),
            self.tr("Alt text for {0} (what the image shows, for readers who cannot see it):").format(url),
            text=suggested,
        )
        return alt.strip() if accepted else None

    def _choose_field_image(self, key: str) -> None:
        if self.session.site is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose Image"),
            str(self.session.site.image_dir),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)"),
        )
        if not name:
            return
        try:
            imported = self.session.import_image_file(Path(name))
        except SiteFileError as error:
            self._show_error(self.tr("Cannot use {0}").format(Path(name).name), error_message(error))
            return
        self.session.edit_field(key, imported.url)
        alt_spec = next((spec for spec in self.session.site.schema.fields if spec.alt_for == key), None)
        if alt_spec is not None:
            values = self.session.front_matter.values() if self.session.front_matter else {}
            current = values.get(alt_spec.name)
            alt = self.ask_alt_text(
                imported.url, str(current) if current else _alt_from_name(Path(name).name)
            )
            if alt is not None:
                self.session.edit_field(alt_spec.name, alt)

    # ---- the file on disk changing under the editor -------------------------------------------------

    def _connect_disk_watch(self) -> None:
        self.session.path_changed.connect(self._watch_file)
        self.session.saved.connect(lambda _path: self.file_watcher.note_saved())
        self.file_watcher.changed_on_disk.connect(self._on_changed_on_disk)
        self.file_watcher.deleted.connect(self._on_file_deleted)
        self.file_watcher.back_in_sync.connect(self._on_file_back_in_sync)
        self.file_watcher.check_failed.connect(lambda message: self.statusBar().showMessage(message, 6000))
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
        self.statusBar().showMessage(self.tr("{0} was deleted or moved").format(self._file_name()))

    def _on_file_back_in_sync(self) -> None:
        self.disk_bar.hide()
        self.statusBar().clearMessage()
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
        self.statusBar().showMessage(
            self.tr("Reloaded {0}: another program changed it").format(self._file_name()), 6000
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
            self._show_error(self.tr("Cannot compare"), error_message(error))
            return None
        dialog = DiffDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_texts(
            disk_text,
            self.editor.text(),
            self.tr("On disk: {0}").format(self._file_name()),
            self.tr("In the editor"),
        )
        return dialog

    # ---- reacting to the session -------------------------------------------------------------------

    def _on_loaded(self) -> None:
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.preview.begin_article(self._file_name() or self.tr("New article"))
        # The preview already has the text (the editor said so) and the site (path_changed came first).
        if self.session.site is not None:
            self.form.set_schema(self.session.site.schema)

    def _on_path_changed(self) -> None:
        site = self.session.site
        if site is not None:
            self.preview.set_site(site, self.session.path)
            flavour = site.markdown
            self.flavour_label.setText(flavour.flavour.label)
            source = (
                self.tr("inferred from the site's files")
                if flavour.source == "inferred"
                else self.tr("as {0} says").format(flavour.source)
            )
            tooltip = self.tr("The preview renders Markdown as {0}, {1}.").format(
                flavour.flavour.label, source
            )
            # The site's extensions the preview leaves out, each with why.
            notes = [extension_note_text(note) for note in flavour.loaded_extensions().notes]
            self.flavour_label.setToolTip("\n".join([tooltip, *notes]))
        self._update_title()

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

    def _show_problem_count(self, errors: int, warnings: int) -> None:
        self.problem_count_label.setText(self.tr("{0} errors, {1} warnings").format(errors, warnings))

    def _on_field_edited(self, key: str, value: object) -> None:
        try:
            self.session.edit_field(key, value)  # type: ignore[arg-type]
        except ArticleError as error:
            self.statusBar().showMessage(error_message(error), 6000)

    def _go_to_problem(self, problem: Problem) -> None:
        if problem.field and self.form.isVisible() and self.session.front_matter is not None:
            self.form.focus_field(problem.field)
        else:
            self.editor.go_to_line(problem.line)
            self.editor.setFocus()

    def _update_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(
            self.tr("Line {0}, column {1}").format(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)
        )

    def _update_title(self) -> None:
        name = self.session.path.name if self.session.path else self.tr("New article")
        self.setWindowTitle(self.tr("{0}[*] — Article Editor").format(name))
        self.setWindowModified(self.session.is_modified())
        self.revert_action.setEnabled(self.session.path is not None)

    def go_to_line_dialog(self) -> None:
        """Ask for a line number and move there."""
        line, accepted = QInputDialog.getInt(
            self,
            self.tr("Go to Line"),
            self.tr("Line:"),
            self.editor.textCursor().blockNumber() + 1,
            1,
            self.editor.blockCount(),
        )
        if accepted:
            self.editor.go_to_line(line)

    def show_about(self) -> None:
        """The About box."""
        AboutDialog(self.settings, self).exec()

    def show_preferences(self) -> None:
        """Edit the preferences; OK stores and applies them, Cancel changes nothing."""
        dialog = PreferencesDialog(Preferences.load(self.settings), self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        chosen = dialog.preferences()
        chosen.save(self.settings)
        self.apply_preferences(chosen)

    def _on_wrap_toggled(self, on: bool) -> None:
        self.editor.set_soft_wrap(on)
        # Start-up and the Preferences dialog set the action from what is already stored; only the View
        # menu's own toggle is news. It stores that one key: Preferences.save would also pin the font size
        # and autosave interval of a user who never chose them.
        if self._preferences.soft_wrap != on:
            self._preferences = dataclasses.replace(self._preferences, soft_wrap=on)
            self.settings.setValue(SOFT_WRAP_KEY, on)

    def _on_sync_toggled(self, on: bool) -> None:
        self.scroll_sync.set_enabled(on)
        # Stored alone, as the wrap toggle is (see _on_wrap_toggled).
        if self._preferences.sync_scrolling != on:
            self._preferences = dataclasses.replace(self._preferences, sync_scrolling=on)
            self.settings.setValue(SYNC_SCROLLING_KEY, on)

    def apply_preferences(self, preferences: Preferences) -> None:
        """Use `preferences` from now on: editor font (at normal zoom), wrap, the preview's stylesheet and
        the autosave interval. The language is read at start-up only."""
        self._preferences = preferences
        self._zoom_steps = 0
        self.editor.set_editor_font(preferences.editor_font())
        if self.preview.started:
            self.preview.view.setZoomFactor(1.0)
        self.wrap_action.setChecked(preferences.soft_wrap)
        self.sync_action.setChecked(preferences.sync_scrolling)
        self.preview.set_stylesheet_choice(preferences)
        self.set_autosave_interval(preferences.autosave_seconds)

    def zoom(self, steps: int) -> None:
        """Make the source and the preview larger (steps > 0), smaller (< 0), or their usual size (0)."""
        self._zoom_steps = 0 if steps == 0 else min(max(self._zoom_steps + steps, MIN_ZOOM), MAX_ZOOM)
        font = self._preferences.editor_font()
        font.setPointSizeF(max(font.pointSizeF() + self._zoom_steps, MIN_ZOOMED_POINT_SIZE))
        self.editor.set_editor_font(font)
        if self.preview.started:
            self.preview.view.setZoomFactor(1.0 + PREVIEW_ZOOM_STEP * self._zoom_steps)

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _show_save_error(self, error: SiteFileError) -> None:
        self._show_error(
            self.tr("Could not save"), error_message(error) + "\n\n" + self.tr("Your edits are kept.")
        )

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)
