"""Python-Markdown configuration and the small extensions the article renderer adds to it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension, FootnoteInlineProcessor
from markdown.extensions.toc import slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from editor.site.markdown_extensions import NO_EXTENSIONS, SiteExtensions

# Marks are placeholders the chunk renderer leaves in its HTML for values that depend on the whole
# document (absolute line numbers, heading ids, footnote numbers, resolved images). STX/ETX cannot come
# from an article: Python-Markdown strips them from its input, and so does the renderer.
MARK_START = "\x02"
MARK_END = "\x03"
LINE_MARK = "L"
HEADING_MARK = "H"
FOOTNOTE_REF_MARK = "R"
FOOTNOTE_NUMBER_MARK = "N"
IMAGE_MARK = "I"

# Never matches article text, so only the footnote-list render decides where the footnotes go.
FOOTNOTE_PLACE_MARKER = "article-editor:footnotes:8f1c2d"
FOOTNOTE_RE = r"\[\^([^\]]*)\]"


def mark(kind: str, payload: str) -> str:
    """A placeholder of `kind` carrying `payload`, resolved by the document-level link step."""
    return f"{MARK_START}{kind}{payload}{MARK_END}"


class RenderMode(Enum):
    """What a Markdown instance is configured for."""

    # One top-level chunk of an article, leaving marks for document-wide values.
    CHUNK = "chunk"
    # Only the footnote list of an article, from the chunks that define footnotes.
    FOOTNOTES = "footnotes"
    # The whole article in one pass, without marks: the reference the chunked render is tested against.
    WHOLE = "whole"


@dataclass
class DocumentContext:
    """Document-wide definitions injected into a chunk render after its block parsing."""

    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    footnote_ids: list[str] = field(default_factory=list)
    # Only for the footnote list: the references made in the body, in order, and their counts.
    footnote_order: list[str] = field(default_factory=list)
    footnote_ref_counts: dict[str, int] = field(default_factory=dict)


# --- nested lists ---------------------------------------------------------------------------------

_LIST_ITEM_RE = re.compile(r"( *)([*+-]|\d+\.)( +)(?=\S)")
_ATX_RE = re.compile(r" {0,3}#")


@dataclass
class _OpenItem:
    content_column: int  # where the item's text starts in the source
    depth: int


class NestedListPreprocessor(Preprocessor):
    """Re-indents nested list content to the 4-space steps Python-Markdown needs.

    Static sites render with CommonMark, where an item's children are nested when indented to the
    item's text column (2 spaces under `- `, 3 under `1. `, as Prettier writes them); Python-Markdown
    nests only by its tab length. Rewriting indentation keeps the CommonMark meaning for 2-, 3- and
    4-space styles. It runs after fenced code and raw HTML are stashed, so their content is untouched.
    Lists inside block quotes and footnotes are parsed from already preprocessed text and keep
    Python-Markdown's rule.
    """

    def run(self, lines: list[str]) -> list[str]:
        """Return `lines` with list-item content indented by 4 spaces per nesting level."""
        stack: list[_OpenItem] = []
        out: list[str] = []
        previous = ""
        for line in lines:
            if not line.strip():
                out.append(line)
                previous = ""
                continue
            indent = len(line) - len(line.lstrip(" "))
            item = _LIST_ITEM_RE.match(line)
            lazy = bool(previous) and item is None
            if not lazy:
                while stack and indent < stack[-1].content_column:
                    stack.pop()
            if item is not None and (stack or (indent <= 3 and (not previous or _ATX_RE.match(previous)))):
                depth = len(stack)
                marker = item.group(2)
                content_column = indent + len(marker) + min(len(item.group(3)), 4)
                stack.append(_OpenItem(content_column, depth))
                out.append(" " * (4 * depth) + line[indent:])
            elif stack and not lazy:
                owner = stack[-1]
                extra = indent - owner.content_column
                out.append(" " * (4 * (owner.depth + 1) + extra) + line[indent:])
            else:
                out.append(line)
            previous = line
        return out


class NestedListExtension(Extension):
    """Registers NestedListPreprocessor after fences (25) and raw HTML (20) are stashed."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Add the preprocessor to `md`."""
        md.preprocessors.register(NestedListPreprocessor(md), "nested_lists", 15)


# --- source lines ---------------------------------------------------------------------------------


@dataclass
class _LineState:
    text: str = ""
    source_line_count: int = 0
    line_count_matches: bool = True
    top_blocks: list[str] | None = None
    records: list[tuple[int, int]] = field(default_factory=list)
    # The top-level blocks as the parse began, and the length of each suffix of them: block processors
    # take from and put back at the front only, so the rest of the list stays these very strings.
    original: list[str] = field(default_factory=list)
    suffix_lengths: list[int] = field(default_factory=list)
    # The last position measured and the line there, so each count starts where the previous ended.
    counted_to: int = 0
    counted_lines: int = 0

    def remaining_length(self, blocks: list[str]) -> int:
        """len() of the blocks joined by blank lines, without adding up the untouched tail again."""
        original, count = self.original, len(blocks)
        shift = len(original) - count
        head = 0
        while head < count and not (shift + head >= 0 and blocks[head] is original[shift + head]):
            head += 1
        total = sum(len(block) for block in blocks[:head])
        if head < count:
            total += self.suffix_lengths[shift + head]
        return total + 2 * max(count - 1, 0)

    def line_at(self, position: int) -> int:
        """How many line breaks the text has before `position`."""
        if position < self.counted_to:
            self.counted_to, self.counted_lines = 0, 0
        self.counted_lines += self.text.count("\n", self.counted_to, position)
        self.counted_to = position
        return self.counted_lines


