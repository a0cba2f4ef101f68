"""Which part of the source document changed since the render worker was last sent its text."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument

from editor.ui.preview.text_delta import TextDelta

# A change larger than this (a paste, a reload) is sent as the whole text.
DELTA_LIMIT = 256 * 1024


class DocumentChanges(QObject):
    """Follows a document's contentsChange and keeps one span, in the document's positions now, outside
    which the document still holds the text last sent to the worker.

    One span rather than a list of edits: Qt reports some changes from inside others (the highlighter
    marks a block dirty while the edit that changed it is still being reported), so the reports can come
    in an order no list of edits could be replayed in; a span that covers them all is right in any order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: QTextDocument | None = None
        self._known = False  # whether the worker holds the text the span is relative to
        self._start = 0
        self._end = 0
        self._sent_length = 0  # the document's length, in positions, when its text was last sent
        self._empty = True

    def _follow(self, document: QTextDocument) -> None:
        if self._document is not None and shiboken6.isValid(self._document):
            # The editor deletes a document it owned when it is given another.
            self._document.contentsChange.disconnect(self._on_change)
        self._document = document
        document.contentsChange.connect(self._on_change)
        self._known = False

    def forget(self) -> None:
        """The worker lost the text (it restarted, or found itself out of step): send it whole next."""
        self._known = False

    def sent_whole(self) -> None:
        """The document's whole text, as it is now, was just sent."""
        self._known = self._document is not None
        self._empty = True
        self._sent_length = self._length()

    def take(self, document: QTextDocument) -> TextDelta | None:
        """What changed in `document` (the one whose text would be sent) since the text last sent, as a
        delta; None when the text must go whole (then call sent_whole once it is sent), as it must the
        first time and after the editor showed another document. The span then starts empty again."""
        if document is not self._document:
            self._follow(document)
        if not self._known:
            return None
        length = self._length()
        if self._empty:
            start = end = 0
        else:
            start, end = self._start, min(self._end, length)
        old_end = end - (length - self._sent_length)
        if start > end or old_end < start or end - start > DELTA_LIMIT:
            return None
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        # selectedText() is the raw text (no-break spaces kept) with U+2029 between paragraphs.
        inserted = cursor.selectedText().replace("\u2029", "\n")
        self._empty = True
        self._sent_length = length
        return TextDelta(start, old_end, inserted, length)

    def _length(self) -> int:
        document = self._document
        return document.characterCount() - 1 if document is not None else 0

    def _on_change(self, position: int, removed: int, added: int) -> None:
        if not self._known:
            return
        if self._empty:
            self._start, self._end, self._empty = position, position + added, False
            return
        # The span's end, moved by this change: past it, shifted; inside what was removed, to its end.
        end = self._end
        if end <= position:
            end = position + added
        elif end >= position + removed:
            end += added - removed
        else:
            end = position + added
        # Each case leaves the end at or past position + added: the span covers this change too.
        self._start = min(self._start, position)
        self._end = end
