"""Unsaved buffers kept in the user's data folder, so a crash loses at most the last seconds of typing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from editor.site.errors import SiteFileError
from editor.site.file_locks import FileLock, lock_file
from editor.site.files import (
    create_private_folder,
    ensure_folder,
    read_file,
    remove_folder,
    user_data_folder,
    write_private_file,
)

__all__ = [
    "AbandonedEntry",
    "BufferInfo",
    "RecoveredBuffer",
    "RecoveryEntry",
    "RecoveryStore",
    "recovery_folder",
]

_BUFFER_FILE = "buffer"
_LOCK_FILE = "owner.lock"
_FORMAT = 1
# The largest buffer kept: articles stop at 16 MB (MAX_ARTICLE_BYTES); a UTF-8 header adds little.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024
# An entry folder without a buffer is one whose owner died before its first autosave, or one being set
# up right now by a live process that has not yet taken its lock; age tells the two apart.
_STALE_EMPTY_SECONDS = 60.0


def recovery_folder() -> Path:
    """Where unsaved buffers are kept: beside the backups, in the user's data folder."""
    return user_data_folder() / "recovery"


@dataclass(frozen=True)
class BufferInfo:
    """Which buffer the text belongs to: its article (None when never saved), site, and base on disk."""

    article: Path | None
    site_root: Path | None
    # SHA-256 of the file's bytes when the buffer was read from it (None for a never-saved article), so
    # recovery can tell whether the file changed since, not only how the buffer differs from it.
    base_sha256: str | None


@dataclass(frozen=True)
class RecoveredBuffer:
    """A buffer as its last autosave left it: the exact bytes and what they belonged to."""

    info: BufferInfo
    data: bytes
    saved_at: dt.datetime
    owner_pid: int

    def text(self) -> str:
        """The buffer's text (written as UTF-8 by the editor; lone surrogates survive the round trip)."""
        return self.data.decode("utf-8", "surrogatepass")


class RecoveryEntry:
    """One buffer's place in the store, locked by this process for as long as it holds the entry."""

    def __init__(self, folder: Path, lock: FileLock) -> None:
        self.folder = folder
        self._lock: FileLock | None = lock

    @property
    def is_held(self) -> bool:
        """Whether this process still holds the entry (neither discarded nor released)."""
        return self._lock is not None

    def write(self, data: bytes, info: BufferInfo) -> None:
        """Keep `data` as the buffer's text; atomic, so a write cut short leaves the previous one whole."""
        if self._lock is None:
            raise ValueError(f"{self.folder} is no longer held")
        header = {
            "format": _FORMAT,
            "article": _path_text(info.article),
            "site_root": _path_text(info.site_root),
            "base_sha256": info.base_sha256,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            "owner_pid": os.getpid(),
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        # ensure_ascii keeps undecodable path bytes (surrogate escapes) writable and readable back.
        line = json.dumps(header, ensure_ascii=True).encode("ascii")
        write_private_file(self.folder / _BUFFER_FILE, line + b"\n" + data)

    def read(self) -> RecoveredBuffer | None:
        """The buffer last written, or None when there is none or it does not check out."""
        try:
            raw, _ = read_file(self.folder / _BUFFER_FILE, max_bytes=_MAX_ENTRY_BYTES)
        except SiteFileError:
            return None
        return _parse(raw)

    def discard(self) -> None:
        """Remove the entry's files, then give up the lock: the buffer was saved or thrown away."""
        if self._lock is None:
            return
        # The buffer goes first, so that nothing half removed can ever be offered again: another editor that
        # claims the folder in between finds no buffer to offer.
        remove_folder(self.folder, first=_BUFFER_FILE)
        self.release()

    def release(self) -> None:
        """Give up the entry but keep its files, to be offered again at the next start."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None


@dataclass(frozen=True)
class AbandonedEntry:
    """An entry whose owner died with unsaved edits, now held by this process to restore or discard."""

    entry: RecoveryEntry
    buffer: RecoveredBuffer


class RecoveryStore:
    """The folder of recovery entries: one per open buffer of every running editor."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else recovery_folder()

    def create_entry(self) -> RecoveryEntry:
        """A new entry for a buffer of this process, locked at once so no other instance offers it."""
        ensure_folder(self.folder)
        for _ in range(100):
            folder = self.folder / f"{os.getpid()}-{secrets.token_hex(6)}"
            if not create_private_folder(folder):
                continue
            lock = lock_file(folder / _LOCK_FILE)
            if lock is not None:
                return RecoveryEntry(folder, lock)
        raise SiteFileError(f"Could not create a recovery entry in {self.folder}")

    def claim_abandoned(self) -> list[AbandonedEntry]:
        """The entries of editors that died with unsaved edits, oldest first, now locked by this process.

        Entries whose owner still runs are skipped (its lock cannot be taken); leftovers of owners that
        died before their first autosave are removed.
        """
        claimed: list[AbandonedEntry] = []
        for folder in self._entry_folders():
            try:
                lock = lock_file(folder / _LOCK_FILE)
            except SiteFileError:
                continue
            if lock is None:
                continue  # a live editor's buffer
            entry = RecoveryEntry(folder, lock)
            buffer = entry.read()
            if buffer is not None:
                claimed.append(AbandonedEntry(entry, buffer))
            elif not (folder / _BUFFER_FILE).exists() and _age(folder) > _STALE_EMPTY_SECONDS:
                entry.discard()
            else:
                # Unreadable or damaged by something else than us: left alone for a person to look at.
                entry.release()
        claimed.sort(key=lambda abandoned: abandoned.buffer.saved_at)
        return claimed

    def entry_count(self) -> int:
        """How many entries the store holds, live or abandoned."""
        return len(self._entry_folders())

    def _entry_folders(self) -> list[Path]:
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return []
        return [
            self.folder / name for name in names if not name.startswith(".") and (self.folder / name).is_dir()
        ]


def _parse(raw: bytes) -> RecoveredBuffer | None:
    line, newline, data = raw.partition(b"\n")
    if not newline:
        return None
    try:
        header = json.loads(line)
        if header.get("format") != _FORMAT:
            return None
        if header["size"] != len(data) or header["sha256"] != hashlib.sha256(data).hexdigest():
            return None
        info = BufferInfo(
            _path_or_none(header["article"]), _path_or_none(header["site_root"]), header["base_sha256"]
        )
        return RecoveredBuffer(
            info, data, dt.datetime.fromisoformat(header["saved_at"]), int(header["owner_pid"])
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _path_text(path: Path | None) -> str | None:
    return None if path is None else os.path.abspath(path)


def _path_or_none(text: object) -> Path | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(text)
    return Path(text)


def _age(folder: Path) -> float:
    try:
        return time.time() - folder.stat().st_mtime
    except OSError:
        return 0.0
