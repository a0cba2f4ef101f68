"""Keeps a site's git status current: read again when git's index or HEAD changes, and after each save."""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from editor.site.config import SiteConfig
from editor.site.git_status import GitError, Repository, RepositoryStatus, find_repository
from editor.ui.core_texts import error_message

# git writes the index as index.lock and renames it; a burst of such events becomes one read.
REFRESH_DELAY_MS = 250


class GitStatusWatcher(QObject):
    """The git status of one site's folder; `status_changed` carries a RepositoryStatus, or None when the
    site is in no repository (or git is missing: `problem` then says why)."""

    status_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site: SiteConfig | None = None
        self.repository: Repository | None = None
        self.status: RepositoryStatus | None = None
        self.problem = ""
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

    def set_site(self, site: SiteConfig | None) -> None:
        """Follow `site` (None: none); reads its status at once (a file may be new since the last read)."""
        if site is not None and self.site is not None and site.root == self.site.root:
            self.refresh()
            return
        self.site = site
        self.repository = None
        self.problem = ""
        if site is not None:
            try:
                self.repository = find_repository(site.root)
            except GitError as error:
                self.problem = error_message(error)
        self._watch()
        self.refresh()

    def refresh(self) -> None:
        """Read the status again now and announce it."""
        self._timer.stop()
        status: RepositoryStatus | None = None
        if self.repository is not None and self.site is not None:
            try:
                status = self.repository.status(self.site.root)
            except GitError as error:
                self.problem = error_message(error)
        self.status = status
        # The index is replaced, not rewritten: a watched file that was renamed over must be watched anew.
        self._watch()
        self.status_changed.emit(status)

    def _schedule(self, _path: str = "") -> None:
        self._timer.start()

    def _watch(self) -> None:
        wanted: list[str] = []
        if self.repository is not None:
            git_dir = self.repository.git_dir
            # The folder catches index.lock renamed to index; the files catch writes in place.
            files = [git_dir / name for name in ("index", "HEAD")]
            wanted = [str(git_dir), *(str(path) for path in files if path.exists())]
        current = self._watcher.files() + self._watcher.directories()
        if set(current) == set(wanted):
            return
        if current:
            self._watcher.removePaths(current)
        if wanted:
            self._watcher.addPaths(wanted)
