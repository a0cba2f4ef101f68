"""The site layer's error classes: each carries a one-line message fit to show a writer as it is."""

from __future__ import annotations


class SiteFileError(Exception):
    """Base of every error the site layer raises; `message` is one human line, no traceback needed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
