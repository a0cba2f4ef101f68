"""FindReplaceBar on a real SourceEditor: counting, navigation, options, replace and replace all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.ui.article.find_bar import FindReplaceBar
from editor.ui.article.source_editor import SourceEditor

pytestmark = pytest.mark.gui

TEXT = "Ryggen og ryggen.\nRYGGEN er stærk; rygsmerter er ikke ryggen.\n"


class Pane(QWidget):
    """The editor with the bar below it, as the window lays them out."""

    def __init__(self) -> None:
        super().__init__()
        self.editor = SourceEditor(self)
        self.bar = FindReplaceBar(self.editor, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.bar)


@pytest.fixture
def pane(qtbot) -> Pane:
    widget = Pane()
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    widget.editor.setPlainText(TEXT)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.editor.setFocus()
    qtbot.waitUntil(widget.editor.hasFocus)
    return widget


def selected(pane: Pane) -> tuple[int, int]:
    cursor = pane.editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def search(qtbot, pane: Pane, needle: str) -> None:
    pane.bar.show_find()
    qtbot.waitUntil(pane.bar.find_field.hasFocus)
    pane.bar.find_field.selectAll()
    qtbot.keyClicks(pane.bar.find_field, needle)


def test_typing_a_search_selects_the_first_match_and_counts(qtbot, pane: Pane) -> None:
    search(qtbot, pane, "ryggen")
    assert pane.bar.isVisible()
    assert not pane.bar.replace_field.isVisible()
    assert len(pane.bar.matches()) == 4
    assert selected(pane) == (0, 6)
    assert pane.bar.counter_label.text() == "1 of 4"


def test_enter_and_shift_enter_move_between_matches_and_wrap(qtbot, pane: Pane) -> None:
    search(qtbot, pane, "ryggen")
    field = pane.bar.find_field
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pane.bar.counter_label.text() == "2 of 4"
    assert pane.editor.textCursor().selectedText() == "ryggen"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pane.bar.counter_label.text() == "4 of 4"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pane.bar.counter_label.text() == "1 of 4"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.bar.counter_label.text() == "4 of 4"
    qtbot.keyClick(field, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier)
    assert pane.bar.counter_label.text() == "3 of 4"


def test_case_and_whole_word_options_narrow_the_search(qtbot, pane: Pane) -> None:
    search(qtbot, pane, "ryg")
    assert len(pane.bar.matches()) == 5
    qtbot.mouseClick(pane.bar.case_button, Qt.MouseButton.LeftButton)
    assert len(pane.bar.matches()) == 3
    assert pane.editor.textCursor().selectedText() == "ryg"
    qtbot.mouseClick(pane.bar.case_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pane.bar.whole_word_button, Qt.MouseButton.LeftButton)
    assert pane.bar.matches() == []
    pane.bar.find_field.selectAll()
    qtbot.keyClicks(pane.bar.find_field, "ryggen")
    assert len(pane.bar.matches()) == 4


def test_no_match_tints_the_field_red(qtbot, pane: Pane) -> None:
    normal = pane.bar.find_field.palette().color(QPalette.ColorRole.Base)
    search(qtbot, pane, "knæ")
    assert pane.bar.counter_label.text() == "No matches"
    assert pane.bar.find_field.property("notFound") is True
    tinted = pane.bar.find_field.palette().color(QPalette.ColorRole.Base)
    assert tinted.red() > tinted.green() and tinted != normal
    qtbot.keyClick(pane.bar.find_field, Qt.Key.Key_Backspace)
    qtbot.keyClick(pane.bar.find_field, Qt.Key.Key_Backspace)
    qtbot.keyClick(pane.bar.find_field, Qt.Key.Key_Backspace)
    assert pane.bar.find_field.property("notFound") is False
    assert pane.bar.find_field.palette().color(QPalette.ColorRole.Base) == normal


def test_escape_closes_and_gives_focus_back_to_the_editor(qtbot, pane: Pane) -> None:
    search(qtbot, pane, "stærk")
    qtbot.keyClick(pane.bar.find_field, Qt.Key.Key_Escape)
    assert not pane.bar.isVisible()
    qtbot.waitUntil(pane.editor.hasFocus)
    assert pane.editor.textCursor().selectedText() == "stærk"  # the match stays selected


def test_show_find_and_show_replace_take_the_selected_text(qtbot, pane: Pane) -> None:
    cursor = pane.editor.textCursor()
    cursor.setPosition(TEXT.index("stærk"))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    pane.editor.setTextCursor(cursor)
    pane.bar.show_replace()
    assert pane.bar.find_field.text() == "stærk"
    assert pane.bar.replace_field.isVisible()
    qtbot.waitUntil(pane.bar.replace_field.hasFocus)  # the search is given, the replacement is next
    assert pane.bar.counter_label.text() == "1 of 1"
    pane.bar.close_bar()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    pane.editor.setTextCursor(cursor)
    pane.bar.show_find()
    assert pane.bar.find_field.text() == "stærk"  # a selection over lines is no search


def test_replace_replaces_one_match_per_undo_step(qtbot, pane: Pane) -> None:
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_field, "ryggen")
    pane.bar.replace_field.setFocus()
    qtbot.waitUntil(pane.bar.replace_field.hasFocus)
    qtbot.keyClicks(pane.bar.replace_field, "nakken")
    qtbot.keyClick(pane.bar.replace_field, Qt.Key.Key_Return)
    qtbot.keyClick(pane.bar.replace_field, Qt.Key.Key_Return)
    assert pane.editor.text() == TEXT.replace("Ryggen og ryggen", "nakken og nakken")
    assert pane.bar.counter_label.text() == "1 of 2"
    pane.editor.undo()
    assert pane.editor.text() == TEXT.replace("Ryggen", "nakken", 1)
    pane.editor.undo()
    assert pane.editor.text() == TEXT


def test_replace_all_is_one_undo_step(qtbot, pane: Pane) -> None:
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_field, "ryggen")
    qtbot.keyClicks(pane.bar.replace_field, "nakken")
    qtbot.mouseClick(pane.bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert pane.editor.text() == "nakken og nakken.\nnakken er stærk; rygsmerter er ikke nakken.\n"
    assert pane.bar.counter_label.text() == "4 replaced"
    pane.editor.undo()
    assert pane.editor.text() == TEXT
    pane.editor.redo()
    assert "ryggen" not in pane.editor.text().lower()


def test_replace_all_keeps_no_break_spaces_and_emoji_positions(qtbot, pane: Pane) -> None:
    pane.editor.setPlainText("😀 37\u00a0% 😀😀 37\u00a0% slut")
    pane.bar.show_replace()
    qtbot.keyClicks(pane.bar.find_field, "%")
    assert pane.editor.textCursor().selectedText() == "%"
    pane.bar.replace_field.setText("procent")
    assert pane.bar.replace_all() == 2
    assert pane.editor.text() == "😀 37\u00a0procent 😀😀 37\u00a0procent slut"


def test_the_counter_follows_edits_in_the_editor(qtbot, pane: Pane) -> None:
    search(qtbot, pane, "stærk")
    assert pane.bar.counter_label.text() == "1 of 1"
    cursor = QTextCursor(pane.editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("Stærk og stærk.")
    qtbot.waitUntil(lambda: pane.bar.counter_label.text() == "1 of 3")


def test_find_next_without_a_search_opens_the_bar(qtbot, pane: Pane) -> None:
    assert not pane.bar.isVisible()
    assert pane.bar.find_next() is False
    assert pane.bar.isVisible()
    qtbot.waitUntil(pane.bar.find_field.hasFocus)


def test_actions_carry_the_standard_shortcuts(pane: Pane) -> None:
    assert pane.bar.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert pane.bar.find_next_action.shortcuts() == QKeySequence.keyBindings(
        QKeySequence.StandardKey.FindNext
    )
    assert not pane.bar.replace_action.shortcut().isEmpty()
    pane.bar.find_field.setText("og")
    pane.bar.find_next_action.trigger()
    assert pane.editor.textCursor().selectedText() == "og"
