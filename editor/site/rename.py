"""Renaming an article: a new slug, a new file name, and the links of the other articles that follow it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from editor.article.errors import ArticleError
from editor.article.field_edits import set_field
from editor.article.front_matter import read_front_matter
from editor.article.slug import slugify
from editor.article.translatable import translatable
from editor.site.article_facts import slug_of, url_spans
from editor.site.article_files import OpenedArticle, open_article, save_article
from editor.site.config import SiteConfig
from editor.site.errors import AlreadyExistsError, SiteFileError
from editor.site.files import FileStamp, rename_file
from editor.site.site_problems import linked_article

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


class RenameError(SiteFileError):
    """A rename that cannot be made (a bad slug, a page bundle, a name taken); nothing was changed."""


@dataclass(frozen=True)
class LinkEdit:
    """One article whose text changes: as read, and the text it gets."""

    article: OpenedArticle
    text: str

    @property
    def count(self) -> int:
        """How many links change (for the list shown before the rename)."""
        return max(
            1,
            sum(
                1
                for a, b in zip(self.article.text.splitlines(), self.text.splitlines(), strict=False)
                if a != b
            ),
        )


@dataclass(frozen=True)
class RenamePlan:
    """Everything a rename will change, to show before it is made: the file's new name, the article's own
    new text (its slug field, its links to itself) and the other articles whose links follow."""

    source: Path
    target: Path
    stamp: FileStamp  # the article as it was read for the plan: a later change refuses the rename
    old_slug: str
    new_slug: str
    own: LinkEdit | None
    edits: tuple[LinkEdit, ...]

    def changed_files(self) -> list[Path]:
        """Every file the rename writes, the article itself first."""
        return [self.source, *(edit.article.path for edit in self.edits)]


def plan_rename(
    site: SiteConfig, source: Path, new_slug: str, articles: list[Path] | None = None
) -> RenamePlan:
    """What renaming the article at `source` to `new_slug` changes; RenameError when it cannot be done.

    `articles` are the site's articles to look for links in (default: all of them).
    """
    if not new_slug or slugify(new_slug) != new_slug:
        raise RenameError.of(
            translatable(
                "SiteFileError",
                "{slug} is not a slug: use lower-case letters, digits and hyphens, like {example}",
            ),
            slug=new_slug,
            example=slugify(new_slug) or "my-article",
        )
    if source.stem.lower() in ("index", "_index"):
        raise RenameError.of(
            translatable("SiteFileError", "{path} is a page bundle's index: rename its folder instead"),
            path=source,
        )
    opened = open_article(source)
    values = _values(opened.text)
    old_slug = slug_of(source, values)
    date = _DATE_PREFIX.match(source.stem)
    target = source.with_name((date.group(0) if date else "") + new_slug + source.suffix)
    if target.exists() and target != source:
        raise AlreadyExistsError.of(translatable("SiteFileError", "Already exists: {path}"), path=target)
    own_text = opened.text
    if isinstance(values.get("slug"), str):
        own_text = set_field(own_text, "slug", new_slug).apply(own_text)
    own_text = rewrite_links(site, source, source, target, own_text, old_slug, new_slug)
    edits = []
    for path in articles if articles is not None else site.articles():
        if path == source:
            continue
        try:
            other = open_article(path)
        except (ArticleError, SiteFileError):
            continue  # an unreadable article cannot link anywhere the site would serve
        text = rewrite_links(site, path, source, target, other.text, old_slug, new_slug)
        if text != other.text:
            edits.append(LinkEdit(other, text))
    own = LinkEdit(opened, own_text) if own_text != opened.text else None
    return RenamePlan(source, target, opened.stamp, old_slug, new_slug, own, tuple(edits))


def rewrite_links(
    site: SiteConfig, article: Path, source: Path, target: Path, text: str, old_slug: str, new_slug: str
) -> str:
    """`text` (of `article`) with its links to the article at `source` pointing to `target` instead: /blog/
    URLs get the new slug, relative links the new file name; anchors and queries stay."""
    pieces: list[str] = []
    last = 0
    for kind, url, _line, _column, start, end in url_spans(text):
        if kind != "link":
            continue
        named = linked_article(site, article, url)
        if named is None:
            continue
        if named == ("slug", old_slug):
            path = urlsplit(url).path
            new_url = url.replace(path, path.replace(f"/{old_slug}", f"/{new_slug}", 1), 1)
        elif named[0] == "file" and os.path.abspath(named[1]) == os.path.abspath(source):
            path = urlsplit(url).path
            folder = path[: path.rfind("/") + 1]
            new_url = url.replace(path, folder + quote(target.name), 1)
        else:
            continue
        pieces.append(text[last:start])
        pieces.append(new_url)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def apply_rename(plan: RenamePlan) -> list[Path]:
    """Make the rename: the other articles first (each saved through the one writer, a backup kept), then
    the article's own edits and its new name. Returns the files written. A failure stops there and says
    which file; what was written before it stays written (each file is whole, old or new)."""
    written: list[Path] = []
    for edit in plan.edits:
        save_article(edit.article, edit.text)
        written.append(edit.article.path)
    stamp = plan.stamp if plan.own is None else save_article(plan.own.article, plan.own.text).stamp
    if plan.target != plan.source:
        rename_file(plan.source, plan.target, expected=stamp)
    written.append(plan.target)
    return written


def _values(text: str) -> dict[str, object]:
    try:
        return read_front_matter(text).values()
    except ArticleError:
        return {}
