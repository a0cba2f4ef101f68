"""Qt-free rendering of Markdown articles to HTML, for the preview and for export."""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use: importing editor.render.shell (the preview page around the article) must not
# load Python-Markdown into the editor's window process, which never renders itself.
_EXPORTS = {
    "IncrementalRenderer": "editor.render.markdown_renderer",
    "RenderedBlock": "editor.render.markdown_renderer",
    "RenderedBody": "editor.render.markdown_renderer",
    "UrlResolver": "editor.render.markdown_renderer",
    "render_body": "editor.render.markdown_renderer",
    "export_html": "editor.render.page",
    "render_header": "editor.render.page",
    "search_description": "editor.render.page",
    "preview_page_html": "editor.render.shell",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'editor.render' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
