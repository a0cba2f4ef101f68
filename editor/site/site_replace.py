"""Replace across the site: what every article would become, made through the one writer, and undone
per article (from the text it had, if the file is still as the replace left it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor.article.errors import ArticleError
from editor.site.article_files import OpenedArticle, open_article, save_article
from editor.site.errors import ChangedOnDiskError, SiteFileError
from editor.site.site_search import SearchHit, replace_in_text


@dataclass(frozen=True)
class ArticleReplacement:
    """One article's change: as read, what it becomes, and the matches replaced (to show first)."""

    article: OpenedArticle
    text: str
    hits: tuple[SearchHit, ...]


@dataclass
class ReplaceRecord:
    """What a Replace All wrote: each article's text before, and the file as written (to undo it)."""

    before: dict[Path, OpenedArticle] = field(default_factory=dict)
    after: dict[Path, OpenedArticle] = field(default_factory=dict)

    def undo(self, path: Path) -> None:
        """Put the article's text back as it was; ChangedOnDiskError if it changed since the replace."""
        written = self.after.pop(path)
        try:
            save_article(written, self.before[path].text)
        except SiteFileError:
            self.after[path] = written
            raise
        del self.before[path]


def plan_replacements(
    root: Path, hits: list[SearchHit], query: str, replacement: str
) -> list[ArticleReplacement]:
    """For each article `hits` name (paths relative to `root`), what it becomes; read from the files, so
    an article changed since it was indexed is planned as it is now."""
    by_path: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_path.setdefault(hit.path, []).append(hit)
    planned = []
    for relative, found in by_path.items():
        try:
            article = open_article(root / relative)
        except (ArticleError, SiteFileError):
            continue
        text, count = replace_in_text(article.text, query, replacement)
        if count:
            planned.append(ArticleReplacement(article, text, tuple(found)))
    return planned


def apply_replacements(planned: list[ArticleReplacement]) -> tuple[ReplaceRecord, list[tuple[Path, str]]]:
    """Write each planned article (a backup kept by each save); returns the record for undo and the
    articles that could not be written, with why (changed on disk since, read-only...)."""
    record = ReplaceRecord()
    failed: list[tuple[Path, str]] = []
    for item in planned:
        try:
            written = save_article(item.article, item.text)
        except (ChangedOnDiskError, SiteFileError) as error:
            failed.append((item.article.path, error.message))
            continue
        record.before[item.article.path] = item.article
        record.after[item.article.path] = written
    return record, failed
