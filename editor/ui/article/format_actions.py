"""Markdown formatting commands for a QPlainTextEdit, each one undo step, and the QActions that run them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit

from editor.article.document import opening_fence
from editor.ui.article.text_positions import text_offset, utf16_length

__all__ = [
    "create_format_actions",
    "insert_code_block",
    "insert_link",
    "selected_blocks",
    "set_heading",
    "toggle_bold",
    "toggle_bullet_list",
    "toggle_inline_code",
    "toggle_italic",
    "toggle_numbered_list",
    "toggle_quote",
]

MAX_HEADING_LEVEL = 6
DEFAULT_URL = "https://"

# The fences the core accepts for front matter (editor.article.document).
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_ATX_PREFIX = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_BULLET = re.compile(r"([ \t]*)[-*+](?:[ \t]+|$)")
_NUMBERED = re.compile(r"([ \t]*)(\d{1,9})[.)](?:[ \t]+|$)")
_QUOTE = re.compile(r" {0,3}> ?")
_URL_LIKE = re.compile(r"(?:https?://|mailto:|www\.|/)\S*")
_BACKTICK_RUN = re.compile(r"`+")
_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})")


# ---- shared helpers ---------------------------------------------------------------------------------


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """The lines the selection touches; a selection ending at a line's start leaves that line out."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    if last != first and cursor.selectionEnd() == last.position():
        last = last.previous()
    blocks = [first]
    while blocks[-1] != last:
        blocks.append(blocks[-1].next())
    return blocks


def _front_matter_last_block(document: QTextDocument, up_to: int) -> int:
    """The block number of the front matter's closing fence (-1 without front matter), looking no further
    than block `up_to`, which is enough to tell whether a selection ending there touches the front matter."""
    first = document.firstBlock()
    opening = opening_fence(first.text())
    if opening is None:
        return -1
    fence = opening[1]
    block = first.next()
    while block.isValid() and block.blockNumber() <= up_to:
        if fence.fullmatch(block.text()):
            return block.blockNumber()
        block = block.next()
    return up_to  # unclosed, or closed below the selection: everything up to it is front matter


def _in_front_matter(cursor: QTextCursor) -> bool:
    """Whether the selection touches the front matter, where Markdown markup would corrupt the YAML."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart()).blockNumber()
    return first <= _front_matter_last_block(
        document, document.findBlock(cursor.selectionEnd()).blockNumber()
    )


def _editable(editor: QPlainTextEdit) -> QTextCursor | None:
    if editor.isReadOnly():
        return None
    cursor = editor.textCursor()
    return None if _in_front_matter(cursor) else cursor


@dataclass
class _LineEdit:
    """Replace `remove` characters at column `column` of `block` with `insert`."""

    block: QTextBlock
    column: int
    remove: int
    insert: str


def _apply_line_edits(editor: QPlainTextEdit, edits: list[_LineEdit]) -> None:
    if not edits:
        return
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    # Bottom up, so the positions still to be used are not moved by the edits already made.
    for edit in sorted(edits, key=lambda e: (e.block.position(), e.column), reverse=True):
        start = edit.block.position() + edit.column
        cursor.setPosition(start)
        cursor.setPosition(start + edit.remove, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.insert)
    cursor.endEditBlock()


# ---- inline markup: bold, italic, code ---------------------------------------------------------------


def _run_at_end(text: str, char: str) -> int:
    return len(text) - len(text.rstrip(char))


def _run_at_start(text: str, char: str) -> int:
    return len(text) - len(text.lstrip(char))


@dataclass
class _Span:
    """One line's part of the selection, as Python indices into the line, with the markup found around it."""

    block: QTextBlock
    text: str
    start: int
    end: int
    remove_left: int = 0
    remove_right: int = 0


