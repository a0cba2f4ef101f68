"""The one conversion between offsets into a Python string and positions in a Qt text document.

Qt counts positions in UTF-16 code units, Python in code points: a character beyond the BMP (an emoji,
𝐀, 𠀀) takes two positions. And the document holds one paragraph break where the article's text has a
CRLF, two characters. Every edit made to a document from offsets into a text goes through here: the form,
reload, recovery, find and replace, format actions, image insertion.
"""

from __future__ import annotations

import bisect
import re

# What makes a position differ from an offset: an astral character (one more) or the LF of a CRLF (one less).
_WIDE_OR_PAIRED = re.compile("[\U00010000-\U0010ffff]|\r\n")
# A character that takes two positions.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextPositions:
    """Converts offsets into one text to and from positions in a document holding that text."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._astral: list[int] = []
        self._pair_ends: list[int] = []
        for match in _WIDE_OR_PAIRED.finditer(text):
            if match.group() == "\r\n":
                self._pair_ends.append(match.start() + 1)
            else:
                self._astral.append(match.start())

    def qt_position(self, offset: int) -> int:
        """The document position of text offset `offset` (an offset inside a CRLF gives the position after
        the break; inside no character can an offset fall)."""
        return offset + bisect.bisect_left(self._astral, offset) - bisect.bisect_left(self._pair_ends, offset)

    def text_offset(self, position: int) -> int:
        """The text offset of document position `position` (a position inside an astral character, which
        Qt allows, gives the offset of that character)."""
        offset = bisect.bisect_right(range(self._length + 1), position, key=self.qt_position) - 1
        return max(offset, 0)


def qt_position(text: str, offset: int) -> int:
    """The document position of `offset` into `text`."""
    return TextPositions(text[:offset]).qt_position(offset)


def text_offset(text: str, position: int) -> int:
    """The offset into `text` of document position `position`."""
    return TextPositions(text).text_offset(position)


def utf16_length(text: str) -> int:
    """How many document positions `text` takes when inserted (its CRLFs become one break each).

    Counted from the UTF-16 encoding rather than through TextPositions: the first keystroke in a 1 MB
    article asks for the saved text's length, and building positions for it stalled typing ~90 ms."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2 - text.count("\r\n")


def document_offset(document_text: str, position: int, astral: bool = True) -> int:
    """The offset into a document's own text (its breaks as LF, as document_text() gives it, so one
    position each) of document position `position`; `astral=False` says the text has no character
    beyond the BMP, where positions and offsets are the same."""
    if not astral:
        return min(position, len(document_text))
    units = document_text.encode("utf-16-le", "surrogatepass")[: 2 * position]
    return len(units.decode("utf-16-le", "surrogatepass"))


def document_length(document_text: str, astral: bool = True) -> int:
    """How many positions a document's own text takes (`astral` as for document_offset)."""
    if not astral:
        return len(document_text)
    return len(document_text) + len(ASTRAL.findall(document_text))
