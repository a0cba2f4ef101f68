"""Spell-check underlines, their context menu, the counts in the status bar and the outline dock, in the
real window on the example site (Danish)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

pytestmark = pytest.mark.gui


def underlined(window: MainWindow) -> list[str]:
    return [selection.cursor.selectedText() for selection in window.editor.extraSelections()[1:]]


def type_at_end_of_line(qtbot: QtBot, window: MainWindow, needle: str, typed: str) -> None:
    document = window.editor.document()
    cursor = document.find(needle)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, typed)


def test_a_misspelling_typed_is_underlined_and_its_fix_clears_it(qtbot: QtBot, window: MainWindow) -> None:
    spelling = window.writing_tools.spelling
    qtbot.waitUntil(lambda: spelling.language is not None and spelling.marks != [], timeout=20000)
    assert spelling.language.value == "da_DK"  # the example site says language = "da"
    # The sample's English quotations are marked; its Danish is not.
    assert "diagnostic" in {mark[2] for mark in spelling.marks}
    assert not {"MR-scanning", "ryggen", "Hvad"} & {mark[2] for mark in spelling.marks}
    type_at_end_of_line(qtbot, window, "Hvad er en MR-scanning?", " Undersøgelsn")
    qtbot.waitUntil(lambda: "Undersøgelsn" in underlined(window), timeout=20000)
    for _ in range(len("Undersøgelsn")):
        qtbot.keyClick(window.editor, "\b")
    qtbot.keyClicks(window.editor, "Undersøgelsen")
    qtbot.waitUntil(lambda: "Undersøgelsen" not in underlined(window) and spelling.marks != [], timeout=20000)
    assert "Undersøgelsn" not in {mark[2] for mark in spelling.marks}


def test_context_menu_offers_suggestions_add_and_ignore(
    qtbot: QtBot, window: MainWindow, example_site: Path
) -> None:
    spelling = window.writing_tools.spelling
    type_at_end_of_line(qtbot, window, "Hvad er en MR-scanning?", " behandlng og qzxklinik")
    qtbot.waitUntil(lambda: {"behandlng", "qzxklinik"} <= set(underlined(window)), timeout=20000)
    mark = next(mark for mark in spelling.marks if mark[2] == "behandlng")
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    point = window.editor.cursorRect(_cursor_at(window, mark[0] + 2)).center()
    menu = spelling.context_menu(point)
    qtbot.waitUntil(lambda: "behandling" in [action.text() for action in menu.actions()], timeout=20000)
    next(action for action in menu.actions() if action.text() == "behandling").trigger()
    assert "MR-scanning? behandling og qzxklinik" in window.editor.text()

    qtbot.waitUntil(lambda: "qzxklinik" in {m[2] for m in spelling.marks}, timeout=20000)
    mark = next(mark for mark in spelling.marks if mark[2] == "qzxklinik")
    menu = spelling.context_menu(window.editor.cursorRect(_cursor_at(window, mark[0] + 1)).center())
    next(action for action in menu.actions() if "Site Dictionary" in action.text()).trigger()
    assert (example_site / "article-editor-words.txt").read_text(encoding="utf-8") == "qzxklinik\n"
    assert "qzxklinik" not in underlined(window)

    spelling.ignore("diagnostic")
    assert "diagnostic" not in underlined(window)


def _cursor_at(window: MainWindow, position: int) -> QTextCursor:
    cursor = QTextCursor(window.editor.document())
    cursor.setPosition(position)
    return cursor


def test_status_bar_counts_words_and_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    counts = window.writing_tools.counts
    qtbot.waitUntil(lambda: "words" in counts.text(), timeout=5000)
    body = window.editor.text().split("---", 2)[2]
    assert f"{len(body.split()):,} words" in counts.text() or re.search(r"\d+ words", counts.text())
    cursor = window.editor.document().find("Hvad er en MR-scanning?")
    window.editor.setTextCursor(cursor)
    assert counts.text().startswith("Selection: 4 words, 23 characters")
    words = int(
        re.search(r"([\d,]+) words, [\d,]+ characters, (\d+) min", counts.text().split("|")[1])[1].replace(
            ",", ""
        )
    )
    minutes = int(re.search(r"(\d+) min read", counts.text())[1])
    assert minutes == -(-words // 200)


def test_outline_lists_headings_jumps_and_marks_the_current_one(qtbot: QtBot, window: MainWindow) -> None:
    tools = window.writing_tools
    tools.outline_dock.show()
    qtbot.waitUntil(lambda: tools.outline.topLevelItemCount() > 0, timeout=20000)
    titles = [tools.outline.topLevelItem(i).text(0) for i in range(tools.outline.topLevelItemCount())]
    headings = re.findall(r"^## (.+)$", window.editor.text(), flags=re.MULTILINE)
    assert titles == headings
    # The sample's "###" without text is shown, under the last ## heading, as an empty heading.
    last = tools.outline.topLevelItem(tools.outline.topLevelItemCount() - 1)
    assert last.child(0).text(0) == "(empty heading)"
    tools.outline.itemClicked.emit(tools.outline.topLevelItem(2), 0)
    assert window.editor.textCursor().block().text() == "## " + headings[2]
    assert tools.outline.current_heading() == headings[2]


def test_the_dark_theme_switches_palette_and_preview_live_and_back(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    theme = window.writing_tools.theme
    light_base = window.editor.palette().color(QPalette.ColorRole.Base)
    theme.choose("dark")
    # Qt hands the application's new palette to each widget through events.
    qtbot.waitUntil(lambda: window.editor.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.2)
    assert window.form.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.3
    # The highlighter took the dark palette's colours: headings stay readable on the dark base.
    heading = window.editor.highlighter.char_format("heading").foreground().color()
    assert heading.lightnessF() > 0.5
    assert settings.value("view/theme") == "dark"

    def page_is_dark() -> bool:
        result: list[object] = []
        window.preview.page.runJavaScript(
            "getComputedStyle(document.documentElement).backgroundColor", 0, result.append
        )
        qtbot.waitUntil(lambda: bool(result), timeout=5000)
        return result[0] == "rgb(13, 17, 23)"

    qtbot.waitUntil(lambda: window.preview.started, timeout=20000)
    qtbot.waitUntil(page_is_dark, timeout=20000)
    theme.choose("light")
    qtbot.waitUntil(lambda: window.editor.palette().color(QPalette.ColorRole.Base) == light_base)
    qtbot.waitUntil(lambda: not page_is_dark(), timeout=20000)


def test_focus_mode_shows_only_the_source_dims_the_rest_and_esc_leaves(
    qtbot: QtBot, window: MainWindow
) -> None:
    focus = window.writing_tools.focus
    window.editor.go_to_line(30)
    focus.action.trigger()
    assert window.isFullScreen()
    assert not window.form.isVisible() and not window.preview.isVisible() and window.editor.isVisible()
    dimmed = [
        s for s in window.editor.extraSelections() if s.format.foreground().style() != Qt.BrushStyle.NoBrush
    ]
    current = window.editor.textCursor().block()
    # Everything before the caret's paragraph and everything after it, nothing of it.
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd() > current.position()) for s in dimmed] == [
        (0, False),
        (current.position() + current.length(), True),
    ]
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not focus.active and not window.isFullScreen()
    assert window.form.isVisible() and window.preview.isVisible()
    assert not [
        s for s in window.editor.extraSelections() if s.format.foreground().style() != Qt.BrushStyle.NoBrush
    ]


def test_the_forms_text_fields_are_checked_too(qtbot: QtBot, window: MainWindow) -> None:
    tools = window.writing_tools
    title = next(checker for checker in tools.field_spelling if checker.text().startswith("Har din"))
    line = title.widget
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.end(False)
    qtbot.keyClicks(line, " behandlng")
    qtbot.waitUntil(lambda: [mark[2] for mark in title.marks] == ["behandlng"], timeout=20000)
    # The mark is where the word is, in UTF-16 positions of the line's text.
    start, end, _ = title.marks[0]
    assert line.text()[start:end] == "behandlng"
    point = QPoint(line.width() - 20, line.height() // 2)
    menu = title.context_menu(point)
    qtbot.waitUntil(lambda: "behandling" in [a.text() for a in menu.actions()], timeout=20000)
    next(a for a in menu.actions() if a.text() == "behandling").trigger()
    assert line.text().endswith("behandling")
    # The form told the session: the source has the new title.
    qtbot.waitUntil(lambda: "konsekvenser? behandling" in window.editor.text(), timeout=5000)
    qtbot.waitUntil(lambda: title.marks == [], timeout=20000)
    # Spelling off clears the field's marks too.
    qtbot.keyClicks(line, " qzxord")
    qtbot.waitUntil(lambda: bool(title.marks), timeout=20000)
    tools.spell_action.setChecked(False)
    assert title.marks == []
