"""The source pane: SourceEditor, MarkdownHighlighter and the Markdown formatting actions on real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QWidget

from editor.ui.article.format_actions import (
    create_format_actions,
    insert_code_block,
    insert_link,
    set_heading,
    toggle_bold,
    toggle_bullet_list,
    toggle_inline_code,
    toggle_italic,
    toggle_numbered_list,
    toggle_quote,
)
from editor.ui.article.markdown_highlighter import MarkdownHighlighter
from editor.ui.article.source_editor import SourceEditor
from tests.conftest import SAMPLE_ARTICLE
from tests.ui.drag import drag_events, file_urls

pytestmark = pytest.mark.gui

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def editor(qtbot) -> SourceEditor:
    widget = SourceEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def focused_editor(qtbot, editor: SourceEditor) -> SourceEditor:
    """An editor in the active window with focus, so shortcuts and focus changes behave as for a user."""
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: editor.hasFocus())
    return editor


def select(editor: SourceEditor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def select_text(editor: SourceEditor, needle: str) -> None:
    start = editor.text().index(needle)
    select(editor, start, start + len(needle))


def put_cursor(editor: SourceEditor, position: int) -> None:
    select(editor, position, position)


def block(editor: SourceEditor, line: int) -> QTextBlock:
    return editor.document().findBlockByNumber(line - 1)


def format_at(text_block: QTextBlock, column: int) -> QTextCharFormat:
    """The highlighter's format of one character (an empty format where it set none)."""
    ranges = text_block.layout().formats()
    for item in ranges:
        if item.start <= column < item.start + item.length:
            return QTextCharFormat(item.format)  # a copy: the range list owns the original
    return QTextCharFormat()


def color_at(text_block: QTextBlock, column: int) -> QColor:
    return format_at(text_block, column).foreground().color()


def color_of(editor: SourceEditor, name: str) -> QColor:
    return editor.highlighter.char_format(name).foreground().color()


# ---- typing and the text ------------------------------------------------------------------------------


def test_typing_goes_into_the_document(qtbot, editor: SourceEditor) -> None:
    qtbot.keyClicks(editor, "Hej æøå")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "## Overskrift")
    assert editor.text() == "Hej æøå\n## Overskrift"
    assert editor.current_line() == 2


def test_shift_enter_starts_a_real_new_line(qtbot, editor: SourceEditor) -> None:
    # QPlainTextEdit would insert U+2028, which the saved article would keep as an invisible character.
    qtbot.keyClicks(editor, "first")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "second")
    assert editor.text() == "first\nsecond"
    assert editor.blockCount() == 2


def test_text_keeps_no_break_spaces(editor: SourceEditor) -> None:
    editor.setPlainText("37\u00a0% af 20-årige\nnæste linje")
    assert editor.text() == "37\u00a0% af 20-årige\nnæste linje"


def test_default_font_is_fixed_pitch_and_readable(editor: SourceEditor) -> None:
    metrics = QFontMetricsF(editor.font())
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("WWWW")
    assert 11 <= editor.font().pointSizeF() <= 12


def test_soft_wrap_is_on_by_default_and_can_be_switched_off(editor: SourceEditor) -> None:
    assert editor.soft_wrap()
    editor.setPlainText("ord " * 500)
    assert editor.horizontalScrollBar().maximum() == 0
    editor.set_soft_wrap(False)
    assert not editor.soft_wrap()
    assert editor.horizontalScrollBar().maximum() > 0


# ---- gutter and current line ----------------------------------------------------------------------------


def test_gutter_width_follows_the_number_of_digits(editor: SourceEditor) -> None:
    editor.setPlainText("\n".join("x" * 9))
    nine = editor.line_number_area_width()
    assert editor.viewportMargins().left() == nine
    editor.setPlainText("\n".join(["x"] * 99))
    assert editor.line_number_area_width() == nine  # two digits either way: no jump at line 10
    editor.setPlainText("\n".join(["x"] * 10_000))
    wide = editor.line_number_area_width()
    assert wide > nine
    assert editor.viewportMargins().left() == wide
    editor.setPlainText("short")
    assert editor.viewportMargins().left() == nine


def test_gutter_width_follows_the_font(editor: SourceEditor) -> None:
    before = editor.line_number_area_width()
    bigger = QFont(editor.font())
    bigger.setPointSizeF(24)
    editor.set_editor_font(bigger)
    assert editor.font().pointSizeF() == 24
    assert editor.line_number_area_width() > before
    assert editor.viewportMargins().left() == editor.line_number_area_width()


