"""Qt-free rendering of Markdown articles to HTML, for the preview and for export."""

from editor.render.markdown_renderer import (
    IncrementalRenderer,
    RenderedBlock,
    RenderedBody,
    UrlResolver,
    render_body,
)

__all__ = ["IncrementalRenderer", "RenderedBlock", "RenderedBody", "UrlResolver", "render_body"]
