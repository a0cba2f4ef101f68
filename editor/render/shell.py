"""The HTML page around an article, for the preview shell and for export; it needs no Markdown, so the
editor's window can build the preview shell without loading Python-Markdown (the worker renders)."""

from __future__ import annotations

import html
import secrets
from pathlib import Path

from editor.resource_files import read_resource_text


def bundled_css() -> str:
    """The editor's article stylesheet followed by the code highlighting one and their dark variants."""
    # The dark rules only apply under html.dark-theme, which the editor's dark theme sets on the preview.
    return "\n".join(
        read_resource_text(f"css/{name}.css") for name in ("article", "pygments", "article-dark")
    )


def content_security_policy(script_nonce: str | None) -> str:
    """The page's CSP: nothing remote, images and styles only from files, scripts only ours (or none)."""
    script = f"'nonce-{script_nonce}'" if script_nonce else "'none'"
    return (
        "default-src 'none'; img-src file: data:; style-src 'unsafe-inline' file:; font-src file: data:; "
        f"script-src {script}; base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'"
    )


def page_html(body: str, css: str, site_stylesheet: Path | None, script: str | None, lang: str | None) -> str:
    """A whole HTML page around `body`: CSP first, then `css` inline, the site's stylesheet, the script."""
    nonce = secrets.token_urlsafe(18) if script is not None else None
    stylesheet = ""
    if site_stylesheet is not None:
        # After ours, so the site's own look wins where it has one.
        stylesheet = f'<link rel="stylesheet" href="{html.escape(site_stylesheet.absolute().as_uri())}">\n'
    script_tag = f'<script nonce="{nonce}">\n{script}\n</script>\n' if script is not None else ""
    lang_attribute = f' lang="{html.escape(lang)}"' if lang else ""
    # The CSP meta comes first, so it covers everything after it.
    return (
        f'<!DOCTYPE html>\n<html{lang_attribute}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(content_security_policy(nonce))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>\n{css}\n</style>\n{stylesheet}</head>\n<body>\n{body}\n{script_tag}</body>\n</html>\n"
    )


def preview_page_html(site_stylesheet: Path | None = None, css: str | None = None) -> str:
    """The preview shell the UI loads once and then patches through window.articleEditor.

    It holds the stylesheets (`css`, by default bundled_css(), inline; the site's stylesheet as a
    file: link) and resources/preview/preview.js inline with a per-page nonce. Its
    Content-Security-Policy allows no other script, nothing remote, images only from file: and data:.
    The header goes into #article-header and the blocks into #article-body.
    """
    body = '<header id="article-header"></header>\n<main id="article-body"></main>'
    script = read_resource_text("preview/preview.js")
    return page_html(
        body, (bundled_css() if css is None else css) + _PREVIEW_CSS, site_stylesheet, script, None
    )


# Only the preview's: while a long article first fills the page (preview.js marks it long until the page
# is idle), its blocks out of view are not laid out or painted; a block shown once keeps its height.
_PREVIEW_CSS = """
#article-body.long > .md-block { content-visibility: auto; contain-intrinsic-size: auto 3em; }
"""
