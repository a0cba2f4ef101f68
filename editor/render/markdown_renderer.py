"""Article Markdown to preview HTML, in top-level blocks that are re-rendered only when they change."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import markdown
from markdown.extensions.footnotes import FootnoteExtension

from editor.article.text_changes import common_prefix_length, common_suffix_length
from editor.render.block_keys import BlockNames
from editor.render.blocks import Chunk, ChunkSplitter
from editor.render.chunk_links import (
    Linker,
    LinkState,
    MissingImages,
    RawChunk,
    UrlResolver,
    Values,
    image_html,
    output_digest,
    raw_from,
)
from editor.render.extensions import (
    FOOTNOTE_RE,
    LINE_MARK,
    MARK_END,
    MARK_START,
    DocumentContext,
    RenderMode,
    build_markdown,
)
from editor.render.sanitize import sanitize_html
from editor.site.markdown_extensions import NO_EXTENSIONS, SiteExtensions

_REFERENCE_LABEL_RE = re.compile(r"\[([^\[\]]*)\]")
# The pattern the footnote extension finds references with, so labels are read the same way.
_FOOTNOTE_LABEL_RE = re.compile(FOOTNOTE_RE)
_WHITESPACE_RE = re.compile(r"\s+")
# Keeps the footnote-list render's chunks apart, so each is parsed as it is in the article.
_CHUNK_SEPARATOR = "\n\nfootnote-sources\n\n"


@dataclass(frozen=True)
class RenderedBlock:
    """One top-level block of an article (or a group that renders together, such as a list).

    `key` identifies the block's output apart from its position: same key, same HTML up to the
    data-line numbers, which shift with the block. Keys are unique within one RenderedBody.
    """

    key: str
    html: str
    source_start_line: int
    source_end_line: int


@dataclass(frozen=True)
class RenderedBody:
    """The rendered body: its HTML, its blocks in order, and which blocks are new since the last render."""

    html: str
    blocks: list[RenderedBlock]
    changed_block_indexes: list[int]
    line_offset: int = 0

    @property
    def keys(self) -> list[str]:
        """The block keys in document order."""
        return [block.key for block in self.blocks]

    def data_lines(self) -> list[int]:
        """Each block's first line in the file (the data-line of its first element)."""
        return [block.source_start_line + self.line_offset for block in self.blocks]


@dataclass(frozen=True)
class _Definitions:
    references: tuple[tuple[str, tuple[str, str]], ...]
    footnote_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Labels:
    references: tuple[str, ...]
    footnotes: tuple[str, ...]


_NO_LABELS = _Labels((), ())
_NO_DEFINITIONS = _Definitions((), ())

# The document-wide definitions a chunk uses: (reference label, (url, title)) pairs and footnote ids;
# () for a chunk without labels.
_Context = tuple[tuple[tuple[str, tuple[str, str]], ...], tuple[str, ...]] | tuple[()]


def normalize_text(text: str) -> str:
    """Line ends as LF, and no STX/ETX (Python-Markdown's placeholder delimiters, also ours)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(MARK_START, "").replace(MARK_END, "")
    # Python-Markdown empties whitespace-only lines except the first, which can then become an empty
    # code block; a blank first line is what the author sees.
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first and not first.strip(" \t"):
        text = text[len(first) :]
    return text


@dataclass(frozen=True)
class _LastRender:
    """What the previous render went through, to take over the blocks before and after a change.

    `states[i]` is the linker's state before chunk i, for every CHECKPOINT-th chunk (and 0): the
    render takes over blocks up to the last kept state before the change, and from the first one after
    it where the state is again the same.
    """

    chunks: list[Chunk]
    texts: list[str]
    line_offset: int
    references: dict[str, tuple[str, str]]
    footnote_ids: tuple[str, ...]
    blocks: list[RenderedBlock]
    states: dict[int, LinkState]
    final: LinkState


@dataclass
class _Run:
    """One render's chunks and document context, the caches it fills and its linker."""

    chunks: list[Chunk]
    texts: list[str]
    fences: list[bool]
    line_offset: int
    references: dict[str, tuple[str, str]]
    footnote_ids: dict[str, None]
    labels: dict[str, _Labels]
    raws: dict[tuple[str, tuple[bool, _Context]], RawChunk]
    linker: Linker
    states: dict[int, LinkState]


