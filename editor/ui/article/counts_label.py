"""The status bar's words, characters and reading time, and the selection's while there is one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from editor.article.text_counts import TextCounts, count_article, count_text

# Counting 1 MB takes a few tens of milliseconds: not on every keystroke.
RECOUNT_DELAY_MS = 300


class CountsLabel(QLabel):
    """Counts the article a moment after typing stops, and a selection as it changes."""

    def __init__(
        self, editor: QPlainTextEdit, words_per_minute: Callable[[], int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("countsLabel")
        self.editor = editor
        self._words_per_minute = words_per_minute
        self.article = TextCounts(0, 0)
        self._timer = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        editor.document().contentsChanged.connect(self._timer.start)
        editor.selectionChanged.connect(self.show_counts)

    def recount(self) -> None:
        """Count the whole article now."""
        self._timer.stop()
        text = self.editor.document().toPlainText()
        self.article = count_article(text)
        self.show_counts()

    def show_counts(self) -> None:
        cursor = self.editor.textCursor()
        minutes = self.article.reading_minutes(self._words_per_minute())
        text = self.tr("{0} words, {1} characters, {2} min read").format(
            f"{self.article.words:,}", f"{self.article.characters:,}", minutes
        )
        if cursor.hasSelection():
            # U+2029 is how Qt hands over the line breaks of a selection.
            selected = count_text(cursor.selectedText().replace("\u2029", "\n"))
            text = (
                self.tr("Selection: {0} words, {1} characters").format(
                    f"{selected.words:,}", f"{selected.characters:,}"
                )
                + "  |  "
                + text
            )
        self.setText(text)
