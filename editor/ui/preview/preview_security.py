"""The preview's sandbox: a private browser profile that fetches nothing remote and a page that navigates nowhere."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

# Schemes the page may load without further checks: its own HTML (setHtml uses data:), inline images,
# Qt resources and blank frames. file: is allowed only inside the folders the pane names.
LOCAL_SCHEMES = frozenset({"data", "qrc", "about"})
# Requests remembered for inspection; a long session must not grow the lists without end.
MAX_RECORDED_REQUESTS = 1000
# Link targets handed to the system browser or mail program; every other link is just refused.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine or read files outside the allowed folders.

    Every blocked URL is appended to `blocked_requests`, every allowed one to `allowed_requests`, so
    tests can show that nothing got out.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked_requests: list[QUrl] = []
        self.allowed_requests: list[QUrl] = []
        self._folders: tuple[str, ...] = ()
        self._files: frozenset[str] = frozenset()

    def set_allowed(self, folders: Iterable[Path], files: Iterable[Path] = ()) -> None:
        """Allow file: URLs inside `folders` (and their subfolders) and the single `files`."""
        # Resolved once here, so a symlink inside a folder cannot point the page outside it.
        self._folders = tuple(os.path.realpath(folder) + os.sep for folder in folders)
        self._files = frozenset(os.path.realpath(file) for file in files)

    def is_allowed(self, url: QUrl) -> bool:
        """Whether the preview may load `url`."""
        scheme = url.scheme().lower()
        if scheme in LOCAL_SCHEMES:
            return True
        if scheme != "file" or url.host() not in ("", "localhost"):
            return False
        path = os.path.realpath(url.toLocalFile())
        return path in self._files or any((path + os.sep).startswith(folder) for folder in self._folders)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Qt calls this on the GUI thread for every request the page makes."""
        url = info.requestUrl()
        if self.is_allowed(url):
            record = self.allowed_requests
        else:
            info.block(True)
            record = self.blocked_requests
        record.append(url)
        if len(record) > MAX_RECORDED_REQUESTS:
            del record[: len(record) - MAX_RECORDED_REQUESTS]


def create_private_profile(interceptor: LocalOnlyInterceptor) -> QWebEngineProfile:
    """An off-the-record profile: no cookies, cache or storage on disk, every request through `interceptor`.

    The profile owns the interceptor; give the profile to the page that uses it (setParent), because Qt
    requires a page to go before its profile and a profile before its interceptor.
    """
    profile = QWebEngineProfile()  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    profile.setSpellCheckEnabled(False)
    interceptor.setParent(profile)
    profile.setUrlRequestInterceptor(interceptor)
    return profile


def harden_settings(settings: QWebEngineSettings) -> None:
    """Turn off what a preview never needs; JavaScript stays on for the page's own patching script only.

    Article scripts are removed by the sanitiser and refused by the page's Content-Security-Policy.
    """
    attribute = QWebEngineSettings.WebAttribute
    for name, on in (
        (attribute.JavascriptEnabled, True),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.JavascriptCanAccessClipboard, False),
        (attribute.JavascriptCanPaste, False),
        (attribute.AllowWindowActivationFromJavaScript, False),
        # Images are file: URLs, and the page itself is local content.
        (attribute.LocalContentCanAccessFileUrls, True),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.AllowRunningInsecureContent, False),
        (attribute.AllowGeolocationOnInsecureOrigins, False),
        (attribute.PluginsEnabled, False),
        (attribute.PdfViewerEnabled, False),
        (attribute.AutoLoadIconsForPage, False),
        (attribute.TouchIconsEnabled, False),
        (attribute.HyperlinkAuditingEnabled, False),
        (attribute.DnsPrefetchEnabled, False),
        (attribute.LocalStorageEnabled, False),
        (attribute.WebGLEnabled, False),
        (attribute.ScreenCaptureEnabled, False),
        (attribute.WebRTCPublicInterfacesOnly, True),
        (attribute.FullScreenSupportEnabled, False),
        (attribute.ErrorPageEnabled, False),
        # A dropped file would replace the preview; the pane turns image drops into imports instead.
        (attribute.NavigateOnDropEnabled, False),
        # Reloading the shell must not take the keyboard away from the source editor.
        (attribute.FocusOnNavigationEnabled, False),
    ):
        settings.setAttribute(name, on)


class PreviewPage(QWebEnginePage):
    """A page that shows only what the pane gives it: link clicks go to the system browser, never here."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self._shell_url: QUrl | None = None
        # Every navigation the page refused, so tests can wait until a click or refresh was turned down.
        self.refused_navigations: list[QUrl] = []
        harden_settings(self.settings())

    def load_shell(self, html: str, base_url: QUrl) -> None:
        """Show `html` as the page; the one navigation the page accepts that is not inside itself."""
        self._shell_url = base_url
        self.setHtml(html, base_url)

    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Allow loading the shell and jumps within it; hand http, https and mailto links to the desktop."""
        url = QUrl(url)
        if self._accepts(url, navigation_type, is_main_frame):
            return True
        self.refused_navigations.append(url)
        if len(self.refused_navigations) > MAX_RECORDED_REQUESTS:
            del self.refused_navigations[: len(self.refused_navigations) - MAX_RECORDED_REQUESTS]
        return False

    def _accepts(
        self, url: QUrl, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        kind = QWebEnginePage.NavigationType
        if navigation_type == kind.NavigationTypeLinkClicked:
            if url.hasFragment() and self._within_shell(url):
                # A jump within the page, such as a footnote link.
                return True
            if url.scheme().lower() in EXTERNAL_SCHEMES:
                QDesktopServices.openUrl(url)
            return False
        if not is_main_frame:
            # Frames are sanitised away; a blank one is harmless, anything else is refused.
            return url.scheme().lower() == "about"
        # setHtml navigates to a data: URL; reloads, history and redirects would leave the shell.
        return navigation_type == kind.NavigationTypeTyped and url.scheme().lower() == "data"

    def _within_shell(self, url: QUrl) -> bool:
        if self._shell_url is None:
            return False
        # A "#" in a path or query is percent-encoded, so the first one starts the fragment.
        return url.toString().partition("#")[0] == self._shell_url.toString().partition("#")[0]

    # Qt documents None ("no window") as a valid answer; the stubs do not.
    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:  # type: ignore[override]
        """Pop-ups and target=_blank links never open a window."""
        return None
