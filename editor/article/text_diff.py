"""Two versions of a text as a unified diff, with the words that changed inside each changed line marked."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CONTEXT_LINES",
    "NO_NEWLINE_MARK",
    "DiffLine",
    "LineKind",
    "first_changed_words",
    "unified_diff_lines",
    "word_diff",
]

# How many unchanged lines frame each change: difflib's and git's default.
CONTEXT_LINES = 3
# What diff and git print after a last line that has no line break, so that a lone missing "\n" shows.
NO_NEWLINE_MARK = "\\ No newline at end of file"
# Words, runs of spaces, and single other characters: "MR-scanning," changes as "MR", "-", "scanning", ",".
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Markdown's marks and spaces at either end of changed words, which the rendered page does not show.
_MARKUP_ENDS = re.compile(r"^[\s*_`~#>\[\]()!|-]+|[\s*_`~#>\[\]()!|-]+$")


class LineKind(StrEnum):
    """What a line of a unified diff is."""

    HEADER = "header"
    HUNK = "hunk"
    CONTEXT = "context"
    REMOVED = "removed"
    ADDED = "added"
    NOTE = "note"


@dataclass(frozen=True)
class DiffLine:
    """A line of the diff as shown, its kind, and the (start, end) code-point spans of `text` that changed
    within it: the words that the paired removed or added line does not have."""

    kind: LineKind
    text: str
    changed: tuple[tuple[int, int], ...] = ()


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


def word_diff(old_text: str, new_text: str, old_label: str, new_label: str) -> list[DiffLine]:
    """The unified diff of two texts, each removed line paired with the added line in its place (the first
    removed with the first added of a change, and so on) and the words that differ between them marked."""
    lines = [
        DiffLine(_kind(index, text), text)
        for index, text in enumerate(unified_diff_lines(old_text, new_text, old_label, new_label))
    ]
    result = list(lines)
    for removed, added in _changes(lines):
        for old_index, new_index in zip(removed, added, strict=False):
            old_spans, new_spans = _word_spans(lines[old_index].text[1:], lines[new_index].text[1:])
            result[old_index] = DiffLine(LineKind.REMOVED, lines[old_index].text, _shifted(old_spans))
            result[new_index] = DiffLine(LineKind.ADDED, lines[new_index].text, _shifted(new_spans))
    return result


def first_changed_words(lines: list[DiffLine], kind: LineKind, least_letters: int = 3) -> str | None:
    """The longest marked words of the first `kind` line (REMOVED or ADDED) with any that hold
    `least_letters` letters, without the Markdown marks around them: text to find on the rendered page,
    where the change shows (the longest, as a short word is likelier to stand elsewhere too)."""
    for line in lines:
        if line.kind is not kind:
            continue
        found = [_MARKUP_ENDS.sub("", line.text[start:end]) for start, end in line.changed]
        found = [words for words in found if sum(char.isalpha() for char in words) >= least_letters]
        if found:
            return max(found, key=len)
    return None


def _kind(index: int, text: str) -> LineKind:
    if index < 2:
        return LineKind.HEADER
    if text.startswith("@@"):
        return LineKind.HUNK
    if text.startswith("-"):
        return LineKind.REMOVED
    if text.startswith("+"):
        return LineKind.ADDED
    if text.startswith("\\"):
        return LineKind.NOTE
    return LineKind.CONTEXT


def _changes(lines: list[DiffLine]) -> Iterator[tuple[list[int], list[int]]]:
    """Each run of removed lines with the run of added lines right after it, as line indexes."""
    removed: list[int] = []
    added: list[int] = []
    for index, line in enumerate(lines):
        if line.kind is LineKind.NOTE:
            continue
        if line.kind is LineKind.REMOVED and not added:
            removed.append(index)
        elif line.kind is LineKind.ADDED:
            added.append(index)
        else:
            if removed and added:
                yield removed, added
            removed, added = ([index] if line.kind is LineKind.REMOVED else []), []
    if removed and added:
        yield removed, added


def _word_spans(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    old_tokens = [match.span() for match in _TOKEN.finditer(old)]
    new_tokens = [match.span() for match in _TOKEN.finditer(new)]
    matcher = difflib.SequenceMatcher(
        None,
        [old[start:end] for start, end in old_tokens],
        [new[start:end] for start, end in new_tokens],
        autojunk=False,
    )
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    for tag, old_start, old_end, new_start, new_end in _joined(matcher.get_opcodes(), old, old_tokens):
        if tag == "equal":
            continue
        if old_end > old_start:
            old_spans.append((old_tokens[old_start][0], old_tokens[old_end - 1][1]))
        if new_end > new_start:
            new_spans.append((new_tokens[new_start][0], new_tokens[new_end - 1][1]))
    return old_spans, new_spans


def _joined(
    opcodes: Sequence[tuple[str, int, int, int, int]], old: str, old_tokens: list[tuple[int, int]]
) -> list[tuple[str, int, int, int, int]]:
    """Two replaced runs with only a space between them become one: "skabe tryghed" -> "give ro" is marked
    as one change on each side, not as two words and an unchanged space."""
    joined: list[tuple[str, int, int, int, int]] = []
    for opcode in opcodes:
        if (
            len(joined) >= 2
            and opcode[0] == "replace"
            and joined[-1][0] == "equal"
            and joined[-2][0] == "replace"
            and all(old[slice(*old_tokens[index])].isspace() for index in range(joined[-1][1], joined[-1][2]))
        ):
            joined.pop()
            first = joined.pop()
            opcode = ("replace", first[1], opcode[2], first[3], opcode[4])
        joined.append(opcode)
    return joined


def _shifted(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    # The spans were found in the line without its leading "-" or "+".
    return tuple((start + 1, end + 1) for start, end in spans)
