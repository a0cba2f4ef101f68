"""The preview shell, the front-matter header and the standalone export page."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from editor.render import render_body
from editor.render.page import export_html, render_header, search_description
from editor.render.shell import bundled_css, preview_page_html
from tests.render.helpers import SAMPLE_ARTICLE, file_resolver, read_article, split_front_matter

SAMPLE_FIELDS = {
    "title": "Har din MR-scanning skjulte konsekvenser?",
    "metaTitle": "Har din MR-scanning skjulte konsekvenser?",
    "datePublished": "01-06-2025",
    "lastUpdated": "04-06-2025",
    "previewImage": "/images/blog/mrscanning_konsekvenser_intro.png",
    "previewImageAlt": "Illustration af MR-scanning",
}


def csp_of(page: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match is not None
    return match.group(1).replace("&#x27;", "'")


def test_preview_shell_allows_only_its_own_script():
    page = preview_page_html()
    csp = csp_of(page)
    nonce = re.search(r"<script nonce=\"([^\"]+)\">", page)
    assert nonce is not None
    assert f"script-src 'nonce-{nonce.group(1)}'" in csp
    assert "default-src 'none'" in csp and "img-src file: data:" in csp
    assert "style-src 'unsafe-inline' file:" in csp and "base-uri 'none'" in csp
    assert page.index("Content-Security-Policy") < page.index("<style>")
    assert page.count("<script") == 1
    assert "window.articleEditor = Object.freeze(api);" in page
    assert '<header id="article-header"></header>' in page and '<main id="article-body"></main>' in page


def test_every_shell_gets_a_new_nonce():
    first = re.search(r"nonce-([^']+)'", csp_of(preview_page_html()))
    second = re.search(r"nonce-([^']+)'", csp_of(preview_page_html()))
    assert first is not None and second is not None and first.group(1) != second.group(1)


def test_shell_links_the_site_stylesheet_after_ours(tmp_path: Path):
    sheet = tmp_path / "site.css"
    sheet.write_text("body { color: red }")
    page = preview_page_html(sheet, css="/* ours */")
    assert f'<link rel="stylesheet" href="{sheet.as_uri()}">' in page
    assert page.index("/* ours */") < page.index('<link rel="stylesheet"')


def test_bundled_css_has_article_and_pygments_rules():
    css = bundled_css()
    assert "max-width: 42em" in css and ".missing-image" in css and "dashed var(--warn)" in css
    assert ".highlight .k " in css


def test_header_shows_the_front_matter_as_the_site_would():
    header = render_header(SAMPLE_FIELDS, file_resolver, description="Kort.", page_url="example.dk › blog")
    assert "<h1>Har din MR-scanning skjulte konsekvenser?</h1>" in header
    assert "<span>Published 01-06-2025</span><span>Updated 04-06-2025</span>" in header
    assert (
        '<img src="file:///site/public/images/blog/mrscanning_konsekvenser_intro.png" '
        'alt="Illustration af MR-scanning" /><figcaption>Illustration af MR-scanning</figcaption>'
    ) in header
    assert '<h3 class="search-card-title">Har din MR-scanning skjulte konsekvenser?</h3>' in header
    assert '<div class="search-card-url">example.dk › blog</div>' in header
    assert '<p class="search-card-description">Kort.</p>' in header


def test_header_escapes_every_value():
    fields = {"title": "<script>alert(1)</script>", "metaTitle": 'A "quoted" & <b>', "previewImageAlt": "<x>"}
    header = render_header(fields, description="<img src=x onerror=alert(1)>")
    assert "<script" not in header and "<b>" not in header and "<img" not in header
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in header
    assert "A &quot;quoted&quot; &amp; &lt;b&gt;" in header


def test_header_missing_preview_image_is_visible():
    header = render_header({"title": "T", "previewImage": "/images/blog/gone.png"}, lambda url: None)
    assert '<span class="missing-image" data-src="/images/blog/gone.png">' in header
    assert "No text for the image" in header


def test_header_formats_parsed_dates_like_the_site():
    header = render_header({"title": "T", "datePublished": datetime.date(2025, 6, 1)})
    assert "Published 01-06-2025" in header


def test_search_description_is_the_first_text_paragraph_cut_near_155_characters():
    body, offset = split_front_matter(read_article(SAMPLE_ARTICLE))
    description = search_description(render_body(body, offset).html)
    assert description.startswith(
        "MR-scanninger anvendes ofte som en del af udredningen ved lænderygsmerter."
    )
    assert description.endswith("…") and len(description) <= 156
    assert search_description("<p>Kort tekst.</p>") == "Kort tekst."


def test_export_is_a_standalone_page_without_script():
    body, _ = split_front_matter(read_article(SAMPLE_ARTICLE))
    page = export_html(SAMPLE_FIELDS, body, file_resolver, lang="da")
    assert page.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert "<script" not in page and "data-line" not in page
    assert "script-src 'none'" in csp_of(page)
    assert ".missing-image" in page  # styles inline
    assert page.count('src="file:///site/public/images/blog/') == 4  # preview image and three in the body
    assert '<h2 id="hvad-er-en-mr-scanning">Hvad er en MR-scanning?</h2>' in page
    assert '<p class="search-card-description">MR-scanninger anvendes' in page
