"""The status bar's words, characters and reading time, and the selection's while there is one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from editor.article.document import split_article
from editor.article.text_counts import TextCounts, count_text

# Counting 1 MB takes 65 ms: not on every keystroke, and in slices of a few milliseconds each.
RECOUNT_DELAY_MS = 300
SLICE = 40_000


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
        self._slices = QTimer(self, interval=0)
        self._slices.timeout.connect(self._count_slice)
        self._pending = ""
        self._partial = TextCounts(0, 0)
        editor.document().contentsChanged.connect(self._timer.start)
        editor.selectionChanged.connect(self.show_counts)

    def recount(self) -> None:
        """Count the whole article, a slice per turn of the event loop (typing goes on in between)."""
        self._timer.stop()
        self._pending = split_article(self.editor.document().toPlainText()).body
        self._partial = TextCounts(0, 0)
        self._count_slice()
        if self._pending:
            self._slices.start()

    def _count_slice(self) -> None:
        text = self._pending
        end = len(text) if len(text) <= SLICE else SLICE
        # Cut at white space, so no word is counted twice.
        while end < len(text) and not text[end].isspace():
            end += 1
        counts = count_text(text[:end])
        self._partial = TextCounts(
            self._partial.words + counts.words, self._partial.characters + counts.characters
        )
        self._pending = text[end:]
        if not self._pending:
            self._slices.stop()
            self.article = self._partial
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