def test_go_to_line_moves_the_cursor_and_centres_it(editor: SourceEditor) -> None:
    editor.setPlainText("\n".join(f"line {n}" for n in range(1, 501)))
    editor.go_to_line(250)
    assert editor.current_line() == 250
    assert editor.textCursor().block().text() == "line 250"
    assert editor.textCursor().positionInBlock() == 0
    middle = editor.viewport().height() / 2
    assert abs(editor.cursorRect().center().y() - middle) < editor.fontMetrics().height() * 2
    editor.go_to_line(0)
    assert editor.current_line() == 1
    editor.go_to_line(10**6)
    assert editor.current_line() == 500


def test_cursor_line_changed_reports_new_lines_only(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("one\ntwo\nthree")
    put_cursor(editor, 0)
    with qtbot.waitSignal(editor.cursor_line_changed) as moved:
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert moved.args == [2]
    with qtbot.assertNotEmitted(editor.cursor_line_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Right)
        qtbot.keyClicks(editor, "ab")
    with qtbot.waitSignal(editor.cursor_line_changed) as moved:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert moved.args == [3]


def test_cursor_line_follows_an_edit_above_it(qtbot, editor: SourceEditor) -> None:
    # The form inserts front-matter lines through the same document while the cursor is in the body.
    editor.setPlainText("---\ntitle: x\n---\nbody")
    editor.go_to_line(4)
    form_cursor = QTextCursor(editor.document())
    form_cursor.setPosition(block(editor, 3).position())
    with qtbot.waitSignal(editor.cursor_line_changed) as moved:
        form_cursor.beginEditBlock()
        form_cursor.insertText("tags: [a]\n")
        form_cursor.endEditBlock()
    assert moved.args == [5]
    assert editor.current_line() == 5


def test_current_line_is_highlighted_and_follows_the_cursor(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("one\ntwo\nthree")
    editor.go_to_line(1)
    (selection,) = editor.extraSelections()
    assert selection.cursor.blockNumber() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    (selection,) = editor.extraSelections()
    assert selection.cursor.blockNumber() == 2
    base = editor.palette().color(QPalette.ColorRole.Base)
    tint = selection.format.background().color()
    assert tint != base
    # Subtle: close to the background, far from the selection colour.
    assert abs(tint.lightness() - base.lightness()) < 40


# ---- undo and edits -----------------------------------------------------------------------------------


def test_insert_text_at_cursor_is_one_undo_step_of_its_own(qtbot, editor: SourceEditor) -> None:
    qtbot.keyClicks(editor, "abc")
    editor.insert_text_at_cursor("![alt](/images/a.png)\nnext")
    assert editor.text() == "abc![alt](/images/a.png)\nnext"
    qtbot.keyClicks(editor, "xy")
    editor.undo()
    assert editor.text() == "abc![alt](/images/a.png)\nnext"
    editor.undo()
    assert editor.text() == "abc"
    editor.redo()
    assert editor.text() == "abc![alt](/images/a.png)\nnext"


def test_tab_in_a_list_item_nests_it_and_shift_tab_takes_it_back(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("- one\n- two\n1. three\n2. four")
    editor.go_to_line(2)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "- one\n  - two\n1. three\n2. four"
    editor.go_to_line(4)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    # Nested under "1. three", whose text starts in column 3.
    assert block(editor, 4).text() == "   2. four"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert block(editor, 4).text() == "2. four"
    editor.undo()
    assert block(editor, 4).text() == "   2. four"


def test_tab_outside_a_list_types_a_tab(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("plain")
    put_cursor(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "\tplain"


def test_tab_on_selected_lines_indents_them_all_in_one_step(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("a\nb\nc")
    select(editor, 0, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.text() == "  a\n  b\nc"
    editor.undo()
    assert editor.text() == "a\nb\nc"


# ---- images --------------------------------------------------------------------------------------------


def drop_point(editor: SourceEditor, line: int) -> QPointF:
    rect = editor.blockBoundingGeometry(block(editor, line)).translated(editor.contentOffset())
    return QPointF(rect.left() + 2, rect.center().y())


def drag_and_drop(editor: SourceEditor, mime: QMimeData, point: QPointF) -> list[bool]:
    """Enter, move and drop as a real drag does; returns whether each event was accepted."""
    accepted = []
    for event in drag_events(mime, point):
        QApplication.sendEvent(editor.viewport(), event)
        accepted.append(event.isAccepted())
    return accepted


def test_dropping_image_files_reports_them_at_the_drop_point(
    qtbot, editor: SourceEditor, tmp_path: Path
) -> None:
    editor.setPlainText("first line\nsecond line\nthird line")
    photo, drawing, notes = tmp_path / "foto.JPG", tmp_path / "tegning.svg", tmp_path / "noter.txt"
    mime = file_urls(photo, notes, drawing)
    with qtbot.waitSignal(editor.image_files_dropped) as dropped:
        accepted = drag_and_drop(editor, mime, drop_point(editor, 2))
    assert accepted == [True, True, True]
    paths, position = dropped.args
    assert paths == [photo, drawing]
    assert position == block(editor, 2).position()
    assert editor.textCursor().position() == position
    assert editor.text() == "first line\nsecond line\nthird line"  # the window inserts the Markdown


def test_dropping_other_files_inserts_text_as_usual(qtbot, editor: SourceEditor, tmp_path: Path) -> None:
    editor.setPlainText("line")
    mime = file_urls(tmp_path / "noter.txt")
    mime.setText("noter.txt")
    with qtbot.assertNotEmitted(editor.image_files_dropped):
        drag_and_drop(editor, mime, drop_point(editor, 1))
    assert editor.text() == "noter.txtline"


def test_pasting_an_image_reports_it(qtbot, focused_editor: SourceEditor) -> None:
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("teal"))
    mime = QMimeData()
    mime.setImageData(image)
    QGuiApplication.clipboard().setMimeData(mime)
    focused_editor.setPlainText("text")
    with qtbot.waitSignal(focused_editor.image_pasted) as pasted:
        qtbot.keyClick(focused_editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (received,) = pasted.args
    assert received.size() == image.size()
    assert focused_editor.text() == "text"


def test_pasting_copied_image_files_reports_them_at_the_cursor(
    qtbot, focused_editor: SourceEditor, tmp_path: Path
) -> None:
    focused_editor.setPlainText("abc")
    put_cursor(focused_editor, 1)
    QGuiApplication.clipboard().setMimeData(file_urls(tmp_path / "a.png"))
    with qtbot.waitSignal(focused_editor.image_files_dropped) as pasted:
        focused_editor.paste()
    assert pasted.args == [[tmp_path / "a.png"], 1]


def test_pasting_text_still_pastes(qtbot, focused_editor: SourceEditor) -> None:
    QGuiApplication.clipboard().setText("pasted")
    with qtbot.assertNotEmitted(focused_editor.image_pasted):
        qtbot.keyClick(focused_editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert focused_editor.text() == "pasted"


# ---- highlighting ----------------------------------------------------------------------------------------


def test_front_matter_keys_and_values_are_coloured_differently(editor: SourceEditor) -> None:
    editor.setPlainText(SAMPLE)
    title = block(editor, 2)
    assert title.text().startswith("title:")
    assert color_at(title, 0) == color_of(editor, "fm_key")
    assert color_at(title, 8) == color_of(editor, "fm_value")
    assert color_of(editor, "fm_key") != color_of(editor, "fm_value")
    heading = block(editor, 14)
    assert heading.text() == "## Hvad er en MR-scanning?"
    assert color_at(heading, 5) == color_of(editor, "heading")
    assert format_at(heading, 5).fontWeight() == QFont.Weight.Bold


def test_dashes_inside_a_fenced_block_are_not_front_matter(editor: SourceEditor) -> None:
    editor.setPlainText("# Title\n\n```yaml\n---\nkey: value\n---\n```\n\nafter")
    key_line = block(editor, 5)
    assert key_line.text() == "key: value"
    assert color_at(key_line, 0) == color_of(editor, "code")
    assert color_at(key_line, 0) != color_of(editor, "fm_key")
    assert color_at(block(editor, 4), 0) == color_of(editor, "code")
    assert format_at(block(editor, 9), 0).foreground().style() == Qt.BrushStyle.NoBrush  # body again


def test_a_document_starting_with_a_fence_has_no_front_matter(editor: SourceEditor) -> None:
    editor.setPlainText("```\n---\ntitle: x\n---\n```")
    assert color_at(block(editor, 3), 0) == color_of(editor, "code")


def test_front_matter_opens_only_on_the_first_line(editor: SourceEditor) -> None:
    editor.setPlainText("intro\n\n---\ntitle: x\n---")
    assert color_at(block(editor, 4), 0) != color_of(editor, "fm_key")
    assert format_at(block(editor, 3), 0).fontWeight() == QFont.Weight.Bold  # a rule


def test_typing_a_fence_turns_the_following_lines_into_code(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("---\ntitle: x\n---\n\n\nkey: value\n# not a heading")
    editor.go_to_line(4)
    qtbot.keyClicks(editor, "~~~")
    assert color_at(block(editor, 6), 0) == color_of(editor, "code")
    assert color_at(block(editor, 7), 2) == color_of(editor, "code")
    editor.go_to_line(5)
    qtbot.keyClicks(editor, "~~~")  # closed before the key line: back to body
    assert color_at(block(editor, 6), 0) != color_of(editor, "code")
    assert color_at(block(editor, 7), 2) == color_of(editor, "heading")


def test_deleting_the_closing_fence_of_the_front_matter_updates_the_body(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("---\ntitle: x\n---\nbody: text")
    assert color_at(block(editor, 4), 0) != color_of(editor, "fm_key")
    cursor = QTextCursor(block(editor, 3))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("tags: a")
    assert color_at(block(editor, 4), 0) == color_of(editor, "fm_key")


def test_a_setext_underline_makes_the_line_above_a_heading(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("Title\n")
    assert color_at(block(editor, 1), 0) != color_of(editor, "heading")
    editor.go_to_line(2)
    qtbot.keyClicks(editor, "===")
    assert color_at(block(editor, 1), 0) == color_of(editor, "heading")
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert color_at(block(editor, 1), 0) != color_of(editor, "heading")


def test_inline_markup_is_highlighted(editor: SourceEditor) -> None:
    line = "Some **bold**, *it*, `a*b*c` and [link](https://x.dk) ![alt](/i.png)"
    editor.setPlainText(line)
    text_block = block(editor, 1)
    assert format_at(text_block, line.index("bold")).fontWeight() == QFont.Weight.Bold
    assert format_at(text_block, line.index("it*")).fontItalic()
    code = line.index("a*b*c")
    assert color_at(text_block, code + 2) == color_of(editor, "code")
    assert not format_at(text_block, code + 2).fontItalic()  # nothing inside code is emphasis
    assert color_at(text_block, line.index("link")) == color_of(editor, "link")
    assert color_at(text_block, line.index("https")) == color_of(editor, "url")
    assert color_at(text_block, line.index("alt")) == color_of(editor, "image")
    assert color_at(text_block, line.index("/i.png")) == color_of(editor, "url")


def test_lists_quotes_and_rules_are_highlighted(editor: SourceEditor) -> None:
    editor.setPlainText("- item\n12. item\n> quoted\n\n***")
    assert color_at(block(editor, 1), 0) == color_of(editor, "list_marker")
    assert color_at(block(editor, 2), 1) == color_of(editor, "list_marker")
    assert color_at(block(editor, 3), 4) == color_of(editor, "quote")
    assert format_at(block(editor, 5), 0).fontWeight() == QFont.Weight.Bold


def test_colours_follow_a_dark_palette(editor: SourceEditor) -> None:
    light = color_of(editor, "heading")
    palette = editor.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#dddddd"))
    editor.setPalette(palette)
    dark = color_of(editor, "heading")
    assert dark.lightness() > light.lightness()


class CountingHighlighter(MarkdownHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.calls = 0

    def highlightBlock(self, text: str) -> None:
        self.calls += 1
        super().highlightBlock(text)


def test_typing_highlights_only_the_edited_line() -> None:
    document = QTextDocument()
    document.setPlainText("\n".join(SAMPLE.splitlines()[10:]) * 20)
    highlighter = CountingHighlighter(document)
    highlighter.rehighlight()
    highlighter.calls = 0
    cursor = QTextCursor(document.findBlockByNumber(document.blockCount() // 2))
    for char in "typing":
        cursor.insertText(char)
    assert highlighter.calls <= len("typing") * 2


# ---- formatting ------------------------------------------------------------------------------------------


def test_bold_wraps_the_selection_and_unwraps_it_again(editor: SourceEditor) -> None:
    editor.setPlainText("Et ord her")
    select_text(editor, "ord")
    toggle_bold(editor)
    assert editor.text() == "Et **ord** her"
    assert editor.textCursor().selectedText() == "ord"
    toggle_bold(editor)
    assert editor.text() == "Et ord her"
    editor.undo()
    assert editor.text() == "Et **ord** her"
    editor.undo()
    assert editor.text() == "Et ord her"


def test_bold_with_the_markers_selected_removes_them(editor: SourceEditor) -> None:
    editor.setPlainText("Et **ord** her")
    select_text(editor, "**ord**")
    toggle_bold(editor)
    assert editor.text() == "Et ord her"


def test_italic_and_bold_combine(editor: SourceEditor) -> None:
    editor.setPlainText("a **b** c")
    select_text(editor, "b")
    toggle_italic(editor)
    assert editor.text() == "a ***b*** c"
    toggle_bold(editor)
    assert editor.text() == "a *b* c"
    toggle_italic(editor)
    assert editor.text() == "a b c"


def test_italic_on_the_word_at_the_cursor(editor: SourceEditor) -> None:
    editor.setPlainText("en MR-scanning i dag")
    put_cursor(editor, editor.text().index("scanning") + 2)
    toggle_italic(editor)
    assert editor.text() == "en *MR-scanning* i dag"
    put_cursor(editor, editor.text().index("scanning"))
    toggle_italic(editor)
    assert editor.text() == "en MR-scanning i dag"


def test_underscore_emphasis_is_recognised(editor: SourceEditor) -> None:
    editor.setPlainText("a _b_ and __c__")
    select_text(editor, "b")
    toggle_italic(editor)
    select_text(editor, "c")
    toggle_bold(editor)
    assert editor.text() == "a b and c"


def test_bold_without_a_word_inserts_a_pair_to_type_into(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("a  b")
    put_cursor(editor, 2)
    toggle_bold(editor)
    assert editor.text() == "a **** b"
    qtbot.keyClicks(editor, "fed")
    assert editor.text() == "a **fed** b"
    editor.setPlainText("a  b")
    put_cursor(editor, 2)
    toggle_bold(editor)
    toggle_bold(editor)
    assert editor.text() == "a  b"


def test_bold_on_several_lines_marks_each_line(editor: SourceEditor) -> None:
    editor.setPlainText("one\n\ntwo words")
    select(editor, 0, len(editor.text()))
    toggle_bold(editor)
    assert editor.text() == "**one**\n\n**two words**"
    assert editor.textCursor().selectedText() == "one**\u2029\u2029**two words"
    toggle_bold(editor)
    assert editor.text() == "one\n\ntwo words"


def test_inline_code_uses_a_longer_fence_around_backticks(editor: SourceEditor) -> None:
    editor.setPlainText("run ls and a`b")
    select_text(editor, "ls")
    toggle_inline_code(editor)
    assert editor.text() == "run `ls` and a`b"
    select_text(editor, "a`b")
    toggle_inline_code(editor)
    assert editor.text() == "run `ls` and ``a`b``"
    toggle_inline_code(editor)
    assert editor.text() == "run `ls` and a`b"
    editor.setPlainText("`x")
    select(editor, 0, 2)
    toggle_inline_code(editor)
    assert editor.text() == "`` `x ``"
    toggle_inline_code(editor)
    assert editor.text() == "`x"


def test_inline_code_positions_count_emoji_as_qt_does(editor: SourceEditor) -> None:
    editor.setPlainText("😀 code 😀 more")
    select(editor, 11, 15)  # Qt positions: each emoji counts twice
    assert editor.textCursor().selectedText() == "more"
    toggle_inline_code(editor)
    assert editor.text() == "😀 code 😀 `more`"
    assert editor.textCursor().selectedText() == "more"


def test_insert_link_wraps_the_selection_and_selects_the_url(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("læs studiet her")
    select_text(editor, "studiet")
    insert_link(editor)
    assert editor.text() == "læs [studiet](https://) her"
    assert editor.textCursor().selectedText() == "https://"
    qtbot.keyClicks(editor, "https://kp.dk")
    assert editor.text() == "læs [studiet](https://kp.dk) her"
    editor.undo()
    editor.undo()
    assert editor.text() == "læs studiet her"


def test_insert_link_with_a_selected_url_makes_it_the_target(editor: SourceEditor) -> None:
    editor.setPlainText("se https://kp.dk nu")
    select_text(editor, "https://kp.dk")
    insert_link(editor)
    assert editor.text() == "se [text](https://kp.dk) nu"
    assert editor.textCursor().selectedText() == "text"


def test_insert_link_without_a_selection_inserts_a_template(editor: SourceEditor) -> None:
    editor.setPlainText("")
    insert_link(editor, "https://example.org")
    assert editor.text() == "[text](https://example.org)"
    assert editor.textCursor().selectedText() == "text"


def test_set_heading_sets_changes_and_removes_the_level(editor: SourceEditor) -> None:
    editor.setPlainText("Title\n\n### Old\ntext")
    select(editor, 0, len("Title\n\n### O"))
    set_heading(editor, 2)
    assert editor.text() == "## Title\n\n## Old\ntext"
    set_heading(editor, 2)
    assert editor.text() == "## Title\n\n## Old\ntext"  # idempotent
    set_heading(editor, 0)
    assert editor.text() == "Title\n\nOld\ntext"
    editor.undo()
    assert editor.text() == "## Title\n\n## Old\ntext"
    with pytest.raises(ValueError):
        set_heading(editor, 7)


def test_set_heading_replaces_a_setext_underline(editor: SourceEditor) -> None:
    editor.setPlainText("Title\n=====\ntext")
    put_cursor(editor, 2)
    set_heading(editor, 1)
    assert editor.text() == "# Title\ntext"
    editor.undo()
    assert editor.text() == "Title\n=====\ntext"


def test_bullet_list_toggles_the_selected_lines(editor: SourceEditor) -> None:
    editor.setPlainText("one\n\n  two\n3. three")
    select(editor, 0, len(editor.text()))
    toggle_bullet_list(editor)
    assert editor.text() == "- one\n\n  - two\n- three"
    toggle_bullet_list(editor)
    assert editor.text() == "one\n\n  two\nthree"
    editor.undo()
    editor.undo()
    assert editor.text() == "one\n\n  two\n3. three"


def test_bullet_list_on_an_empty_line_starts_an_item(qtbot, editor: SourceEditor) -> None:
    toggle_bullet_list(editor)
    qtbot.keyClicks(editor, "punkt")
    assert editor.text() == "- punkt"


def test_numbered_list_numbers_and_carries_on(editor: SourceEditor) -> None:
    editor.setPlainText("a\n- b\nc")
    select(editor, 0, len(editor.text()))
    toggle_numbered_list(editor)
    assert editor.text() == "1. a\n2. b\n3. c"
    toggle_numbered_list(editor)
    assert editor.text() == "a\nb\nc"
    editor.setPlainText("1. a\n2. b\nc")
    editor.go_to_line(3)
    toggle_numbered_list(editor)
    assert editor.text() == "1. a\n2. b\n3. c"


def test_quote_toggles_including_blank_lines_inside(editor: SourceEditor) -> None:
    editor.setPlainText("first\n\nsecond")
    select(editor, 0, len(editor.text()))
    toggle_quote(editor)
    assert editor.text() == "> first\n>\n> second"
    toggle_quote(editor)
    assert editor.text() == "first\n\nsecond"
    editor.undo()
    assert editor.text() == "> first\n>\n> second"


def test_code_block_around_selected_lines(editor: SourceEditor) -> None:
    editor.setPlainText("intro\nx = 1\ny = 2\nend")
    select(editor, len("intro\n"), len("intro\nx = 1\ny"))
    insert_code_block(editor)
    assert editor.text() == "intro\n```\nx = 1\ny = 2\n```\nend"
    assert editor.textCursor().position() == len("intro\n```")
    editor.undo()
    assert editor.text() == "intro\nx = 1\ny = 2\nend"


def test_code_block_uses_a_longer_fence_around_fences(editor: SourceEditor) -> None:
    editor.setPlainText("```\ncode\n```")
    select(editor, 0, len(editor.text()))
    insert_code_block(editor, "markdown")
    assert editor.text() == "````markdown\n```\ncode\n```\n````"


def test_empty_code_block_puts_the_cursor_inside(qtbot, editor: SourceEditor) -> None:
    editor.setPlainText("text")
    put_cursor(editor, 2)
    insert_code_block(editor)
    qtbot.keyClicks(editor, "print()")
    assert editor.text() == "text\n```\nprint()\n```"
    editor.setPlainText("")
    insert_code_block(editor)
    assert editor.text() == "```\n\n```"
    assert editor.current_line() == 2


def test_formatting_leaves_the_front_matter_alone(editor: SourceEditor) -> None:
    # `# ` would turn a YAML line into a comment; the form owns these lines.
    text = "---\ntitle: Hej\n---\nbody"
    editor.setPlainText(text)
    editor.go_to_line(2)
    for command in (toggle_bold, toggle_bullet_list, toggle_quote, insert_code_block):
        command(editor)
    set_heading(editor, 1)
    assert editor.text() == text
    editor.go_to_line(4)
    set_heading(editor, 1)
    assert editor.text() == "---\ntitle: Hej\n---\n# body"


@pytest.mark.parametrize(
    ("name", "before", "selected", "after"),
    [
        ("bold", "a word", "word", "a **word**"),
        ("italic", "a word", "word", "a *word*"),
        ("inline_code", "a word", "word", "a `word`"),
        ("link", "a word", "word", "a [word](https://)"),
        ("code_block", "a word", "word", "```\na word\n```"),
        ("heading_3", "a word", "word", "### a word"),
        ("normal_text", "## a word", "word", "a word"),
        ("bullet_list", "a word", "word", "- a word"),
        ("numbered_list", "a word", "word", "1. a word"),
        ("quote", "a word", "word", "> a word"),
    ],
)
def test_each_action_formats_and_undoes_in_one_step(
    editor: SourceEditor, name: str, before: str, selected: str, after: str
) -> None:
    actions = create_format_actions(editor, editor)
    QGuiApplication.clipboard().clear()  # the link action would take a URL from it
    editor.setPlainText(before)
    select_text(editor, selected)
    actions[name].trigger()
    assert editor.text() == after
    editor.undo()
    assert editor.text() == before


def test_actions_have_names_and_shortcuts(editor: SourceEditor) -> None:
    actions = create_format_actions(editor, editor)
    expected = {
        "bold": QKeySequence(QKeySequence.StandardKey.Bold),
        "italic": QKeySequence(QKeySequence.StandardKey.Italic),
        "link": QKeySequence("Ctrl+K"),
        "inline_code": QKeySequence("Ctrl+Shift+C"),
        "code_block": QKeySequence("Ctrl+Shift+K"),
        "image": QKeySequence("Ctrl+Shift+I"),
        "normal_text": QKeySequence("Ctrl+0"),
        "bullet_list": QKeySequence("Ctrl+Shift+8"),
        "numbered_list": QKeySequence("Ctrl+Shift+7"),
        "quote": QKeySequence("Ctrl+Shift+9"),
    }
    expected |= {f"heading_{n}": QKeySequence(f"Ctrl+{n}") for n in range(1, 7)}
    assert set(actions) == set(expected)
    for name, sequence in expected.items():
        assert actions[name].shortcut() == sequence, name
        assert actions[name].text()
    assert QKeySequence("Ctrl+`") in actions["inline_code"].shortcuts()
    every = [key.toString() for action in actions.values() for key in action.shortcuts()]
    assert len(every) == len(set(every)), "two actions share a shortcut"


def test_shortcuts_format_the_focused_editor(qtbot, focused_editor: SourceEditor) -> None:
    actions = create_format_actions(focused_editor, focused_editor)
    focused_editor.setPlainText("a word")
    select_text(focused_editor, "word")
    qtbot.keyClick(focused_editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert focused_editor.text() == "a **word**"
    qtbot.keyClick(focused_editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused_editor.text() == "## a **word**"
    QGuiApplication.clipboard().setText("https://kp.dk")
    qtbot.keyClick(focused_editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert focused_editor.text() == "## a **[word](https://kp.dk)**"
    with qtbot.waitSignal(actions["image"].triggered):
        qtbot.keyClick(
            focused_editor,
            Qt.Key.Key_I,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert focused_editor.text() == "## a **[word](https://kp.dk)**"  # the window inserts images


def test_shortcuts_do_nothing_while_another_widget_has_focus(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    source = SourceEditor(window)
    other = SourceEditor(window)
    other.move(0, 300)
    create_format_actions(window, source)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    source.setPlainText("word")
    select(source, 0, 4)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.keyClick(other, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert source.text() == "word"


def test_highlighter_can_start_detached() -> None:
    highlighter = MarkdownHighlighter()
    document = QTextDocument("# heading")
    highlighter.setDocument(document)
    highlighter.rehighlight()
    assert format_at(document.firstBlock(), 3).fontWeight() == QFont.Weight.Bold
