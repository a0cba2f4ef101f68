"""The site layer's error classes, each with a one-line message fit to show a writer as it is, and the
mapping of the operating system's errors onto them."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Self

from editor.article.translatable import translatable


class SiteFileError(Exception):
    """Base of every error the site layer raises; `message` is one human line, no traceback needed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        # The message before its values were filled in, and those values, for a UI to show the message in
        # its user's language; empty for a message made otherwise (the operating system's words).
        self.template = ""
        self.values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, template: str, **values: object) -> Self:
        """The error whose message is `template` (marked translatable) filled in with `values`; a value may
        be another SiteFileError, the cause, whose message is put in."""
        error = cls(template.format(**{key: _shown(value) for key, value in values.items()}))
        error.template = template
        error.values = tuple(values.items())
        return error


def _shown(value: object) -> str:
    return value.message if isinstance(value, SiteFileError) else str(value)


class FileAccessError(SiteFileError):
    """The operating system refused to read or write a file (permissions, missing folder, ...)."""


class MissingFileError(FileAccessError):
    """The file to read is not there (any more)."""


class ReadOnlyFileError(FileAccessError):
    """The file to replace is marked read-only; saving would silently lift that, so it needs `force`."""


class FileTooLargeError(SiteFileError):
    """The file is bigger than the caller is willing to hold in memory."""


class DiskFullError(SiteFileError):
    """The disk (or the user's quota) has no room left for the write."""


class ChangedOnDiskError(SiteFileError):
    """The file on disk is no longer the one the caller read, so saving would lose someone's changes."""


class AlreadyExistsError(SiteFileError):
    """A new file was to be created but the name is taken."""


class BackupError(SiteFileError):
    """The backup of the previous version could not be written; the original is untouched."""


class ImageImportError(SiteFileError):
    """The file or bytes offered as an image cannot be imported."""


class SiteConfigError(SiteFileError):
    """article-editor.toml is malformed or names something that cannot be used."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        # 1-based line in the config file, when known, so an editor can jump to it.
        self.line = line


def require_regular(info: os.stat_result, shown: Path) -> None:
    """Refuse a folder or a device where a file is meant."""
    if stat.S_ISDIR(info.st_mode):
        raise FileAccessError.of(translatable("SiteFileError", "Is a folder, not a file: {path}"), path=shown)
    if not stat.S_ISREG(info.st_mode):
        raise FileAccessError.of(translatable("SiteFileError", "Not a regular file: {path}"), path=shown)


def too_large(path: Path, size: int, limit: int) -> str:
    """The message for a file over `limit` bytes."""
    return f"Too large to open: {path} is {megabytes(size)} MB; the limit is {megabytes(limit)} MB"


def megabytes(size: int) -> str:
    """A size in MB as the messages show it: `16`, `16.5`."""
    return f"{size / 2**20:.1f}".removesuffix(".0")


def os_error(err: OSError, path: Path, writing: bool) -> SiteFileError:
    """A one-line message for `err`, naming the file the user knows (not our temp file)."""
    code = err.errno
    if code == errno.ENOSPC:
        return DiskFullError.of(
            translatable("SiteFileError", "The disk is full: could not write {path}"), path=path
        )
    if code == getattr(errno, "EDQUOT", None):
        return DiskFullError.of(
            translatable("SiteFileError", "Your disk quota is used up: could not write {path}"), path=path
        )
    if code in (errno.EACCES, errno.EPERM):
        return FileAccessError.of(translatable("SiteFileError", "Permission denied: {path}"), path=path)
    if code == errno.ENOENT:
        if writing:
            return FileAccessError.of(
                translatable("SiteFileError", "Folder not found: {path}"), path=path.parent
            )
        return MissingFileError.of(translatable("SiteFileError", "File not found: {path}"), path=path)
    if code == errno.EISDIR:
        return FileAccessError.of(translatable("SiteFileError", "Is a folder, not a file: {path}"), path=path)
    if code == errno.ENOTDIR:
        return FileAccessError.of(
            translatable("SiteFileError", "Not a folder: part of {path} is a file"), path=path
        )
    if code == errno.EROFS:
        return FileAccessError.of(
            translatable("SiteFileError", "The disk is read-only: could not write {path}"), path=path
        )
    if code == errno.ENAMETOOLONG:
        return FileAccessError.of(translatable("SiteFileError", "The name is too long: {path}"), path=path)
    if code == errno.ELOOP:
        return FileAccessError.of(translatable("SiteFileError", "Too many symbolic links: {path}"), path=path)
    reason = err.strerror or type(err).__name__
    return FileAccessError(f"{reason}: {path}")
