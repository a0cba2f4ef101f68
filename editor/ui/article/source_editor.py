"""The Markdown source pane: a plain-text editor with line numbers, current-line highlight and image drops."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from editor.site.image_import import IMAGE_SUFFIXES
from editor.ui.article.document_text import document_text
from editor.ui.article.format_actions import selected_blocks
from editor.ui.article.markdown_highlighter import MarkdownHighlighter, mix_colors

__all__ = ["SourceEditor", "default_editor_font", "image_paths"]

# Below 11 pt a monospace font is tiring for prose; above 12 pt too few words fit a line.
MIN_POINT_SIZE = 11.0
MAX_POINT_SIZE = 12.0
GUTTER_PADDING = 6  # pixels either side of the numbers
DOCUMENT_MARGIN = 8
MIN_GUTTER_DIGITS = 2  # so the gutter does not jump when an article grows past 9 lines
TAB_STOP_SPACES = 4
LIST_INDENT = 2
# How far up Tab looks for the list item a line could be nested under.
LIST_SCAN_LIMIT = 200

_LIST_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def default_editor_font() -> QFont:
    """The system's fixed-pitch font at a readable size (11-12 pt)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    size = font.pointSizeF()
    if size <= 0:
        size = MIN_POINT_SIZE
    font.setPointSizeF(min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE))
    return font


def image_paths(mime: QMimeData) -> list[Path]:
    """The local image files among `mime`'s URLs, in order (by file name; the core checks the content)."""
    if not mime.hasUrls():
        return []
    paths: list[Path] = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMAGE_SUFFIXES:
                paths.append(path)
    return paths


