"""HTML pages around a rendered body: the preview shell, the front-matter header and standalone export."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping

from editor.article.dates import format_date
from editor.article.schema import DEFAULT_SCHEMA
from editor.render.chunk_links import UrlResolver, image_html
from editor.render.flavours import Flavour, make_renderer
from editor.render.header_labels import HeaderLabels
from editor.render.sanitize import ImageRef
from editor.render.shell import bundled_css, page_html
from editor.site.markdown_extensions import NO_EXTENSIONS, SiteExtensions

SEARCH_DESCRIPTION_LIMIT = 155
_TAG_RE = re.compile(r"<[^>]+>")
_PARAGRAPH_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
# Only inside a tag: the same characters in the article's text (inline code, say) are text, and stay.
_DATA_LINE_RE = re.compile(r'(<[A-Za-z][^<>]*?) data-line="\d+"')


def _text(value: object, date_format: str = DEFAULT_SCHEMA.date_format) -> str:
    """A front-matter value as display text; a parsed date in the site's `date_format`."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value, date_format)
    if isinstance(value, list | tuple):
        return ", ".join(_text(item, date_format) for item in value)
    return str(value).strip()


def search_description(body_html: str, limit: int = SEARCH_DESCRIPTION_LIMIT) -> str:
    """The text of the first paragraph with words in it, cut at a word before `limit` characters."""
    for match in _PARAGRAPH_RE.finditer(body_html):
        text = " ".join(html.unescape(_TAG_RE.sub("", match.group(1))).split())
        if text:
            if len(text) <= limit:
                return text
            cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
            return cut + "…"
    return ""


ENGLISH_LABELS = HeaderLabels()


def render_header(
    fields: Mapping[str, object],
    resolve_url: UrlResolver | None = None,
    *,
    description: str = "",
    page_url: str = "",
    labels: HeaderLabels = ENGLISH_LABELS,
    date_format: str = DEFAULT_SCHEMA.date_format,
) -> str:
    """The front matter as the site would show it, plus how a search engine would list the article.

    Shows the title (h1), the published and updated dates, the preview image with its alt text, and a
    search card: metaTitle as the link title, `page_url`, and `description` (use
    search_description(rendered.html); a description/metaDescription field wins). Every value is
    HTML-escaped; images go through `resolve_url` like those in the body. Dates written as text
    are shown as written; dates YAML parsed are shown in `date_format` (DD, MM, YYYY).
    """
    title = _text(fields.get("title"))
    meta_title = _text(fields.get("metaTitle")) or title
    published = _text(fields.get("datePublished"), date_format)
    updated = _text(fields.get("lastUpdated"), date_format)
    image = _text(fields.get("previewImage"))
    alt = _text(fields.get("previewImageAlt"))
    description = _text(fields.get("metaDescription") or fields.get("description")) or description

    parts = ['<div class="article-header">']
    if title:
        parts.append(f"<h1>{html.escape(title)}</h1>")
    else:
        parts.append(f'<h1 class="field-missing">{html.escape(labels.no_title)}</h1>')
    dates = []
    if published:
        dates.append(f"<span>{html.escape(labels.published)} {html.escape(published)}</span>")
    if updated:
        dates.append(f"<span>{html.escape(labels.updated)} {html.escape(updated)}</span>")
    if dates:
        parts.append(f'<div class="article-dates">{"".join(dates)}</div>')
    if image:
        missing = f'<span class="field-missing">{html.escape(labels.no_image_text)}</span>'
        caption = html.escape(alt) if alt else missing
        picture = image_html(ImageRef(src=image, alt=alt), resolve_url)
        parts.append(f'<figure class="preview-image">{picture}<figcaption>{caption}</figcaption></figure>')
    parts.append("</div>")

    no_meta_title = f'<span class="field-missing">{html.escape(labels.no_meta_title)}</span>'
    card_title = html.escape(meta_title) if meta_title else no_meta_title
    parts.append(
        f'<div class="search-card"><div class="search-card-label">{html.escape(labels.in_search_results)}</div>'
        f'<div class="search-card-url">{html.escape(page_url)}</div>'
        f'<h3 class="search-card-title">{card_title}</h3>'
        f'<p class="search-card-description">{html.escape(description)}</p></div>'
    )
    return "".join(parts)


def export_html(
    article_fields: Mapping[str, object],
    body_markdown: str,
    resolve_url: UrlResolver | None = None,
    css: str | None = None,
    *,
    page_url: str = "",
    lang: str | None = None,
    date_format: str = DEFAULT_SCHEMA.date_format,
    flavour: Flavour = Flavour.COMMONMARK,
    extensions: SiteExtensions = NO_EXTENSIONS,
) -> str:
    """A standalone HTML page of the article: header and body, styles inline, no script.

    Image URLs are whatever `resolve_url` returns: file:// URLs (the preview's resolver) make a page
    that shows its images on this machine; a resolver returning paths relative to the output file
    makes a portable page; without one, URLs stay as the article writes them (/images/...).
    Missing and remote images become the same visible placeholders as in the preview.
    """
    rendered = make_renderer(flavour, resolve_url, extensions).render(body_markdown)
    body_html = _DATA_LINE_RE.sub(r"\1", rendered.html)
    header = render_header(
        article_fields,
        resolve_url,
        description=search_description(body_html),
        page_url=page_url,
        date_format=date_format,
    )
    body = f'<header id="article-header">{header}</header>\n<main id="article-body">\n{body_html}\n</main>'
    return page_html(body, bundled_css() if css is None else css, None, None, lang)
