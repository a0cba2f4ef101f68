"""Noticing when another program changes, replaces, moves or deletes the open article's file."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from editor.site.errors import MissingFileError, SiteFileError
from editor.site.files import FileStamp, read_file

__all__ = ["CHECK_DELAY_MS", "MISSING_POLL_MS", "ArticleFileWatcher", "DiskState"]

# Editors and git write in bursts (truncate, write, rename, chmod); one check after the burst settles.
CHECK_DELAY_MS = 150
# A deleted folder takes its watch with it, so while the file is missing we also look now and then.
MISSING_POLL_MS = 1000


class DiskState(enum.Enum):
    """How the file on disk relates to the bytes the session last read or saved."""

    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


class ArticleFileWatcher(QObject):
    """Watches one file and its folder; says when the bytes on disk stop or start matching the session's.

    The watch is on the folders as well as the file because git, vim and our own saves replace a file by
    renaming another over it: the file's own watch then ends with the old inode, and the folder's event is
    what tells us to watch the new one. Whether anything changed is decided by the bytes (their SHA-256
    against the stamp's), never by the event, so our own saves, a `touch` or a rewrite of the
    same bytes say nothing.
    """

    changed_on_disk = Signal()  # other bytes than the stamp's are on disk (once per distinct version)
    deleted = Signal()  # the file is gone (deleted, moved away, its folder removed, a folder in its place)
    back_in_sync = Signal()  # after a change or deletion, the disk holds the stamp's bytes again
    check_failed = Signal(str)  # the file could not be read to compare; one line for the writer
    checked = Signal()  # a comparison finished, whatever it found

    def __init__(self, stamp_of: Callable[[], FileStamp | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stamp_of = stamp_of
        self._path: Path | None = None
        self._state = DiskState.SAME
        self._reported_sha: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule_check)
        self._watcher.directoryChanged.connect(self._schedule_check)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._missing_timer = QTimer(self, interval=MISSING_POLL_MS)
        self._missing_timer.timeout.connect(self.check_now)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            # Coming back to the window is when a writer expects it to know (a watch can miss a far rename).
            application.applicationStateChanged.connect(self._on_application_state)

    @property
    def state(self) -> DiskState:
        """What the last check found."""
        return self._state

    @property
    def path(self) -> Path | None:
        """The file watched, or None."""
        return self._path

    def watch(self, path: Path | None) -> None:
        """Watch `path` from now on (None: nothing); the session's bytes are taken to be what is on disk."""
        self._check_timer.stop()
        self._missing_timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = path
        self._state = DiskState.SAME
        self._reported_sha = None
        if path is not None:
            self._add_watches()

    def check_now(self) -> None:
        """Compare the disk with the session's stamp now and report a change of state."""
        try:
            self._compare()
        finally:
            self.checked.emit()

    def _compare(self) -> None:
        path = self._path
        stamp = self._stamp_of()
        if path is None or stamp is None:
            return
        self._add_watches()
        try:
            # One read gives both answers: whether the bytes differ, and which version is there now.
            disk_sha: str | None = read_file(path)[1].sha256
        except MissingFileError:
            disk_sha = None
        except SiteFileError as error:
            if path.exists() and not path.is_file():
                # A folder (or a device) where the article was: the file is gone as surely as if deleted.
                disk_sha = None
            else:
                self.check_failed.emit(error.message)
                return
        changed = disk_sha != stamp.sha256
        if not changed:
            self._in_sync()
        elif disk_sha is None:
            self._missing_timer.start()
            if self._state is not DiskState.MISSING:
                self._state = DiskState.MISSING
                self._reported_sha = None
                self.deleted.emit()
        else:
            self._missing_timer.stop()
            # A second, different version after "Keep mine" is news; the same version again is not.
            if self._state is not DiskState.CHANGED or disk_sha != self._reported_sha:
                self._state = DiskState.CHANGED
                self._reported_sha = disk_sha
                self.changed_on_disk.emit()

    def note_saved(self) -> None:
        """Our own save has just put the stamp's bytes on disk: in sync, without reading them back."""
        if self._path is None:
            return
        self._add_watches()  # the save replaced the file, which ended the file's own watch
        self._in_sync()

    def _in_sync(self) -> None:
        self._missing_timer.stop()
        self._reported_sha = None
        if self._state is not DiskState.SAME:
            self._state = DiskState.SAME
            self.back_in_sync.emit()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self._path is not None:
            self._schedule_check()

    def _schedule_check(self, _changed: str = "") -> None:
        self._check_timer.start()

    def _add_watches(self) -> None:
        """Watch the file and its folder, again if a replace or a deletion ended a watch."""
        if self._path is None:
            return
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        # The folder's folder too: renaming the article's folder away tells only its parent.
        for candidate in (self._path.parent.parent, self._path.parent, self._path):
            if str(candidate) not in watched and candidate.exists():
                self._watcher.addPath(str(candidate))
