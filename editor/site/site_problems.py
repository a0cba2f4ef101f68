"""The site's own problems, beyond each article's: unused images, links to articles that are not there,
and two articles with one slug."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editor.article.translatable import translatable
from editor.article.validation import Problem, Severity
from editor.site.article_facts import Reference
from editor.site.article_files import is_remote
from editor.site.config import ARTICLE_SUFFIXES, SiteConfig

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"})


def _problem(severity: Severity, rule: str, template: str, **values: object) -> Problem:
    shown = {key: str(value) for key, value in values.items()}
    return Problem(1, 1, severity, template.format(**shown), rule, None, template, tuple(shown.items()))


def article_url_prefixes(site: SiteConfig) -> tuple[str, ...]:
    """The URL folders the site serves articles under, as Hugo, Astro and Next.js do: content/blog's
    articles at /blog/SLUG/. A content folder that is the site's whole content (`content`) has none."""
    return tuple(
        f"/{folder.name}/" for folder in site.content_dirs if folder.name not in ("content", "docs", "src")
    )


def linked_article(site: SiteConfig, article: Path, url: str) -> tuple[str, str] | None:
    """What a link names when it names an article: ("slug", SLUG) for /blog/SLUG/ URLs, ("file", PATH)
    for relative links to a Markdown file; None for any other link."""
    if is_remote(url) or url.startswith("#"):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if not path.startswith("/"):
        if Path(path).suffix.lower() in ARTICLE_SUFFIXES:
            return "file", os.path.normpath(article.parent / path)
        return None
    for prefix in article_url_prefixes(site):
        if path.startswith(prefix):
            rest = path[len(prefix) :].strip("/").removesuffix(".html")
            return ("slug", rest) if rest and "/" not in rest else None
    return None


def _is_file(site: SiteConfig, url: str) -> bool:
    path = site.url_to_path(url)
    return path is not None and path.is_file()


def site_problems(
    site: SiteConfig, slugs: Mapping[str, str], references: Mapping[str, Sequence[Reference]]
) -> list[tuple[str, Problem]]:
    """The site rules over its articles (relative path -> slug, and -> links and images): each finding
    with the relative path it belongs to (an unused image's own path), by path."""
    found: list[tuple[str, Problem]] = []
    by_slug: dict[str, list[str]] = {}
    for relative, slug in slugs.items():
        by_slug.setdefault(slug, []).append(relative)
    for slug, holders in by_slug.items():
        for relative in holders if len(holders) > 1 else ():
            others = ", ".join(other for other in holders if other != relative)
            found.append(
                (
                    relative,
                    _problem(
                        Severity.ERROR,
                        "duplicate-slug",
                        translatable(
                            "Problem", "the slug {slug} is also that of {others}: the site can serve only one"
                        ),
                        slug=slug,
                        others=others,
                    ),
                )
            )
    known_files = {os.path.normpath(site.root / relative) for relative in slugs}
    images = {_image_url(site, image): image for image in _images(site)}
    by_path = {os.path.normpath(image): image for image in images.values()}
    used_images: set[Path] = set()
    for relative, refs in references.items():
        article = site.root / relative
        for ref in refs:
            used = _used_image(article, ref.url, images, by_path)
            if used is not None:
                used_images.add(used)
            if ref.kind != "link":
                continue
            named = linked_article(site, article, ref.url)
            if (
                named is None
                or (named[0] == "slug" and named[1] in by_slug)
                or (named[0] == "file" and named[1] in known_files)
            ):
                continue
            if named[0] == "slug" and _is_file(site, ref.url):
                continue  # a file the site serves there (/blog/feed.xml), not an article
            found.append(
                (
                    relative,
                    Problem(
                        ref.line,
                        ref.column,
                        Severity.WARNING,
                        translatable("Problem", "the link {url} names no article of the site").format(
                            url=ref.url
                        ),
                        "broken-link",
                        None,
                        translatable("Problem", "the link {url} names no article of the site"),
                        (("url", ref.url),),
                    ),
                )
            )
    for image in images.values():
        if image not in used_images:
            found.append(
                (
                    Path(os.path.relpath(image, site.root)).as_posix(),
                    _problem(
                        Severity.INFO,
                        "unused-image",
                        translatable("Problem", "no article uses the image {name}"),
                        name=image.name,
                    ),
                )
            )
    return sorted(found, key=lambda item: (item[0], item[1].line, item[1].column))


def _image_url(site: SiteConfig, image: Path) -> str:
    try:
        return unquote(site.path_to_url(image))
    except ValueError:
        return ""


def _used_image(
    article: Path, url: str, images: Mapping[str, Path], by_path: Mapping[str, Path]
) -> Path | None:
    """The image of the image folder `url` names (by its site URL, or relative to the article), or None;
    by comparing names, not resolving each URL on disk: a site has thousands of references."""
    if is_remote(url):
        return None
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        return images.get(posixpath.normpath(path))
    return by_path.get(os.path.normpath(article.parent / path)) if path else None


def _images(site: SiteConfig) -> list[Path]:
    if not site.image_dir.is_dir():
        return []
    found: list[Path] = []
    for current, folders, files in os.walk(site.image_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(
            Path(current) / name
            for name in files
            if not name.startswith(".") and posixpath.splitext(name)[1].lower() in IMAGE_SUFFIXES
        )
    return sorted(found)


def site_problems_from_files(site: SiteConfig) -> list[tuple[str, Problem]]:
    """The site rules read straight from the article files (what `check FOLDER` runs without an index)."""
    from editor.site.article_facts import link_facts

    slugs: dict[str, str] = {}
    references: dict[str, Sequence[Reference]] = {}
    for path in site.articles():
        relative = Path(os.path.relpath(path, site.root)).as_posix()
        slugs[relative], references[relative] = link_facts(site, path)
    return site_problems(site, slugs, references)
