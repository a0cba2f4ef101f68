"""Two versions of an article side by side in one column: a coloured unified diff, read-only."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from editor.article.text_diff import NO_NEWLINE_MARK, DiffLine, unified_diff_lines, word_diff
from editor.ui.article.source_editor import default_editor_font
from editor.ui.article.text_positions import qt_position

__all__ = ["NO_NEWLINE_MARK", "DiffDialog", "DiffView", "unified_diff_lines"]

# Translucent backgrounds, so the palette's own text colour stays readable on light and dark themes alike.
_REMOVED_BACKGROUND = QColor(220, 40, 40, 60)
_ADDED_BACKGROUND = QColor(30, 170, 60, 60)
_HUNK_BACKGROUND = QColor(60, 110, 220, 45)
# The words that changed within a changed line: the same hues, stronger.
_REMOVED_WORDS = QColor(220, 40, 40, 130)
_ADDED_WORDS = QColor(30, 170, 60, 130)


class _DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff by each line's first characters; the first two lines are the file headers."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.active = False
        self.header = QTextCharFormat()
        self.header.setFontWeight(QFont.Weight.Bold)
        self.hunk = QTextCharFormat()
        self.hunk.setBackground(_HUNK_BACKGROUND)
        self.removed = QTextCharFormat()
        self.removed.setBackground(_REMOVED_BACKGROUND)
        self.added = QTextCharFormat()
        self.added.setBackground(_ADDED_BACKGROUND)
        self.note = QTextCharFormat()
        self.note.setFontItalic(True)
        self.removed_words = QTextCharFormat()
        self.removed_words.setBackground(_REMOVED_WORDS)
        self.added_words = QTextCharFormat()
        self.added_words.setBackground(_ADDED_WORDS)
        # Block number -> the code-point spans of its changed words (word_diff); empty: lines only.
        self.words: dict[int, tuple[tuple[int, int], ...]] = {}

    def highlightBlock(self, text: str) -> None:
        if not self.active:
            return
        number = self.currentBlock().blockNumber()
        if number < 2:
            style = self.header
        elif text.startswith("@@"):
            style = self.hunk
        elif text.startswith("-"):
            style = self.removed
        elif text.startswith("+"):
            style = self.added
        elif text.startswith("\\"):
            style = self.note
        else:
            return
        self.setFormat(0, max(len(text), 1), style)
        words = self.added_words if style is self.added else self.removed_words
        for start, end in self.words.get(number, ()):
            # Qt counts UTF-16 units, the spans code points: an emoji before a word must not shift it.
            first = qt_position(text, start)
            self.setFormat(first, qt_position(text, end) - first, words)


class DiffView(QPlainTextEdit):
    """A read-only, monospace unified diff between two texts, or a plain note when they are equal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(default_editor_font())
        self._highlighter = _DiffHighlighter(self.document())

    def set_texts(self, old_text: str, new_text: str, old_label: str, new_label: str) -> None:
        """Show what turns `old_text` (named `old_label`) into `new_text` (named `new_label`)."""
        lines = unified_diff_lines(old_text, new_text, old_label, new_label)
        self._highlighter.active = bool(lines)
        self._highlighter.words = {}
        self.setPlainText("\n".join(lines) if lines else self.tr("No differences"))

    def set_word_diff(self, old_text: str, new_text: str, old_label: str, new_label: str) -> list[DiffLine]:
        """As set_texts, with the words that changed within each changed line marked more strongly; returns
        the lines shown."""
        lines = word_diff(old_text, new_text, old_label, new_label)
        self._highlighter.active = bool(lines)
        self._highlighter.words = {number: line.changed for number, line in enumerate(lines) if line.changed}
        self.setPlainText("\n".join(line.text for line in lines) if lines else self.tr("No differences"))
        return lines

    def has_differences(self) -> bool:
        """Whether the texts shown differ."""
        return self._highlighter.active


class DiffDialog(QDialog):
    """A window holding a DiffView and a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Differences"))
        self.view = DiffView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 600)

    def set_texts(self, old_text: str, new_text: str, old_label: str, new_label: str) -> None:
        """Show what turns `old_text` (named `old_label`) into `new_text` (named `new_label`)."""
        self.view.set_texts(old_text, new_text, old_label, new_label)
