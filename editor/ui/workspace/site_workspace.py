"""The open site: its index kept current (from its folders' changes, the editor's saves and the window
coming back to the front), and what the sidebar and the site problems view are shown from."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from editor.article.validation import Problem
from editor.site.config import SiteConfig
from editor.site.site_index import IndexedArticle, SiteIndex, open_index
from editor.site.site_problems import site_problems

# A burst of changes (a git checkout, a rename across articles) becomes one refresh.
REFRESH_DELAY_MS = 300
# Fewer articles than this are read in well under a second: no dialog flashes up.
PROGRESS_FROM = 400


class SiteWorkspace(QObject):
    """One site's index for the window. `articles_changed` carries the new article list after each
    refresh; `refresh_failed` a one-line reason (the index itself is rebuilt when in doubt)."""

    articles_changed = Signal(list)
    refresh_failed = Signal(str)

    def __init__(self, site: SiteConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.site = site
        self.index: SiteIndex = open_index(site)
        self._soon = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._soon.timeout.connect(lambda: self.refresh())
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _folder: self._soon.start())
        self._articles: list[IndexedArticle] = []

    @property
    def articles(self) -> list[IndexedArticle]:
        """The articles as last indexed."""
        return list(self._articles)

    def close(self) -> None:
        """Stop watching and close the index."""
        self._soon.stop()
        self.index.close()

    def refresh(self, progress_parent: QWidget | None = None) -> None:
        """Bring the index up to date; with `progress_parent`, a progress dialog shows while many
        articles are read (the first time a site is opened)."""
        dialog: list[QProgressDialog] = []

        def progress(done: int, total: int) -> None:
            if progress_parent is None or total < PROGRESS_FROM:
                return
            if not dialog:
                box = QProgressDialog(self.tr("Indexing the site's articles…"), "", 0, total, progress_parent)
                box.setCancelButton(None)  # type: ignore[arg-type]
                box.setMinimumDuration(0)
                box.setWindowTitle(self.tr("Opening {0}").format(self.site.root.name))
                dialog.append(box)
            dialog[0].setValue(done)
            QCoreApplication.processEvents()

        try:
            self.index.refresh(progress)
        except Exception as error:
            self.refresh_failed.emit(str(error))
            return
        finally:
            for box in dialog:
                box.close()
                box.deleteLater()
        self._watch_folders()
        self._articles = self.index.articles()
        self.articles_changed.emit(self._articles)

    def update(self, paths: list[Path]) -> None:
        """These files changed (the editor saved them): re-read them at once, and then refresh the list."""
        try:
            self.index.update(paths)
        except Exception as error:
            self.refresh_failed.emit(str(error))
            return
        self._articles = self.index.articles()
        self.articles_changed.emit(self._articles)

    def site_problems(self) -> list[tuple[str, Problem]]:
        """Every article's problems and the site's own, by path."""
        slugs = {article.relative: article.slug for article in self._articles}
        found = self.index.problems() + site_problems(self.site, slugs, self.index.references())
        return sorted(found, key=lambda item: (item[0], item[1].line, item[1].column))

    def _watch_folders(self) -> None:
        # Folders only: a watch per file would run into the system's limit on a large site; changes to a
        # file in place are found when the window comes back to the front (MainWindow.changeEvent).
        folders = set()
        for folder in self.site.content_dirs:
            for current, subfolders, _files in os.walk(folder):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                folders.add(current)
        if self.site.image_dir.is_dir():
            folders.add(str(self.site.image_dir))
        missing = sorted(folders - set(self._watcher.directories()))
        if missing:
            self._watcher.addPaths(missing)
