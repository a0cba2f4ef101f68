"""Two versions of an article side by side in one column: a coloured unified diff, read-only."""

from __future__ import annotations

import difflib

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from editor.ui.article.source_editor import default_editor_font

__all__ = ["DiffDialog", "DiffView", "unified_diff_lines"]

# How many unchanged lines frame each change: difflib's and git's default.
CONTEXT_LINES = 3
# What diff and git print after a last line that has no line break, so that a lone missing "\n" shows.
NO_NEWLINE_MARK = "\\ No newline at end of file"

# Translucent backgrounds, so the palette's own text colour stays readable on light and dark themes alike.
_REMOVED_BACKGROUND = QColor(220, 40, 40, 60)
_ADDED_BACKGROUND = QColor(30, 170, 60, 60)
_HUNK_BACKGROUND = QColor(60, 110, 220, 45)


def unified_diff_lines(old_text: str, new_text: str, old_label: str, new_label: str) -> list[str]:
    """The unified diff of two texts as lines without line breaks; empty when the texts are equal."""
    if old_text == new_text:
        return []
    old_lines = old_text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    lines: list[str] = []
    for line in difflib.unified_diff(old_lines, new_lines, old_label, new_label, n=CONTEXT_LINES):
        body = line.rstrip("\r\n")
        lines.append(body)
        # The two header lines always end in "\n"; any other line without one was a file's last line.
        if not line.endswith(("\n", "\r")) and len(lines) > 2:
            lines.append(NO_NEWLINE_MARK)
    return lines


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
        self.setPlainText("\n".join(lines) if lines else self.tr("No differences"))

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
