"""Markdown traps an article's body falls into in its site's flavour, judged from what the flavour's own
parser made of the body (a `MarkdownStructure`, read by editor.render.markdown_structure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from editor.article.translatable import translatable

# What looks like a list item to a writer, in either flavour; the parser says whether it is one.
_LIST_LINE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\S)")
# Lines without which no rule can fire, wider than any rule (the parser decides): an indented list item, a
# quote, white space of four columns before a line's text (or after a list marker), a heading of `#`s alone.
_TRAP_LINE = re.compile(
    r"^(?:[ \t]+(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"
    r"|[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*>"
    r"|[-*+.)\d \t]*(?: {4}|\t)"
    r"|[-*+.)\d \t>]*#{1,6}[ \t#]*$)",
    re.MULTILINE,
)
# Characters that mark an indented block as code someone meant; prose rarely has them.
_CODE_HINT = re.compile(r"[{};=<>$]|//|\(\)")


@dataclass(frozen=True)
class ParsedItem:
    """A list item as the parser nested it: `parents` are the 0-based body lines of the items around it, and
    `nest_column` is the indentation a list item below must reach to nest inside this one."""

    parents: frozenset[int]
    nest_column: int


@dataclass(frozen=True)
class MarkdownStructure:
    """What the flavour's parser made of a body's lines (0-based body lines), as far as the lint asks."""

    flavour: str  # its name, for messages: "CommonMark + GFM"
    # Lines where the parser starts a list item (outside block quotes).
    items: dict[int, ParsedItem]
    # Lines the parser reads as text continuing the paragraph of an earlier line.
    continuation_lines: frozenset[int]
    # Lines without `>` that the parser put into a block quote.
    lazy_quote_lines: tuple[int, ...]
    # The first line of each indented code block.
    code_blocks: tuple[int, ...]
    # Headings without text: their line and level.
    empty_headings: tuple[tuple[int, int], ...]


# The body's text to its structure in the site's flavour.
StructureReader = Callable[[str], MarkdownStructure]


@dataclass(frozen=True)
class MarkdownFinding:
    """One trap, at a 1-based file line and column, with its translatable message."""

    line: int
    column: int
    rule: str
    template: str
    values: dict[str, object]


def body_lines(body: str) -> list[str]:
    """The body's lines as both parsers count them: split at LF, CRLF and CR only."""
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _indentation(line: str) -> int:
    """The columns of a line's leading white space, tabs to the next multiple of four as CommonMark counts."""
    head = line[: len(line) - len(line.lstrip(" \t"))]
    return len(head.expandtabs(4))


def _first_column(line: str) -> int:
    return len(line) - len(line.lstrip(" \t")) + 1


@dataclass(frozen=True)
class _SeenItem:
    line: int
    indentation: int


def _nesting_findings(
    lines: list[str], structure: MarkdownStructure, first_line: int
) -> Iterator[MarkdownFinding]:
    """Items indented past the item above them, suggesting nesting, that the parser did not nest under it.

    The item above is the nearest earlier item of the same list run with less indentation; a run ends at
    a line back at the margin that is neither a list item nor text continuing one.
    """
    run: list[_SeenItem] = []
    previous_blank = True
    for index, line in enumerate(lines):
        blank = not line.strip()
        looks_like_item = _LIST_LINE.match(line) is not None
        indentation = _indentation(line)
        if (
            not blank
            and indentation == 0
            and not looks_like_item
            and (previous_blank or index not in structure.continuation_lines)
        ):
            run.clear()
        previous_blank = blank
        if not looks_like_item:
            continue
        above = next((seen for seen in reversed(run) if seen.indentation < indentation), None)
        item = structure.items.get(index)
        if item is not None:
            if above is not None and above.line not in item.parents:
                message = translatable(
                    "Problem",
                    "{flavour} does not nest this item under the item on line {parent}: the site shows it "
                    "outside that item; indent it by {need} spaces to nest it",
                )
                yield _not_nesting(structure, first_line, index, line, above, message)
            run.append(_SeenItem(index, indentation))
        elif above is not None and index in structure.continuation_lines:
            message = translatable(
                "Problem",
                "{flavour} reads this line as text continuing the line above, not as a list item; indent "
                "it by {need} spaces to nest it under the item on line {parent}",
            )
            yield _not_nesting(structure, first_line, index, line, above, message)


def _not_nesting(
    structure: MarkdownStructure, first_line: int, index: int, line: str, above: _SeenItem, message: str
) -> MarkdownFinding:
    """A list-will-not-nest finding on body line `index`, naming the item `above` and the indent it needs."""
    return MarkdownFinding(
        first_line + index,
        _first_column(line),
        "list-will-not-nest",
        message,
        {
            "flavour": structure.flavour,
            "parent": first_line + above.line,
            "need": structure.items[above.line].nest_column,
        },
    )


def may_have_traps(body: str) -> bool:
    """False when no line of `body` could be a trap, so the parse can be skipped (most bodies: lists at
    the margin, headings with text, no quotes, nothing indented)."""
    return _TRAP_LINE.search(body.replace("\r", "\n")) is not None


def markdown_findings(body: str, structure: MarkdownStructure, first_line: int) -> Iterator[MarkdownFinding]:
    """Every trap of `body`, whose first line is line `first_line` of the file."""
    lines = body_lines(body)
    yield from _nesting_findings(lines, structure, first_line)
    lazy = set(structure.lazy_quote_lines)
    for line in sorted(lazy):
        if line - 1 not in lazy:  # once for each run of lazy lines
            yield MarkdownFinding(
                first_line + line,
                _first_column(lines[line]),
                "lazy-continuation",
                translatable(
                    "Problem",
                    "this line has no `>`, but {flavour} continues the quote above with it, so the site shows "
                    "it inside the quote; start it with `>`, or put a blank line before it to end the quote",
                ),
                {"flavour": structure.flavour},
            )
    for line in structure.code_blocks:
        if not _CODE_HINT.search(lines[line]):
            yield MarkdownFinding(
                first_line + line,
                1,
                "indented-code",
                translatable(
                    "Problem",
                    "this text is indented by four spaces, so it renders as a code block; remove the indentation "
                    "if it is meant as text",
                ),
                {},
            )
    for line, level in structure.empty_headings:
        yield MarkdownFinding(
            first_line + line,
            _first_column(lines[line]),
            "empty-heading",
            translatable(
                "Problem",
                "empty heading: `{markup}` renders as an empty <h{level}>; add its text or remove the line",
            ),
            {"markup": lines[line].strip(), "level": level},
        )