class _InlineStyle:
    """How one kind of inline markup is recognised, added and removed."""

    # Markup characters that a selection may include at its edges.
    edge_chars = ""

    def find(self, span: _Span) -> bool:
        """Whether the text around the span carries the markup; sets how much to remove on each side."""
        raise NotImplementedError

    def wrap(self, inner: str) -> tuple[str, str]:
        """The opening and closing markup to add around `inner`."""
        raise NotImplementedError

    def locate(self, span: _Span) -> bool:
        """Find the markup around the span, or just inside its edges (selected along with the text, or
        left inside a selection by the previous toggle); moves the span to the text within the markup."""
        if self.find(span):
            return True
        start, end = span.start, span.end
        inner = span.text[start:end]
        for char in self.edge_chars:
            span.start = start + _run_at_start(inner, char)
            span.end = end - _run_at_end(inner, char)
            if span.start < span.end and (span.start, span.end) != (start, end) and self.find(span):
                return True
        span.start, span.end = start, end
        return False


class _Emphasis(_InlineStyle):
    """`*` (italic, 1) or `**` (bold, 2); `_` and `__` are recognised too. `***x***` is both."""

    edge_chars = "*_"

    def __init__(self, width: int) -> None:
        self.width = width

    def find(self, span: _Span) -> bool:
        before, after = span.text[: span.start], span.text[span.end :]
        for char in "*_":
            run = min(_run_at_end(before, char), _run_at_start(after, char), 3)
            # One marker means italic, two bold, three both.
            if run == 3 or run == self.width:
                span.remove_left = span.remove_right = self.width
                return True
        return False

    def wrap(self, inner: str) -> tuple[str, str]:
        marker = "*" * self.width
        return marker, marker


