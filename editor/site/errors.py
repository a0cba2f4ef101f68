"""The site layer's error classes: each carries a one-line message fit to show a writer as it is."""

from __future__ import annotations

from typing import Self


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
