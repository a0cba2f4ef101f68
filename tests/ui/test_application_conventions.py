"""Desktop conventions of the real window: standard shortcuts without clashes, the About box, zoom."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from editor import package_version
from editor.ui.dialogs.about_dialog import AboutDialog, package_license
from editor.ui.workspace.main_window import MainWindow

from .dialogs import when_dialog_opens

pytestmark = pytest.mark.gui


def reachable_actions(window: MainWindow) -> list[QAction]:
    """Every action whose shortcut can fire: it belongs to a widget of the window."""
    return [action for action in window.findChildren(QAction) if action.associatedObjects()]


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    # Window-wide and editor-only shortcuts clash too: with the editor focused both are in reach and Qt
    # fires neither ("ambiguous shortcut").
    owners: dict[str, list[str]] = defaultdict(list)
    for action in reachable_actions(window):
        if not action.isEnabled() and action not in (window.undo_action, window.redo_action):
            continue
        for sequence in action.shortcuts():
            owners[sequence.toString(QKeySequence.SequenceFormat.PortableText)].append(
                action.text().replace("&", "")
            )
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert not clashes
    assert len(owners) > 30  # the collection found the menus' actions


@pytest.mark.parametrize(
    ("name", "standard"),
    [
        ("save_action", QKeySequence.StandardKey.Save),
        ("select_all_action", QKeySequence.StandardKey.SelectAll),
        ("zoom_in_action", QKeySequence.StandardKey.ZoomIn),
        ("zoom_out_action", QKeySequence.StandardKey.ZoomOut),
        ("full_screen_action", QKeySequence.StandardKey.FullScreen),
        ("redo_action", QKeySequence.StandardKey.Redo),
    ],
)
def test_actions_use_every_standard_binding_of_the_platform(
    window: MainWindow, name: str, standard: QKeySequence.StandardKey
) -> None:
    assert getattr(window, name).shortcuts() == QKeySequence.keyBindings(standard)


def test_find_next_and_previous_are_in_the_edit_menu_with_their_standard_keys(window: MainWindow) -> None:
    bar = window.find_bar
    assert bar.find_next_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.FindNext)
    assert window in bar.find_next_action.associatedObjects()
    assert window in bar.find_previous_action.associatedObjects()


def test_preferences_and_quit_have_a_key_where_the_platform_has_none(window: MainWindow) -> None:
    for action, fallback, standard in (
        (window.preferences_action, "Ctrl+,", QKeySequence.StandardKey.Preferences),
        (window.quit_action, "Ctrl+Q", QKeySequence.StandardKey.Quit),
    ):
        expected = QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]
        assert action.shortcuts() == expected
    assert window.preferences_action.menuRole() == QAction.MenuRole.PreferencesRole


def test_zoom_keys_grow_and_shrink_the_source_from_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    window.editor.setFocus()
    size = window.editor.font().pointSizeF()
    zoom_in = window.zoom_in_action.shortcut()[0]
    qtbot.keyClick(window.editor, zoom_in.key(), zoom_in.keyboardModifiers())
    assert window.editor.font().pointSizeF() == size + 1
    zoom_out = window.zoom_out_action.shortcut()[0]
    qtbot.keyClick(window.editor, zoom_out.key(), zoom_out.keyboardModifiers())
    qtbot.keyClick(window.editor, zoom_out.key(), zoom_out.keyboardModifiers())
    assert window.editor.font().pointSizeF() == size - 1
    window.zoom_reset_action.trigger()
    assert window.editor.font().pointSizeF() == size


def test_the_about_box_tells_version_license_and_folders(qtbot: QtBot, window: MainWindow) -> None:
    texts: list[str] = []
    copied: list[str] = []

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, AboutDialog)
        texts.extend(label.text() for label in dialog.findChildren(QLabel))
        button = dialog.findChild(QPushButton, "copyVersionInfo")
        assert button is not None
        button.click()
        clipboard = QGuiApplication.clipboard()
        assert clipboard is not None
        copied.append(clipboard.text())
        dialog.reject()

    when_dialog_opens(answer)
    window.about_action.trigger()
    shown = "\n".join(texts)
    assert package_version() in shown
    assert package_license() == "MIT"
    assert "MIT" in shown
    assert window.settings.fileName() in shown
    assert copied and f"Article Editor {package_version()}" in copied[0]
    assert "Qt " in copied[0] and "Python " in copied[0]


def test_full_screen_toggles(qtbot: QtBot, window: MainWindow) -> None:
    window.full_screen_action.trigger()
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))
    window.full_screen_action.trigger()
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen)
