"""Article Markdown to preview HTML, in top-level blocks that are re-rendered only when they change."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import unique

from editor.render.block_keys import BlockNames
from editor.render.blocks import Chunk, ChunkSplitter
from editor.render.extensions import (
    FOOTNOTE_NUMBER_MARK,
    FOOTNOTE_RE,
    FOOTNOTE_REF_MARK,
    HEADING_MARK,
    IMAGE_MARK,
    LINE_MARK,
    MARK_END,
    MARK_START,
    DocumentContext,
    RenderMode,
    build_markdown,
)
from editor.render.sanitize import ImageRef, sanitize_html, url_scheme
from editor.site.markdown_extensions import NO_EXTENSIONS, SiteExtensions

UrlResolver = Callable[[str], "str | None"]
"""Maps a site URL such as /images/blog/x.png to a file:// URL, or None when the file is missing."""

_MARK_RE = re.compile(
    re.escape(MARK_START)
    + r"(["
    + LINE_MARK
    + HEADING_MARK
    + FOOTNOTE_REF_MARK
    + FOOTNOTE_NUMBER_MARK
    + IMAGE_MARK
    + r"])([^"
    + re.escape(MARK_END)
    + r"]*)"
    + re.escape(MARK_END)
    + r"(_\d+)?"
)
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
# What a chunk's document marks become: heading ids, (footnote id suffix, number) pairs, image HTML.
_Values = tuple[tuple[str, ...], tuple[tuple[str, int], ...], tuple[str, ...]]
_NO_VALUES: _Values = ((), (), ())


@dataclass(frozen=True)
class _RawChunk:
    digest: str
    html: str
    heading_slugs: tuple[str, ...]
    footnote_refs: tuple[str, ...]
    images: tuple[ImageRef, ...]

    @property
    def needs_document(self) -> bool:
        return bool(self.heading_slugs or self.footnote_refs or self.images)