class _Code(_InlineStyle):
    """Backtick code spans, with a longer fence and padding when the code itself holds backticks."""

    edge_chars = "`"

    def find(self, span: _Span) -> bool:
        before, after = span.text[: span.start], span.text[span.end :]
        run = _run_at_end(before, "`")
        if run and run == _run_at_start(after, "`"):
            span.remove_left = span.remove_right = run
            inner = span.text[span.start : span.end]
            if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") and inner.strip():
                # The padding added for code that starts or ends with a backtick goes too.
                span.start += 1
                span.end -= 1
                span.remove_left = span.remove_right = run + 1
            return True
        if before.endswith(" ") and after.startswith(" "):
            run = _run_at_end(before[:-1], "`")
            if run and run == _run_at_start(after[1:], "`"):
                span.remove_left = span.remove_right = run + 1
                return True
        return False

    def wrap(self, inner: str) -> tuple[str, str]:
        longest = max((len(run) for run in _BACKTICK_RUN.findall(inner)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if inner.startswith("`") or inner.endswith("`") else ""
        return fence + pad, pad + fence


def _spans(cursor: QTextCursor) -> list[_Span]:
    """The selected text of each line, trimmed of surrounding blanks (markup must touch the text)."""
    spans: list[_Span] = []
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    for block in selected_blocks(cursor):
        text = block.text()
        first = text_offset(text, max(start - block.position(), 0))
        last = text_offset(text, min(end - block.position(), utf16_length(text)))
        part = text[first:last]
        stripped = part.strip()
        if not stripped:
            continue
        first += len(part) - len(part.lstrip())
        spans.append(_Span(block, text, first, first + len(stripped)))
    return spans


def _word_span(cursor: QTextCursor) -> _Span | None:
    block = cursor.block()
    text = block.text()
    column = text_offset(text, cursor.positionInBlock())
    for match in _WORD.finditer(text):
        if match.start() <= column <= match.end():
            return _Span(block, text, match.start(), match.end())
        if match.start() > column:
            break
    return None


def _toggle_inline(editor: QPlainTextEdit, style: _InlineStyle) -> None:
    cursor = _editable(editor)
    if cursor is None:
        return
    if cursor.hasSelection():
        spans = _spans(cursor)
    else:
        block = cursor.block()
        column = text_offset(block.text(), cursor.positionInBlock())
        empty = _Span(block, block.text(), column, column)
        word = _word_span(cursor)
        # An empty pair left by the previous toggle is removed again; otherwise the word is the target.
        spans = [empty] if style.find(empty) or word is None else [word]
    if not spans:
        return
    found = [style.locate(span) for span in spans]
    remove = all(found)
    edits: list[_LineEdit] = []
    # Track where the first span's text starts and the last span's text ends once the edits are made.
    new_start = new_end = 0
    shift = 0
    for index, (span, has) in enumerate(zip(spans, found, strict=True)):
        inner = span.text[span.start : span.end]
        left_column = utf16_length(span.text[: span.start])
        right_column = left_column + utf16_length(inner)
        if remove:
            left = span.text[span.start - span.remove_left : span.start]
            right = span.text[span.end : span.end + span.remove_right]
            edits.append(_LineEdit(span.block, left_column - utf16_length(left), utf16_length(left), ""))
            edits.append(_LineEdit(span.block, right_column, utf16_length(right), ""))
            left_delta, right_delta = -utf16_length(left), -utf16_length(right)
        elif has:
            left_delta = right_delta = 0
        else:
            opening, closing = style.wrap(inner)
            edits.append(_LineEdit(span.block, left_column, 0, opening))
            edits.append(_LineEdit(span.block, right_column, 0, closing))
            left_delta, right_delta = utf16_length(opening), utf16_length(closing)
        if index == 0:
            new_start = span.block.position() + left_column + left_delta
        shift += left_delta
        if index == len(spans) - 1:
            new_end = span.block.position() + right_column + shift
        shift += right_delta
    _apply_line_edits(editor, edits)
    result = editor.textCursor()
    result.setPosition(new_start)
    result.setPosition(new_end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(result)


def toggle_bold(editor: QPlainTextEdit) -> None:
    """Make the selection (or the word at the cursor) bold with `**`, or remove its bold."""
    _toggle_inline(editor, _Emphasis(2))


def toggle_italic(editor: QPlainTextEdit) -> None:
    """Make the selection (or the word at the cursor) italic with `*`, or remove its italic."""
    _toggle_inline(editor, _Emphasis(1))


def toggle_inline_code(editor: QPlainTextEdit) -> None:
    """Make the selection (or the word at the cursor) a `code` span, or turn it back into text."""
    _toggle_inline(editor, _Code())


# ---- links and code blocks -----------------------------------------------------------------------------


def insert_link(editor: QPlainTextEdit, url: str | None = None) -> None:
    """Turn the selection into `[selection](url)` with the URL selected for typing over.

    A selected URL becomes the link target instead, with placeholder text selected; without a selection
    `[text](url)` is inserted with "text" selected. `url` defaults to "https://".
    """
    cursor = _editable(editor)
    if cursor is None:
        return
    target = url or DEFAULT_URL
    selected = cursor.selectedText()
    placeholder = QCoreApplication.translate("FormatActions", "text")
    if selected and _URL_LIKE.fullmatch(selected):
        label, target = placeholder, selected
        select_label = True
    elif selected:
        label, select_label = selected, False
    else:
        label, select_label = placeholder, True
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    cursor.insertText(f"[{label}]({target})")
    cursor.endEditBlock()
    if select_label:
        begin = start + 1
        finish = begin + utf16_length(label)
    else:
        begin = start + 1 + utf16_length(label) + 2
        finish = begin + utf16_length(target)
    cursor.setPosition(begin)
    cursor.setPosition(finish, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def insert_code_block(editor: QPlainTextEdit, language: str = "") -> None:
    """Put the selected lines in a fenced code block, or insert an empty one below the current line.

    With a selection the cursor ends after the opening fence, ready for a language name; an empty block
    gets the cursor on its empty line.
    """
    cursor = _editable(editor)
    if cursor is None:
        return
    blocks = selected_blocks(cursor)
    if cursor.hasSelection():
        lines = [block.text() for block in blocks]
        longest = max((len(m.group(1)) for line in lines if (m := _FENCE_LINE.match(line))), default=0)
        fence = "`" * max(3, longest + 1)
        first, last = blocks[0], blocks[-1]
        edit = QTextCursor(editor.document())
        edit.beginEditBlock()
        edit.setPosition(last.position() + last.length() - 1)
        edit.insertText("\n" + fence)
        edit.setPosition(first.position())
        edit.insertText(fence + language + "\n")
        edit.endEditBlock()
        edit.setPosition(first.position() + utf16_length(fence + language))
        editor.setTextCursor(edit)
        return
    block = cursor.block()
    edit = QTextCursor(block)
    edit.beginEditBlock()
    if block.text().strip():
        edit.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        edit.insertText(f"\n```{language}\n\n```")
        middle = block.next().next()
    else:
        edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(f"```{language}\n\n```")
        middle = block.next()
    edit.endEditBlock()
    edit.setPosition(middle.position())
    editor.setTextCursor(edit)


# ---- line markup: headings, lists, quotes ------------------------------------------------------------


def _target_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """The selected lines that hold text; the current line even when empty, so markup can be typed into it."""
    blocks = selected_blocks(cursor)
    if len(blocks) == 1:
        return blocks
    return [block for block in blocks if block.text().strip()]


def set_heading(editor: QPlainTextEdit, level: int) -> None:
    """Make the selected lines headings of `level` (1-6) with `#`; level 0 makes them normal text."""
    if not 0 <= level <= MAX_HEADING_LEVEL:
        raise ValueError(f"heading level must be 0-{MAX_HEADING_LEVEL}, not {level}")
    cursor = _editable(editor)
    if cursor is None:
        return
    prefix = "#" * level + " " if level else ""
    edits: list[_LineEdit] = []
    underlines: set[int] = set()
    for block in _target_blocks(cursor):
        text = block.text()
        if block.blockNumber() in underlines:
            continue
        match = _ATX_PREFIX.match(text)
        old = match.group(0) if match else ""
        if old != prefix:
            edits.append(_LineEdit(block, 0, utf16_length(old), prefix))
        below = block.next()
        if text.strip() and below.isValid() and _SETEXT_UNDERLINE.fullmatch(below.text()):
            # A `===`/`---` underline would keep the line a heading (or turn it into a rule): drop it.
            edits.append(_LineEdit(block, utf16_length(text), below.length(), ""))
            underlines.add(below.blockNumber())
    _apply_line_edits(editor, edits)


def _marker_end(text: str, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    """(indent, end) of the list marker `pattern` finds at the start of `text`, or None."""
    match = pattern.match(text)
    return (len(match.group(1)), match.end()) if match else None


def _replaceable_marker(text: str, *patterns: re.Pattern[str]) -> tuple[int, int]:
    """(indent, length) of the first of the other list markers on the line; (indent, 0) when it has none."""
    for pattern in patterns:
        marker = _marker_end(text, pattern)
        if marker is not None:
            return marker[0], marker[1] - marker[0]
    return len(text) - len(text.lstrip(" \t")), 0


def _remove_markers(blocks: list[QTextBlock], pattern: re.Pattern[str]) -> list[_LineEdit]:
    """The edits that take the list marker `pattern` finds off each of `blocks` (which all have one)."""
    edits: list[_LineEdit] = []
    for block in blocks:
        indent, end = _marker_end(block.text(), pattern) or (0, 0)
        edits.append(_LineEdit(block, indent, end - indent, ""))
    return edits


def toggle_bullet_list(editor: QPlainTextEdit) -> None:
    """Make the selected lines `- ` bullet items, or plain lines if they all are bullets already."""
    cursor = _editable(editor)
    if cursor is None:
        return
    blocks = _target_blocks(cursor)
    if all(_BULLET.match(block.text()) for block in blocks):
        _apply_line_edits(editor, _remove_markers(blocks, _BULLET))
        return
    edits: list[_LineEdit] = []
    for block in blocks:
        text = block.text()
        if _BULLET.match(text):
            continue
        indent, remove = _replaceable_marker(text, _NUMBERED)
        edits.append(_LineEdit(block, indent, remove, "- "))
    _apply_line_edits(editor, edits)


def toggle_numbered_list(editor: QPlainTextEdit) -> None:
    """Number the selected lines `1. `, `2. `...; or make them plain lines if they all are numbered."""
    cursor = _editable(editor)
    if cursor is None:
        return
    blocks = _target_blocks(cursor)
    if all(_NUMBERED.match(block.text()) for block in blocks):
        _apply_line_edits(editor, _remove_markers(blocks, _NUMBERED))
        return
    edits: list[_LineEdit] = []
    number = 1
    above = _NUMBERED.match(blocks[0].previous().text()) if blocks[0].previous().isValid() else None
    if above is not None:
        number = int(above.group(2)) + 1  # carry on the list just above
    for block in blocks:
        text = block.text()
        indent, remove = _replaceable_marker(text, _NUMBERED, _BULLET)
        edits.append(_LineEdit(block, indent, remove, f"{number}. "))
        number += 1
    _apply_line_edits(editor, edits)


def toggle_quote(editor: QPlainTextEdit) -> None:
    """Quote the selected lines with `> ` (blank lines inside get `>`), or unquote them one level."""
    cursor = _editable(editor)
    if cursor is None:
        return
    blocks = selected_blocks(cursor)
    edits: list[_LineEdit] = []
    texts = [block.text() for block in blocks]
    if all(_QUOTE.match(text) or not text.strip() for text in texts) and any(_QUOTE.match(t) for t in texts):
        for block, text in zip(blocks, texts, strict=True):
            match = _QUOTE.match(text)
            if match is not None:
                edits.append(_LineEdit(block, 0, utf16_length(match.group(0)), ""))
    else:
        for block, text in zip(blocks, texts, strict=True):
            if not _QUOTE.match(text):
                edits.append(_LineEdit(block, 0, 0, "> " if text.strip() or len(blocks) == 1 else ">"))
    _apply_line_edits(editor, edits)


# ---- actions -----------------------------------------------------------------------------------------


class _ShortcutClaim(QObject):
    """Lets the format shortcuts through when the editor would take them as editing keys (Ctrl+K deletes
    to the end of the line on Linux and macOS)."""

    def __init__(self, actions: list[QAction], parent: QObject) -> None:
        super().__init__(parent)
        self._actions = actions

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep ShortcutOverride for our shortcuts from the editor, so the action fires."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            for action in self._actions:
                if action.isEnabled() and any(
                    pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                    for key in action.shortcuts()
                ):
                    return True
        return super().eventFilter(watched, event)


def create_format_actions(parent: QObject, editor: QPlainTextEdit) -> dict[str, QAction]:
    """Named QActions for the formatting commands, with shortcuts that work while `editor` has focus.

    Names: bold, italic, inline_code, link, image, code_block, heading_1 ... heading_6, normal_text,
    bullet_list, numbered_list, quote. "image" has no handler: the window connects its `triggered`.
    The actions are added to `editor`; add them to a menu or toolbar as well to show them.
    """
    ctrl, shift = Qt.Modifier.CTRL, Qt.Modifier.SHIFT

    def keys(*sequences: QKeySequence | QKeySequence.StandardKey) -> list[QKeySequence]:
        result: list[QKeySequence] = []
        for sequence in sequences:
            if isinstance(sequence, QKeySequence.StandardKey):
                result.extend(QKeySequence.keyBindings(sequence))
            else:
                result.append(sequence)
        return result

    def key(combination: Qt.Modifier | Qt.KeyboardModifier, code: Qt.Key) -> QKeySequence:
        return QKeySequence(combination | code)

    specs: list[tuple[str, str, list[QKeySequence], Callable[[], None] | None]] = [
        (
            "bold",
            QCoreApplication.translate("FormatActions", "&Bold"),
            keys(QKeySequence.StandardKey.Bold),
            lambda: toggle_bold(editor),
        ),
        (
            "italic",
            QCoreApplication.translate("FormatActions", "&Italic"),
            keys(QKeySequence.StandardKey.Italic),
            lambda: toggle_italic(editor),
        ),
        (
            "inline_code",
            QCoreApplication.translate("FormatActions", "Inline &Code"),
            # Ctrl+` needs a dead key on Danish and German keyboards, so Ctrl+Shift+C comes first.
            keys(key(ctrl | shift, Qt.Key.Key_C), key(ctrl, Qt.Key.Key_QuoteLeft)),
            lambda: toggle_inline_code(editor),
        ),
        (
            "link",
            QCoreApplication.translate("FormatActions", "&Link…"),
            keys(key(ctrl, Qt.Key.Key_K)),
            lambda: insert_link(editor, _clipboard_url()),
        ),
        (
            "image",
            QCoreApplication.translate("FormatActions", "Insert &Image…"),
            keys(key(ctrl | shift, Qt.Key.Key_I)),
            None,
        ),
        (
            "code_block",
            QCoreApplication.translate("FormatActions", "Code Bl&ock"),
            keys(key(ctrl | shift, Qt.Key.Key_K)),
            lambda: insert_code_block(editor),
        ),
    ]

    def heading(level: int) -> Callable[[], None]:
        # No parameters on the slot: QAction.triggered would pass `checked` into one.
        return lambda: set_heading(editor, level)

    digit_keys = [
        Qt.Key.Key_0,
        Qt.Key.Key_1,
        Qt.Key.Key_2,
        Qt.Key.Key_3,
        Qt.Key.Key_4,
        Qt.Key.Key_5,
        Qt.Key.Key_6,
    ]
    for level in range(1, MAX_HEADING_LEVEL + 1):
        specs.append(
            (
                f"heading_{level}",
                QCoreApplication.translate("FormatActions", "Heading {level}").format(level=level),
                keys(key(ctrl, digit_keys[level])),
                heading(level),
            )
        )
    specs += [
        (
            "normal_text",
            QCoreApplication.translate("FormatActions", "&Normal Text"),
            keys(key(ctrl, Qt.Key.Key_0)),
            lambda: set_heading(editor, 0),
        ),
        (
            "bullet_list",
            QCoreApplication.translate("FormatActions", "B&ullet List"),
            keys(key(ctrl | shift, Qt.Key.Key_8)),
            lambda: toggle_bullet_list(editor),
        ),
        (
            "numbered_list",
            QCoreApplication.translate("FormatActions", "N&umbered List"),
            keys(key(ctrl | shift, Qt.Key.Key_7)),
            lambda: toggle_numbered_list(editor),
        ),
        (
            "quote",
            QCoreApplication.translate("FormatActions", "&Quote"),
            keys(key(ctrl | shift, Qt.Key.Key_9)),
            lambda: toggle_quote(editor),
        ),
    ]

    actions: dict[str, QAction] = {}
    for name, text, shortcuts, handler in specs:
        action = QAction(text, parent)
        action.setObjectName(f"format_{name}")
        action.setShortcuts(shortcuts)
        # Only while the editor has focus: Ctrl+B in a front-matter field must not bold the body.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if shortcuts:
            action.setToolTip(
                f"{text.replace('&', '')} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        if handler is not None:
            action.triggered.connect(handler)
        editor.addAction(action)
        actions[name] = action
    editor.installEventFilter(_ShortcutClaim(list(actions.values()), parent))
    return actions


def _clipboard_url() -> str | None:
    """A URL on the clipboard, the likely target of a link being made."""
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text().strip() if clipboard is not None else ""
    return text if re.fullmatch(r"https?://\S+", text) else None