class _LineNumberArea(QWidget):
    """The gutter left of the text; the editor paints it so it can share the editor's block geometry."""

    def __init__(self, editor: SourceEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        """As wide as the largest line number needs."""
        return QSize(self._editor.line_number_area_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the visible line numbers."""
        self._editor._paint_line_numbers(event)


class SourceEditor(QPlainTextEdit):
    """The whole article as plain text: front matter and Markdown body in one document.

    The editor never reads or writes files. Image drops and pastes are reported as signals for the window to
    import through the core; it then inserts the Markdown with `insert_text_at_cursor` or a QTextCursor.
    """

    cursor_line_changed = Signal(int)
    """The 1-based line of the text cursor, emitted when the cursor moves to another line."""
    image_files_dropped = Signal(list, int)
    """Local image files (list[Path]) dropped or pasted, and the document position they belong at."""
    image_pasted = Signal(QImage)
    """Clipboard image data (a screenshot, say) pasted without any text alongside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._line_number_area = _LineNumberArea(self)
        self._cursor_line = 0
        self._gutter_digits = 0
        self._current_line_cursor: QTextCursor | None = None
        self._current_line: list[QTextEdit.ExtraSelection] = []
        # Layers of extra selections drawn over the text, by name (focus mode's dimming, spelling marks).
        self._marks: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._highlighter = MarkdownHighlighter(self.document())

        self.setObjectName("sourceEditor")
        self.setAcceptDrops(True)
        # Prose lines are long; with a visible gutter, wrapping at words keeps paragraphs readable.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.set_soft_wrap(True)
        # Room between the gutter and the text, so the first column does not touch the line numbers.
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.set_editor_font(default_editor_font())

        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_line_number_area)
        self.cursorPositionChanged.connect(self._on_cursor_position_changed)
        self._update_gutter_width()
        self._on_cursor_position_changed()

    # ---- public API --------------------------------------------------------------------------------

    @property
    def highlighter(self) -> MarkdownHighlighter:
        """The Markdown highlighter attached to the editor's document."""
        return self._highlighter

    def setDocument(self, document: QTextDocument) -> None:
        """Show `document`; the highlighter moves along with it."""
        # Marks are cursors into the document shown before; Qt must not draw them over this one.
        self._marks = {}
        super().setDocument(document)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        document.setDefaultFont(self.font())
        self._highlighter.setDocument(document)
        self._update_gutter_width()
        self._cursor_line = 0
        self._on_cursor_position_changed()

    def text(self) -> str:
        """The text exactly as typed: unlike toPlainText(), no-break spaces stay no-break spaces."""
        return document_text(self.document())

    def set_soft_wrap(self, enabled: bool) -> None:
        """Wrap long lines at the window edge (True, the default) or scroll sideways (False)."""
        mode = QPlainTextEdit.LineWrapMode.WidgetWidth if enabled else QPlainTextEdit.LineWrapMode.NoWrap
        self.setLineWrapMode(mode)

    def soft_wrap(self) -> bool:
        """Whether long lines wrap."""
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def set_editor_font(self, font: QFont) -> None:
        """Use `font` for the text and the line numbers."""
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._line_number_area.setFont(font)
        self.setTabStopDistance(QFontMetricsF(font).horizontalAdvance(" ") * TAB_STOP_SPACES)
        self._gutter_digits = 0
        self._update_gutter_width()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of 1-based `line` (clamped to the document) and centre it."""
        number = min(max(line, 1), self.blockCount()) - 1
        cursor = QTextCursor(self.document().findBlockByNumber(number))
        self.setTextCursor(cursor)
        self.centerCursor()

    def current_line(self) -> int:
        """The 1-based line of the text cursor."""
        return self.textCursor().blockNumber() + 1

    def insert_text_at_cursor(self, text: str) -> None:
        """Insert `text` at the cursor (replacing any selection) as one undo step of its own."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # ---- the gutter --------------------------------------------------------------------------------

    def line_number_area_width(self) -> int:
        """The gutter's width in pixels for the current number of lines."""
        digits = max(MIN_GUTTER_DIGITS, len(str(self.blockCount())))
        advance = QFontMetricsF(self._line_number_area.font()).horizontalAdvance("9")
        return int(2 * GUTTER_PADDING + digits * advance + 0.999)

    def _update_gutter_width(self, _block_count: int = 0) -> None:
        digits = max(MIN_GUTTER_DIGITS, len(str(self.blockCount())))
        if digits == self._gutter_digits:
            return
        self._gutter_digits = digits
        self.setViewportMargins(self.line_number_area_width(), 0, 0, 0)
        self._place_line_number_area()

    def _update_line_number_area(self, rect: QRect, dy: int) -> None:
        if dy:
            self._line_number_area.scroll(0, dy)
        else:
            self._line_number_area.update(0, rect.y(), self._line_number_area.width(), rect.height())

    def _place_line_number_area(self) -> None:
        contents = self.contentsRect()
        self._line_number_area.setGeometry(
            QRect(contents.left(), contents.top(), self.line_number_area_width(), contents.height())
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the gutter as tall as the editor."""
        super().resizeEvent(event)
        self._place_line_number_area()

    def _paint_line_numbers(self, event: QPaintEvent) -> None:
        area = self._line_number_area
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter = QPainter(area)
        painter.fillRect(event.rect(), mix_colors(base, text, 0.04))
        painter.setPen(mix_colors(base, text, 0.12))
        painter.drawLine(area.width() - 1, event.rect().top(), area.width() - 1, event.rect().bottom())

        normal = QFont(area.font())
        bold = QFont(normal)
        bold.setBold(True)
        dim = mix_colors(text, base, 0.55)
        current = self.textCursor().blockNumber()
        width = area.width() - GUTTER_PADDING
        line_height = self.fontMetrics().height()

        block: QTextBlock = self.firstVisibleBlock()
        number = block.blockNumber()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        bottom = event.rect().bottom()
        # Only the visible blocks: painting costs the same for a 10-line and a 100 000-line article.
        while block.isValid() and top <= bottom:
            height = self.blockBoundingRect(block).height()
            if block.isVisible() and top + height >= event.rect().top():
                is_current = number == current
                painter.setFont(bold if is_current else normal)
                painter.setPen(text if is_current else dim)
                painter.drawText(
                    0,
                    int(top),
                    width,
                    line_height,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(number + 1),
                )
            top += height
            block = block.next()
            number += 1
        painter.end()

    # ---- current line ------------------------------------------------------------------------------

    def _on_cursor_position_changed(self) -> None:
        # Called for every keystroke: one block lookup, and the highlight is only re-set on another line.
        cursor = self.textCursor()
        line = cursor.blockNumber() + 1
        if self._current_line_cursor is None or self._current_line_cursor.block() != cursor.block():
            self._highlight_current_line()
        if line == self._cursor_line:
            return
        self._cursor_line = line
        self._line_number_area.update()
        self.cursor_line_changed.emit(line)

    def _highlight_current_line(self) -> None:
        # The selection's cursor follows edits by itself; setPlainText moves it away, hence the check above.
        selection = QTextEdit.ExtraSelection()
        palette = self.palette()
        selection.format.setBackground(  # type: ignore[attr-defined]
            mix_colors(
                palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Highlight), 0.1
            )
        )
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)  # type: ignore[attr-defined]
        cursor = self.textCursor()
        cursor.clearSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        self._current_line = [selection]
        self.setExtraSelections(
            self._current_line + [mark for layer in self._marks.values() for mark in layer]
        )
        self._current_line_cursor = cursor

    def set_marks(self, marks: list[QTextEdit.ExtraSelection], layer: str = "spelling") -> None:
        """Show `marks` (misspelled words, say) over the text, above the current line's background; each
        layer replaces only its own marks, and later layers draw over earlier ones."""
        self._marks[layer] = marks
        # A fresh current-line selection too: the kept one may be of a document shown before.
        self._highlight_current_line()

    def changeEvent(self, event: QEvent) -> None:
        """Follow palette changes (light/dark switch) in the highlighter and the current-line colour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._highlighter.set_palette(self.palette())
            self._highlight_current_line()
            self._line_number_area.update()

    # ---- keys --------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Tab nests list items, Shift+Enter is a plain line break; everything else as QPlainTextEdit."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == Qt.KeyboardModifier.ShiftModifier:
            # QPlainTextEdit would insert U+2028, a line break inside the paragraph that the saved
            # article would keep as an invisible character instead of a new line.
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            return
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier and self._indent(1):
            return
        if key == Qt.Key.Key_Backtab and self._indent(-1):
            return
        super().keyPressEvent(event)

    def _indent(self, direction: int) -> bool:
        """Indent (1) or outdent (-1) list items or the selected lines; False when Tab should type a tab."""
        blocks = selected_blocks(self.textCursor())
        if len(blocks) == 1 and direction > 0 and _LIST_ITEM.match(blocks[0].text()) is None:
            return False
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        for block in blocks:
            self._indent_block(edit, block, direction)
        edit.endEditBlock()
        return True

    def _indent_block(self, edit: QTextCursor, block: QTextBlock, direction: int) -> None:
        text = block.text()
        current = len(text) - len(text.lstrip(" \t"))
        leading = text[:current].expandtabs(TAB_STOP_SPACES)
        width = len(leading)
        if direction > 0:
            if not text.strip():
                return
            target = self._list_indent_target(block, width) if _LIST_ITEM.match(text) else width + LIST_INDENT
        else:
            target = (
                self._list_outdent_target(block, width) if _LIST_ITEM.match(text) else width - LIST_INDENT
            )
            target = max(target, 0)
        if target == width and leading == text[:current]:
            return
        edit.setPosition(block.position())
        edit.setPosition(block.position() + current, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(" " * target)

    def _list_items_above(self, block: QTextBlock) -> list[tuple[int, int]]:
        """(indent, content column) of the list items above `block`, nearest first, within this list."""
        items: list[tuple[int, int]] = []
        above = block.previous()
        for _ in range(LIST_SCAN_LIMIT):
            if not above.isValid():
                break
            text = above.text()
            match = _LIST_ITEM.match(text)
            if match is not None:
                indent = len(match.group(1).expandtabs(TAB_STOP_SPACES))
                items.append((indent, indent + len(match.group(0)) - len(match.group(1))))
            elif text.strip() and not text[:1].isspace():
                break  # an unindented paragraph ends the list
            above = above.previous()
        return items

    def _list_indent_target(self, block: QTextBlock, width: int) -> int:
        # Nest under the nearest item at this level or above: its text column is where a child starts.
        for indent, content in self._list_items_above(block):
            if indent <= width:
                return content if content > width else width + LIST_INDENT
        return width + LIST_INDENT

    def _list_outdent_target(self, block: QTextBlock, width: int) -> int:
        for indent, _content in self._list_items_above(block):
            if indent < width:
                return indent
        return width - LIST_INDENT

    # ---- images, dropped or pasted -----------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """Accept image files and image data besides text."""
        if image_paths(source) or (source.hasImage() and not source.hasText()):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Report images for the window to import; insert anything else as plain text."""
        paths = image_paths(source)
        if paths:
            self.image_files_dropped.emit(paths, self.textCursor().position())
            return
        if source.hasImage() and not source.hasText():
            image = _image_of(source)
            if image is not None and not image.isNull():
                self.image_pasted.emit(image)
            return
        super().insertFromMimeData(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Show the drop caret for image files too."""
        super().dragEnterEvent(event)
        if image_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Move the drop caret; image files may be dropped anywhere in the text."""
        super().dragMoveEvent(event)
        if image_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped image files become `image_files_dropped` at the drop point; other drops insert text."""
        paths = image_paths(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        cursor = self.cursorForPosition(event.position().toPoint())
        self.setTextCursor(cursor)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.image_files_dropped.emit(paths, cursor.position())


def _image_of(source: QMimeData) -> QImage | None:
    data = source.imageData()
    if isinstance(data, QImage):
        return data
    if isinstance(data, QPixmap):
        return data.toImage()
    return None
