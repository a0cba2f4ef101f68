"""The site index's SQLite file: where it lives, its tables, and opening it fresh when it is unusable.

The articles stay the only truth: the file is a cache in the user cache folder, one per site, and any
doubt about it (missing, not a database, malformed, another layout version, another site configuration)
ends with a new empty file that the next refresh fills.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from editor.site.files import discard_file, ensure_folder, user_cache_folder

# Raise when the tables or what a row means change: older files are then rebuilt, never misread.
LAYOUT_VERSION = 3

# `folded` holds each article's casefolded text for substring search: a trigram index finds every article
# holding a query of three or more characters, whatever words it is part of, and folding first makes that
# case-insensitive exactly as Python's str.casefold is (the tokenizer's own folding knows fewer letters).
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    slug TEXT NOT NULL,
    fields TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    problems TEXT NOT NULL,
    words INTEGER NOT NULL,
    draft INTEGER NOT NULL,
    refs TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE VIRTUAL TABLE folded USING fts5(text, tokenize = 'trigram case_sensitive 1');
"""


def cache_file(root: Path) -> Path:
    """The index file of the site at `root`: named by a hash of its real path, in the user cache folder."""
    key = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:20]
    return user_cache_folder() / "site-index" / f"{key}.sqlite3"


def open_store(path: Path | None, fingerprint: str) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the index at `path` (None: in memory) made for `fingerprint`, and why it was
    started afresh (None when the file was reused, or new)."""
    if path is None:
        memory = _connect(":memory:")
        _create(memory, fingerprint)
        return memory, None
    ensure_folder(path.parent)
    existed = path.exists()
    connection: sqlite3.Connection | None = None
    try:
        connection = _connect(str(path))
        reason = _reason_to_rebuild(connection, fingerprint)
    except sqlite3.DatabaseError as error:
        reason = f"unreadable ({error})"
    if connection is not None and reason is None and existed:
        return connection, None
    if connection is not None:
        connection.close()
    discard_store(path)
    connection = _connect(str(path))
    _create(connection, fingerprint)
    return connection, reason if existed else None


def discard_store(path: Path) -> None:
    """Remove the index file and SQLite's journal files beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        discard_file(path.with_name(path.name + suffix))


def _connect(name: str) -> sqlite3.Connection:
    # Autocommit mode: every change is in an explicit BEGIN IMMEDIATE ... COMMIT (see transaction()).
    connection = sqlite3.connect(name, isolation_level=None, timeout=10, check_same_thread=False)
    # WAL: a reader (the command line) never waits for a writer (the window), and a crash mid-write
    # leaves the last committed state.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def _reason_to_rebuild(connection: sqlite3.Connection, fingerprint: str) -> str | None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version != LAYOUT_VERSION:
        return f"layout version {version}, not {LAYOUT_VERSION}"
    row = connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    if row is None or row[0] != fingerprint:
        return "the site's configuration changed"
    # Reads every page's header: a file cut short or scribbled over fails here, not in the middle of a list.
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        return f"malformed ({check})"
    return None


def _create(connection: sqlite3.Connection, fingerprint: str) -> None:
    with transaction(connection):
        for statement in _TABLES.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
        connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """All the changes in the block, or (on any error, or a crash) none of them."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
