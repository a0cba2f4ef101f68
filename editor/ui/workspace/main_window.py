"""The main window: the site's articles in a sidebar, one tab per open article, one preview following
the current tab, and the window's commands. Each tab is an ArticleView; the window only composes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from editor.article.validation import Severity
from editor.site.config import SiteConfig, load_site
from editor.site.errors import SiteFileError
from editor.site.recovery import RecoveryEntry, RecoveryStore
from editor.ui.article.article_view import ArticleView
from editor.ui.article.format_actions import create_format_actions
from editor.ui.core_texts import error_message
from editor.ui.dialogs.preferences import (
    AUTOSAVE_KEY,
    MIN_AUTOSAVE_SECONDS,
    Preferences,
)
from editor.ui.preview.preview_pane import PreviewPane
from editor.ui.preview.scroll_sync import ScrollSync
from editor.ui.review.review_launcher import ReviewLauncher
from editor.ui.workspace.article_operations import ArticleOperations
from editor.ui.workspace.sidebar import ArticleSidebar
from editor.ui.workspace.site_problems_view import SiteProblemsView
from editor.ui.workspace.site_workspace import SiteWorkspace
from editor.ui.workspace.window_commands import WindowViewCommands
from editor.ui.workspace.window_menus import WindowActions, build_menus
from editor.ui.workspace.window_recovery import WindowRecovery
from editor.ui.workspace.writing_tools import WritingTools

OPEN_TABS_KEY = "workspace/openTabs"


class MainWindow(ArticleOperations, WindowRecovery, WindowViewCommands, WindowActions, QMainWindow):
    """Tabs of ArticleViews over a site's workspace. `editor`, `session`, `form` and the other per-article
    parts name those of the current tab."""

    def __init__(
        self, settings: QSettings, parent: QWidget | None = None, recovery: RecoveryStore | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.recovery = recovery if recovery is not None else RecoveryStore()
        # Windows opened for further restored buffers; kept here so that Python does not collect them.
        self.recovered_windows: list[QMainWindow] = []
        self.workspace: SiteWorkspace | None = None
        self.setObjectName("MainWindow")
        self._preferences = Preferences.defaults()
        self._autosave_seconds = MIN_AUTOSAVE_SECONDS
        self._zoom_steps = 0
        self._syncs: dict[ArticleView, ScrollSync] = {}
        self._shown: ArticleView | None = None
        # One preview for all tabs: a QtWebEngine page costs some 100 MB, so it follows the current tab.
        self.preview = PreviewPane(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("articleTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.sidebar = ArticleSidebar(settings, self)
        self.site_problems = SiteProblemsView(self)
        self.position_label = QLabel(self)
        self.problem_count_label = QLabel(self)
        # The site's Markdown flavour: the preview renders, and the checks read, Markdown as the site does.
        self.flavour_label = QLabel(self)
        self._build_layout()
        build_menus(self)
        self._connect()
        self._add_view()
        # The article's git status in the status bar, and File > Review Changes (issue 14); it follows the
        # current tab (see _show_current).
        self.review = ReviewLauncher(self.session, self)
        self.statusBar().insertPermanentWidget(0, self.review.label)
        self.review_action.triggered.connect(lambda _checked=False: self.review.open_review())
        # Spelling, outline, counts, theme and focus mode (issue 13). They are built for one editor: here
        # the first tab's; following the current tab is left to their next change (see the issue note).
        self.writing_tools = WritingTools(self, self.view_menu)
        self._restore_layout()

    # ---- the current article -----------------------------------------------------------------------

    @property
    def view(self) -> ArticleView:
        """The current tab's article view."""
        current = self.tabs.currentWidget()
        assert isinstance(current, ArticleView)
        return current

    def views(self) -> list[ArticleView]:
        """Every tab's view, in tab order."""
        found = [self.tabs.widget(number) for number in range(self.tabs.count())]
        return [view for view in found if isinstance(view, ArticleView)]

    editor = property(lambda self: self.view.editor, doc="The current article's source editor.")
    session = property(lambda self: self.view.session, doc="The current article's session.")
    form = property(lambda self: self.view.form, doc="The current article's front-matter form.")
    problems = property(lambda self: self.view.problems, doc="The current article's problems panel.")
    find_bar = property(lambda self: self.view.find_bar, doc="The current article's find bar.")
    disk_bar = property(lambda self: self.view.disk_bar, doc="The current article's disk change bar.")
    file_watcher = property(lambda self: self.view.file_watcher, doc="The current article's file watcher.")
    scroll_sync = property(lambda self: self._syncs[self.view], doc="The current article's scroll sync.")

    @property
    def recovery_entry(self) -> RecoveryEntry | None:
        """The recovery store's entry for the current buffer; None until its first autosave."""
        return self.view.recovery_entry

    # ---- construction ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([660, 440])
        self.setCentralWidget(self.splitter)
        self.problem_stack = QStackedWidget(self)
        self.problems_dock = self._dock(self.tr("Problems"), "problemsDock", self.problem_stack)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.site_problems_dock = self._dock(self.tr("Site Problems"), "siteProblemsDock", self.site_problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.site_problems_dock)
        self.tabifyDockWidget(self.problems_dock, self.site_problems_dock)
        self.problems_dock.raise_()
        self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)
        self.sidebar_dock = self._dock(self.tr("Articles"), "articlesDock", self.sidebar)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sidebar_dock)
        self.resizeDocks([self.sidebar_dock], [380], Qt.Orientation.Horizontal)
        self.sidebar_dock.hide()  # until a site is open
        self.statusBar().addPermanentWidget(self.flavour_label)
        self.statusBar().addPermanentWidget(self.problem_count_label)
        self.statusBar().addPermanentWidget(self.position_label)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(lambda _index: self._show_current())
        self.tabs.tabCloseRequested.connect(lambda index: self.close_tab(index))
        self.preview.image_files_dropped.connect(lambda paths: self.view._insert_images(paths, None))
        self.sidebar.article_activated.connect(lambda article: self.open_path(article.path))
        self.site_problems.problem_activated.connect(self._open_at_line)

    def _add_view(self) -> ArticleView:
        view = ArticleView(self.recovery, self.tabs)
        view.set_autosave_interval(self._autosave_seconds)
        view.editor.set_editor_font(self._editor_font())
        view.editor.set_soft_wrap(self._preferences.soft_wrap)
        view.format_actions = create_format_actions(view, view.editor)  # type: ignore[attr-defined]
        view.format_actions["image"].triggered.connect(view.insert_image_dialog)  # type: ignore[attr-defined]
        sync = ScrollSync(view.editor, self.preview, view)
        sync.set_enabled(False)
        self._syncs[view] = sync
        self.problem_stack.addWidget(view.problems)
        view.form.setVisible(self.form_action.isChecked())

        def when_current(slot: object) -> object:
            return lambda *args: slot(*args) if view is self._shown else None  # type: ignore[operator]

        view.editor.textChanged.connect(when_current(self.preview.text_changed))
        view.editor.cursorPositionChanged.connect(when_current(self._update_position))
        view.editor.undoAvailable.connect(when_current(self.undo_action.setEnabled))
        view.editor.redoAvailable.connect(when_current(self.redo_action.setEnabled))
        view.problems.count_changed.connect(when_current(self._show_problem_count))
        view.status_message.connect(when_current(self._status))
        view.article_loaded.connect(when_current(lambda: self.preview.begin_article(view.display_name())))
        view.session.path_changed.connect(when_current(lambda _path: self._show_site_of(view)))
        view.title_changed.connect(lambda: self._update_tab(view))
        view.opened.connect(self._remember)
        view.session.saved.connect(lambda path: self._on_saved(path))
        self.tabs.addTab(view, view.display_name())
        self.tabs.setCurrentWidget(view)
        self._show_current()
        return view

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
        if self.workspace is None:
            self.sidebar_dock.hide()
            self.site_problems_dock.hide()

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.workspace is not None:
            tabs = [str(view.session.path) for view in self.views() if view.session.path is not None]
            self.settings.setValue(f"{OPEN_TABS_KEY}/{_key(self.workspace.site.root)}", tabs)
        self.settings.sync()

    def set_autosave_interval(self, seconds: int) -> None:
        """Keep unsaved edits in the recovery store `seconds` (at least 1) after the first edit since the last
        copy, in every tab, from now on and at later starts."""
        self._autosave_seconds = max(MIN_AUTOSAVE_SECONDS, int(seconds))
        for view in self.views():
            view.set_autosave_interval(self._autosave_seconds)
        self.settings.setValue(AUTOSAVE_KEY, self._autosave_seconds)

    def autosave_interval(self) -> int:
        """Seconds from the last edit to the autosave."""
        return self._autosave_seconds

    # ---- tabs --------------------------------------------------------------------------------------

    def _show_current(self) -> None:
        current = self.tabs.currentWidget()
        if not isinstance(current, ArticleView) or current is self._shown:
            return
        if self._shown is not None and self._shown in self._syncs:
            self._syncs[self._shown].set_enabled(False)
        self._shown = current
        self.problem_stack.setCurrentWidget(current.problems)
        self._show_article_menus(current)
        self.preview.set_text_provider(current.editor.text, current.editor.document)
        if hasattr(self, "review"):
            self.review.follow(current.session)
        self._show_site_of(current)
        self.preview.begin_article(current.display_name())
        self.preview.text_changed()
        self._syncs[current].set_enabled(self.sync_action.isChecked())
        self.undo_action.setEnabled(current.editor.document().isUndoAvailable())
        self.redo_action.setEnabled(current.editor.document().isRedoAvailable())
        shown = current.problems.problems()
        self._show_problem_count(
            sum(problem.severity is Severity.ERROR for problem in shown),
            sum(problem.severity is Severity.WARNING for problem in shown),
        )
        self._update_position()
        self._update_title()

    def _show_article_menus(self, view: ArticleView) -> None:
        """The Edit menu's find entries and the Format and Insert menus are the current article's."""
        for action in self.find_menu.actions():
            self.removeAction(action)
            self.edit_menu.removeAction(action)
        self.find_menu.clear()
        bar = view.find_bar
        for action in (bar.find_action, bar.find_next_action, bar.find_previous_action, bar.replace_action):
            self.addAction(action)
            self.find_menu.addAction(action)
            self.edit_menu.insertAction(self.find_menu_anchor, action)
        bar.replace_action.setText(self.tr("Find and &Replace…"))
        self.format_menu.clear()
        self.insert_menu.clear()
        actions = view.format_actions  # type: ignore[attr-defined]
        for name, action in actions.items():
            (self.insert_menu if name == "image" else self.format_menu).addAction(action)

    def _update_tab(self, view: ArticleView) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, ("● " if view.session.is_modified() else "") + view.display_name())
            self.tabs.setTabToolTip(index, str(view.session.path or ""))
        if view is self._shown:
            self._update_title()

    def tab_of(self, path: Path) -> ArticleView | None:
        """The tab that has the file at `path` open (by the file, so two names of one file are one tab)."""
        for view in self.views():
            if view.session.path is not None and _same_file(view.session.path, path):
                return view
        return None

    def close_tab(self, index: int) -> bool:
        """Close a tab after asking about its unsaved edits; the last tab leaves an empty one."""
        view = self.tabs.widget(index)
        if not isinstance(view, ArticleView) or not view.maybe_save():
            return False
        view.drop_recovery_entry()
        self.tabs.removeTab(index)
        self._syncs.pop(view, None)
        self.problem_stack.removeWidget(view.problems)
        if view is self._shown:
            self._shown = None
        view.deleteLater()
        if self.tabs.count() == 0:
            self._add_view()
        self._show_current()
        return True

    def close_current_tab(self) -> None:
        """File > Close: the current tab."""
        self.close_tab(self.tabs.currentIndex())

    # ---- opening and saving ------------------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a site folder as the workspace (its articles listed, its last tabs back), or an article in
        a tab of its own (the tab it already has, if open)."""
        if path.is_dir():
            return self.open_site(path)
        existing = self.tab_of(path)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return True
        if self.workspace is None:
            try:
                site = load_site(path)
            except SiteFileError:
                site = None
            if site is not None and site.is_article(path):
                self.open_site(site.root, restore_tabs=False)
        view = self.view if self.view.is_blank() else self._add_view()
        if not view.load(path):
            if view is not self.views()[0] or self.tabs.count() > 1:
                self.close_tab(self.tabs.indexOf(view))
            return False
        if self.workspace is not None:
            self.sidebar.select(self.workspace.index._relative(path))
        return True

    def open_site(self, folder: Path, *, restore_tabs: bool = True) -> bool:
        """Show the site at `folder` in the sidebar (indexing it, with a progress dialog the first time)."""
        try:
            site = load_site(folder)
        except SiteFileError as error:
            self._show_error(self.tr("Cannot open the site"), error_message(error))
            return False
        if self.workspace is not None and self.workspace.site.root == site.root:
            return True
        if self.workspace is not None:
            self.workspace.close()
        self.workspace = SiteWorkspace(site, self)
        self.workspace.articles_changed.connect(self._on_articles_changed)
        self.workspace.refresh_failed.connect(lambda message: self._status(message, 8000))
        self.sidebar.set_schema(site.schema)
        first_time = self.sidebar_dock.isHidden() and not self.settings.contains("window/state")
        self.sidebar_dock.show()
        self.site_problems_dock.show()
        if first_time:
            # A hidden dock keeps no size: given here, the first time a site opens in a fresh layout.
            self.resizeDocks([self.sidebar_dock], [380], Qt.Orientation.Horizontal)
        self.problems_dock.raise_()
        self.workspace.refresh(self)
        if restore_tabs:
            stored = self.settings.value(f"{OPEN_TABS_KEY}/{_key(site.root)}", [], type=list)
            for item in stored if isinstance(stored, list) else []:
                if Path(str(item)).is_file():
                    self.open_path(Path(str(item)))
        return True

    def show_latest_article(self) -> None:
        """With only the empty tab open on a site, open the site's article changed last: a site folder given
        on the command line (as `make run` gives the example site) then shows an article, not a blank one."""
        if self.workspace is None or self.tabs.count() != 1 or not self.view.is_blank():
            return
        latest = max(self.workspace.index.articles(), key=lambda article: article.modified_ns, default=None)
        if latest is not None:
            self.open_path(latest.path)

    def _on_articles_changed(self, articles: list[object]) -> None:
        self.sidebar.set_articles(articles)  # type: ignore[arg-type]
        if self.workspace is not None:
            self.site_problems.show_problems(self.workspace.site.root, self.workspace.site_problems())

    def _on_saved(self, path: Path) -> None:
        if self.workspace is not None and self.workspace.site.is_article(path):
            self.workspace.update([path])

    def _open_at_line(self, path: Path, line: int) -> None:
        if path.suffix.lower() in (".md", ".markdown") and self.open_path(path):
            self.editor.go_to_line(line)
            self.editor.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        # Back from another program, which may have changed articles in place: a refresh stats them all
        # (0.2 s for 5,000) and reads only the changed ones.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.workspace:
            self.workspace.refresh()
        super().changeEvent(event)

    def open_dialog(self) -> None:
        """Ask for an article to open."""
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Article"), start, self.tr("Markdown (*.md *.markdown)")
        )
        if name:
            self.open_path(Path(name))

    def current_site(self) -> SiteConfig:
        """The site new articles go to: the workspace's, else the current article's, else the folder's."""
        if self.workspace is not None:
            return self.workspace.site
        return self.session.site or load_site(Path.cwd())

    def new_article(self) -> None:
        """Start a new article from the site template in a new tab; it is written at the first save."""
        title, accepted = QInputDialog.getText(self, self.tr("New Article"), self.tr("Title:"))
        if not accepted:
            return
        view = self.view if self.view.is_blank() else self._add_view()
        view.start_new(self.current_site(), title.strip())

    def _insert_images(self, paths: list[Path], position: int | None) -> None:
        """Import images into the site and insert them in the current article (at `position`, or the caret)."""
        self.view._insert_images(paths, position)

    def save(self) -> bool:
        """Save the current article; one never saved asks for a name. Returns whether it was saved."""
        return self.view.save()

    def save_as(self) -> bool:
        """Ask for a name and save the current article there."""
        return self.view.save_as()

    def save_all(self) -> bool:
        """Save every article with unsaved edits; stops at the first that is not saved."""
        for view in self.views():
            if view.session.is_modified():
                self.tabs.setCurrentWidget(view)
                if not view.save():
                    return False
        return True

    def revert(self) -> None:
        """Drop the current article's edits and read the file again."""
        self.view.revert()

    def autosave(self) -> None:
        """Keep the current article's unsaved buffer in the recovery store."""
        self.view.autosave()

    def maybe_save(self) -> bool:
        """Ask about every unsaved article in one prompt; True when it is fine to close them all."""
        unsaved = [view for view in self.views() if view.session.is_modified()]
        if len(unsaved) <= 1:
            return all(view.maybe_save() for view in unsaved)
        names = "\n".join(f"• {view.display_name()}" for view in unsaved)
        answer = QMessageBox.warning(
            self,
            self.tr("Unsaved changes"),
            self.tr("These articles have unsaved changes:\n{0}\n\nSave them all?").format(names),
            QMessageBox.StandardButton.SaveAll
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.SaveAll,
        )
        if answer == QMessageBox.StandardButton.SaveAll:
            return self.save_all()
        if answer == QMessageBox.StandardButton.Discard:
            for view in unsaved:
                view.drop_recovery_entry()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            # Saved, discarded or never edited: nothing is left to recover.
            for view in self.views():
                view.drop_recovery_entry()
            self._save_layout()
            if self.workspace is not None:
                self.workspace.close()
            self.preview.shut_down()
            event.accept()
        else:
            event.ignore()

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return Path(one).absolute() == Path(other).absolute()


def _key(root: Path) -> str:
    """A settings key for a site: its path with the characters QSettings treats as separators replaced."""
    return str(root).replace("/", "|").replace("\\", "|")