def output_digest(*parts: object) -> str:
    """A short key for what `parts` render to (block keys of both flavours)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


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


def image_html(image: ImageRef, resolve_url: UrlResolver | None) -> str:
    """The preview HTML for an image: the image itself, or a visible placeholder saying why not."""
    src = image.src.strip()
    scheme = url_scheme(src)
    escaped = html.escape(src)
    if scheme in ("http", "https") or src.startswith("//"):
        return f'<span class="remote-image" data-src="{escaped}">Remote image not loaded: {escaped}</span>'
    if scheme == "data" and src.lower().startswith("data:image/"):
        final: str | None = src
    elif scheme is not None:
        return f'<span class="blocked-image" data-src="{escaped}">Image not shown: {escaped}</span>'
    elif not src:
        final = None
    else:
        final = resolve_url(src) if resolve_url is not None else src
    if final is None:
        return f'<span class="missing-image" data-src="{escaped}">Missing image: {escaped}</span>'
    attributes = [("src", final), ("alt", image.alt)]
    attributes += [
        (name, value)
        for name, value in (("title", image.title), ("width", image.width), ("height", image.height))
        if value is not None
    ]
    rendered = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes)
    return f"<img{rendered} />"


class _Linker:
    """Resolves the marks of each chunk in document order: ids, footnote numbers, images, lines."""

    def __init__(
        self,
        resolve_url: UrlResolver | None,
        previous: dict[tuple[str, int | None], str],
        previous_keys: dict[tuple[str, _Values], str],
    ) -> None:
        self.resolve_url = resolve_url
        self.previous = previous
        self.linked: dict[tuple[str, int | None], str] = {}
        # A chunk's key from its raw digest and document values; a long article has thousands of
        # headings and images, and hashing each anew was a third of a keystroke's render.
        self.previous_keys = previous_keys
        self.keys: dict[tuple[str, _Values], str] = {}
        self.used_ids: set[str] = set()
        self.id_counters: dict[str, int] = {}
        self.footnote_counts: dict[str, int] = {}
        self.footnote_numbers: dict[str, int] = {}
        self._images: dict[ImageRef, str] = {}

    def values(self, raw: _RawChunk) -> _Values:
        """The document-dependent values of `raw`'s marks; advances the document state past it."""
        ids = tuple(unique(slug, self.used_ids, self.id_counters) for slug in raw.heading_slugs)
        footnotes = []
        for footnote_id in raw.footnote_refs:
            count = self.footnote_counts.get(footnote_id, 0) + 1
            self.footnote_counts[footnote_id] = count
            number = self.footnote_numbers.setdefault(footnote_id, len(self.footnote_numbers) + 1)
            # The mark sits after the "fnref" of the id; this is the rest of it.
            footnotes.append((f"{count if count > 1 else ''}:{footnote_id}", number))
        images = tuple(self._image(image) for image in raw.images)
        return ids, tuple(footnotes), images

    def _image(self, image: ImageRef) -> str:
        if image not in self._images:
            self._images[image] = image_html(image, self.resolve_url)
        return self._images[image]

    @staticmethod
    def apply(raw_html: str, values: _Values, base_line: int | None) -> str:
        """`raw_html` with its marks replaced by `values` and lines counted from `base_line`."""
        ids, footnotes, images = values
        headings = iter(ids)
        # A heading's id mark comes again in its permalink or anchor link (toc's `permalink`,
        # `anchorlink`): the same mark with the same in-chunk suffix is the same heading.
        heading_ids: dict[tuple[str, str], str] = {}
        references = iter(footnotes)
        numbers = iter(footnotes)

        def replace(match: re.Match[str]) -> str:
            kind, payload, suffix = match.group(1), match.group(2), match.group(3) or ""
            if kind == LINE_MARK:
                return (str(base_line + int(payload)) if base_line is not None else payload) + suffix
            if kind == HEADING_MARK:
                token = (payload, suffix)
                if token not in heading_ids:
                    heading_ids[token] = html.escape(next(headings))
                return heading_ids[token]  # the in-chunk "_1" suffix is replaced too
            if kind == FOOTNOTE_REF_MARK:
                return html.escape(next(references)[0]) + suffix
            if kind == FOOTNOTE_NUMBER_MARK:
                return str(next(numbers)[1]) + suffix
            return images[int(payload)] + suffix

        return _MARK_RE.sub(replace, raw_html)

    def link(self, raw: _RawChunk, base_line: int | None) -> tuple[str, str]:
        """The final HTML of `raw` at `base_line`, and its position-independent key."""
        if raw.needs_document:
            values = self.values(raw)
            identity = (raw.digest, values)
            found = self.keys.get(identity) or self.previous_keys.get(identity)
            key = found if found is not None else output_digest(raw.digest, values)
            self.keys[identity] = key
        else:
            values = _NO_VALUES
            key = raw.digest
        cache_key = (key, base_line)
        linked = self.previous.get(cache_key)
        if linked is None:
            linked = self.apply(raw.html, values, base_line)
        self.linked[cache_key] = linked
        return linked, key


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
        self, resolve_url: UrlResolver | None = None, extensions: SiteExtensions = NO_EXTENSIONS
    ) -> None:
        self.resolve_url = resolve_url
        self.extensions = extensions
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
        self._raw: dict[tuple[str, tuple[bool, _Context]], _RawChunk] = {}
        self._footnote_lists: dict[str, _RawChunk] = {}
        self._previous_keys: set[str] = set()
        self._names = BlockNames()
        self._linked: dict[tuple[str, int | None], str] = {}
        self._linked_keys: dict[tuple[str, _Values], str] = {}

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

        labels: dict[str, _Labels] = {}
        raws: dict[tuple[str, tuple[bool, _Context]], _RawChunk] = {}
        linker = _Linker(self.resolve_url, self._linked, self._linked_keys)
        blocks: list[RenderedBlock] = []
        for chunk, chunk_text, chunk_fences in zip(chunks, texts, fences, strict=True):
            raw = self._raw_chunk(chunk_text, chunk_fences, references, footnote_ids, labels, raws)
            linked, key = linker.link(raw, line_offset + chunk.start + 1)
            blocks.append(RenderedBlock(key, linked, chunk.start + 1, chunk.end))
        self._labels = labels
        self._raw = raws

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
            raw = _raw_from(sanitized.html, sanitized.images, digest)
        self._raw = {(digest, (True, ())): raw}
        # Heading ids and footnotes are the one pass's own, unmarked; only lines and images are left.
        images = tuple(image_html(image, self.resolve_url) for image in raw.images)
        base_line = line_offset + start + 1
        linked = _Linker.apply(raw.html, ((), (), images), base_line)
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
        raws: dict[tuple[str, tuple[bool, _Context]], _RawChunk],
    ) -> _RawChunk:
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

    def _render_chunk(self, chunk_text: str, fences: bool, context: _Context) -> _RawChunk:
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
        return _raw_from(sanitized.html, sanitized.images, output_digest(chunk_text, fences, context))

    def _footnote_list(
        self, sources: list[tuple[Chunk, str]], references: Mapping[str, tuple[str, str]], linker: _Linker
    ) -> _RawChunk:
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
            raw = _raw_from(sanitized.html, sanitized.images, digest)
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


def _raw_from(marked_html: str, images: list[ImageRef], digest: str) -> _RawChunk:
    headings: list[str] = []
    seen_headings: set[tuple[str, str]] = set()
    footnote_refs: list[str] = []
    for match in _MARK_RE.finditer(marked_html):
        if match.group(1) == HEADING_MARK:
            token = (match.group(2), match.group(3) or "")
            if token not in seen_headings:  # a permalink repeats its heading's mark
                seen_headings.add(token)
                headings.append(html.unescape(match.group(2)))
        elif match.group(1) == FOOTNOTE_REF_MARK:
            footnote_refs.append(html.unescape(match.group(2)))
    return _RawChunk(digest, marked_html, tuple(headings), tuple(footnote_refs), tuple(images))


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
    return _Linker.apply(sanitized.html, ((), (), images), None)
