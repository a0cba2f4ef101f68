"""The site's own word list for spell checking: article-editor-words.txt at the site root, one word a line,
plain text, committed with the site like its articles."""

from __future__ import annotations

from pathlib import Path

from editor.site.errors import AlreadyExistsError, ChangedOnDiskError, MissingFileError
from editor.site.files import FileStamp, create_file, read_file, save_file

SITE_WORDS_FILE = "article-editor-words.txt"
_MAX_BYTES = 4 * 1024 * 1024


def site_words_path(root: Path) -> Path:
    """Where the word list of the site at `root` lives."""
    return root / SITE_WORDS_FILE


def read_site_words(root: Path) -> frozenset[str]:
    """The words listed for the site at `root` (none when it has no list); blank lines and lines starting
    with # are not words."""
    try:
        data, _ = read_file(site_words_path(root), max_bytes=_MAX_BYTES)
    except MissingFileError:
        return frozenset()
    return frozenset(_words(data.decode("utf-8", errors="replace")))


def _words(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def add_site_word(root: Path, word: str) -> frozenset[str]:
    """Add `word` to the site's list (created when missing) and return the list; other lines stay as
    written. Another program's write between our read and our save is read again, never overwritten."""
    word = word.strip()
    if not word or any(char.isspace() for char in word):
        raise ValueError(f"not a single word: {word!r}")
    path = site_words_path(root)
    for _attempt in range(3):
        try:
            data, stamp = read_file(path, max_bytes=_MAX_BYTES)
        except MissingFileError:
            data, stamp = b"", None
        text = data.decode("utf-8", errors="replace")
        words = _words(text)
        if word in words:
            return frozenset(words)
        separator = "" if not text or text.endswith(("\n", "\r")) else "\n"
        new = (text + separator + word + "\n").encode("utf-8")
        try:
            _write(path, new, stamp)
        except (ChangedOnDiskError, AlreadyExistsError):
            continue
        return frozenset([*words, word])
    raise ChangedOnDiskError(f"{path} kept changing while the word was added; try again")


def _write(path: Path, data: bytes, stamp: FileStamp | None) -> None:
    if stamp is None:
        create_file(path, data)
    else:
        # A word list needs no backups of its own: it is a plain file in the site's repository.
        save_file(path, data, expected=stamp, keep_backup=False)
