"""What the main window needs of the review: the open article's git status in the status bar, kept current,
and the Review Changes window for its site."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from editor.site.git_status import RepositoryStatus
from editor.site.review import article_changes
from editor.ui.article.article_session import ArticleSession
from editor.ui.review.git_status_watcher import GitStatusWatcher
from editor.ui.review.status_words import change_label

__all__ = ["ReviewLauncher"]


class ReviewLauncher(QObject):
    """Follows `session`: its site's git status, re-read on save and when git's index or HEAD changes."""

    def __init__(self, session: ArticleSession, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.watcher = GitStatusWatcher(self)
        self.label = QLabel(window)
        self.label.setObjectName("gitStatusLabel")
        self.dialog: QDialog | None = None
        self._connect(session)
        self.watcher.status_changed.connect(self._show_status)

    def follow(self, session: ArticleSession) -> None:
        """Follow another article's session (the window's current tab changed)."""
        if session is self.session:
            return
        for signal, slot in self._connections:
            # A closed tab's session may be gone already, and its signals with it.
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.session = session
        self._connect(session)
        self._follow_article()

    def _connect(self, session: ArticleSession) -> None:
        self._connections = [
            (session.loaded, self._follow_article),
            (session.path_changed, self._on_path_changed),
            (session.saved, self._on_saved),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def _on_path_changed(self, _path: object) -> None:
        self._follow_article()

    def _on_saved(self, _path: object) -> None:
        self.watcher.refresh()

    def open_review(self) -> None:
        """Show the review of the open article's site, on that article."""
        site = self.session.site
        self.watcher.set_site(site)
        repository = self.watcher.repository
        if site is None or repository is None:
            reason = self.watcher.problem or self.tr("Open an article of a site first.")
            QMessageBox.information(self.window, self.tr("Review Changes"), reason)
            return
        # The review renders with QtWebEngine: loaded when first asked for, not when the window opens.
        from editor.ui.review.review_dialog import ReviewDialog

        if self.dialog is not None:
            self.dialog.close()
        dialog = ReviewDialog(site, repository, self.session.path, self.window)
        dialog.committed.connect(self.watcher.refresh)
        self.dialog = dialog
        if self.session.is_modified():
            dialog.output.setPlainText(
                self.tr("The open article has unsaved edits: the review shows it as saved on disk.")
            )
        self.dialog.show()

    def _follow_article(self) -> None:
        # Read again even in the same site: the article may be new since the last read.
        self.watcher.set_site(self.session.site)

    def _show_status(self, status: RepositoryStatus | None) -> None:
        site, path = self.session.site, self.session.path
        if status is None or site is None or path is None:
            self.label.setText("")
            self.label.setToolTip(self.watcher.problem)
            return
        change = article_changes(site, status).get(Path(_real(path)))
        branch = status.branch or self.tr("detached HEAD")
        word = change_label(change.kind) if change is not None else self.tr("unchanged")
        self.label.setText(self.tr("git: {0}").format(word))
        self.label.setToolTip(self.tr("Against HEAD on {0}; File > Review Changes shows more").format(branch))


def _real(path: Path) -> str:
    return os.path.realpath(path)
