"""Article Markdown to preview HTML as CommonMark 0.31 with GFM renders it (GitHub, remark-gfm, goldmark):
markdown-it-py and mdit-py-plugins' GFM plugin, cut into top-level blocks by the parser's own source maps."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.gfm import gfm_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from editor.render.extensions import IMAGE_MARK, LINE_MARK, MARK_END, MARK_START
from editor.render.markdown_renderer import RenderedBlock, RenderedBody, UrlResolver, image_html
from editor.render.sanitize import VOID_TAGS, ImageRef, sanitize_html

_RELATIVE_LINE = f"{MARK_START}{LINE_MARK}0{MARK_END}"
_MARKS = re.compile(re.escape(MARK_START) + f"([{LINE_MARK}{IMAGE_MARK}])" + r"(\d+)" + re.escape(MARK_END))
# CSS classes from pygments (resources/css/pygments.css), never inline styles; the same markup the
# Python-Markdown flavour's highlighter writes.
_FORMATTER = HtmlFormatter(cssclass="highlight", nowrap=True)


def _highlight(code: str, language: str, attributes: str) -> str:
    """A fenced block's code coloured by pygments when its info string names a language pygments knows."""
    name = language.split()[0] if language else ""
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
        slug = github_slug(text)
        unique = slug
        while unique in self._seen:
            self._seen[slug] += 1
            unique = f"{slug}-{self._seen[slug]}"
        self._seen[unique] = 0
        return unique


def _plain_text(inline: Token) -> str:
    """The text of an inline token as a reader sees it: markup dropped, code and image alt kept."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(_plain_text(child))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _top_level_blocks(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) token index ranges of each top-level block. An HTML block that leaves an element open
    (`<details>`, then Markdown, then `</details>`) is one block with what follows up to where it closes,
    so the page nests that Markdown inside the element as the site's page does."""
    ranges: list[tuple[int, int]] = []
    start = 0
    depth = 0
    open_elements = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if token.type == "html_block" and token.level == 0:
            open_elements = max(open_elements + _open_element_count(token.content), 0)
        if depth == 0 and open_elements == 0:
            ranges.append((start, index + 1))
            start = index + 1
    if start < len(tokens):
        ranges.append((start, len(tokens)))
    return ranges


class _OpenElements(HTMLParser):
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


def _first_line(tokens: Sequence[Token], fallback: int) -> int:
    for token in tokens:
        if token.map is not None:
            return token.map[0]
    return fallback


def _last_line(tokens: Sequence[Token], fallback: int) -> int:
    for token in reversed(tokens):
        if token.map is not None:
            return token.map[1]
    return fallback


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class CommonMarkRenderer:
    """Renders article bodies as CommonMark + GFM, in blocks whose keys change only with their output.

    The parse is of the whole body, so every block sees the whole document's reference definitions and
    footnotes, exactly as the site's renderer does; blocks whose HTML is unchanged are neither sanitized
    again nor sent to the page again. Use from one thread at a time.
    """

    def __init__(self, resolve_url: UrlResolver | None = None) -> None:
        self.resolve_url = resolve_url
        self._parser = build_parser()
        self._sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]] = {}
        self._images: dict[ImageRef, str] = {}
        self._previous_keys: set[str] = set()

    def render(self, text: str, line_offset: int = 0) -> RenderedBody:
        """Render the article body `text`; data-line values are `line_offset` + the body line."""
        source = text.replace("\r\n", "\n").replace("\r", "\n").replace(MARK_START, "").replace(MARK_END, "")
        env: dict[str, object] = {}
        tokens = self._parser.parse(source, env)
        ids = HeadingIds()
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and index + 1 < len(tokens):
                token.attrSet("id", ids.next(_plain_text(tokens[index + 1])))
            elif token.type in ("th_open", "td_open"):
                # GitHub aligns table cells with align="…", as the GFM spec writes them.
                style = str(token.attrGet("style") or "")
                if style.startswith("text-align:"):
                    token.attrs.pop("style", None)
                    token.attrSet("align", style.removeprefix("text-align:"))
        line_count = source.count("\n") + 1
        sanitized: dict[str, tuple[str, tuple[ImageRef, ...]]] = {}
        blocks: list[RenderedBlock] = []
        seen: dict[str, int] = {}
        for start, end in _top_level_blocks(tokens):
            part = tokens[start:end]
            raw = self._parser.renderer.render(part, self._parser.options, env)
            if not raw.strip():
                continue  # a reference definition renders to nothing
            marked, images = sanitized.get(raw) or self._sanitized.get(raw) or self._sanitize(raw)
            sanitized[raw] = (marked, images)
            first = _first_line(part, line_count - 1)
            resolved = [self._image(image) for image in images]
            key = _digest(marked, resolved)
            count = seen.get(key, 0)
            seen[key] = count + 1
            if count:
                key = f"{key}~{count}"
            base = line_offset + first + 1
            blocks.append(
                RenderedBlock(key, _apply(marked, resolved, base), first + 1, _last_line(part, line_count))
            )
        self._sanitized = sanitized
        changed = [index for index, block in enumerate(blocks) if block.key not in self._previous_keys]
        self._previous_keys = {block.key for block in blocks}
        return RenderedBody("\n".join(block.html for block in blocks), blocks, changed, line_offset)

    def _sanitize(self, raw: str) -> tuple[str, tuple[ImageRef, ...]]:
        result = sanitize_html(raw, default_line=_RELATIVE_LINE, faithful=True)
        return result.html, tuple(result.images)

    def _image(self, image: ImageRef) -> str:
        if image not in self._images:
            self._images[image] = image_html(image, self.resolve_url)
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
