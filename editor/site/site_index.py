"""The site index: every article's fields, problem counts, words, draft state and times, kept in SQLite.

Refreshed incrementally: a file whose size and modification time are as indexed is not read again. Each
batch of re-read articles is one transaction, so a crash mid-refresh leaves the index as it was after the
last whole batch, and the next refresh carries on. See index_store.py for when the file is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor import package_version
from editor.article.validation import Problem, Severity
from editor.site.article_facts import ArticleFacts, Reference, read_facts
from editor.site.config import SiteConfig
from editor.site.index_store import cache_file, open_store, transaction
from editor.site.site_search import SearchHit, find_in_text, fold

# Articles re-read per transaction: small enough that a crash loses little, large enough that commits
# (each an fsync of the WAL) cost little.
BATCH = 250
# Queries shorter than a trigram cannot use the full-text index: every article is scanned.
_TRIGRAM = 3

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexedArticle:
    """One row of the index, without the text: what the article list shows and `list` prints."""

    path: Path
    relative: str
    title: str
    date: str | None
    slug: str
    fields: dict[str, object]
    errors: int
    warnings: int
    infos: int
    words: int
    draft: bool
    modified_ns: int

    @property
    def problems(self) -> int:
        """Every problem `check` reports for the file."""
        return self.errors + self.warnings + self.infos


@dataclass
class RefreshReport:
    """What a refresh did: articles read again, added and removed, and the total indexed."""

    read: int = 0
    removed: int = 0
    total: int = 0
    rebuilt_because: str | None = None
    changed: list[str] = field(default_factory=list)


class SiteIndex:
    """The index of one site. Not thread-safe: one index per thread (SQLite itself copes with processes)."""

    def __init__(self, site: SiteConfig, cache: Path | None) -> None:
        """The index of `site` kept in the file `cache` (None: in memory, for this process only)."""
        self.site = site
        self.path = cache
        self._fingerprint = _fingerprint(site)
        self._connection, self.rebuilt_because = open_store(self.path, self._fingerprint)

    def close(self) -> None:
        """Close the file; the index is unusable afterwards."""
        self._connection.close()

    def __enter__(self) -> SiteIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        # A connection left to the garbage collector stays open for as long as it pleases: a later open of
        # the same file in this process (a test, the window after a command) then meets its stale state.
        self.close()

    # ---- keeping it current ------------------------------------------------------------------------

    def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Bring the index up to date with the site's files: re-read the new and changed ones, drop the
        gone ones. `progress(done, total)` is called after each batch of articles read."""
        report = RefreshReport(rebuilt_because=self.rebuilt_because)
        self.rebuilt_because = None
        on_disk: dict[str, tuple[Path, os.stat_result]] = {}
        for path in self.site.articles():
            try:
                info = os.stat(path)
            except OSError:
                continue
            on_disk[self._relative(path)] = (path, info)
        stored = {
            relative: (size, mtime)
            for relative, size, mtime in self._connection.execute("SELECT path, size, mtime_ns FROM articles")
        }
        gone = [relative for relative in stored if relative not in on_disk]
        stale = [
            (path, info)
            for relative, (path, info) in on_disk.items()
            if stored.get(relative) != (info.st_size, info.st_mtime_ns)
        ]
        if gone:
            with transaction(self._connection):
                self._delete(gone)
        self._read_all(stale, progress)
        report.read = len(stale)
        report.removed = len(gone)
        report.total = len(on_disk)
        report.changed = sorted([self._relative(path) for path, _ in stale] + gone)
        return report

    def update(self, paths: Iterable[Path]) -> list[str]:
        """Re-read these files now (the watcher saw them change): changed ones are read, deleted ones
        dropped, and files outside the content folders ignored. Returns the relative paths it touched."""
        touched: list[str] = []
        with transaction(self._connection):
            for path in paths:
                relative = self._relative(path)
                try:
                    info = os.stat(path)
                except OSError:
                    self._delete([relative])
                    touched.append(relative)
                    continue
                if self.site.is_article(path):
                    self._store(read_facts(self.site, path, info))
                    touched.append(relative)
        return touched

    def _read_all(self, stale: Sequence[tuple[Path, os.stat_result]], progress: Progress | None) -> None:
        for start in range(0, len(stale), BATCH):
            batch = [read_facts(self.site, path, info) for path, info in stale[start : start + BATCH]]
            with transaction(self._connection):
                for facts in batch:
                    self._store(facts)
            if progress is not None:
                progress(min(start + BATCH, len(stale)), len(stale))

    def _store(self, facts: ArticleFacts) -> None:
        row = self._connection.execute(
            "INSERT INTO articles (path, size, mtime_ns, title, date, slug, fields, errors, warnings, infos,"
            " problems, words, draft, refs, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " title = excluded.title, date = excluded.date, slug = excluded.slug, fields = excluded.fields,"
            " errors = excluded.errors, warnings = excluded.warnings, infos = excluded.infos,"
            " problems = excluded.problems, words = excluded.words, draft = excluded.draft,"
            " refs = excluded.refs, body = excluded.body RETURNING id",
            (
                _storable(facts.relative),
                facts.size,
                facts.mtime_ns,
                _storable(facts.title),
                facts.date,
                _storable(facts.slug),
                _storable(json.dumps(facts.fields, ensure_ascii=False, default=str)),
                facts.count(Severity.ERROR),
                facts.count(Severity.WARNING),
                facts.count(Severity.INFO),
                _storable(
                    json.dumps([_problem_row(problem) for problem in facts.problems], ensure_ascii=False)
                ),
                facts.words,
                int(facts.draft),
                json.dumps([[ref.kind, ref.url, ref.line, ref.column] for ref in facts.references]),
                _storable(facts.text),
            ),
        ).fetchone()
        self._connection.execute("DELETE FROM folded WHERE rowid = ?", (row[0],))
        self._connection.execute(
            "INSERT INTO folded (rowid, text) VALUES (?, ?)", (row[0], _storable(fold(facts.text)))
        )

    def _delete(self, relatives: Sequence[str]) -> None:
        for relative in relatives:
            row = self._connection.execute(
                "DELETE FROM articles WHERE path = ? RETURNING id", (relative,)
            ).fetchone()
            if row is not None:
                self._connection.execute("DELETE FROM folded WHERE rowid = ?", (row[0],))

    def _relative(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(path), self.site.root)).as_posix()

    # ---- reading it --------------------------------------------------------------------------------

    def articles(self) -> list[IndexedArticle]:
        """Every indexed article, by path."""
        rows = self._connection.execute(
            "SELECT path, title, date, slug, fields, errors, warnings, infos, words, draft, mtime_ns"
            " FROM articles ORDER BY path"
        )
        root = self.site.root
        return [
            IndexedArticle(
                root / relative,
                relative,
                title,
                date,
                slug,
                json.loads(fields),
                errors,
                warnings,
                infos,
                words,
                bool(draft),
                mtime,
            )
            for relative, title, date, slug, fields, errors, warnings, infos, words, draft, mtime in rows
        ]

    def problems(self) -> list[tuple[str, Problem]]:
        """Every article's problems, by path then line."""
        found: list[tuple[str, Problem]] = []
        for relative, problems in self._connection.execute(
            "SELECT path, problems FROM articles WHERE problems != '[]' ORDER BY path"
        ):
            found.extend((relative, _problem_from(row)) for row in json.loads(problems))
        return found

    def references(self) -> dict[str, list[Reference]]:
        """The links and images of every article, by relative path."""
        return {
            relative: [Reference(*ref) for ref in json.loads(refs)]
            for relative, refs in self._connection.execute("SELECT path, refs FROM articles ORDER BY path")
        }

    def search(self, query: str) -> list[SearchHit]:
        """Every line of every article holding `query`, case and Unicode-insensitively (casefolded), by
        path then line; hit paths are relative to the site root."""
        needle = fold(query)
        if not needle:
            return []
        if len(needle) >= _TRIGRAM:
            rows = self._connection.execute(
                "SELECT a.path, a.body, f.text FROM folded f JOIN articles a ON a.id = f.rowid"
                " WHERE folded MATCH ? ORDER BY a.path",
                ('"' + needle.replace('"', '""') + '"',),
            )
        else:
            rows = self._connection.execute(
                "SELECT a.path, a.body, f.text FROM folded f JOIN articles a ON a.id = f.rowid"
                " WHERE instr(f.text, ?) > 0 ORDER BY a.path",
                (needle,),
            )
        hits: list[SearchHit] = []
        for relative, body, folded in rows:
            hits.extend(find_in_text(relative, body, query, folded))
        return hits

    def text_of(self, relative: str) -> str | None:
        """The article's text as last indexed, or None."""
        row = self._connection.execute("SELECT body FROM articles WHERE path = ?", (relative,)).fetchone()
        return None if row is None else str(row[0])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(text: str) -> str:
    """`text` as SQLite can hold it: a lone surrogate (which UTF-8 cannot encode) becomes U+FFFD, one
    character for one, so lines and columns stay where they are."""
    return _SURROGATE.sub("\ufffd", text)


