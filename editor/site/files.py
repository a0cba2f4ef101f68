"""The one module that writes files: atomic saves that notice changes on disk, exclusive creation, backups."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import platformdirs

from editor.article.translatable import translatable
from editor.site.errors import (
    AlreadyExistsError,
    BackupError,
    ChangedOnDiskError,
    DiskFullError,
    FileAccessError,
    FileTooLargeError,
    MissingFileError,
    ReadOnlyFileError,
    SiteFileError,
    megabytes,
    os_error,
    require_regular,
    too_large,
)
from editor.site.file_locks import save_lock

__all__ = [
    "BACKUPS_KEPT",
    "DEFAULT_MAX_BYTES",
    "AlreadyExistsError",
    "Backup",
    "BackupError",
    "ChangedOnDiskError",
    "DiskFullError",
    "FileAccessError",
    "FileStamp",
    "FileTooLargeError",
    "MissingFileError",
    "ReadOnlyFileError",
    "SiteFileError",
    "backup_folder",
    "create_file",
    "create_private_folder",
    "discard_file",
    "ensure_folder",
    "has_changed",
    "list_backups",
    "read_file",
    "remove_folder",
    "rename_file",
    "restore_backup",
    "save_file",
    "send_to_trash",
    "user_cache_folder",
    "user_data_folder",
    "write_private_file",
]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
BACKUPS_KEPT = 20
APP_NAME = "article-editor"

_CHUNK = 1024 * 1024
_BACKUP_SUFFIX = ".bak"
_BACKUP_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_ORIGIN_FILE = "origin.txt"
_BACKUP_TEMP_NAME = "backup"
# O_BINARY only exists (and matters) on Windows; O_NONBLOCK keeps a FIFO from hanging the read forever.
_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)
_CREATE_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)
_NEW_FILE_MODE = 0o644
_PRIVATE_MODE = 0o600
_PRIVATE_FOLDER_MODE = 0o700
# A temp name adds about 14 characters; most file systems stop at 255.
_MAX_TEMP_STEM = 200
_TEMP_SUFFIX = ".tmp"
_TEMP_TOKEN_BYTES = 4
# A temp file this old belongs to a save that died (the slowest save of a 16 MB file takes seconds).
STALE_TEMP_SECONDS = 10 * 60
# os.link fails with these where the file system has no hard links (FAT, exFAT, some network shares).
_NO_LINK_ERRNOS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV}


@dataclass(frozen=True)
class FileStamp:
    """A file's bytes as read or written: size, modification time and SHA-256 (hex)."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Backup:
    """One kept previous version of a file."""

    path: Path
    created: dt.datetime
    size: int


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, FileStamp]:
    """The bytes of `path` and their stamp; refuses files over `max_bytes` before reading them."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as err:
        raise os_error(err, path, writing=False) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            require_regular(info, path)
            if info.st_size > max_bytes:
                raise FileTooLargeError(too_large(path, info.st_size, max_bytes))
            # One byte more than allowed tells a file that grew while we read it.
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise os_error(err, path, writing=False) from None
    if len(data) > max_bytes:
        raise FileTooLargeError(too_large(path, len(data), max_bytes))
    return data, FileStamp(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def has_changed(path: Path, stamp: FileStamp) -> bool:
    """Whether `path` now holds other bytes than `stamp` describes; a missing file has changed."""
    try:
        with os.fdopen(os.open(path, _READ_FLAGS), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size != stamp.size:
                return True
            # Equal size and mtime can still hide an edit (coarse clocks, tools that restore mtime): hash.
            return _hash_stream(handle) != stamp.sha256
    except FileNotFoundError:
        return True
    except OSError as err:
        raise os_error(err, path, writing=False) from None


def save_file(
    path: Path,
    data: bytes,
    *,
    expected: FileStamp | None,
    force: bool = False,
    keep_backup: bool = True,
    max_bytes: int | None = None,
) -> FileStamp:
    """Replace `path` with `data` atomically and return the new stamp.

    `expected` is the stamp from when the caller read the file, or None for a file the caller believes new.
    Without `force` this refuses (ChangedOnDiskError) when the bytes on disk are not the expected ones or
    the file vanished, (AlreadyExistsError) when a "new" file exists, and (ReadOnlyFileError) when the file
    is marked read-only. The check and the replace happen under the folder's save lock, so a save by another
    process cannot slip in between. The previous bytes are kept as a backup first unless `keep_backup` is
    False; a failed backup raises BackupError before anything is replaced. A symlink is followed, so it
    survives; a file with hard links is rewritten in place after its backup, so the links stay joined.
    `max_bytes` refuses (FileTooLargeError) data that could not be opened again.
    """
    if max_bytes is not None and len(data) > max_bytes:
        size, limit = megabytes(len(data)), megabytes(max_bytes)
        unit = "MB"
        if size == limit:
            # Just over the limit: in MB the two would read the same.
            size, limit, unit = f"{len(data):,}", f"{max_bytes:,}", "bytes"
        raise FileTooLargeError.of(
            translatable(
                "SiteFileError",
                "Not saved: {path} would be {size} {unit}, and files over {limit} {unit} cannot be opened",
            ),
            path=path,
            size=size,
            limit=limit,
            unit=unit,
        )
    target = _follow_link(path)
    with save_lock(target, path):
        return _save_locked(path, target, data, expected=expected, force=force, keep_backup=keep_backup)


def _save_locked(
    path: Path, target: Path, data: bytes, *, expected: FileStamp | None, force: bool, keep_backup: bool
) -> FileStamp:
    current = _stat_or_none(target, path)
    if current is None:
        if expected is not None and not force:
            raise ChangedOnDiskError.of(
                translatable(
                    "SiteFileError", "{path} was deleted or moved by another program since it was opened"
                ),
                path=path,
            )
        tmp, stamp = _write_temp(target, data, _NEW_FILE_MODE, exact_mode=False, owner=None)
        _move_into_place(tmp, target, path)
        _remove_stale_temps(target)
        return stamp

    require_regular(current, path)
    if _on_read_only_disk(target):
        # Before the file's own mode: a read-only mount makes every file look read-only, and "save anyway"
        # could not help.
        raise FileAccessError.of(
            translatable("SiteFileError", "The disk is read-only: could not write {path}"), path=path
        )
    if not force:
        if expected is None:
            raise AlreadyExistsError.of(translatable("SiteFileError", "Already exists: {path}"), path=path)
        if stat.S_IMODE(current.st_mode) & 0o222 == 0 or not os.access(target, os.W_OK):
            raise ReadOnlyFileError.of(translatable("SiteFileError", "Read-only file: {path}"), path=path)
    try:
        with open(target, "rb") as old:
            old_sha = _hash_stream(old)
            if (
                expected is not None
                and not force
                and (os.fstat(old.fileno()).st_size != expected.size or old_sha != expected.sha256)
            ):
                raise ChangedOnDiskError.of(
                    translatable(
                        "SiteFileError", "{path} was changed by another program since it was opened"
                    ),
                    path=path,
                )
            if keep_backup and old_sha != hashlib.sha256(data).hexdigest():
                old.seek(0)
                _keep_backup(target, old, old_sha, path)
    except OSError as err:
        raise os_error(err, path, writing=False) from None
    if current.st_nlink > 1:
        return _write_in_place(target, data, path)
    tmp, stamp = _write_temp(
        target,
        data,
        stat.S_IMODE(current.st_mode),
        exact_mode=True,
        owner=(current.st_uid, current.st_gid),
    )
    _move_into_place(tmp, target, path)
    _remove_stale_temps(target)
    return stamp


def _on_read_only_disk(target: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(target).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _write_in_place(target: Path, data: bytes, shown: Path) -> FileStamp:
    """Rewrite a hard-linked file's own bytes: a rename would give `target` a new inode and leave the other
    names holding the old text. Not atomic, so the caller has kept a backup first."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise os_error(err, shown, writing=True) from None
    try:
        # Grow the file first, so a full disk is found before a byte of the old text is overwritten.
        if len(data) > os.fstat(fd).st_size and hasattr(os, "posix_fallocate"):
            os.posix_fallocate(fd, 0, len(data))
        os.lseek(fd, 0, os.SEEK_SET)
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
        info = os.fstat(fd)
    except OSError as err:
        raise os_error(err, shown, writing=True) from None
    finally:
        os.close(fd)
    return FileStamp(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def create_file(path: Path, data: bytes) -> FileStamp:
    """Write a NEW file atomically; AlreadyExistsError when the name is taken, even by a racing writer."""
    tmp, stamp = _write_temp(path, data, _NEW_FILE_MODE, exact_mode=False, owner=None)
    try:
        try:
            # A hard link fails if the name exists, so the check and the creation are one step.
            os.link(tmp, path)
        except FileExistsError:
            raise AlreadyExistsError.of(
                translatable("SiteFileError", "Already exists: {path}"), path=path
            ) from None
        except OSError as err:
            if err.errno not in _NO_LINK_ERRNOS:
                raise os_error(err, path, writing=True) from None
            _claim_then_replace(tmp, path)
    finally:
        _remove_quietly(tmp)
    _sync_folder(path.parent)
    return stamp


def ensure_folder(path: Path) -> None:
    """Create folder `path` and its parents when missing."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileAccessError(f"Not a folder: {path}") from None
    except OSError as err:
        raise os_error(err, path, writing=True) from None


def create_private_folder(path: Path) -> bool:
    """Create folder `path` in an existing folder, usable by the owner only (0700); False when the name is
    already taken, so a caller choosing a fresh name can try another."""
    try:
        path.mkdir(mode=_PRIVATE_FOLDER_MODE)
    except FileExistsError:
        return False
    except OSError as err:
        raise os_error(err, path, writing=True) from None
    return True


def user_data_folder() -> Path:
    """The folder of the editor's own data (backups, recovery), as the platform places it for this user."""
    return platformdirs.user_data_path(APP_NAME)


def user_cache_folder() -> Path:
    """The folder of the editor's rebuildable caches (the site index), as the platform places it."""
    return platformdirs.user_cache_path(APP_NAME)


def rename_file(source: Path, target: Path, *, expected: FileStamp | None) -> None:
    """Give `source` the name `target` (same folder or not), never over an existing file.

    Under the source folder's save lock, so a save of `source` by another process cannot land between the
    check that the file is as the caller read it (`expected`) and the move. A hard link then the removal of
    the old name make "the name is free" and "take it" one step, as create_file does.
    """
    with save_lock(source, source):
        current = _stat_or_none(source, source)
        if current is None:
            raise MissingFileError.of(translatable("SiteFileError", "File not found: {path}"), path=source)
        if expected is not None and (current.st_size, current.st_mtime_ns) != (
            expected.size,
            expected.mtime_ns,
        ):
            raise ChangedOnDiskError.of(
                translatable("SiteFileError", "{path} changed on disk since it was read"), path=source
            )
        try:
            os.link(source, target, follow_symlinks=False)
        except FileExistsError:
            raise AlreadyExistsError.of(
                translatable("SiteFileError", "Already exists: {path}"), path=target
            ) from None
        except OSError as err:
            if err.errno not in _NO_LINK_ERRNOS:
                raise os_error(err, target, writing=True) from None
            if os.path.lexists(target):
                raise AlreadyExistsError.of(
                    translatable("SiteFileError", "Already exists: {path}"), path=target
                ) from None
            try:
                os.rename(source, target)
            except OSError as rename_err:
                raise os_error(rename_err, target, writing=True) from None
        else:
            try:
                os.unlink(source)
            except OSError as err:
                _remove_quietly(target)
                raise os_error(err, source, writing=True) from None
    _sync_folder(target.parent)
    _sync_folder(source.parent)


def send_to_trash(path: Path) -> None:
    """Move `path` to the desktop's trash (freedesktop.org trash on Linux), where the user can restore it.

    send2trash knows each platform's trash (its info files, the trash of another mount); a plain unlink
    would lose the article for good.
    """
    from send2trash import send2trash
    from send2trash.exceptions import TrashPermissionError

    try:
        send2trash(os.fspath(path))
    except TrashPermissionError as err:
        raise FileAccessError.of(
            translatable("SiteFileError", "Cannot move {path} to the trash: {reason}"), path=path, reason=err
        ) from None
    except OSError as err:
        raise os_error(err, path, writing=True) from None


def discard_file(path: Path) -> None:
    """Remove a file of the editor's own that can be made again (a corrupt cache); quietly when gone."""
    _remove_quietly(path)


def backup_folder(path: Path) -> Path:
    """Where the backups of `path` live (one folder per file, named by a hash of its absolute path)."""
    key = hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:16]
    return user_data_folder() / "backups" / key


