"""How one text became another: the span that changed, and the old text's line breaks carried over to the
new text's lines (an editor widget keeps lines, not the CRLF, LF, CR or U+2029 that ended each)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from editor.article.document import newline_of

# Every sequence a Qt text document turns into one paragraph break, as QTextCursor.insertText does: CRLF,
# LF, CR, U+2029 and the two frame markers. The longest first, so CRLF is one break.
LINE_BREAK = re.compile("\r\n|[\n\r\u2029\ufdd0\ufdd1]")
# Past this many changed lines the line-by-line matching (quadratic at worst) gives way to matching by
# position; only a file with mixed line breaks gets there, after a replace-all over thousands of lines.
_MATCHED_LINES_LIMIT = 20_000


def common_prefix_length(first: Sequence[object], second: Sequence[object]) -> int:
    """How many leading items (characters, lines) two sequences share; slices compare in C, so a 1 MB text
    takes ~20 steps. Each step compares only the part past what is known to be shared, so all steps
    together compare about one length's worth, not twenty."""
    low, high = 0, min(len(first), len(second))
    while low < high:
        middle = (low + high + 1) // 2
        if first[low:middle] == second[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix_length(first: Sequence[object], second: Sequence[object], limit: int) -> int:
    """How many trailing items two sequences share, at most `limit`."""
    low, high = 0, min(len(first), len(second), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if first[len(first) - middle : len(first) - low] == second[len(second) - middle : len(second) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in old, end in new) of the one span outside which `old` and `new` are the same."""
    start = common_prefix_length(old, new)
    tail = common_suffix_length(old, new, min(len(old), len(new)) - start)
    return start, len(old) - tail, len(new) - tail


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of `text` and the break that ends each line but the last (one fewer breaks than lines)."""
    lines = LINE_BREAK.split(text)
    return lines, LINE_BREAK.findall(text)


class LineBreaks:
    """The line breaks of a text, to give back to its lines after an editor widget has had them.

    Made once per text read, saved or edited by us; `join` runs at every keystroke that needs the text.
    """

    def __init__(self, original: str, known: dict[str, str] | None = None) -> None:
        self.original = original
        # Breaks of lines seen in earlier texts of the same document (line -> its break), so a line that
        # an undo brings back gets its own break again, not its neighbour's.
        self.known = known if known is not None else {}
        self._kinds = set(LINE_BREAK.findall(original)) | set(self.known.values())
        self._split: tuple[list[str], list[str]] | None = None

    def join(self, lines: list[str]) -> str:
        """`lines` joined with the breaks `original` had: a line that is still there keeps its break, a
        changed or new line takes the break of the line it replaces (else of its neighbour above), so only
        the lines that changed can differ from `original` in a diff."""
        if len(self._kinds) <= 1:
            # One kind of break everywhere (the usual file): every line gets it, however the lines moved.
            return (next(iter(self._kinds)) if self._kinds else newline_of(self.original)).join(lines)
        if self._split is None:
            self._split = split_lines(self.original)
        old_lines, old_breaks = self._split
        ends = _carried_breaks(old_lines, old_breaks, lines, newline_of(self.original), self.known)
        return "".join(line + end for line, end in zip(lines, ends, strict=True))


def remember_breaks(text: str, known: dict[str, str]) -> None:
    """Note the break of each line of `text` that has text (blank lines are too alike to tell apart)."""
    if "\r" not in text and "\u2029" not in text and "\ufdd0" not in text and "\ufdd1" not in text:
        return  # LF only, the usual file: every line's break is the one all lines have
    lines, breaks = split_lines(text)
    for line, end in zip(lines, breaks, strict=False):
        if line.strip():
            known[line] = end


def _carried_breaks(
    old_lines: list[str], old_breaks: list[str], lines: list[str], default: str, known: dict[str, str]
) -> list[str]:
    old_ends = [*old_breaks, ""]
    # The unchanged lines at both ends need no matching; only what lies between them.
    head = common_prefix_length(old_lines, lines)
    tail = common_suffix_length(old_lines, lines, min(len(old_lines), len(lines)) - head)
    ends = old_ends[:head] + [""] * (len(lines) - head - tail) + old_ends[len(old_ends) - tail :]
    old_middle = old_lines[head : len(old_lines) - tail]
    new_middle = lines[head : len(lines) - tail]
    blocks: Sequence[tuple[str, int, int, int, int]]
    if len(old_middle) + len(new_middle) > _MATCHED_LINES_LIMIT:
        blocks = [("replace", 0, len(old_middle), 0, len(new_middle))]
    else:
        blocks = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False).get_opcodes()
    for tag, old_start, old_stop, new_start, new_stop in blocks:
        replaced = old_ends[head + old_start : head + old_stop]
        for index in range(new_start, new_stop):
            if tag == "equal":
                end = replaced[index - new_start]
            elif lines[head + index] in known:
                end = known[lines[head + index]]
            elif not replaced:
                end = ends[head + index - 1] if head + index > 0 else old_ends[head + old_stop]
            elif index == new_stop - 1:
                end = replaced[-1]  # the region's last line ends as the region did
            else:
                end = replaced[min(index - new_start, len(replaced) - 1)]
            ends[head + index] = end
    # Only the last line has no break; a line that was last and is not any more gets its neighbour's.
    for index in range(len(lines) - 1):
        if not ends[index]:
            ends[index] = next((end for end in reversed(ends[:index]) if end), None) or default
    ends[-1] = ""
    return ends