def _fingerprint(site: SiteConfig) -> str:
    """What the stored problem counts depend on besides the articles: the editor's version and the site's
    configuration (schema, date format, Markdown flavour, folders)."""
    parts = [
        package_version(),
        repr(site.schema),
        repr(site.markdown),
        repr((site.content_dirs, site.public_dir, site.image_dir, site.image_url_prefix)),
    ]
    if site.config_file is not None:
        try:
            parts.append(hashlib.sha256(site.config_file.read_bytes()).hexdigest())
        except OSError:
            parts.append("unreadable")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _problem_row(problem: Problem) -> list[object]:
    return [
        problem.line,
        problem.column,
        str(problem.severity),
        problem.message,
        problem.rule,
        problem.field,
        problem.template,
        [list(pair) for pair in problem.values],
    ]


def _problem_from(row: list[object]) -> Problem:
    line, column, severity, message, rule, field_name, template, values = row
    return Problem(
        int(line),  # type: ignore[call-overload]
        int(column),  # type: ignore[call-overload]
        Severity(str(severity)),
        str(message),
        str(rule),
        None if field_name is None else str(field_name),
        str(template),
        tuple((str(key), str(value)) for key, value in values),  # type: ignore[attr-defined]
    )


def open_index(site: SiteConfig) -> SiteIndex:
    """The site's index in the user cache folder; in memory when that folder cannot be written (the
    index then lasts as long as the process)."""
    from editor.site.errors import SiteFileError

    try:
        return SiteIndex(site, cache_file(site.root))
    except (SiteFileError, sqlite3.OperationalError):
        return SiteIndex(site, cache=None)
