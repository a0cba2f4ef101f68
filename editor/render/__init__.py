"""Qt-free rendering of Markdown articles to HTML, for the preview and for export."""

from editor.render.markdown_renderer import (
    IncrementalRenderer,
    RenderedBlock,
    RenderedBody,
    UrlResolver,
    render_body,
)
from editor.render.page import export_html, preview_page_html, render_header, search_description

__all__ = [
    "IncrementalRenderer",
    "RenderedBlock",
    "RenderedBody",
    "UrlResolver",
    "export_html",
    "preview_page_html",
    "render_body",
    "render_header",
    "search_description",
]