# How many chunks apart the linker's state is kept: a keystroke re-links up to twice this many chunks
# around the change, and each kept state costs a copy of the heading ids seen so far.
CHECKPOINT = 128


def _find_footnote_extension(md: markdown.Markdown) -> FootnoteExtension:
    for extension in md.registeredExtensions:
        if isinstance(extension, FootnoteExtension):
            return extension
    raise LookupError("the Markdown instance has no footnote extension")


class IncrementalRenderer:
    """Renders article bodies, re-rendering only the blocks whose text or context changed.

    Document-wide context (reference links, footnote definitions, heading ids) is collected for every
    render, and each block's cache key holds exactly the part of it that the block uses. One instance
    keeps Markdown parsers and caches: use it from one thread at a time (e.g. the preview worker).
    """

    def __init__(
        self,
        resolve_url: UrlResolver | None = None,
        extensions: SiteExtensions = NO_EXTENSIONS,
        checkpoint: int = CHECKPOINT,
    ) -> None:
        self.resolve_url = resolve_url
        self.extensions = extensions
        # Tests set it small, so that short articles go through taking blocks over as long ones do.
        self._checkpoint = checkpoint
        self._splitter = ChunkSplitter()
        self._context = DocumentContext()
        # Indexed by whether fenced code is recognised (see ChunkSplitter.unclosed_fence_at).
        self._chunk_md: dict[bool, markdown.Markdown] = {}
        self._definitions_md: dict[bool, markdown.Markdown] = {}
        self._footnotes_context = DocumentContext()
        self._footnotes_md: markdown.Markdown | None = None
        self._whole_md: markdown.Markdown | None = None
        self._definitions: dict[tuple[str, bool], _Definitions] = {}
        self._labels: dict[str, _Labels] = {}
        self._raw: dict[tuple[str, tuple[bool, _Context]], RawChunk] = {}
        self._footnote_lists: dict[str, RawChunk] = {}
        self._previous_keys: set[str] = set()
        self._names = BlockNames()
        self._linked: dict[tuple[str, int | None], str] = {}
        self._linked_keys: dict[tuple[str, Values], str] = {}
        self._last: _LastRender | None = None
        # Images shown missing in blocks the next render may take over.
        self._missing_images = MissingImages()

    def render(self, text: str, line_offset: int = 0) -> RenderedBody:
        """Render the article body `text`; data-line values are `line_offset` + the body line."""
        lines = normalize_text(text).split("\n")
        if self.extensions.whole_document:
            return self._render_in_one_pass(lines, line_offset)
        chunks = self._splitter.split(lines)
        texts = ["\n".join(lines[chunk.start : chunk.end]) for chunk in chunks]
        # After a fence that never closes, superfences recognises no fences; chunks there are rendered
        # without them, and the footnote list also needs the chunk with that fence.
        unclosed = self._splitter.unclosed_fence_at
        fences = [unclosed is None or chunk.start <= unclosed for chunk in chunks]

        references: dict[str, tuple[str, str]] = {}
        footnote_ids: dict[str, None] = {}
        footnote_sources: list[tuple[Chunk, str]] = []
        definitions: dict[tuple[str, bool], _Definitions] = {}
        for chunk, chunk_text, chunk_fences in zip(chunks, texts, fences, strict=True):
            found = self._chunk_definitions(chunk_text, chunk_fences, definitions)
            references.update(found.references)
            for footnote_id in found.footnote_ids:
                footnote_ids.setdefault(footnote_id)
            holds_unclosed = unclosed is not None and chunk.start <= unclosed < chunk.end
            if found.footnote_ids or holds_unclosed:
                footnote_sources.append((chunk, chunk_text))
        self._definitions = definitions

        last = self._last
        if last is not None and self._missing_images.appeared(self.resolve_url):
            last = None  # blocks taken over would still say "Missing image"
        # Blocks are taken over from the last render while every chunk still sees the same definitions;
        # its caches are then carried on whole, and a full render prunes them once they have grown.
        carried = (
            last is not None
            and last.line_offset == line_offset
            and last.references == references
            and last.footnote_ids == tuple(footnote_ids)
            # A line added moves every later block: each gets a linked copy at its new line.
            and max(len(self._raw), len(self._linked), len(self._linked_keys)) <= 2 * len(chunks) + 64
        )
        run = _Run(
            chunks,
            texts,
            fences,
            line_offset,
            references,
            footnote_ids,
            self._labels if carried else {},
            self._raw if carried else {},
            Linker(self.resolve_url, self._linked, self._linked_keys),
            {},
        )
        if carried and last is not None:
            run.linker.linked, run.linker.keys = self._linked, self._linked_keys
            blocks = self._link_around_change(run, last)
        else:
            blocks = []
            self._link_chunks(run, 0, blocks)
        linker = run.linker
        # After a fence that never closes, chunks render without fences: such a render is not taken over.
        self._last = (
            _LastRender(
                chunks,
                texts,
                line_offset,
                references,
                tuple(footnote_ids),
                blocks,
                run.states,
                linker.state(),
            )
            if unclosed is None
            else None
        )
        self._missing_images.note(linker.images, replace=not carried)
        blocks = list(blocks)
        self._labels = run.labels
        self._raw = run.raws

        if footnote_ids:
            raw = self._footnote_list(footnote_sources, references, linker)
            linked, key = linker.link(raw, None)
            blocks.append(
                RenderedBlock(key, linked, footnote_sources[0][0].start + 1, footnote_sources[-1][0].end)
            )
        # Every cache keeps only what this render used, so it follows the document instead of growing.
        self._linked = linker.linked
        self._linked_keys = linker.keys

        return self._body(self._unique_keys(blocks), line_offset)

    def _link_chunks(
        self, run: _Run, start: int, blocks: list[RenderedBlock], stop: Callable[[int], bool] | None = None
    ) -> int:
        """Render and link the chunks from `start` on into `blocks`, keeping the linker's state every
        CHECKPOINT chunks; returns the index it ended at (where `stop` said so, or the end)."""
        for index in range(start, len(run.chunks)):
            if index % self._checkpoint == 0:
                run.states[index] = run.linker.state()
                if stop is not None and index > start and stop(index):
                    return index
            chunk = run.chunks[index]
            raw = self._raw_chunk(
                run.texts[index], run.fences[index], run.references, run.footnote_ids, run.labels, run.raws
            )
            linked, key = run.linker.link(raw, run.line_offset + chunk.start + 1)
            blocks.append(RenderedBlock(key, linked, chunk.start + 1, chunk.end))
        return len(run.chunks)

    def _link_around_change(self, run: _Run, last: _LastRender) -> list[RenderedBlock]:
        """The blocks of a render that takes over the last render's blocks before the change (up to the
        kept state before it), and after it where no line moved and the linker's state has come back to
        what it was there."""
        chunks, texts = run.chunks, run.texts
        head = min(common_prefix_length(chunks, last.chunks), common_prefix_length(texts, last.texts))
        start = max((index for index in last.states if index <= head), default=0)
        run.states.update((index, state) for index, state in last.states.items() if index < start)
        if start in last.states:
            run.linker.restore(last.states[start])
        blocks = last.blocks[:start]
        moved = len(chunks) - len(last.chunks)
        # Chunks hold their lines: after a line was added or removed, none at the end compare equal.
        limit = min(len(chunks), len(last.chunks)) - head
        tail = min(
            common_suffix_length(chunks, last.chunks, limit), common_suffix_length(texts, last.texts, limit)
        )

        def rejoins(index: int) -> bool:
            return index >= len(chunks) - tail and last.states.get(index - moved) == run.linker.state()

        end = self._link_chunks(run, start, blocks, rejoins)
        if end < len(chunks):
            blocks += last.blocks[end - moved :]
            run.states.update(
                (index + moved, state) for index, state in last.states.items() if index > end - moved
            )
            run.linker.restore(last.final)
        return blocks

    def _body(self, blocks: list[RenderedBlock], line_offset: int) -> RenderedBody:
        changed = [index for index, block in enumerate(blocks) if block.key not in self._previous_keys]
        self._previous_keys = {block.key for block in blocks}
        body_html = "\n".join(block.html for block in blocks if block.html)
        return RenderedBody(body_html, blocks, changed, line_offset)

    def _render_in_one_pass(self, lines: list[str], line_offset: int) -> RenderedBody:
        """The article as one block, rendered as Python-Markdown renders it whole (render_whole_document),
        for extensions that connect blocks the splitter would render apart."""
        nonblank = [index for index, line in enumerate(lines) if line.strip(" \t")]
        if not nonblank:
            return self._body([], line_offset)
        start, end = nonblank[0], nonblank[-1] + 1
        source = "\n".join(lines[start:end])
        digest = output_digest("one pass", source)
        raw = self._raw.get((digest, (True, ())))
        if raw is None:
            if self._whole_md is None:
                self._whole_md = build_markdown(RenderMode.WHOLE, site=self.extensions, source_lines=True)
            self._whole_md.reset()
            sanitized = sanitize_html(
                _convert(self._whole_md, source), default_line=f"{MARK_START}{LINE_MARK}0{MARK_END}"
            )
            raw = raw_from(sanitized.html, sanitized.images, digest)
        self._raw = {(digest, (True, ())): raw}
        # Heading ids and footnotes are the one pass's own, unmarked; only lines and images are left.
        images = tuple(image_html(image, self.resolve_url) for image in raw.images)
        base_line = line_offset + start + 1
        linked = Linker.apply(raw.html, ((), (), images), base_line)
        return self._body([RenderedBlock(digest, linked, start + 1, end)], line_offset)

    def _unique_keys(self, blocks: list[RenderedBlock]) -> list[RenderedBlock]:
        names = self._names.name([block.key for block in blocks])
        return [
            block
            if name == block.key
            else RenderedBlock(name, block.html, block.source_start_line, block.source_end_line)
            for name, block in zip(names, blocks, strict=True)
        ]

    def _chunk_definitions(
        self, chunk_text: str, fences: bool, used: dict[tuple[str, bool], _Definitions]
    ) -> _Definitions:
        # Every definition has "]:" in it; most chunks don't, and need no parse.
        if "]:" not in chunk_text:
            return _NO_DEFINITIONS
        cache_key = (chunk_text, fences)
        found = used.get(cache_key) or self._definitions.get(cache_key)
        if found is None:
            found = self._parse_definitions(chunk_text, fences)
        used[cache_key] = found
        return found

    def _parse_definitions(self, chunk_text: str, fences: bool) -> _Definitions:
        md = self._definitions_md.get(fences)
        if md is None:
            md = self._definitions_md[fences] = build_markdown(
                RenderMode.CHUNK, DocumentContext(), fences, self.extensions
            )
        md.reset()
        # Only preprocessing and block parsing: that is where Python-Markdown collects definitions.
        lines = chunk_text.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        md.parser.parseDocument(lines)
        footnotes = _find_footnote_extension(md)
        return _Definitions(tuple(md.references.items()), tuple(footnotes.footnotes.keys()))

    def _chunk_labels(self, chunk_text: str, used: dict[str, _Labels]) -> _Labels:
        if "[" not in chunk_text:
            return _NO_LABELS
        found = used.get(chunk_text) or self._labels.get(chunk_text)
        if found is None:
            # Every label a reference link can look up lies between a "[" and the next "]", and a
            # definition's label has no brackets; lookups are case- and whitespace-insensitive.
            references = {
                _WHITESPACE_RE.sub(" ", label).lower() for label in _REFERENCE_LABEL_RE.findall(chunk_text)
            }
            found = _Labels(
                tuple(sorted(references)), tuple(dict.fromkeys(_FOOTNOTE_LABEL_RE.findall(chunk_text)))
            )
        used[chunk_text] = found
        return found

    def _raw_chunk(
        self,
        chunk_text: str,
        fences: bool,
        references: Mapping[str, tuple[str, str]],
        footnote_ids: Mapping[str, None],
        labels: dict[str, _Labels],
        raws: dict[tuple[str, tuple[bool, _Context]], RawChunk],
    ) -> RawChunk:
        found = self._chunk_labels(chunk_text, labels)
        context: _Context = ()
        if found is not _NO_LABELS:
            context = (
                tuple((label, references[label]) for label in found.references if label in references),
                tuple(label for label in found.footnotes if label in footnote_ids),
            )
        cache_key = (chunk_text, (fences, context))
        raw = raws.get(cache_key) or self._raw.get(cache_key)
        if raw is None:
            raw = self._render_chunk(chunk_text, fences, context)
        raws[cache_key] = raw
        return raw

    def _render_chunk(self, chunk_text: str, fences: bool, context: _Context) -> RawChunk:
        references, footnote_ids = context or ((), ())
        self._context.references = dict(references)
        self._context.footnote_ids = list(footnote_ids)
        md = self._chunk_md.get(fences)
        if md is None:
            md = self._chunk_md[fences] = build_markdown(
                RenderMode.CHUNK, self._context, fences, self.extensions
            )
        md.reset()
        converted = _convert(md, chunk_text)
        sanitized = sanitize_html(converted, default_line=f"{MARK_START}{LINE_MARK}0{MARK_END}")
        return raw_from(sanitized.html, sanitized.images, output_digest(chunk_text, fences, context))

    def _footnote_list(
        self, sources: list[tuple[Chunk, str]], references: Mapping[str, tuple[str, str]], linker: Linker
    ) -> RawChunk:
        order = list(linker.footnote_numbers)
        counts = dict(linker.footnote_counts)
        source = _CHUNK_SEPARATOR.join(chunk_text for _, chunk_text in sources)
        digest = output_digest("footnotes", source, sorted(references.items()), order, sorted(counts.items()))
        raw = self._footnote_lists.get(digest)
        if raw is None:
            md = self._footnotes_md
            if md is None:
                md = self._footnotes_md = build_markdown(
                    RenderMode.FOOTNOTES, self._footnotes_context, site=self.extensions
                )
            self._footnotes_context.references = dict(references)
            self._footnotes_context.footnote_order = order
            self._footnotes_context.footnote_ref_counts = counts
            md.reset()
            sanitized = sanitize_html(_convert(md, source))
            raw = raw_from(sanitized.html, sanitized.images, digest)
        self._footnote_lists = {digest: raw}
        return raw


