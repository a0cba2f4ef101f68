"""The article text sent to the render worker as what changed, not the whole of it on every keystroke.

At 1 MB, taking the text out of the document, pickling it and writing it to the worker cost the GUI
thread 4 to 5 ms per render. The editor sends one span instead (see DocumentChanges), in the document's
own positions; the worker keeps the text and replaces the span. Qt-free: the worker imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.ui.article.text_positions import ASTRAL, document_length, document_offset


@dataclass(frozen=True)
class TextDelta:
    """The text of the previous request with document positions [start, end) of it replaced by
    `inserted`; `length` is the new text's length in positions, so a worker out of step can tell."""

    start: int
    end: int
    inserted: str
    length: int


class TextOutOfStep(Exception):
    """The worker has no text to apply a delta to, or the result is not as long as the editor's."""


class WorkerText:
    """The worker's copy of the article text (the document's text, breaks as LF)."""

    def __init__(self) -> None:
        self._text: str | None = None
        # Whether the text may hold characters beyond the BMP: without any, positions are offsets.
        self._astral = False

    def replace(self, text: str) -> str:
        """Start again from the whole `text`."""
        self._text = text
        self._astral = ASTRAL.search(text) is not None
        return text

    def apply(self, delta: TextDelta) -> str:
        """The text with `delta` applied (and kept for the next one)."""
        text = self._text
        if text is None:
            raise TextOutOfStep("no text to apply a change to")
        start = document_offset(text, delta.start, self._astral)
        end = document_offset(text, delta.end, self._astral)
        if end < start:
            self._text = None
            raise TextOutOfStep("the change ends before it starts")
        text = text[:start] + delta.inserted + text[end:]
        # A removed astral character may have been the last: the flag only ever errs towards the slow path.
        self._astral = self._astral or ASTRAL.search(delta.inserted) is not None
        if document_length(text, self._astral) != delta.length:
            self._text = None
            raise TextOutOfStep("the changed text is not as long as the editor's")
        self._text = text
        return text

    def forget(self) -> None:
        """Hold no text: the next request must bring all of it."""
        self._text = None
