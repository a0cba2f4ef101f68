"""The window's view commands: go to line, About, Preferences, wrap, sync, form, zoom and full screen."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMenu

from editor.ui.core_texts import extension_note_text
from editor.ui.dialogs.about_dialog import AboutDialog
from editor.ui.dialogs.preferences import SOFT_WRAP_KEY, SYNC_SCROLLING_KEY, Preferences, PreferencesDialog
from editor.ui.preview.preview_pane import PreviewPane
from editor.ui.preview.scroll_sync import ScrollSync

if TYPE_CHECKING:
    from editor.ui.article.article_session import ArticleSession
    from editor.ui.article.article_view import ArticleView
    from editor.ui.article.source_editor import SourceEditor

# Zoom moves the source by whole points and the preview by a tenth: five steps smaller, ten larger.
MIN_ZOOM = -5
MAX_ZOOM = 10
MIN_ZOOMED_POINT_SIZE = 4.0
PREVIEW_ZOOM_STEP = 0.1


MAX_RECENT_FILES = 10


class WindowViewCommands(QMainWindow):
    """Mixed into MainWindow: the commands that change how every tab shows its article."""

    settings: QSettings
    preview: PreviewPane
    wrap_action: QAction
    sync_action: QAction
    _preferences: Preferences
    _zoom_steps: int
    _shown: ArticleView | None
    _syncs: dict[ArticleView, ScrollSync]
    recent_menu: QMenu
    revert_action: QAction
    flavour_label: QLabel
    problem_count_label: QLabel
    position_label: QLabel

    if TYPE_CHECKING:

        @property
        def editor(self) -> SourceEditor: ...

        def views(self) -> list[ArticleView]: ...

        def open_path(self, path: Path) -> bool: ...

        @property
        def session(self) -> ArticleSession: ...

        def set_autosave_interval(self, seconds: int) -> None: ...

    def go_to_line_dialog(self) -> None:
        """Ask for a line number and move there."""
        line, accepted = QInputDialog.getInt(
            self,
            QCoreApplication.translate("MainWindow", "Go to Line"),
            QCoreApplication.translate("MainWindow", "Line:"),
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
        for view in self.views():
            view.editor.set_soft_wrap(on)
        # Start-up and the Preferences dialog set the action from what is already stored; only the View
        # menu's own toggle is news. It stores that one key: Preferences.save would also pin the font size
        # and autosave interval of a user who never chose them.
        if self._preferences.soft_wrap != on:
            self._preferences = dataclasses.replace(self._preferences, soft_wrap=on)
            self.settings.setValue(SOFT_WRAP_KEY, on)

    def _on_sync_toggled(self, on: bool) -> None:
        if self._shown is not None:
            self._syncs[self._shown].set_enabled(on)
        # Stored alone, as the wrap toggle is (see _on_wrap_toggled).
        if self._preferences.sync_scrolling != on:
            self._preferences = dataclasses.replace(self._preferences, sync_scrolling=on)
            self.settings.setValue(SYNC_SCROLLING_KEY, on)

    def _on_form_toggled(self, on: bool) -> None:
        for view in self.views():
            view.form.setVisible(on)

    def apply_preferences(self, preferences: Preferences) -> None:
        """Use `preferences` from now on: editor font (at normal zoom), wrap, the preview's stylesheet and
        the autosave interval. The language is read at start-up only."""
        self._preferences = preferences
        self._zoom_steps = 0
        for view in self.views():
            view.editor.set_editor_font(preferences.editor_font())
        if self.preview.started:
            self.preview.view.setZoomFactor(1.0)
        self.wrap_action.setChecked(preferences.soft_wrap)
        self.sync_action.setChecked(preferences.sync_scrolling)
        self.preview.set_stylesheet_choice(preferences)
        self.set_autosave_interval(preferences.autosave_seconds)

    def _editor_font(self) -> QFont:
        font = self._preferences.editor_font()
        font.setPointSizeF(max(font.pointSizeF() + self._zoom_steps, MIN_ZOOMED_POINT_SIZE))
        return font

    def zoom(self, steps: int) -> None:
        """Make the source and the preview larger (steps > 0), smaller (< 0), or their usual size (0)."""
        self._zoom_steps = 0 if steps == 0 else min(max(self._zoom_steps + steps, MIN_ZOOM), MAX_ZOOM)
        for view in self.views():
            view.editor.set_editor_font(self._editor_font())
        if self.preview.started:
            self.preview.view.setZoomFactor(1.0 + PREVIEW_ZOOM_STEP * self._zoom_steps)

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

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
            empty = self.recent_menu.addAction(QCoreApplication.translate("MainWindow", "No recent articles"))
            empty.setEnabled(False)
            return
        for path in files:
            action = self.recent_menu.addAction(f"{path.name}  —  {path.parent}")
            action.triggered.connect(lambda _checked=False, target=path: self.open_path(target))

    def _show_site_of(self, view: ArticleView) -> None:
        site = view.session.site
        if site is not None:
            self.preview.set_site(site, view.session.path)
            flavour = site.markdown
            self.flavour_label.setText(flavour.flavour.label)
            source = (
                QCoreApplication.translate("MainWindow", "inferred from the site's files")
                if flavour.source == "inferred"
                else QCoreApplication.translate("MainWindow", "as {0} says").format(flavour.source)
            )
            tooltip = QCoreApplication.translate(
                "MainWindow", "The preview renders Markdown as {0}, {1}."
            ).format(flavour.flavour.label, source)
            # The site's extensions the preview leaves out, each with why.
            notes = [extension_note_text(note) for note in flavour.loaded_extensions().notes]
            self.flavour_label.setToolTip("\n".join([tooltip, *notes]))
        self._update_title()

    def _show_problem_count(self, errors: int, warnings: int) -> None:
        self.problem_count_label.setText(
            QCoreApplication.translate("MainWindow", "{0} errors, {1} warnings").format(errors, warnings)
        )

    def _update_position(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(
            QCoreApplication.translate("MainWindow", "Line {0}, column {1}").format(
                cursor.blockNumber() + 1, cursor.positionInBlock() + 1
            )
        )

    def _update_title(self) -> None:
        name = (
            self.session.path.name
            if self.session.path
            else QCoreApplication.translate("MainWindow", "New article")
        )
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "{0}[*] — Article Editor").format(name))
        self.setWindowModified(self.session.is_modified())
        self.revert_action.setEnabled(self.session.path is not None)

    def _status(self, message: str, milliseconds: int) -> None:
        if message:
            self.statusBar().showMessage(message, milliseconds)
        else:
            self.statusBar().clearMessage()
