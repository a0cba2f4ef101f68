"""Case-insensitive, Unicode-aware text search: the lines and columns where a query occurs in a text."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

# The line breaks str.splitlines knows, so search lines are the editor's and `check`'s lines.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class SearchHit:
    """One occurrence: the file line (1-based), the column in characters (1-based), the length of the
    matched text in characters, and the whole line."""

    path: str
    line: int
    column: int
    length: int
    text: str

    def as_dict(self) -> dict[str, object]:
        """The hit as `search --json` prints it."""
        return {"path": self.path, "line": self.line, "column": self.column, "text": self.text}


def fold(text: str) -> str:
    """`text` as search compares it: casefolded (ß and ss, Σ and σ and ς match)."""
    return text.casefold()


@functools.cache
def _expanding() -> re.Pattern[str]:
    """The characters whose casefolded form is longer than one (ß -> ss, ﬁ -> fi); all in the BMP."""
    chars = "".join(chr(code) for code in range(0x10000) if len(chr(code).casefold()) > 1)
    return re.compile("[" + re.escape(chars) + "]")


def find_in_text(path: str, text: str, query: str, folded: str | None = None) -> list[SearchHit]:
    """Every non-overlapping occurrence of `query` in `text`, ignoring case; `folded` is fold(text) when
    the caller has it. Columns and lengths count the text's own characters (a match of "ss" in "Straße"
    is the one character ß)."""
    needle = fold(query)
    if not needle or _LINE_BREAK.search(needle):
        return []
    haystack = fold(text) if folded is None else folded
    position = haystack.find(needle)
    if position < 0:
        return []
    original = _origin(text) if len(haystack) != len(text) else None
    starts = [0]
    ends: list[int] = []
    for match in _LINE_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    hits: list[SearchHit] = []
    while position >= 0:
        first = original(position) if original else position
        last = original(position + len(needle) - 1) if original else position + len(needle) - 1
        index = bisect.bisect_right(starts, first) - 1
        line_start = starts[index]
        hits.append(
            SearchHit(
                path, index + 1, first - line_start + 1, last - first + 1, text[line_start : ends[index]]
            )
        )
        position = haystack.find(needle, position + len(needle))
    return hits


def _origin(text: str) -> Callable[[int], int]:
    """A function from a position in fold(text) to the position in `text` of the character it came from."""
    folded_starts: list[int] = []  # where each expanding character starts in the folded text
    originals: list[int] = []
    extra_after: list[int] = []  # folded characters added by it and those before it
    added = 0
    for match in _expanding().finditer(text):
        index = match.start()
        folded_starts.append(index + added)
        originals.append(index)
        added += len(fold(match.group())) - 1
        extra_after.append(added)

    def original(position: int) -> int:
        k = bisect.bisect_right(folded_starts, position) - 1
        if k < 0:
            return position
        if position < folded_starts[k] + 1 + extra_after[k] - (extra_after[k - 1] if k else 0):
            return originals[k]
        return position - extra_after[k]

    return original


def occurrences(text: str, query: str) -> list[tuple[int, int]]:
    """The (start, end) offsets in `text` of what find_in_text finds, for replacing it."""
    starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    return [
        (starts[hit.line - 1] + hit.column - 1, starts[hit.line - 1] + hit.column - 1 + hit.length)
        for hit in find_in_text("", text, query)
    ]


def replace_in_text(text: str, query: str, replacement: str) -> tuple[str, int]:
    """`text` with every occurrence of `query` (ignoring case, as search finds them) replaced, and how
    many were."""
    spans = occurrences(text, query)
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += [text[last:start], replacement]
        last = end
    pieces.append(text[last:])
    return "".join(pieces), len(spans)
