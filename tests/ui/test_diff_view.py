"""The diff view shows a unified diff coloured by kind of line, and says so when two texts are equal."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlock
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from editor.ui.article.diff_view import NO_NEWLINE_MARK, DiffDialog, DiffView

pytestmark = pytest.mark.gui

OLD = "---\ntitle: Old\n---\n\nFirst line.\nSecond line.\n"
NEW = "---\ntitle: New\n---\n\nFirst line.\nSecond line.\nThird line.\n"


def lines_of(view: DiffView) -> list[str]:
    return view.toPlainText().split("\n")


def block_with(view: DiffView, text: str) -> QTextBlock:
    block = view.document().findBlockByNumber(lines_of(view).index(text))
    assert block.text() == text
    return block


def background_of(block: QTextBlock) -> str | None:
    ranges = block.layout().formats()
    if not ranges:
        return None
    assert ranges[0].start == 0
    return ranges[0].format.background().color().name()


def test_a_diff_shows_labels_hunks_and_changed_lines(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_texts(OLD, NEW, "on disk", "in the editor")
    assert lines_of(view) == [
        "--- on disk",
        "+++ in the editor",
        "@@ -1,6 +1,7 @@",
        " ---",
        "-title: Old",
        "+title: New",
        " ---",
        " ",
        " First line.",
        " Second line.",
        "+Third line.",
    ]
    assert view.has_differences()
    assert view.isReadOnly()


def test_removed_added_and_hunk_lines_have_three_different_colours(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_texts(OLD, NEW, "a", "b")
    removed = background_of(block_with(view, "-title: Old"))
    added = background_of(block_with(view, "+title: New"))
    hunk = background_of(block_with(view, "@@ -1,6 +1,7 @@"))
    assert None not in (removed, added, hunk)
    assert len({removed, added, hunk}) == 3
    assert background_of(block_with(view, " First line.")) is None
    header = block_with(view, "--- a").layout().formats()
    assert header and header[0].format.fontWeight() == QFont.Weight.Bold


def test_equal_texts_say_no_differences_without_colour(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_texts(OLD, NEW, "a", "b")
    view.set_texts(OLD, OLD, "a", "b")
    assert view.toPlainText() == "No differences"
    assert not view.has_differences()
    assert background_of(view.document().firstBlock()) is None


def test_a_missing_final_line_break_is_a_visible_difference(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.set_texts("one\ntwo\n", "one\ntwo", "a", "b")
    assert lines_of(view)[2:] == ["@@ -1,2 +1,2 @@", " one", "-two", "+two", NO_NEWLINE_MARK]


def test_the_view_is_monospace(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    metrics = QFontMetricsF(view.font())
    assert metrics.horizontalAdvance("i") == metrics.horizontalAdvance("W")


def test_the_dialog_shows_the_diff_and_closes(qtbot: QtBot) -> None:
    dialog = DiffDialog()
    qtbot.addWidget(dialog)
    dialog.set_texts(OLD, NEW, "on disk", "yours")
    dialog.show()
    assert dialog.view.toPlainText().startswith("--- on disk\n+++ yours\n")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.rejected):
        close.click()
    assert not dialog.isVisible()
