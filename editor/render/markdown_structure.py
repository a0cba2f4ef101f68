"""What each flavour's own parser makes of an article body, as the Markdown lint asks it: where list items
start and what they are nested in, text that continues a paragraph or a quote, indented code, empty headings.

Only block parsing runs (no inline rules, no HTML), so the lint stays cheap on whole sites."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from editor.article.markdown_lint import MarkdownStructure, ParsedItem, StructureReader, body_lines
from editor.render.flavours import Flavour

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    import markdown
    from markdown_it import MarkdownIt


def structure_reader(flavour: Flavour) -> StructureReader:
    """How bodies of a site of `flavour` are parsed for the lint."""
    return python_markdown_structure if flavour is Flavour.PYTHON_MARKDOWN else commonmark_structure


# ---- CommonMark + GFM: markdown-it's block tokens and their line maps -------------------------------------

_block_parser: MarkdownIt | None = None


def _commonmark_blocks() -> MarkdownIt:
    global _block_parser
    if _block_parser is None:
        # Imported here: pygments, which the renderer brings, is not needed before the first check.
        from editor.render.commonmark_renderer import build_parser

        parser = build_parser()
        # Block tokens (with their maps and the raw text of each inline) are all the lint reads.
        parser.core.ruler.disable(["inline", "footnote_tail", "text_join"], ignoreInvalid=True)
        _block_parser = parser
    return _block_parser


def _content_column(line: str) -> int:
    """The column of a list item's text (CommonMark's W + N): a child must be indented this far to nest."""
    expanded = line.expandtabs(4)
    marker = re.match(r"( *)(?:[-*+]|\d{1,9}[.)])", expanded)
    if marker is None:
        return 0
    after = expanded[marker.end() :]
    spaces = len(after) - len(after.lstrip(" "))
    # Blank after the marker, or five spaces or more (indented code inside the item): the text is one
    # space past the marker.
    if not after.strip() or spaces > 4:
        spaces = 1
    return marker.end() + spaces


def commonmark_structure(body: str) -> MarkdownStructure:
    """The body as markdown-it (CommonMark 0.31 + GFM, the site's commonmark flavour) parses it."""
    lines = body_lines(body)
    tokens = _commonmark_blocks().parse("\n".join(lines))
    items: dict[int, ParsedItem] = {}
    continuation: set[int] = set()
    lazy: list[int] = []
    code: list[int] = []
    empty: list[tuple[int, int]] = []
    open_items: list[int] = []
    quotes = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "list_item_open" and token.map is not None:
            line = token.map[0]
            if not quotes:
                items[line] = ParsedItem(frozenset(open_items), _content_column(lines[line]))
            open_items.append(line)
        elif kind == "list_item_close":
            open_items.pop()
        elif kind == "paragraph_open" and token.map is not None:
            start, end = token.map
            following = range(start + 1, min(end, len(lines)))
            continuation.update(following)
            if quotes:
                lazy.extend(line for line in following if not lines[line].lstrip().startswith(">"))
        elif kind == "code_block" and token.map is not None:
            code.append(token.map[0])
        elif (
            kind == "heading_open"
            and token.map is not None
            and token.markup.startswith("#")
            and not tokens[index + 1].content.strip()
        ):
            empty.append((token.map[0], int(token.tag[1])))
    return MarkdownStructure(
        Flavour.COMMONMARK.label, items, frozenset(continuation), tuple(lazy), tuple(code), tuple(empty)
    )


# ---- Python-Markdown: its block parser's element tree, with the lines marked -----------------------------

# Python-Markdown keeps no source lines, so each line the lint asks about gets a mark (private-use
# characters that no block rule looks at) and the tree shows where the parser put it.
_MARK_OPEN = "\ue000"
_MARK_CLOSE = "\ue001"
_MARK = re.compile(_MARK_OPEN + r"(\d+)" + _MARK_CLOSE)
_LIST_LINE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_HEADING_HASHES = re.compile(r"[ \t]*#+")
_WORD = re.compile(r"\w")
_FENCE = re.compile(r"[ \t>]*(?:```|~~~)")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_local = threading.local()


def _python_markdown() -> markdown.Markdown:
    """One Markdown per thread (validation runs in a worker thread), with the block extensions the
    python-markdown flavour renders with, and not the preview's re-indenting of nested lists: MkDocs and
    Pelican nest a list only at four spaces."""
    md: markdown.Markdown | None = getattr(_local, "markdown", None)
    if md is None:
        import markdown

        md = markdown.Markdown(extensions=["tables", "sane_lists", "pymdownx.superfences", "footnotes"])
        _local.markdown = md
    md.reset()
    return md


def _marked_lines(lines: list[str]) -> tuple[list[str], set[int]]:
    """The lines with a mark on each the lint asks about, and which of those lie after a quote without `>`.

    A mark never changes a block: it goes after a heading's `#`s (a heading takes any text) or at the end of
    a list item, of text after a quote and of indented text; never on fences, HTML, rules or underlines.
    """
    marked = []
    after_quote: set[int] = set()
    in_quote = False
    previous_blank = True
    for index, raw in enumerate(lines):
        line = raw.replace(_MARK_OPEN, "\ufffd").replace(_MARK_CLOSE, "\ufffd")
        blank = not line.strip()
        stripped = line.lstrip(" \t")
        mark = f"{_MARK_OPEN}{index}{_MARK_CLOSE}"
        quoted = stripped.startswith(">")
        in_quote = not blank and (quoted or in_quote)
        if blank or _FENCE.match(line) or stripped.startswith("<"):
            marked.append(line)
        elif stripped.startswith("#"):
            hashes = _HEADING_HASHES.match(line)
            end = hashes.end() if hashes else 0
            marked.append(line[:end] + mark + line[end:])
        elif quoted:
            marked.append(line)
        elif (
            # A word on the line: `- - -` is a rule, and would turn into an item with a mark after it.
            (_LIST_LINE.match(line) and _WORD.search(line))
            or (in_quote and _WORD.search(line))
            or (previous_blank and line.startswith(("    ", "\t")))
        ):
            if in_quote:
                after_quote.add(index)
            marked.append(line + mark)
        else:
            marked.append(line)
        previous_blank = blank
    return marked, after_quote


def _texts(
    element: Element, ancestors: tuple[Element, ...]
) -> Iterator[tuple[str, Element, tuple[Element, ...]]]:
    """Every text of the tree with the element it belongs to and that element's ancestors, in order."""
    inner = (*ancestors, element)
    if element.text:
        yield element.text, element, ancestors
    for child in element:
        yield from _texts(child, inner)
        if child.tail:
            yield child.tail, element, ancestors


def python_markdown_structure(body: str) -> MarkdownStructure:
    """The body as Python-Markdown's block parser (the site's python-markdown flavour) parses it."""
    md = _python_markdown()
    marked, after_quote = _marked_lines(body_lines(body))
    for preprocessor in md.preprocessors:
        marked = preprocessor.run(marked)
    root = md.parser.parseDocument(marked).getroot()
    # Each mark's line, its rank among the marks of its text (0: the text starts on that line), the element
    # holding the text, and that element's ancestors.
    found = [
        (int(match.group(1)), rank, owner, ancestors)
        for text, owner, ancestors in _texts(root, ())
        for rank, match in enumerate(_MARK.finditer(text))
    ]
    item_lines: dict[int, int] = {}  # id(li) -> the line it starts on
    items: dict[int, ParsedItem] = {}
    continuation: set[int] = set()
    lazy: list[int] = []
    code: list[int] = []
    empty: list[tuple[int, int]] = []
    for line, rank, owner, ancestors in found:
        chain = (*ancestors, owner)
        quoted = any(element.tag == "blockquote" for element in chain)
        if rank and owner.tag in ("p", "li"):
            continuation.add(line)
        if line in after_quote and quoted:
            lazy.append(line)
        if owner.tag == "code" and ancestors and ancestors[-1].tag == "pre":
            if _first_code_line(owner, line):
                code.append(line)
        elif owner.tag in _HEADINGS and not _MARK.sub("", owner.text or "").strip() and len(owner) == 0:
            empty.append((line, _HEADINGS[owner.tag]))
        item = _item_of(owner, ancestors)
        if rank == 0 and item is not None and id(item) not in item_lines and not quoted:
            lists_around = [element for element in chain if element.tag == "li"]
            depth = len(lists_around) - 1
            item_lines[id(item)] = line
            parents = frozenset(
                item_lines[id(element)] for element in lists_around[:-1] if id(element) in item_lines
            )
            # Python-Markdown nests by its tab length: four spaces for each level.
            items[line] = ParsedItem(parents, 4 * (depth + 1))
    return MarkdownStructure(
        Flavour.PYTHON_MARKDOWN.label, items, frozenset(continuation), tuple(lazy), tuple(code), tuple(empty)
    )


def _item_of(owner: Element, ancestors: tuple[Element, ...]) -> Element | None:
    """The list item whose own first text `owner` holds: the item itself, or its first paragraph."""
    if owner.tag == "li":
        return owner
    if owner.tag == "p" and ancestors and ancestors[-1].tag == "li" and ancestors[-1][0] is owner:
        return ancestors[-1] if not ancestors[-1].text else None
    return None


def _first_code_line(code: Element, line: int) -> bool:
    """Whether the mark of `line` opens the code block's text (its first line, the one to judge)."""
    text = code.text or ""
    return f"{_MARK_OPEN}{line}{_MARK_CLOSE}" in text.split("\n", 1)[0]
