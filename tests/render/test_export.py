"""export_article: the article as one standalone page, with the site's files as its images."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.article.errors import ArticleError
from editor.render.export import article_page_url, export_article, file_url_resolver
from editor.site.config import load_site

ARTICLE = Path("content/blog/mr-scanning.md")


def test_the_sample_article_exports_as_a_standalone_page(example_site: Path) -> None:
    site = load_site(example_site)
    path = example_site / ARTICLE
    page = export_article(site, path, path.read_text(encoding="utf-8"))
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Har din MR-scanning skjulte konsekvenser?</h1>" in page
    assert ">Hvad er en MR-scanning?</h2>" in page
    assert '<div class="search-card-url">/blog/mr-scanning</div>' in page
    # No script and no data-line bookkeeping: this is a page to read, not to patch.
    assert "<script" not in page
    assert "data-line" not in page
    assert "<link" not in page
    image_urls = re.findall(r'<img src="([^"]+)"', page)
    assert len(image_urls) == 4  # the preview image and three in the body
    for url in image_urls:
        assert url.startswith("file://")
        assert Path(url.removeprefix("file://")).is_file()


def test_the_site_stylesheet_is_inlined_after_the_editors(example_site: Path) -> None:
    stylesheet = example_site / "public" / "site.css"
    stylesheet.write_text("h1 { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    config = example_site / "article-editor.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            '# stylesheet = "public/styles/article.css"', 'stylesheet = "public/site.css"'
        ),
        encoding="utf-8",
    )
    site = load_site(example_site)
    assert site.stylesheet == stylesheet
    page = export_article(site, example_site / ARTICLE, (example_site / ARTICLE).read_text(encoding="utf-8"))
    assert page.index("h1 { color: rgb(1, 2, 3); }") > page.index(".search-card")
    assert stylesheet.as_uri() not in page


def test_missing_images_are_placeholders(example_site: Path) -> None:
    site = load_site(example_site)
    text = "---\ntitle: T\n---\n\n![Gone](/images/blog/gone.png)\n\n![Out](/../../etc/passwd)\n"
    page = export_article(site, example_site / "content" / "blog" / "t.md", text)
    assert 'class="missing-image" data-src="/images/blog/gone.png"' in page
    assert "<img" not in page


def test_unreadable_front_matter_is_an_error(example_site: Path) -> None:
    with pytest.raises(ArticleError):
        export_article(load_site(example_site), example_site / ARTICLE, "---\ntitle: open\n\nBody\n")


def test_site_urls_resolve_only_to_existing_files_inside_the_site(example_site: Path) -> None:
    site = load_site(example_site)
    resolve = file_url_resolver(site)
    image = example_site / "public" / "images" / "blog" / "mrscanning_konsekvenser_intro.png"
    assert resolve("/images/blog/mrscanning_konsekvenser_intro.png") == image.absolute().as_uri()
    assert resolve("/images/blog/gone.png") is None
    assert resolve("/../article-editor.toml") is None
    assert resolve("https://example.com/x.png") is None
    assert file_url_resolver(None)("/images/blog/mrscanning_konsekvenser_intro.png") is None


def test_relative_image_urls_name_files_beside_the_article(example_site: Path) -> None:
    site = load_site(example_site)
    article = example_site / ARTICLE
    beside = article.parent / "diagram.png"
    beside.write_bytes((example_site / "public/images/blog/mrscanning_konsekvenser_svar.png").read_bytes())
    assert file_url_resolver(site, article)("diagram.png") == beside.absolute().as_uri()
    assert file_url_resolver(site)("diagram.png") is None  # an unsaved article has no folder
    page = export_article(site, article, article.read_text(encoding="utf-8") + "\n![Diagram](diagram.png)\n")
    assert f'src="{beside.absolute().as_uri()}"' in page


def test_article_page_url_is_the_path_below_the_content_folders_parent(example_site: Path) -> None:
    site = load_site(example_site)
    assert article_page_url(site, example_site / ARTICLE) == "/blog/mr-scanning"
    assert article_page_url(site, None) == ""
    assert article_page_url(None, example_site / ARTICLE) == ""


def test_dates_are_shown_in_the_site_format_and_article_text_is_kept(example_site: Path) -> None:
    config = example_site / "article-editor.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"DD-MM-YYYY"', '"YYYY-MM-DD"'), encoding="utf-8"
    )
    site = load_site(example_site)
    text = '---\ntitle: T\ndatePublished: 2025-06-01\n---\nWrite `<p data-line="3">` to mark it.\n'
    page = export_article(site, example_site / ARTICLE, text)
    assert "2025-06-01" in page and "01-06-2025" not in page
    assert "&lt;p data-line=&quot;3&quot;&gt;" in page
    assert "<p data-line" not in page
