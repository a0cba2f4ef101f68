"""An article as one standalone HTML page, and the site-URL helpers the preview shares with it."""

from __future__ import annotations

from pathlib import Path

from editor.article.document import BOM
from editor.article.front_matter import read_front_matter
from editor.render.chunk_links import UrlResolver
from editor.render.flavours import Flavour
from editor.render.page import export_html
from editor.render.shell import bundled_css
from editor.site.article_files import linked_file
from editor.site.config import SiteConfig
from editor.site.markdown_extensions import resolve_extensions


def file_url_resolver(site: SiteConfig | None, article_path: Path | None = None) -> UrlResolver:
    """Maps an image URL of the article to the file:// URL of its file; None when it is missing.

    Site URLs (/images/blog/x.png) are looked up in the public folder, relative ones beside the article,
    as validation does (linked_file). Without a site every image is missing; URLs that leave the public
    (or image) folder are missing too.
    """

    def resolve(url: str) -> str | None:
        path = None if site is None else linked_file(site, article_path, url)
        return None if path is None else path.absolute().as_uri()

    return resolve


def article_page_url(site: SiteConfig | None, article_path: Path | None) -> str:
    """A guess at the article's address: its path below the parent of its content folder.

    content/blog/mr-scanning.md is /blog/mr-scanning, as Hugo, Astro and most generators serve it.
    """
    if site is None or article_path is None:
        return ""
    for folder in site.content_dirs:
        if article_path.is_relative_to(folder):
            return "/" + article_path.relative_to(folder.parent).with_suffix("").as_posix()
    return "/" + article_path.stem


def export_article(site: SiteConfig, path: Path, text: str, flavour: Flavour | None = None) -> str:
    """The article `text` (stored at `path` in `site`) as a standalone page, as the preview shows it.

    Styles are inline (the editor's, then the site's stylesheet), there is no script, and images are
    file:// URLs of the site's files, so the page shows them on this machine. The body renders in
    `flavour`, by default the site's, Python-Markdown with the site's extensions. Raises ArticleError for front matter that cannot be read.
    """
    front = read_front_matter(text.removeprefix(BOM))
    css = bundled_css()
    if site.stylesheet is not None:
        css += "\n" + site.stylesheet.read_text(encoding="utf-8")
    return export_html(
        front.values(),
        front.parts.body,
        file_url_resolver(site, path),
        css,
        page_url=article_page_url(site, path),
        date_format=site.schema.date_format,
        flavour=flavour or site.markdown.flavour,
        # The site's extensions, also when the flag asks for Python-Markdown on a site that has another.
        extensions=resolve_extensions(site.markdown.extensions),
    )