def list_backups(path: Path) -> list[Backup]:
    """The kept previous versions of `path`, newest first."""
    backups: list[Backup] = []
    folder = backup_folder(path)
    for name in _backup_names(folder):
        entry = folder / name
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        backups.append(Backup(entry, _backup_time(name), size))
    return backups


def restore_backup(path: Path, backup: Backup, *, expected: FileStamp | None) -> FileStamp:
    """Put `backup`'s bytes back into `path` through save_file, which backs up the current bytes first."""
    if backup.path.parent != backup_folder(path):
        raise ValueError(f"{backup.path} is not a backup of {path}")
    data, _ = read_file(backup.path, max_bytes=max(DEFAULT_MAX_BYTES, backup.size))
    return save_file(path, data, expected=expected)


def write_private_file(path: Path, data: bytes) -> FileStamp:
    """Replace `path` with `data` atomically, readable by the owner only (0600), with no backup.

    A write cut short (a crash, a full disk) leaves the previous content of `path` whole, never a partial
    or empty file: the bytes go to a synced temp file first, which then takes the name in one rename.
    """
    tmp, stamp = _write_temp(path, data, _PRIVATE_MODE, exact_mode=True, owner=None)
    _move_into_place(tmp, path, path)
    return stamp


def remove_folder(folder: Path, *, first: str | None = None) -> None:
    """Remove `folder`, its files and subfolders; quietly, since a folder already gone is the goal.

    `first` names a file removed before anything else, whatever order the file system lists them in.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    if first is not None and first in names:
        names.remove(first)
        names.insert(0, first)
    for name in names:
        entry = folder / name
        if entry.is_dir() and not entry.is_symlink():
            remove_folder(entry)
        else:
            _remove_quietly(entry)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


# --- writing ---------------------------------------------------------------------------------------------


def _write_temp(
    target: Path,
    source: bytes | BinaryIO,
    mode: int,
    *,
    exact_mode: bool,
    owner: tuple[int, int] | None,
) -> tuple[Path, FileStamp]:
    """A synced temp file beside `target` holding `source`; the caller moves it into place or removes it."""
    fd, tmp = _open_temp(target, mode)
    digest = hashlib.sha256()
    try:
        try:
            for chunk in _chunks(source):
                digest.update(chunk)
                _write_all(fd, chunk)
            if owner is not None and hasattr(os, "fchown") and owner != (os.geteuid(), os.getegid()):
                # Only root may give a file away; for anyone else the saved file simply becomes theirs.
                with contextlib.suppress(OSError):
                    os.fchown(fd, *owner)
            if exact_mode and hasattr(os, "fchmod"):
                # After fchown (which clears set-id bits) and past the umask, which trimmed the create mode.
                os.fchmod(fd, mode)
            os.fsync(fd)
            info = os.fstat(fd)
        finally:
            os.close(fd)
    except BaseException as err:
        _remove_quietly(tmp)
        if isinstance(err, OSError):
            raise os_error(err, target, writing=True) from None
        raise
    return tmp, FileStamp(info.st_size, info.st_mtime_ns, digest.hexdigest())


def _open_temp(target: Path, mode: int) -> tuple[int, Path]:
    for _ in range(100):
        tmp = target.parent / f"{_temp_prefix(target)}{secrets.token_hex(_TEMP_TOKEN_BYTES)}{_TEMP_SUFFIX}"
        try:
            return os.open(tmp, _CREATE_FLAGS, mode & 0o777), tmp
        except FileExistsError:
            continue
        except OSError as err:
            raise os_error(err, target, writing=True) from None
    raise FileAccessError(f"Could not create a temporary file beside {target}")


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:_MAX_TEMP_STEM]}."


def _remove_stale_temps(target: Path) -> None:
    """Remove the temp files a killed save of `target` left beside it (they never hold the only copy).

    A save cut short by a crash or SIGKILL leaves its temp file; the target itself is whole, old or new. Only
    temp files older than a save can take are removed, so another process saving the same file right now
    keeps its own.
    """
    ours = re.compile(
        re.escape(_temp_prefix(target)) + f"[0-9a-f]{{{2 * _TEMP_TOKEN_BYTES}}}" + re.escape(_TEMP_SUFFIX)
    )
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    stale_before = time.time() - STALE_TEMP_SECONDS
    for name in names:
        if not ours.fullmatch(name):
            continue
        with contextlib.suppress(OSError):
            info = os.lstat(target.parent / name)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < stale_before:
                os.unlink(target.parent / name)


def _chunks(source: bytes | BinaryIO) -> Iterator[bytes]:
    if isinstance(source, bytes):
        yield source
        return
    while chunk := source.read(_CHUNK):
        yield chunk


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _move_into_place(tmp: Path, target: Path, shown: Path) -> None:
    try:
        os.replace(tmp, target)
    except OSError as err:
        _remove_quietly(tmp)
        raise os_error(err, shown, writing=True) from None
    _sync_folder(target.parent)


def _claim_then_replace(tmp: Path, path: Path) -> None:
    """Exclusive creation without hard links: claim the name empty with O_EXCL, then swap the content in."""
    try:
        os.close(os.open(path, _CREATE_FLAGS, _NEW_FILE_MODE))
    except FileExistsError:
        raise AlreadyExistsError.of(
            translatable("SiteFileError", "Already exists: {path}"), path=path
        ) from None
    except OSError as err:
        raise os_error(err, path, writing=True) from None
    try:
        os.replace(tmp, path)
    except OSError as err:
        _remove_quietly(path)
        raise os_error(err, path, writing=True) from None


def _sync_folder(folder: Path) -> None:
    """Make a rename durable; best effort, since by now the new bytes are in place."""
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself.
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Some file systems (and FUSE mounts) refuse fsync on a folder; the save itself succeeded.
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --- backups ---------------------------------------------------------------------------------------------


def _keep_backup(target: Path, old: BinaryIO, old_sha: str, shown: Path) -> None:
    folder = backup_folder(target)
    try:
        folder.mkdir(mode=_PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
        names = _backup_names(folder)
        # A run of saves without edits in between would otherwise push older, different versions out.
        if not names or _hash_file(folder / names[0]) != old_sha:
            _write_backup(folder, old, names[0] if names else None)
            _write_origin(folder, target)
        _prune(folder)
        _remove_stale_temps(folder / _BACKUP_TEMP_NAME)
        _remove_stale_temps(folder / _ORIGIN_FILE)
    except SiteFileError as err:
        raise BackupError(f"Could not keep a backup of {shown}: {err.message}") from None
    except OSError as err:
        raise BackupError(
            f"Could not keep a backup of {shown}: {os_error(err, folder, True).message}"
        ) from None


def _write_backup(folder: Path, old: BinaryIO, newest: str | None) -> None:
    created = dt.datetime.now(dt.UTC)
    if newest is not None:
        # Names must sort in save order even if the clock stepped back or two saves share a microsecond.
        created = max(created, _backup_time(newest) + dt.timedelta(microseconds=1))
    tmp, _ = _write_temp(folder / _BACKUP_TEMP_NAME, old, _PRIVATE_MODE, exact_mode=True, owner=None)
    try:
        for _ in range(1000):
            name = folder / (created.strftime(_BACKUP_TIME_FORMAT) + _BACKUP_SUFFIX)
            try:
                os.link(tmp, name)
                return
            except FileExistsError:
                created += dt.timedelta(microseconds=1)
            except OSError as err:
                if err.errno not in _NO_LINK_ERRNOS:
                    raise
                os.replace(tmp, name)
                return
    finally:
        _remove_quietly(tmp)


def _write_origin(folder: Path, target: Path) -> None:
    origin = folder / _ORIGIN_FILE
    text = (os.path.realpath(target) + "\n").encode("utf-8", "surrogateescape")
    try:
        if origin.read_bytes() == text:
            return
    except OSError:
        pass
    tmp, _ = _write_temp(origin, text, _PRIVATE_MODE, exact_mode=True, owner=None)
    _move_into_place(tmp, origin, origin)


def _prune(folder: Path) -> None:
    for name in _backup_names(folder)[BACKUPS_KEPT:]:
        _remove_quietly(folder / name)


def _backup_names(folder: Path) -> list[str]:
    """Backup file names in `folder`, newest first; anything not named by us is left alone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    kept = []
    for name in names:
        if not name.endswith(_BACKUP_SUFFIX):
            continue
        try:
            _backup_time(name)
        except ValueError:
            continue
        kept.append(name)
    return sorted(kept, reverse=True)


def _backup_time(name: str) -> dt.datetime:
    stem = name.removesuffix(_BACKUP_SUFFIX)
    return dt.datetime.strptime(stem, _BACKUP_TIME_FORMAT).replace(tzinfo=dt.UTC)


# --- helpers ---------------------------------------------------------------------------------------------


def _hash_stream(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _hash_file(path: Path) -> str:
    with open(path, "rb") as handle:
        return _hash_stream(handle)


def _follow_link(path: Path) -> Path:
    """The file a symlink points to, so that saving rewrites the file and keeps the link."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _stat_or_none(target: Path, shown: Path) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise os_error(err, shown, writing=True) from None
