"""The writing tools of a window: spell-check underlines, the outline dock, the status bar's counts, the
theme and focus mode, built here so the window only has to say where they go."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu

from editor.ui.article.counts_label import CountsLabel
from editor.ui.article.field_spelling import FieldSpelling, attach_field_spelling
from editor.ui.article.outline_panel import OutlinePanel, OutlineUpdater
from editor.ui.article.source_spelling import SourceSpelling
from editor.ui.article.spell_process import shared_spelling
from editor.ui.workspace.focus_mode import FocusMode
from editor.ui.workspace.theme import ThemeController

if TYPE_CHECKING:
    from editor.ui.workspace.main_window import MainWindow


class WritingTools(QObject):
    """Spelling, outline, counts, theme and focus mode for the article in `window`."""

    def __init__(self, window: MainWindow, view_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        editor, session = window.editor, window.session
        self.spelling = SourceSpelling(editor, session)
        self.spelling.failed.connect(lambda message: window.statusBar().showMessage(message, 6000))
        # The form builds its rows when an article of a site opens (the window's loaded handler runs first).
        self.field_spelling: list[FieldSpelling] = []
        session.loaded.connect(self._check_form_fields)
        self._check_form_fields()

        self.counts = CountsLabel(editor, self._words_per_minute, window)
        window.statusBar().insertPermanentWidget(0, self.counts)
        session.loaded.connect(self.counts.recount)

        self.outline = OutlinePanel(window)
        self.outline_dock = QDockWidget(self.tr("Outline"), window)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.outline_dock.hide()
        self.outline_updater = OutlineUpdater(self.outline, editor.text, shared_spelling().outline, self)
        editor.document().contentsChanged.connect(self.outline_updater.schedule)
        session.loaded.connect(self.outline_updater.update_now)
        self.outline_dock.visibilityChanged.connect(
            lambda visible: self.outline_updater.update_now() if visible else None
        )
        self.outline.heading_activated.connect(self._go_to_heading)
        editor.cursor_line_changed.connect(self.outline.mark_line)

        self.spell_action = QAction(self.tr("Check Sp&elling"), window, checkable=True, checked=True)
        self.spell_action.setObjectName("spellAction")
        self.spell_action.toggled.connect(self.spelling.set_enabled)
        self.spell_action.toggled.connect(lambda _on: self._check_form_fields())
        first = view_menu.actions()[0] if view_menu.actions() else None
        outline_toggle = self.outline_dock.toggleViewAction()
        outline_toggle.setText(self.tr("O&utline"))
        outline_toggle.setShortcut("Ctrl+Shift+O")
        for action in (self.spell_action, outline_toggle):
            view_menu.insertAction(first, action)  # type: ignore[arg-type]

        self.theme = ThemeController(window, window.settings, view_menu)
        # Spelling starts once the window shows its article (see SpellProcess.release).
        window.preview.rendered.connect(shared_spelling().release)
        self.focus = FocusMode(window)
        view_menu.addAction(self.focus.action)

    def _check_form_fields(self) -> None:
        self.field_spelling = [
            checker for checker in self.field_spelling if shiboken6.isValid(checker)
        ] + attach_field_spelling(self.window.form, self.spelling)
        for checker in self.field_spelling:
            checker.check_now()

    def _words_per_minute(self) -> int:
        site = self.window.session.site
        return site.words_per_minute if site is not None else 200

    def _go_to_heading(self, line: int) -> None:
        self.window.editor.go_to_line(line)
        self.window.editor.setFocus()
