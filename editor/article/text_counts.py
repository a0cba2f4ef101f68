"""Words, characters and reading time of an article or a selection, as the status bar shows them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from editor.article.document import split_article

# A word is a run of letters or digits, joined by the hyphens and apostrophes inside words ("MR-scanning"
# and "don't" are one word each), as word processors count.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")


@dataclass(frozen=True)
class TextCounts:
    """How long a text is: its words, its characters (line breaks not counted) and its reading time."""

    words: int
    characters: int

    def reading_minutes(self, words_per_minute: int = 200) -> int:
        """Whole minutes to read, rounded up; 0 only for a text without words."""
        return math.ceil(self.words / max(1, words_per_minute))


def count_text(text: str) -> TextCounts:
    """The counts of plain text, such as a selection."""
    return TextCounts(len(_WORD.findall(text)), len(text) - sum(len(m) for m in _LINE_BREAKS.findall(text)))


def count_article(text: str) -> TextCounts:
    """The counts of an article's body: its front matter is not read by its readers."""
    return count_text(split_article(text).body)