class _LineCounter(Preprocessor):
    """Counts the chunk's lines before any preprocessor changes them."""

    def __init__(self, md: markdown.Markdown, state: _LineState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.source_line_count = len(lines)
        return lines


class _LineSnapshot(Preprocessor):
    """Keeps the text the block parser will see, to count lines in it."""

    def __init__(self, md: markdown.Markdown, state: _LineState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.text = "\n".join(lines)
        # Whitespace normalising adds two empty lines; stashed fences and HTML collapse lines, and
        # then positions inside the chunk are unknown.
        self.state.line_count_matches = len(lines) == self.state.source_line_count + 2
        self.state.top_blocks = None
        self.state.records = []
        self.state.counted_to, self.state.counted_lines = 0, 0
        return lines


class _LineRecorder(BlockProcessor):
    """Notes, before each top-level block is parsed, how many lines of the chunk came before it."""

    def __init__(self, parser: BlockParser, state: _LineState) -> None:
        super().__init__(parser)
        self.state = state

    def test(self, parent: etree.Element, block: str) -> bool:
        return parent is self.parser.root

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        # Nested parses of the root (a processor re-parsing the text before its match) get a new list;
        # only the outermost walk measures positions.
        state = self.state
        if state.top_blocks is None:
            state.top_blocks = blocks
            state.original = list(blocks)
            state.suffix_lengths = [0] * (len(blocks) + 1)
            for index in range(len(blocks) - 1, -1, -1):
                state.suffix_lengths[index] = state.suffix_lengths[index + 1] + len(blocks[index])
        if blocks is state.top_blocks:
            consumed = max(len(state.text) - state.remaining_length(blocks), 0)
            state.records.append((len(parent), state.line_at(consumed)))
        return False


LINE_HINT_TAG = "x-source-line"


class _LineTagger(Treeprocessor):
    """Puts a relative-line hint before every top-level element, for the sanitizer to attach.

    A hint element rather than an attribute, because raw HTML and highlighted code come back from the
    stash in place of their element and would lose an attribute set here.
    """

    def __init__(self, md: markdown.Markdown, state: _LineState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        records = self.state.records
        index = 0
        for position in range(len(root)):
            while index + 1 < len(records) and records[index + 1][0] <= position:
                index += 1
            line = records[index][1] if records and self.state.line_count_matches else 0
            hint = etree.Element(LINE_HINT_TAG, {"data-line": mark(LINE_MARK, str(line))})
            # Each earlier child has its hint before it, so this child is at twice its position.
            root.insert(2 * position, hint)


class SourceLineExtension(Extension):
    """Marks top-level elements with their line in the chunk (ReText's mdx_posmap idea, per element)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the snapshot, the recorder and the tagger on `md`."""
        state = _LineState()
        md.preprocessors.register(_LineCounter(md, state), "source_line_counter", 100)
        md.preprocessors.register(_LineSnapshot(md, state), "source_line_snapshot", 0)
        md.parser.blockprocessors.register(_LineRecorder(md.parser, state), "source_line_recorder", 1000)
        # Before the footnote list is appended (50), so generated content gets no line.
        md.treeprocessors.register(_LineTagger(md, state), "source_line_tagger", 60)


# --- document context -----------------------------------------------------------------------------


class _ContextInjector(Treeprocessor):
    """Replaces the chunk's own definitions by the document's, between block and inline parsing."""

    def __init__(
        self, md: markdown.Markdown, context: DocumentContext, footnotes: ChunkFootnoteExtension
    ) -> None:
        super().__init__(md)
        self.context = context
        self.footnotes = footnotes

    def run(self, root: etree.Element) -> None:
        # After block parsing, so a later definition of the same label in another chunk still wins,
        # as it does when Python-Markdown parses the whole document.
        self.md.references = dict(self.context.references)
        if self.footnotes.list_only:
            self.footnotes.footnote_order = list(self.context.footnote_order)
            counts = self.context.footnote_ref_counts
            sep = self.footnotes.get_separator()
            self.footnotes.found_refs = {f"fnref{sep}{fid}": count for fid, count in counts.items()}
            self.footnotes.used_refs = {
                f"fnref{n if n > 1 else ''}{sep}{fid}"
                for fid, count in counts.items()
                for n in range(1, count + 1)
            }
        else:
            self.footnotes.footnotes = OrderedDict((fid, "") for fid in self.context.footnote_ids)


class _MarkedFootnoteInlineProcessor(FootnoteInlineProcessor):
    """A footnote reference whose id and number are left as marks for the link step."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        element, start, end = super().handleMatch(m, data)
        if element is not None:
            # Starts with "fnref" like the real id, which is how toc leaves references out of slugs.
            element.set("id", "fnref" + mark(FOOTNOTE_REF_MARK, m.group(1)))
            element[0].text = mark(FOOTNOTE_NUMBER_MARK, m.group(1))
        return element, start, end


class ChunkFootnoteExtension(FootnoteExtension):
    """Footnotes split in two renders: references in the chunks, the list in a block of its own."""

    def __init__(self, list_only: bool, **kwargs: Any) -> None:
        self.list_only = list_only
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the standard footnote processors, with marked references in chunk mode."""
        super().extendMarkdown(md)
        if not self.list_only:
            md.inlinePatterns.register(_MarkedFootnoteInlineProcessor(FOOTNOTE_RE, self), "footnote", 175)

    def makeFootnotesDiv(self, root: etree.Element) -> etree.Element | None:
        """The footnote list, only in the render that is for it."""
        if not self.list_only:
            return None
        return super().makeFootnotesDiv(root)


class _KeepOnlyFootnotes(Treeprocessor):
    """In the footnote-list render, drops the body the definitions were parsed out of."""

    def run(self, root: etree.Element) -> None:
        for child in list(root):
            if not (child.tag == "div" and child.get("class") == "footnote"):
                root.remove(child)


class ContextExtension(Extension):
    """Injects the DocumentContext; in footnote-list mode also keeps only the list."""

    def __init__(self, context: DocumentContext, footnotes: ChunkFootnoteExtension, **kwargs: Any) -> None:
        self.context = context
        self.footnotes = footnotes
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the injector (before the footnote list, 50) and the pruner (before inline, 20)."""
        md.treeprocessors.register(
            _ContextInjector(md, self.context, self.footnotes), "document_context", 100
        )
        if self.footnotes.list_only:
            md.treeprocessors.register(_KeepOnlyFootnotes(md), "keep_only_footnotes", 45)


# --- factory --------------------------------------------------------------------------------------


def marked_slugify(value: str, separator: str) -> str:
    """A heading slug as a mark, so the link step can make it unique across the whole document."""
    return mark(HEADING_MARK, slugify_unicode(value, separator))


FOOTNOTE_CONFIG: dict[str, Any] = {
    "PLACE_MARKER": FOOTNOTE_PLACE_MARKER,
    # Numbered by first reference, as GitHub-flavoured renderers number them.
    "USE_DEFINITION_ORDER": False,
}


def _common_extensions() -> list[Extension | str]:
    return [
        "tables",
        "sane_lists",
        "pymdownx.highlight",
        "pymdownx.superfences",
        NestedListExtension(),
    ]


def _extension_configs(site: SiteExtensions) -> dict[str, dict[str, Any]]:
    return {
        # CSS classes from pygments (resources/css/pygments.css), never inline styles, unless the site says.
        "pymdownx.highlight": {
            "use_pygments": True,
            "guess_lang": False,
            "css_class": "highlight",
            **site.options_for("pymdownx.highlight"),
        },
        "pymdownx.superfences": site.options_for("pymdownx.superfences"),
        "tables": site.options_for("markdown.extensions.tables"),
    }


def build_markdown(
    mode: RenderMode,
    context: DocumentContext | None = None,
    fences: bool = True,
    site: SiteExtensions = NO_EXTENSIONS,
    source_lines: bool = False,
) -> markdown.Markdown:
    """A Markdown instance for `mode`; CHUNK and FOOTNOTES read document-wide values from `context`.

    Without `fences`, fenced code is plain text: what superfences makes of the text after a fence
    that never closes. `site` adds the site's extensions and its options for the preview's own.
    `source_lines` marks a WHOLE render's top-level elements with their lines, as CHUNK renders are.
    """
    extensions = _common_extensions()
    # The site's own toc options (permalinks, say), but an empty marker turns off Python-Markdown's [TOC]
    # replacement, which static sites don't have, and the slugs are the preview's.
    toc_config: dict[str, Any] = {**site.options_for("markdown.extensions.toc"), "marker": ""}
    if mode is RenderMode.WHOLE:
        extensions.append(FootnoteExtension(**FOOTNOTE_CONFIG))
        if source_lines:
            extensions.append(SourceLineExtension())
        toc_config["slugify"] = slugify_unicode
    else:
        if context is None:
            raise ValueError(f"{mode} needs a DocumentContext")
        footnotes = ChunkFootnoteExtension(list_only=mode is RenderMode.FOOTNOTES, **FOOTNOTE_CONFIG)
        extensions += [footnotes, ContextExtension(context, footnotes)]
        if mode is RenderMode.CHUNK:
            extensions.append(SourceLineExtension())
        toc_config["slugify"] = marked_slugify
    extensions.append("toc")
    extensions += site.make()
    configs = _extension_configs(site)
    configs["toc"] = toc_config
    md = markdown.Markdown(extensions=extensions, extension_configs=configs, output_format="xhtml")
    if not fences:
        md.preprocessors.deregister("fenced_code_block")
    return md
