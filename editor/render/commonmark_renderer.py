"""Article Markdown to preview HTML as CommonMark 0.31 with GFM renders it (GitHub, remark-gfm, goldmark):
markdown-it-py and mdit-py-plugins' GFM plugin, cut into top-level blocks by the parser's own source maps."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.gfm import gfm_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from editor.article.text_changes import common_prefix_length, common_suffix_length
from editor.render.block_keys import BlockNames
from editor.render.chunk_links import MissingImages, UrlResolver, image_html, output_digest
from editor.render.commonmark_steps import Step, StepParser, prepare_step, source_span, step_plugin
from editor.render.extensions import IMAGE_MARK, LINE_MARK, MARK_END, MARK_START
from editor.render.markdown_renderer import RenderedBlock, RenderedBody
from editor.render.sanitize import VOID_TAGS, ImageRef, LenientHtmlParser, sanitize_html

_RELATIVE_LINE = f"{MARK_START}{LINE_MARK}0{MARK_END}"
_MARKS = re.compile(re.escape(MARK_START) + f"([{LINE_MARK}{IMAGE_MARK}])" + r"(\d+)" + re.escape(MARK_END))
# CSS classes from pygments (resources/css/pygments.css), never inline styles; the same markup the
# Python-Markdown flavour's highlighter writes.
_FORMATTER = HtmlFormatter(cssclass="highlight", nowrap=True)


def _highlight(code: str, language: str, attributes: str) -> str:
    """A fenced block's code coloured by pygments when its info string names a language pygments knows."""
    # markdown-it has already cut the name off the info string at its own whitespace set (not
    # str.split()'s, which also splits at U+0085 and would leave nothing of a name of that alone).
    name = language
    if not name:
        return ""
    try:
        lexer = get_lexer_by_name(name)
    except ClassNotFound:
        return ""
    # A <pre> of our own, so the block carries the class the stylesheet colours by.
    language = html.escape(name)
    return f'<pre class="highlight"><code class="language-{language}">{highlight(code, lexer, _FORMATTER)}</code></pre>\n'


def build_parser() -> MarkdownIt:
    """CommonMark with raw HTML (the sanitizer judges it) and GFM's tables, strikethrough, autolinks,
    task lists and footnotes."""
    parser = MarkdownIt("commonmark", {"html": True, "highlight": _highlight})
    parser.use(gfm_plugin)
    parser.use(step_plugin)
    # GFM (and GitHub, remark-gfm) write ~~struck~~ text as <del>; markdown-it's default is <s>.
    parser.add_render_rule("s_open", lambda self, tokens, index, options, env: "<del>")
    parser.add_render_rule("s_close", lambda self, tokens, index, options, env: "</del>")
    return parser


def github_slug(text: str) -> str:
    """The id GitHub (github-slugger, as remark and rehype-slug use it) gives a heading with this text:
    lower case, letters of every script and digits kept, punctuation and symbols dropped, spaces as `-`."""
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if char in " -_" or category[0] in "LMN":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


class HeadingIds:
    """Unique ids in document order: the second `Noter` is `noter-1`, as github-slugger counts."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def next(self, text: str) -> str:
        """The id of the next heading with `text`."""
        return self.next_slug(github_slug(text))

    def next_slug(self, slug: str) -> str:
        """The id of the next heading whose text has the slug `slug`."""
        unique = slug
        while unique in self._seen:
            self._seen[slug] += 1
            unique = f"{slug}-{self._seen[slug]}"
        self._seen[unique] = 0
        return unique


class _OpenElements(LenientHtmlParser):
    """Counts the elements an HTML fragment opens and does not close (void elements never stay open)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self.open += 1

    def handle_endtag(self, tag: str) -> None:
        self.open -= 1


def _open_element_count(fragment: str) -> int:
    counter = _OpenElements()
    counter.feed(fragment)
    counter.close()
    return counter.open


