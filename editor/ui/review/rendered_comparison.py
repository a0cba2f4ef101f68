"""An article rendered as HEAD has it and as it is now, side by side, each as the preview shows it."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QShowEvent
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from editor.article.errors import ArticleError
from editor.render.export import export_article
from editor.site.config import SiteConfig
from editor.ui.core_texts import error_message
from editor.ui.preview.preview_security import LocalOnlyInterceptor, PreviewPage, create_private_profile

__all__ = ["RenderedComparison"]

_NOTE_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
    "<body style='font-family: sans-serif; color: #666; padding: 2em'><p>{}</p></body></html>"
)


class _RenderedSide(QWidget):
    """A caption over a web view that shows one exported page, on a private profile that reads only the
    site's files, as the preview's does."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption, self)
        self.view = QWebEngineView(self)
        self.interceptor = LocalOnlyInterceptor()
        self.profile = create_private_profile(self.interceptor)
        self.page = PreviewPage(self.profile, self.view)
        # The page goes before its profile, the profile before its interceptor (see create_private_profile).
        self.profile.setParent(self.page)
        self.view.setPage(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        # Found once the page has loaded: Chromium scrolls to it and marks it, so the change is in view.
        self.find_text: str | None = None
        self.page.loadFinished.connect(self._find)

    def show_page(self, page: str, folders: list[Path], find_text: str | None = None) -> None:
        self.find_text = find_text
        self.interceptor.set_allowed(folders)
        base = folders[0].as_uri() + "/" if folders else "about:blank"
        self.page.load_shell(page, QUrl(base))

    def _find(self, _ok: bool = True) -> None:
        if self.find_text and self.isVisible():
            self.page.findText(self.find_text)

    def showEvent(self, event: QShowEvent) -> None:
        # A page loaded in a hidden tab has no layout to scroll yet: find again once it shows.
        super().showEvent(event)
        self._find()


class RenderedComparison(QWidget):
    """Two rendered versions of an article: HEAD's on the left, the file's on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before = _RenderedSide(self.tr("Before (HEAD)"), self)
        self.after = _RenderedSide(self.tr("After (working tree)"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.before, 1)
        layout.addWidget(self.after, 1)

    def show_versions(
        self,
        site: SiteConfig,
        path: Path,
        before: str | None,
        after: str | None,
        find: tuple[str | None, str | None] = (None, None),
    ) -> None:
        """Render `before` and `after` (None: there is no such version) of the article at `path`, each
        scrolled to its text in `find` (the first words that changed), when it shows."""
        folders = [site.public_dir, path.parent]
        absent_before, absent_after = self.tr("Not in HEAD: a new article"), self.tr("Deleted")
        self.before.show_page(self._page(site, path, before, absent_before), folders, find[0])
        self.after.show_page(self._page(site, path, after, absent_after), folders, find[1])

    def _page(self, site: SiteConfig, path: Path, text: str | None, absent: str) -> str:
        if text is None:
            return _NOTE_PAGE.format(html.escape(absent))
        try:
            return export_article(site, path, text)
        except ArticleError as error:
            shown = self.tr("Cannot render this version: {0}").format(error_message(error))
            return _NOTE_PAGE.format(html.escape(shown))
