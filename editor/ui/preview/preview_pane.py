"""The live HTML preview: one page loaded once and patched in place from a separate render process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QPaintEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.article.errors import ArticleError
from editor.render.header_labels import HeaderLabels
from editor.render.shell import preview_page_html
from editor.resource_files import resource_path
from editor.site.config import SiteConfig
from editor.ui.article.validation_process import shared_validation
from editor.ui.core_texts import error_message
from editor.ui.preview.document_changes import DocumentChanges
from editor.ui.preview.render_process import RenderProcess
from editor.ui.preview.render_protocol import RenderFailure, RenderReply, RenderRequest, SiteMessage, TextLost
from editor.ui.preview.text_delta import TextDelta

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineProfile

    from editor.ui.dialogs.preferences import Preferences
    from editor.ui.preview.preview_security import LocalOnlyInterceptor, PreviewPage
    from editor.ui.preview.preview_view import PreviewView

# A render that takes longer than this is stuck (a pathological input); the worker is killed and restarted.
RENDER_TIMEOUT_MS = 30_000
# Crashes in a row, without a render in between, before the pane stops restarting the worker.
MAX_RESTARTS = 3
# The web page is built after the pane's first paint, or after this long if the pane is not shown.
PAGE_START_FALLBACK_MS = 100
# Scroll requests are coalesced to one per display frame or so.
SCROLL_INTERVAL_MS = 30


class PreviewPane(QWidget):
    """The rendered article, kept up to date as the text changes, without stealing time from typing."""

    image_files_dropped = Signal(list)
    rendered = Signal()
    user_scrolled = Signal(int)
    """The user scrolled the page (not the editor); the file line now at its top."""
    # Built right after the pane first paints (see _build_page).
    view: PreviewView
    page: PreviewPage
    profile: QWebEngineProfile
    interceptor: LocalOnlyInterceptor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("previewBanner")
        self.banner.setStyleSheet(
            "QLabel#previewBanner { background: #fff3cd; color: #5c4400; padding: 4px; }"
        )
        self.banner.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.banner)
        self._built = False

        self._provider: Callable[[], str] | None = None
        # What changed in the provider's document since its text last went to the worker.
        self._changes = DocumentChanges(self)
        self._document_of: Callable[[], QTextDocument] | None = None
        self._site: SiteConfig | None = None
        self._article_path: Path | None = None
        self._preferences: Preferences | None = None
        self._shell_key: object = ()
        self._shell_generation = 0
        self._page_ready = False
        self._page_filled = False
        self._page_reset = True
        self._dirty = False
        self._next_id = 0
        # Request id, shell and article generation, whether it asked for a whole page, text version.
        self._in_flight: tuple[int, int, int, bool, int] | None = None
        self._article_generation = 0
        self._text_version = 0
        # A whole page rendered while the page was still loading, shown once it has loaded.
        self._held: tuple[RenderReply, int] | None = None
        self._patches_running = 0  # scripts sent to the page whose results have not come back
        self._restarts = 0
        self._gave_up = False
        self._shut_down = False
        self._front_matter_error: ArticleError | None = None
        self._worker_error: str | None = None
        self._scroll_call: str | None = None  # the newest scroll request, as the page's API call
        self._scroll_timer = QTimer(self, singleShot=True, interval=SCROLL_INTERVAL_MS)
        self._scroll_timer.timeout.connect(self._flush_scroll)
        # A render starts on the event loop's next turn: opening an article changes the text, then the
        # site, then says a new article began, and a render started at the first would be for nothing.
        self._render_soon = QTimer(self, singleShot=True, interval=0)
        self._render_soon.timeout.connect(self._start_render)
        self._watchdog = QTimer(self, singleShot=True, interval=RENDER_TIMEOUT_MS)
        self._watchdog.timeout.connect(self._render_timed_out)

        self.worker = RenderProcess(self)
        self.worker.replied.connect(self._on_reply)
        self.worker.died.connect(self._on_worker_died)
        # The worker starts now: its imports run on the other core while the window comes up.
        self._start_worker()
        # The article's checks run in it too, in a thread of their own: one Python process less.
        shared_validation().share_worker(self.worker)
        # A pane that is not shown (hidden, or offscreen without a window) starts anyway.
        QTimer.singleShot(PAGE_START_FALLBACK_MS, self, self._build_unless_shown)

    @property
    def started(self) -> bool:
        """Whether the web page exists yet (it is built right after the pane first paints)."""
        return self._built

    def paintEvent(self, event: QPaintEvent) -> None:
        # Chromium takes a few hundred milliseconds to start: the window paints its text first.
        if not self._built:
            QTimer.singleShot(0, self, self._build_page)
        super().paintEvent(event)

    def _build_unless_shown(self) -> None:
        # A shown pane waits for its first paint: under X the window's expose can come after this timer
        # (on a busy machine), and building first kept the window blank for the 0.3-0.8 s Chromium takes.
        if not self.isVisible():
            self._build_page()

    def _build_page(self) -> None:
        if self._built or self._shut_down:
            return
        from editor.ui.preview.preview_channel import PreviewBridge, attach_bridge
        from editor.ui.preview.preview_security import (
            LocalOnlyInterceptor,
            PreviewPage,
            create_private_profile,
        )
        from editor.ui.preview.preview_view import PreviewView

        self.view = PreviewView(self)
        self.interceptor = LocalOnlyInterceptor()
        self.profile = create_private_profile(self.interceptor)
        self.page = PreviewPage(self.profile, self.view)
        # Children are deleted after their parent's destructor ran: page, then profile, then interceptor.
        self.profile.setParent(self.page)
        self.view.setPage(self.page)
        bridge = PreviewBridge(self.page)
        bridge.user_scrolled.connect(self.user_scrolled)
        attach_bridge(self.page, bridge)
        self.view.image_files_dropped.connect(self.image_files_dropped)
        self.page.loadFinished.connect(self._on_load_finished)
        self._layout.addWidget(self.view, 1)
        self._built = True
        self._allow_site_files()
        self._load_shell()

    # ---- public API --------------------------------------------------------------------------------

    @property
    def blocked_requests(self) -> list[QUrl]:
        """Every URL the page asked for and did not get."""
        return self.interceptor.blocked_requests if self._built else []

    def set_site(self, site: SiteConfig, article_path: Path | None) -> None:
        """Show the article as part of `site`: its images, its stylesheet; reloads only for a new look."""
        self._site = site
        self._article_path = article_path
        self.worker.send(self._site_message())
        # The worker's fresh renderer resends every block; the page must expect that. A reply on its
        # way was rendered for the site before.
        self._article_generation += 1
        self._held = None
        self._page_reset = True
        self._dirty = True
        if self._built:
            self._allow_site_files()
            if self._shell_identity() != self._shell_key:
                self._load_shell()
        self._render_soon.start()

    def begin_article(self, name: str) -> None:
        """Another article was opened: the page drops the last one at once and says this one is coming.

        Without this the previous article stays on show until the new render arrives (seconds for a 1 MB
        article), and a render of the previous text still on its way would be shown over it.
        """
        # A reply to a request made before now is for the article before: _on_reply drops it.
        self._shell_generation += 1
        self._article_generation += 1
        self._held = None
        self._page_reset = True
        self._dirty = True
        if self._built and self._page_ready:
            self._page_filled = False
            note = self.tr("Opening {0}…").format(name)
            self.page.runJavaScript(f"window.articleEditor.clear({json.dumps(note)});", 0)
        self._render_soon.start()

    def set_stylesheet_choice(self, preferences: Preferences) -> None:
        """Style the page as `preferences` say (editor's own, site's, or a file); reloads only for a new look."""
        self._preferences = preferences
        if self._built:
            self._allow_site_files()
            if self._shell_identity() != self._shell_key:
                self._load_shell()

    def stylesheet(self) -> Path | None:
        """The stylesheet linked after the editor's own: the site's, a chosen file, or None."""
        site_stylesheet = self._site.stylesheet if self._site is not None else None
        if self._preferences is None:
            return site_stylesheet
        return self._preferences.preview_stylesheet(site_stylesheet)

    def _allow_site_files(self) -> None:
        # The article's own folder too: relative image URLs name files beside it (page bundles).
        folders = [resource_path("css"), resource_path("preview")]
        files: list[Path] = []
        site = self._site
        if site is not None:
            folders += [site.public_dir, site.image_dir]
        stylesheet = self.stylesheet()
        if stylesheet is not None:
            files.append(stylesheet)
        if self._article_path is not None:
            folders.append(self._article_path.parent)
        self.interceptor.set_allowed(folders, files)

    def set_text_provider(
        self, provider: Callable[[], str], document_of: Callable[[], QTextDocument] | None = None
    ) -> None:
        """Where the article text comes from; it is asked only when a render starts. With `document_of`,
        which gives the document whose text `provider` returns (breaks as LF), the worker is sent only
        what changed in that document."""
        self._provider = provider
        self._document_of = document_of
        self._changes.forget()

    def text_changed(self) -> None:
        """The text changed: render the newest text as soon as the worker is free."""
        self._dirty = True
        self._text_version += 1
        if self._gave_up and not self.worker.running and not self._shut_down:
            self._gave_up = False
            self._restarts = 0
            self._start_worker()
        self._render_soon.start()

    def scroll_to_line(self, line: int) -> None:
        """Scroll so that file line `line` (1-based) is at the top; at most one scroll per frame."""
        self._request_scroll(f"window.articleEditor.scrollToLine({int(line)});")

    def reveal_line(self, line: int) -> None:
        """The caret is on file line `line`: show its block whole and keep it in view as the page changes,
        until the user scrolls the page or `stop_following` is called; at most one scroll per frame."""
        self._request_scroll(f"window.articleEditor.revealLine({int(line)});")

    def stop_following(self) -> None:
        """Let the page stay where it is from now on, as it changes (after `reveal_line`)."""
        self._request_scroll("window.articleEditor.stopFollowing();")

    def _request_scroll(self, call: str) -> None:
        # Only the newest request matters: a later one replaces one still waiting for its frame.
        self._scroll_call = call
        if not self._scroll_timer.isActive():
            self._flush_scroll()
            self._scroll_timer.start()

    def shut_down(self) -> None:
        """Stop the render worker; the pane shows what it shows and renders no more."""
        self._shut_down = True
        self._watchdog.stop()
        self._scroll_timer.stop()
        self.worker.stop()

    def worker_pid(self) -> int:
        """The render worker's process id (0 when none runs), for tests and diagnostics."""
        return self.worker.pid()

    # ---- the page ----------------------------------------------------------------------------------

    def _shell_identity(self) -> object:
        site = self._site
        stylesheet = self.stylesheet()
        if site is None and stylesheet is None:
            return None
        stamp = stylesheet.stat().st_mtime_ns if stylesheet is not None and stylesheet.is_file() else None
        folders = (site.public_dir, site.image_dir) if site is not None else None
        return (folders, stylesheet, stamp)

    def _load_shell(self) -> None:
        site = self._site
        self._shell_key = self._shell_identity()
        self._shell_generation += 1
        self._page_ready = False
        self._page_filled = False
        # A whole page held or on its way will fill the new page; otherwise it needs one.
        if self._held is None and not (self._in_flight is not None and self._in_flight[3]):
            self._page_reset = True
            self._dirty = True
        if site is not None:
            base = QUrl.fromLocalFile(str(site.public_dir) + "/")
        else:
            base = QUrl.fromLocalFile(str(resource_path("preview")) + "/")
        self.page.load_shell(preview_page_html(self.stylesheet()), base)

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            return
        self._page_ready = True
        held, self._held = self._held, None
        if held is not None:
            self._apply(*held)
        self._start_render()

    # ---- rendering ---------------------------------------------------------------------------------

    def _start_render(self) -> None:
        if (
            self._in_flight is not None
            or not self._dirty
            or self._provider is None
            # While the page loads, the worker can already render a whole page to show once it has loaded.
            or (not self._page_ready and (not self._page_reset or self._held is not None))
            or not self.worker.running
            or self._shut_down
        ):
            return
        self._dirty = False
        self._next_id += 1
        self._in_flight = (
            self._next_id,
            self._shell_generation,
            self._article_generation,
            self._page_reset,
            self._text_version,
        )
        delta = self._changes.take(self._document_of()) if self._document_of is not None else None
        if delta is None:
            text: str | TextDelta = self._provider()
            self._changes.sent_whole()
        else:
            text = delta
        self.worker.send(RenderRequest(self._next_id, text, self._page_reset))
        self._page_reset = False
        self._watchdog.start()

    def _on_reply(self, reply: object) -> None:
        if not isinstance(reply, (RenderReply, RenderFailure, TextLost)) or self._in_flight is None:
            return
        request_id, generation, article, whole_page, version = self._in_flight
        if reply.request_id != request_id:
            return
        self._in_flight = None
        self._watchdog.stop()
        if isinstance(reply, TextLost):
            # Nothing was rendered: the same request again, with the whole text.
            self._changes.forget()
            self._dirty = True
            self._page_reset = self._page_reset or whole_page
            self._start_render()
            return
        self._restarts = 0
        self._worker_error = None
        if isinstance(reply, RenderFailure):
            self._changes.forget()
            self._worker_error = reply.message.strip().splitlines()[-1]
            self._page_reset = True
            self._update_banner()
            self._start_render()
            return
        current = generation == self._shell_generation and self._page_ready
        if article == self._article_generation and whole_page and not current:
            # A whole page of this article fits any page that has just loaded, or will have.
            if self._page_ready:
                self._apply(reply, version)
            else:
                self._held = (reply, version)
            self._start_render()
            return
        if not current:
            # Meant for a page that was replaced meanwhile: the new page gets everything anew.
            self._page_reset = True
            self._dirty = True
            self._start_render()
            return
        self._front_matter_error = reply.front_matter_error
        self._update_banner()
        # The next render starts now, so the worker works while the page applies this one.
        self._start_render()
        self._run_patch(reply)

    def _apply(self, reply: RenderReply, version: int) -> None:
        """Show a whole-page reply on a page that just loaded (so holds nothing yet)."""
        self._page_reset = False
        self._dirty = self._dirty or version != self._text_version
        self._front_matter_error = reply.front_matter_error
        self._update_banner()
        self._run_patch(reply)

    def _run_patch(self, reply: RenderReply) -> None:
        generation = self._shell_generation
        if reply.script:
            self._patches_running += 1
            self.page.runJavaScript(reply.script, 0, lambda missing: self._patched(generation, missing))
        else:
            self._on_patched(generation, None)

    def _patched(self, generation: int, result: object) -> None:
        self._patches_running -= 1
        self._on_patched(generation, result)

    def _on_patched(self, generation: int, result: object) -> None:
        if generation != self._shell_generation:
            return
        # The patch's JSON list of the keys it could not show ("*": it holds other blocks than the worker
        # thinks); a script that failed outright is not retried, so that it cannot loop.
        missing = isinstance(result, str) and result.startswith("[") and result != "[]"
        if missing:
            # The page lacked blocks the worker thought it had (it was reloaded, or a script failed).
            self._page_reset = True
            self.text_changed()
            return
        self._page_filled = True
        # A scroll asked for before the page had content is done now.
        if self._scroll_call is not None and not self._scroll_timer.isActive():
            self._flush_scroll()
        if self._in_flight is None and not self._dirty and not self._patches_running:
            self.rendered.emit()

    def _update_banner(self) -> None:
        if self._worker_error is not None:
            text = self.tr("The preview could not be rendered: {error}").format(error=self._worker_error)
        elif self._front_matter_error is not None:
            error = self._front_matter_error
            message = error_message(error)
            if error.line:
                message = self.tr("line {0}: {1}").format(error.line, message)
            text = self.tr("The front matter could not be read, so it is shown as text: {error}").format(
                error=message
            )
        else:
            self.banner.hide()
            return
        self.banner.setText(text)
        self.banner.show()

    def _flush_scroll(self) -> None:
        if self._scroll_call is None or not self._page_filled:
            return
        call, self._scroll_call = self._scroll_call, None
        self.page.runJavaScript(call, 0)

    # ---- the worker --------------------------------------------------------------------------------

    def _start_worker(self) -> None:
        self.worker.start()
        self._changes.forget()
        if self._site is not None:
            self.worker.send(self._site_message())
        self._page_reset = True
        self._start_render()

    def _site_message(self) -> SiteMessage:
        labels = HeaderLabels(
            published=self.tr("Published"),
            updated=self.tr("Updated"),
            in_search_results=self.tr("In search results"),
            no_title=self.tr("No title"),
            no_image_text=self.tr("No text for the image"),
            no_meta_title=self.tr("No meta title"),
        )
        return SiteMessage(self._site, self._article_path, labels)

    def _render_timed_out(self) -> None:
        self.worker.kill()

    def _on_worker_died(self, why: str) -> None:
        if self._shut_down:
            return
        self._watchdog.stop()
        if self._in_flight is not None:
            self._in_flight = None
            self._dirty = True
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            self._gave_up = True
            self._worker_error = self.tr(
                "the renderer stopped ({why}); it restarts with the next edit"
            ).format(why=why)
            self._update_banner()
            return
        self._start_worker()