def _groups(steps: Sequence[Step]) -> list[tuple[Step, ...]]:
    """Steps that render as one block each: alone, or an HTML block that leaves an element open
    (`<details>`, then Markdown, then `</details>`) with what follows up to where it closes, so the page
    nests that Markdown inside the element as the site's page does."""
    groups: list[tuple[Step, ...]] = []
    current: list[Step] = []
    open_elements = 0
    for step in steps:
        if not step.tokens:
            continue  # reference definitions render to nothing
        current.append(step)
        if step.opens is None:
            step.opens = sum(
                _open_element_count(token.content)
                for token in step.tokens
                if token.type == "html_block" and token.level == 0
            )
        if step.opens or open_elements:
            open_elements = max(open_elements + step.opens, 0)
        if open_elements == 0:
            groups.append(tuple(current))
            current = []
    if current:
        groups.append(tuple(current))
    return groups


def _token_steps(tokens: list[Token]) -> list[Step]:
    """A whole parse's tokens as steps of their own, one per top-level block (for bodies with
    footnotes, whose list at the end has no source lines of its own)."""
    steps = []
    start = 0
    depth = 0
    line = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            part = tokens[start : index + 1]
            first, last = source_span(part, line)
            step = Step(first, part, {}, 0, last - first)
            prepare_step(step)
            steps.append(step)
            start, line = index + 1, last
    return steps


@dataclass(frozen=True)
class _Rendered:
    """A group's sanitized HTML with line marks relative to its first line, and its block key."""

    marked: str
    images: tuple[str, ...]
    key: str


_NOTHING = _Rendered("", (), "")


@dataclass(eq=False)
class _Record:
    """One group of a render: its steps, its headings' slugs (ids are numbered from them in document
    order), what it renders to, and the block it was last placed as."""

    group: tuple[Step, ...]
    slugs: tuple[str, ...]
    entry: _Rendered
    block: RenderedBlock | None = None
    line_offset: int = 0