def _convert(md: markdown.Markdown, source: str) -> str:
    try:
        return md.convert(source)
    except Exception as error:
        # Python-Markdown has inputs it fails on (e.g. a footnote defined inside another footnote's
        # text); the author is mid-edit, so show the source and go on.
        message = html.escape(f"{type(error).__name__}: {error}")
        return (
            f'<div class="render-error"><p>This part could not be rendered ({message}).</p>'
            f"<pre>{html.escape(source)}</pre></div>"
        )


def render_body(
    markdown_text: str,
    line_offset: int = 0,
    resolve_url: UrlResolver | None = None,
    extensions: SiteExtensions = NO_EXTENSIONS,
) -> RenderedBody:
    """Render an article body in full. Without `resolve_url`, image URLs are kept as written."""
    return IncrementalRenderer(resolve_url, extensions).render(markdown_text, line_offset)


def render_whole_document(
    markdown_text: str, resolve_url: UrlResolver | None = None, extensions: SiteExtensions = NO_EXTENSIONS
) -> str:
    """The body rendered by Python-Markdown in one pass, without data-line attributes.

    The block renderer is built to give the same HTML; tests compare the two.
    """
    md = build_markdown(RenderMode.WHOLE, site=extensions)
    sanitized = sanitize_html(md.convert(normalize_text(markdown_text)))
    images = tuple(image_html(image, resolve_url) for image in sanitized.images)
    return Linker.apply(sanitized.html, ((), (), images), None)
