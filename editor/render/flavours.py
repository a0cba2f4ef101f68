"""The Markdown flavours a site can render with, and the preview renderer of each."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from editor.render.chunk_links import UrlResolver
from editor.render.markdown_renderer import RenderedBody
from editor.site.markdown_extensions import NO_EXTENSIONS, SiteExtensions


class Flavour(StrEnum):
    """How a site turns Markdown into HTML."""

    # CommonMark 0.31 with GFM: remark (Next.js, Astro, Docusaurus), markdown-it (Eleventy, VitePress),
    # goldmark (Hugo), GitHub.
    COMMONMARK = "commonmark"
    # Python-Markdown: MkDocs, Pelican.
    PYTHON_MARKDOWN = "python-markdown"

    @property
    def label(self) -> str:
        """The flavour's name as the status bar and `check` show it."""
        return "CommonMark + GFM" if self is Flavour.COMMONMARK else "Python-Markdown"


class BodyRenderer(Protocol):
    """Renders article bodies in blocks for the preview (IncrementalRenderer, CommonMarkRenderer)."""

    resolve_url: UrlResolver | None

    def render(self, text: str, line_offset: int = 0) -> RenderedBody:
        """The body `text` rendered; data-line values are `line_offset` + the body line."""
        ...


def make_renderer(
    flavour: Flavour, resolve_url: UrlResolver | None = None, extensions: SiteExtensions = NO_EXTENSIONS
) -> BodyRenderer:
    """A preview renderer of `flavour`; Python-Markdown adds the site's `extensions`."""
    if flavour is Flavour.PYTHON_MARKDOWN:
        from editor.render.markdown_renderer import IncrementalRenderer

        return IncrementalRenderer(resolve_url, extensions)
    from editor.render.commonmark_renderer import CommonMarkRenderer

    return CommonMarkRenderer(resolve_url)