class CommonMarkRenderer:
    """Renders article bodies as CommonMark + GFM, in blocks whose keys change only with their output.

    Every block sees the whole document's reference definitions and footnotes, as the site's renderer
    does, but after an edit only the blocks around it are parsed again (`StepParser`), and only blocks
    whose tokens or heading ids changed are rendered and sanitized again. Use from one thread at a time.
    """

    def __init__(self, resolve_url: UrlResolver | None = None, *, min_stretch: int = 64) -> None:
        self.resolve_url = resolve_url
        self._parser = build_parser()
        self._steps = StepParser(self._parser, min_stretch)
        self._sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]] = {}
        # The last render's groups, what they rendered to, and which of them have headings.
        self._last: list[_Record] = []
        self._heading_records: list[int] = []
        self._names = BlockNames()
        self._images: dict[ImageRef, str] = {}
        # Of those, the images shown missing: looked up again at each render.
        self._missing_images = MissingImages()
        self._previous_keys: set[str] = set()

    def render(self, text: str, line_offset: int = 0) -> RenderedBody:
        """Render the article body `text`; data-line values are `line_offset` + the body line."""
        # Each replace copies the whole text; the checks for what there is to replace do not.
        source = text
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        if MARK_START in source or MARK_END in source:
            source = source.replace(MARK_START, "").replace(MARK_END, "")
        if "\0" in source:
            # markdown-it's normalize rule would do this too; done first, every parse sees the same lines.
            source = source.replace("\0", "\ufffd")
        if self._missing_images.appeared(self.resolve_url):
            # Every group kept from the last render, and every image, is resolved again.
            self._images = {}
            self._last, self._heading_records = [], []
        parse = self._steps.parse(source)
        env = parse.env or {}
        steps = parse.steps if parse.tokens is None else _token_steps(parse.tokens)
        records = self._records(_groups(steps), env)
        shown = [record for record in records if record.entry is not _NOTHING]
        names = self._names.name([record.entry.key for record in shown])
        blocks: list[RenderedBlock] = []
        for name, record in zip(names, shown, strict=True):
            first_step, last_step = record.group[0], record.group[-1]
            first = first_step.line + first_step.first
            end = last_step.line + last_step.last
            block = record.block
            if (
                block is None
                or block.key != name
                or block.source_start_line != first + 1
                or block.source_end_line != end
                or record.line_offset != line_offset
            ):
                html = _apply(record.entry.marked, record.entry.images, line_offset + first + 1)
                block = record.block = RenderedBlock(name, html, first + 1, end)
                record.line_offset = line_offset
            blocks.append(block)
        changed = [index for index, block in enumerate(blocks) if block.key not in self._previous_keys]
        self._previous_keys = {block.key for block in blocks}
        return RenderedBody("\n".join(block.html for block in blocks), blocks, changed, line_offset)

    def _records(self, groups: list[tuple[Step, ...]], env: dict[str, object]) -> list[_Record]:
        """What each group renders to. Groups at either end that are the last render's (the same steps)
        keep what they rendered to; only those between are rendered, unless the headings between
        changed, which renumbers the ids of the headings after them."""
        old = self._last
        old_groups = [record.group for record in old]
        prefix = common_prefix_length(old_groups, groups)
        suffix = common_suffix_length(old_groups, groups, min(len(old), len(groups)) - prefix)
        ids = HeadingIds()
        for index in self._heading_records:
            if index >= prefix:
                break
            for slug in old[index].slugs:
                ids.next_slug(slug)
        sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]] = {}
        records = old[:prefix]
        middle_end = len(groups) - suffix
        records += [self._record(group, ids, env, sanitized) for group in groups[prefix:middle_end]]
        old_middle = old[prefix : len(old) - suffix]
        if [slug for record in records[prefix:] for slug in record.slugs] == [
            slug for record in old_middle for slug in record.slugs
        ]:
            records += old[len(old) - suffix :]
        else:
            records += [self._record(group, ids, env, sanitized) for group in groups[middle_end:]]
        self._last = records
        self._heading_records = [index for index, record in enumerate(records) if record.slugs]
        if sanitized:
            self._sanitized = sanitized
        return records

    def _record(
        self,
        group: tuple[Step, ...],
        ids: HeadingIds,
        env: dict[str, object],
        sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]],
    ) -> _Record:
        slugs: tuple[str, ...] = ()
        for step in group:
            if step.headings:
                if step.slugs is None:
                    step.slugs = tuple(github_slug(text) for _, text in step.headings)
                slugs += step.slugs
        heading_ids = tuple(ids.next_slug(slug) for slug in slugs)
        return _Record(group, slugs, self._render_group(group, heading_ids, env, sanitized))

    def _render_group(
        self,
        group: tuple[Step, ...],
        heading_ids: tuple[str, ...],
        env: dict[str, object],
        sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]],
    ) -> _Rendered:
        slugs = iter(heading_ids)
        for step in group:
            for token, _ in step.headings:
                token.attrSet("id", next(slugs))
        tokens = [token for step in group for token in step.tokens]
        raw = self._parser.renderer.render(tokens, self._parser.options, env)
        if not raw.strip():
            return _NOTHING
        marked, images = sanitized.get(raw) or self._sanitized.get(raw) or self._sanitize(raw)
        sanitized[raw] = (marked, images)
        resolved = tuple(self._image(image) for image in images)
        return _Rendered(marked, resolved, output_digest(marked, resolved))

    def _sanitize(self, raw: str) -> tuple[str, tuple[ImageRef, ...]]:
        result = sanitize_html(raw, default_line=_RELATIVE_LINE, faithful=True)
        return result.html, tuple(result.images)

    def _image(self, image: ImageRef) -> str:
        if image not in self._images:
            shown = self._images[image] = image_html(image, self.resolve_url)
            self._missing_images.note({image: shown})
        return self._images[image]


def _apply(marked: str, images: Sequence[str], base_line: int) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) == LINE_MARK:
            return str(base_line + int(match.group(2)))
        return images[int(match.group(2))]

    return _MARKS.sub(replace, marked)


def render_commonmark(text: str, resolve_url: UrlResolver | None = None) -> str:
    """The body `text` rendered in full as the site's CommonMark renderer would, sanitized, images
    resolved, without data-line attributes."""
    rendered = CommonMarkRenderer(resolve_url).render(text)
    return re.sub(r' data-line="\d+"', "", rendered.html)
