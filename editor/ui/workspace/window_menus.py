"""The main window's menus and actions: built once here, each calling the window or its current article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

if TYPE_CHECKING:
    from collections.abc import Callable

    from editor.ui.workspace.main_window import MainWindow


class WindowActions:
    """The actions and menus build_menus gives the window, declared for the type checker."""

    review_action: QAction
    new_action: QAction
    open_action: QAction
    save_action: QAction
    save_all_action: QAction
    save_as_action: QAction
    revert_action: QAction
    close_tab_action: QAction
    close_action: QAction
    quit_action: QAction
    duplicate_action: QAction
    rename_action: QAction
    delete_action: QAction
    recent_menu: QMenu
    undo_action: QAction
    redo_action: QAction
    select_all_action: QAction
    find_menu: QMenu
    find_menu_anchor: QAction
    site_search_action: QAction
    preferences_action: QAction
    edit_menu: QMenu
    format_menu: QMenu
    insert_menu: QMenu
    wrap_action: QAction
    sync_action: QAction
    form_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    zoom_reset_action: QAction
    full_screen_action: QAction
    view_menu: QMenu
    about_action: QAction


def window_action(
    window: MainWindow,
    text: str,
    shortcut: QKeySequence.StandardKey | str | None,
    slot: Callable[[], object],
    fallback: str | None = None,
) -> QAction:
    """An action of the window; a standard key brings every binding the platform has for it, and
    `fallback` is used where the platform has none (Quit and Preferences on some Linux desktops)."""
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if fallback is not None and action.shortcut().isEmpty():
        action.setShortcut(QKeySequence(fallback))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Create the window's actions (as attributes, as the tests and the rest of the window use them) and
    its menus. The Edit menu's find entries and the Format menu belong to the current article: the window
    refills them when the tab changes (MainWindow._show_article_menus)."""
    w = window
    keys = QKeySequence.StandardKey
    w.new_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&New Article…"), keys.New, w.new_article
    )
    w.open_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Open…"), keys.Open, w.open_dialog
    )
    w.save_action = window_action(w, QCoreApplication.translate("MainWindow", "&Save"), keys.Save, w.save)
    w.save_all_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Save A&ll"), "Ctrl+Alt+S", w.save_all
    )
    w.save_as_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Save &As…"), keys.SaveAs, w.save_as
    )
    w.revert_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Revert to Saved"), None, w.revert
    )
    w.close_tab_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Close Tab"), keys.Close, w.close_current_tab
    )
    w.close_action = w.close_tab_action
    w.quit_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Quit"), keys.Quit, w.close, "Ctrl+Q"
    )
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    # Its slot is the review launcher's, connected once it exists (MainWindow.__init__).
    w.review_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Re&view Changes…"), "Ctrl+Shift+R", lambda: None
    )
    w.duplicate_action = window_action(
        w, QCoreApplication.translate("MainWindow", "D&uplicate Article"), None, w.duplicate_article
    )
    w.rename_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Re&name Article…"), None, w.rename_article
    )
    w.delete_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Delete Article…"), None, w.delete_article
    )

    file_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(w.new_action)
    file_menu.addAction(w.open_action)
    w.recent_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Open &Recent"))
    w.recent_menu.aboutToShow.connect(w._fill_recent_menu)
    file_menu.addSeparator()
    for action in (w.save_action, w.save_all_action, w.save_as_action, w.revert_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    for action in (w.duplicate_action, w.rename_action, w.delete_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(w.review_action)
    file_menu.addSeparator()
    file_menu.addAction(w.close_tab_action)
    file_menu.addAction(w.quit_action)

    edit_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    w.undo_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Undo"), keys.Undo, lambda: w.editor.undo()
    )
    w.redo_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Redo"), keys.Redo, lambda: w.editor.redo()
    )
    w.undo_action.setEnabled(False)
    w.redo_action.setEnabled(False)
    edit_menu.addAction(w.undo_action)
    edit_menu.addAction(w.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(
        window_action(w, QCoreApplication.translate("MainWindow", "Cu&t"), keys.Cut, lambda: w.editor.cut())
    )
    edit_menu.addAction(
        window_action(
            w, QCoreApplication.translate("MainWindow", "&Copy"), keys.Copy, lambda: w.editor.copy()
        )
    )
    edit_menu.addAction(
        window_action(
            w, QCoreApplication.translate("MainWindow", "&Paste"), keys.Paste, lambda: w.editor.paste()
        )
    )
    w.select_all_action = window_action(
        w,
        QCoreApplication.translate("MainWindow", "Select &All"),
        keys.SelectAll,
        lambda: w.editor.selectAll(),
    )
    edit_menu.addAction(w.select_all_action)
    edit_menu.addSeparator()
    # The current article's find bar actions go here (its keys and the menu's are one set).
    w.find_menu = QMenu(w)
    w.find_menu_anchor = edit_menu.addSeparator()
    w.site_search_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Find in &Site…"), "Ctrl+Shift+F", w.show_site_search
    )
    edit_menu.addAction(w.site_search_action)
    # Qt has no standard key for this; Ctrl+L is what most editors use (Ctrl+G is Find Next).
    edit_menu.addAction(
        window_action(
            w, QCoreApplication.translate("MainWindow", "&Go to Line…"), "Ctrl+L", w.go_to_line_dialog
        )
    )
    edit_menu.addSeparator()
    w.preferences_action = window_action(
        w,
        QCoreApplication.translate("MainWindow", "Pr&eferences…"),
        keys.Preferences,
        w.show_preferences,
        "Ctrl+,",
    )
    w.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit_menu.addAction(w.preferences_action)
    w.edit_menu = edit_menu

    w.format_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "F&ormat"))
    w.insert_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Insert"))

    view_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    w.wrap_action = QAction(
        QCoreApplication.translate("MainWindow", "Soft &Wrap"), w, checkable=True, checked=True
    )
    w.wrap_action.toggled.connect(w._on_wrap_toggled)
    view_menu.addAction(w.wrap_action)
    w.sync_action = QAction(
        QCoreApplication.translate("MainWindow", "&Sync Scrolling"), w, checkable=True, checked=True
    )
    w.sync_action.toggled.connect(w._on_sync_toggled)
    view_menu.addAction(w.sync_action)
    w.form_action = QAction(
        QCoreApplication.translate("MainWindow", "Front-Matter &Form"), w, checkable=True, checked=True
    )
    w.form_action.toggled.connect(w._on_form_toggled)
    view_menu.addAction(w.form_action)
    preview_toggle = QAction(
        QCoreApplication.translate("MainWindow", "&Preview"), w, checkable=True, checked=True
    )
    preview_toggle.toggled.connect(w.preview.setVisible)
    view_menu.addAction(preview_toggle)
    view_menu.addAction(w.problems_dock.toggleViewAction())
    view_menu.addAction(w.sidebar_dock.toggleViewAction())
    view_menu.addAction(w.site_problems_dock.toggleViewAction())
    view_menu.addSeparator()
    w.zoom_in_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Zoom &In"), keys.ZoomIn, lambda: w.zoom(1)
    )
    w.zoom_out_action = window_action(
        w, QCoreApplication.translate("MainWindow", "Zoom &Out"), keys.ZoomOut, lambda: w.zoom(-1)
    )
    # No standard key, and Ctrl+0 is Normal Text.
    w.zoom_reset_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Actual Size"), None, lambda: w.zoom(0)
    )
    for action in (w.zoom_in_action, w.zoom_out_action, w.zoom_reset_action):
        view_menu.addAction(action)
    view_menu.addSeparator()
    w.full_screen_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&Full Screen"), keys.FullScreen, lambda: None
    )
    w.full_screen_action.setCheckable(True)
    w.full_screen_action.toggled.connect(w._set_full_screen)
    view_menu.addAction(w.full_screen_action)
    w.view_menu = view_menu

    help_menu = w.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    w.about_action = window_action(
        w, QCoreApplication.translate("MainWindow", "&About Article Editor"), None, w.show_about
    )
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(w.about_action)
    about_qt = window_action(
        w, QCoreApplication.translate("MainWindow", "About &Qt"), None, QApplication.aboutQt
    )
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    help_menu.addAction(about_qt)
