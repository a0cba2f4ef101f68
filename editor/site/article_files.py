"""Articles as files of a site: open, save, check and create them through the one writer (files.py)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.article.dates import format_date
from editor.article.document import MAX_ARTICLE_BYTES, decode_article, encode_article
from editor.article.field_edits import set_field
from editor.article.front_matter import read_front_matter
from editor.article.schema import FieldKind
from editor.article.slug import slugify
from editor.article.validation import Problem, ValidationRules, validate_text
from editor.render.markdown_structure import structure_reader
from editor.site.config import SiteConfig
from editor.site.errors import AlreadyExistsError, SiteFileError
from editor.site.files import FileStamp, create_file, read_file, save_file
from editor.site.svg_safety import svg_hazards

# An SVG drawing is kilobytes; one beyond this is not read to be checked.
MAX_SVG_CHECK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class OpenedArticle:
    """An article's text as read, with what is needed to write it back byte for byte and safely."""

    path: Path
    text: str
    bom: bool
    stamp: FileStamp

    def encode(self, text: str) -> bytes:
        """The bytes to write for `text`, with the BOM the file had."""
        return encode_article(text, self.bom)


def open_article(path: Path) -> OpenedArticle:
    """Read an article; SiteFileError or ArticleError (with the line) when it cannot be."""
    data, stamp = read_file(path, max_bytes=MAX_ARTICLE_BYTES)
    decoded = decode_article(data)
    return OpenedArticle(path, decoded.text, decoded.bom, stamp)


def save_article(article: OpenedArticle, text: str, *, force: bool = False) -> OpenedArticle:
    """Write `text` over the article as it was read; refuses (ChangedOnDiskError) if it changed meanwhile."""
    stamp = save_file(
        article.path, article.encode(text), expected=article.stamp, force=force, max_bytes=MAX_ARTICLE_BYTES
    )
    return OpenedArticle(article.path, text, article.bom, stamp)


def save_article_as(path: Path, text: str, *, bom: bool, force: bool = False) -> OpenedArticle:
    """Write `text` to a new file at `path`; `force` replaces an existing file (the user confirmed it)."""
    stamp = save_file(
        path, encode_article(text, bom), expected=None, force=force, max_bytes=MAX_ARTICLE_BYTES
    )
    return OpenedArticle(path, text, bom, stamp)


def is_remote(url: str) -> bool:
    """Whether a URL names something on another host (or a data: URL), not a file of the site."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def linked_file(site: SiteConfig, article_path: Path | None, url: str) -> Path | None:
    """The existing local file an image or link URL in an article names, or None.

    Site URLs (/images/blog/x.png) are looked up in the public folder; a relative URL names a file beside
    the article or below its folder (page bundles, co-located images); remote URLs name no local file.
    """
    candidate = linked_path(site, article_path, url)
    return candidate if candidate is not None and candidate.is_file() else None


def linked_path(site: SiteConfig, article_path: Path | None, url: str) -> Path | None:
    """Where the local file an article's URL names is, or would be, as linked_file looks it up (the file
    need not exist); None for remote URLs and for any that leave the site's folders."""
    if is_remote(url):
        return None
    path = urlsplit(url).path
    if path.startswith("/"):
        candidate = site.url_to_path(url)
    elif article_path is not None:
        folder = article_path.parent
        candidate = folder / unquote(path)
        # The preview may read only inside the article's folder, so a relative URL that climbs out of it
        # (by `..` or a symlink) names no file here either: validation and the preview then agree.
        if not Path(os.path.realpath(candidate)).is_relative_to(os.path.realpath(folder)):
            return None
    else:
        return None
    return candidate


def validation_rules(site: SiteConfig, article_path: Path | None) -> ValidationRules:
    """The checks for an article of `site`: its schema, and image URLs looked up in its public folder."""

    def image_exists(url: str) -> bool | None:
        # Remote images, and relative ones of an article not yet saved, cannot be checked here.
        if is_remote(url) or (article_path is None and not urlsplit(url).path.startswith("/")):
            return None
        return linked_file(site, article_path, url) is not None

    def image_hazard(url: str) -> str | None:
        path = linked_file(site, article_path, url)  # None for remote URLs too
        if path is None or path.suffix.lower() != ".svg":
            return None
        try:
            data, _ = read_file(path, max_bytes=MAX_SVG_CHECK_BYTES)
        except SiteFileError:
            return None
        hazards = svg_hazards(data)
        return ", ".join(hazards) if hazards else None

    return ValidationRules(
        site.schema, image_exists, image_hazard, read_structure=structure_reader(site.markdown.flavour)
    )


def check_article(site: SiteConfig, path: Path) -> list[Problem]:
    """The problems of the article at `path`; unreadable files raise as open_article does."""
    return validate_text(open_article(path).text, validation_rules(site, path))


def new_article_text(site: SiteConfig, title: str, today: dt.date) -> str:
    """The site template with the title fields and every date field filled in, each by a field edit."""
    template, _ = read_file(site.new_article_template())
    text = decode_article(template).text
    schema = site.schema
    first_text = next((spec.name for spec in schema.fields if spec.kind is FieldKind.TEXT), "title")
    title_keys = {"title", "metaTitle", first_text}
    for field in read_front_matter(text).fields:
        spec = schema.field(field.key)
        if field.key in title_keys:
            text = set_field(text, field.key, title).apply(text)
        elif spec is not None and spec.kind is FieldKind.DATE:
            text = set_field(text, field.key, format_date(today, schema.date_format)).apply(text)
    return text


def create_article(site: SiteConfig, title: str, today: dt.date, folder: Path | None = None) -> Path:
    """Create a new article named after its title in the first content folder; never replaces a file."""
    target_folder = folder or site.content_dirs[0]
    stem = slugify(title) or "article"
    text = new_article_text(site, title, today)
    data = text.encode("utf-8")
    for number in range(1, 1000):
        candidate = target_folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            create_file(candidate, data)
        except AlreadyExistsError:
            continue
        return candidate
    raise AlreadyExistsError(f"{target_folder} already holds 999 articles named {stem}")
