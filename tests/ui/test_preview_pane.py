"""PreviewPane on a real QtWebEngine page and a real render worker process."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from editor.site.config import SiteConfig, load_site
from editor.ui.preview.preview_pane import PreviewPane
from editor.ui.preview.preview_security import LocalOnlyInterceptor
from editor.ui.preview.render_protocol import RenderRequest, SiteMessage
from editor.ui.preview.render_worker import PagePatcher
from tests.conftest import EXAMPLE_SITE, SAMPLE_ARTICLE
from tests.ui.drag import drag_events, file_urls

pytestmark = pytest.mark.gui

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
TIMEOUT_MS = 15_000


class TextSource:
    """The window's text provider: the current text, and how often the pane asked for it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return self.text


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("preview") / "site"
    shutil.copytree(EXAMPLE_SITE, root)
    return root


@pytest.fixture(scope="module")
def site(site_root: Path) -> SiteConfig:
    return load_site(site_root)


@pytest.fixture(scope="module")
def source() -> TextSource:
    return TextSource(SAMPLE)


@pytest.fixture(scope="module")
def pane(qapp: QApplication, site: SiteConfig, site_root: Path, source: TextSource) -> Iterator[PreviewPane]:
    """One pane for the module: starting a page and a worker for each test would dominate the run time."""
    pane = PreviewPane()
    pane.resize(700, 500)
    pane.show()
    pane.set_text_provider(source)
    pane.set_site(site, site_root / "content" / "blog" / "mr-scanning.md")
    yield pane
    pid = pane.worker_pid()
    pane.shut_down()
    assert not _process_exists(pid)
    delete_now(pane)


def delete_now(pane: PreviewPane) -> None:
    """Delete the pane while QtWebEngine still runs; at interpreter exit it would outlive its profile."""
    pane.deleteLater()
    QCoreApplication.sendPostedEvents(pane, QEvent.Type.DeferredDelete)


def _process_exists(pid: int) -> bool:
    """Whether `pid` is still in the process table, running or as a zombie."""
    if sys.platform.startswith("linux"):
        return Path(f"/proc/{pid}").exists()
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def run_js(qtbot, pane: PreviewPane, script: str) -> object:
    """The value of `script` in the page, passed through JSON so lists and objects arrive whole."""
    with qtbot.waitCallback(timeout=TIMEOUT_MS) as callback:
        pane.view.page().runJavaScript(f"JSON.stringify({script})", 0, callback)
    result = callback.args[0]
    # JSON.stringify(undefined) is undefined, which arrives as None or "".
    return json.loads(result) if result else None


def show(qtbot, pane: PreviewPane, source: TextSource, text: str) -> None:
    """Make `text` the article and wait until the page shows it."""
    source.text = text
    with qtbot.waitSignal(pane.rendered, timeout=TIMEOUT_MS):
        pane.text_changed()


def body_text(qtbot, pane: PreviewPane) -> str:
    text = run_js(qtbot, pane, "document.body.innerText")
    assert isinstance(text, str)
    return text


def file_line(text: str, line_text: str) -> int:
    return text.splitlines().index(line_text) + 1


def wait_for_images(qtbot, pane: PreviewPane) -> None:
    """Until every image on the page has loaded or failed."""
    qtbot.waitUntil(
        lambda: run_js(qtbot, pane, "Array.from(document.images).every(image => image.complete)"),
        timeout=TIMEOUT_MS,
    )


def test_shows_the_sample_article(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    text = body_text(qtbot, pane)
    assert "Har din MR-scanning skjulte konsekvenser?" in text
    assert "Hvad er en MR-scanning?" in text
    assert run_js(qtbot, pane, "document.querySelector('h1').textContent") == (
        "Har din MR-scanning skjulte konsekvenser?"
    )
    card = run_js(qtbot, pane, "document.querySelector('.search-card-title').textContent")
    assert card == "Har din MR-scanning skjulte konsekvenser?"
    assert not pane.banner.isVisible()


def test_edits_patch_the_page_in_place(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    run_js(qtbot, pane, "document.querySelector('#article-body h2').dataset.marker = 'x'")
    edited = SAMPLE.replace("Det understreger behovet", "Det UNDERSTREGER behovet")
    show(qtbot, pane, source, edited)
    assert "Det UNDERSTREGER behovet" in body_text(qtbot, pane)
    # The heading element is the same one: the page was patched, not reloaded or rebuilt.
    assert run_js(qtbot, pane, "document.querySelector('#article-body h2').dataset.marker") == "x"

    # Lines inserted above a block shift its data-line values without sending it again.
    heading = "## Hvad er en MR-scanning?"
    shifted = edited.replace(heading, "Ny linje.\n\nEndnu en.\n\n" + heading)
    show(qtbot, pane, source, shifted)
    marked = "document.querySelector('#article-body h2[data-marker=x]')"
    assert run_js(qtbot, pane, f"{marked}.textContent") == "Hvad er en MR-scanning?"
    assert run_js(qtbot, pane, f"Number({marked}.dataset.line)") == file_line(shifted, heading)


def test_body_and_header_images_load(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    wait_for_images(qtbot, pane)
    widths = run_js(
        qtbot, pane, "Array.from(document.querySelectorAll('#article-body img'), i => i.naturalWidth)"
    )
    assert isinstance(widths, list)
    assert len(widths) == 3
    assert all(width > 0 for width in widths)
    assert run_js(qtbot, pane, "document.querySelector('.preview-image img').naturalWidth") > 0


def test_a_relative_image_beside_the_article_loads(
    qtbot, pane: PreviewPane, source: TextSource, site_root: Path
) -> None:
    beside = site_root / "content" / "blog" / "diagram.png"
    beside.write_bytes((site_root / "public/images/blog/mrscanning_konsekvenser_svar.png").read_bytes())
    show(qtbot, pane, source, SAMPLE + "\n![Diagram](diagram.png)\n")
    wait_for_images(qtbot, pane)
    assert run_js(qtbot, pane, "document.querySelector('img[alt=\"Diagram\"]').naturalWidth") > 0


def test_a_missing_image_shows_a_placeholder(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE + "\n![Gone](/images/blog/gone.png)\n")
    placeholder = run_js(qtbot, pane, "document.querySelector('#article-body .missing-image').textContent")
    assert isinstance(placeholder, str)
    assert "/images/blog/gone.png" in placeholder
    assert run_js(qtbot, pane, "document.querySelectorAll('img[src*=\"gone\"]').length") == 0


HOSTILE = """---
title: Hostile
previewImage: https://example.com/preview.png
---

<script>window.canary = 1</script>

<img src=x onerror="window.canary = 2">

<a id="js-link" href="javascript:window.canary = 3">click</a>

<iframe src="https://example.com/frame"></iframe>

![remote](https://example.com/x.png)

<img src="https://example.com/y.png">

<div style="background: url(https://example.com/inline.png)">styled</div>

<style>body { background: url(https://example.com/style.png) }</style>

<link rel="stylesheet" href="https://example.com/sheet.css">

<object data="https://example.com/object.swf"></object>

<form action="https://example.com/form"><button id="send">send</button></form>

[a link](https://example.com/page)

![local](/images/blog/mrscanning_konsekvenser_intro.png)
"""


def test_article_cannot_run_scripts_or_reach_the_network(
    qtbot, pane: PreviewPane, source: TextSource
) -> None:
    show(qtbot, pane, source, HOSTILE)
    wait_for_images(qtbot, pane)
    run_js(qtbot, pane, "document.getElementById('js-link') && document.getElementById('js-link').click()")
    run_js(qtbot, pane, "document.getElementById('send') && document.getElementById('send').click()")
    # The local image loaded, so the page got as far as fetching what it wanted.
    assert run_js(qtbot, pane, "document.querySelector('#article-body img').naturalWidth") > 0
    assert run_js(qtbot, pane, "typeof window.canary") == "undefined"
    allowed = {url.scheme() for url in pane.interceptor.allowed_requests}
    assert allowed <= {"file", "data", "qrc", "about"}
    for url in pane.interceptor.allowed_requests:
        if url.isLocalFile():
            assert Path(url.toLocalFile()).resolve().is_relative_to(pane_site_root(pane))
    assert run_js(qtbot, pane, "location.protocol") == "file:"


def pane_site_root(pane: PreviewPane) -> Path:
    site = pane._site
    assert site is not None
    return site.root.resolve()


def test_coalesces_to_the_newest_text(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    source.calls = 0
    with qtbot.waitSignal(pane.rendered, timeout=TIMEOUT_MS):
        for version in range(50):
            source.text = SAMPLE + f"\nVersion {version}\n"
            pane.text_changed()
    text = body_text(qtbot, pane)
    assert "Version 49" in text
    assert "Version 48" not in text
    # Made in one turn of the event loop, the 50 changes collapse into one render of the newest text.
    assert source.calls == 1


def test_scroll_to_line_scrolls_the_page(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    heading = file_line(SAMPLE, "## En biopsykosocial balance")
    pane.scroll_to_line(heading)
    qtbot.waitUntil(
        lambda: run_js(qtbot, pane, "window.articleEditor.topLine()") == heading, timeout=TIMEOUT_MS
    )
    assert run_js(qtbot, pane, "window.scrollY") > 0
    pane.scroll_to_line(1)
    qtbot.waitUntil(lambda: run_js(qtbot, pane, "window.scrollY") == 0, timeout=TIMEOUT_MS)


def test_a_dead_worker_is_restarted(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE)
    old = pane.worker_pid()
    assert old > 0
    os.kill(old, signal.SIGKILL)
    qtbot.waitUntil(lambda: pane.worker_pid() not in (0, old), timeout=TIMEOUT_MS)
    show(qtbot, pane, source, SAMPLE + "\nAfter the restart\n")
    assert "After the restart" in body_text(qtbot, pane)
    qtbot.waitUntil(lambda: not _process_exists(old), timeout=TIMEOUT_MS)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are Linux's")
def test_the_worker_pipes_hold_a_whole_long_article(qtbot, pane: PreviewPane, source: TextSource) -> None:
    # With 64 KB pipes a 1 MB request crossed in sixteen event-loop turns of the typing editor. The
    # kernel tells the size: open the worker's own pipes through /proc and ask.
    import fcntl

    show(qtbot, pane, source, SAMPLE)
    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    for number in (0, 1):
        descriptor = os.open(f"/proc/{pane.worker_pid()}/fd/{number}", os.O_RDONLY | os.O_NONBLOCK)
        try:
            assert fcntl.fcntl(descriptor, fcntl.F_GETPIPE_SZ) >= min(1 << 20, limit)
        finally:
            os.close(descriptor)


def test_unreadable_front_matter_shows_a_banner_and_the_text(
    qtbot, pane: PreviewPane, source: TextSource
) -> None:
    show(qtbot, pane, source, "---\ntitle: Open\n\nThe body paragraph.\n")
    assert pane.banner.isVisible()
    assert "never closed" in pane.banner.text()
    assert "The body paragraph." in body_text(qtbot, pane)
    assert run_js(qtbot, pane, "document.getElementById('article-header').innerHTML") == ""
    show(qtbot, pane, source, SAMPLE)
    assert not pane.banner.isVisible()


def test_dropped_image_files_are_reported_not_opened(
    qtbot, pane: PreviewPane, source: TextSource, site_root: Path
) -> None:
    show(qtbot, pane, source, SAMPLE)
    image = site_root / "public" / "images" / "blog" / "mrscanning_konsekvenser_intro.png"
    target = pane.view.focusProxy() or pane.view
    mime = file_urls(image)
    enter, _move, drop = drag_events(mime, QPointF(50, 50))
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(pane.image_files_dropped, timeout=TIMEOUT_MS) as dropped:
        QApplication.sendEvent(target, drop)
    assert dropped.args == [[image]]

    # Anything else is refused, and the page stays.
    other = file_urls(site_root / "article-editor.toml")
    refused, _move, _drop = drag_events(other, QPointF(50, 50))
    QApplication.sendEvent(target, refused)
    assert not refused.isAccepted()
    assert "Hvad er en MR-scanning?" in body_text(qtbot, pane)


class UrlCatcher(QObject):
    """Stands in for the system browser through Qt's own URL handler registry."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_link_clicks_open_in_the_system_browser(qtbot, pane: PreviewPane, source: TextSource) -> None:
    show(qtbot, pane, source, SAMPLE + "\n[Mere](https://example.com/mere) og [intern](#fn)\n")
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        run_js(qtbot, pane, "document.querySelector('a[href=\"https://example.com/mere\"]').click()")
        qtbot.waitUntil(lambda: bool(catcher.urls), timeout=TIMEOUT_MS)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert catcher.urls == [QUrl("https://example.com/mere")]
    assert "Hvad er en MR-scanning?" in body_text(qtbot, pane)
    assert run_js(qtbot, pane, "location.protocol") == "file:"
    # A jump within the page (footnotes, a table of contents) stays in the preview.
    run_js(qtbot, pane, "document.querySelector('a[href=\"#fn\"]').click()")
    qtbot.waitUntil(lambda: run_js(qtbot, pane, "location.hash") == "#fn", timeout=TIMEOUT_MS)
    assert "Hvad er en MR-scanning?" in body_text(qtbot, pane)


def test_the_page_is_reloaded_only_for_a_new_look(
    qtbot, pane: PreviewPane, source: TextSource, site: SiteConfig, site_root: Path
) -> None:
    article = site_root / "content" / "blog" / "mr-scanning.md"
    show(qtbot, pane, source, SAMPLE)
    run_js(qtbot, pane, "window.shellMarker = 1")
    with qtbot.waitSignal(pane.rendered, timeout=TIMEOUT_MS):
        pane.set_site(site, article)
    assert run_js(qtbot, pane, "window.shellMarker") == 1

    stylesheet = site_root / "public" / "site.css"
    stylesheet.write_text("h1 { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    styled = dataclasses.replace(site, stylesheet=stylesheet)
    try:
        with qtbot.waitSignal(pane.rendered, timeout=TIMEOUT_MS):
            pane.set_site(styled, article)
        assert run_js(qtbot, pane, "window.shellMarker") is None
        qtbot.waitUntil(
            lambda: (
                run_js(qtbot, pane, "getComputedStyle(document.querySelector('h1')).color") == "rgb(1, 2, 3)"
            ),
            timeout=TIMEOUT_MS,
        )
    finally:
        with qtbot.waitSignal(pane.rendered, timeout=TIMEOUT_MS):
            pane.set_site(site, article)


def test_shut_down_ends_the_worker(qtbot, qapp: QApplication, example_site: Path) -> None:
    own = PreviewPane()
    own.set_text_provider(lambda: SAMPLE)
    own.set_site(load_site(example_site), None)
    with qtbot.waitSignal(own.rendered, timeout=TIMEOUT_MS):
        own.text_changed()
    pid = own.worker_pid()
    own.shut_down()
    assert own.worker_pid() == 0
    assert not _process_exists(pid)
    delete_now(own)


def test_the_first_render_starts_while_the_page_loads_and_shows_once_it_has(
    qtbot, qapp: QApplication, example_site: Path
) -> None:
    """Chromium takes a while to start: the worker renders the whole page meanwhile, once."""
    own = PreviewPane()
    own.resize(700, 500)
    own.show()
    own.set_text_provider(lambda: SAMPLE)
    requests: list[tuple[bool, bool]] = []
    send = own.worker.send

    def record(message: object) -> None:
        if isinstance(message, RenderRequest):
            requests.append((message.reset, own.started and own._page_ready))
        send(message)

    own.worker.send = record  # type: ignore[method-assign]
    with qtbot.waitSignal(own.rendered, timeout=TIMEOUT_MS):
        own.set_site(load_site(example_site), None)
        own.text_changed()
    assert requests[0] == (True, False)  # asked for before the page was ready
    assert [reset for reset, _ in requests].count(True) == 1
    assert "Hvad er en MR-scanning?" in body_text(qtbot, own)
    own.shut_down()
    delete_now(own)


def test_the_worker_sends_only_blocks_the_page_lacks(site: SiteConfig) -> None:
    patcher = PagePatcher()
    patcher.set_site(SiteMessage(site, None))
    first = patcher.patch(RenderRequest(1, SAMPLE, reset=True))
    assert first.sent_blocks == first.block_count > 10
    edited = patcher.patch(
        RenderRequest(2, SAMPLE.replace("Men er det fornuftigt?", "Er det klogt?"), reset=False)
    )
    assert edited.sent_blocks == 1
    assert "Er det klogt?" in edited.script
    same = patcher.patch(
        RenderRequest(3, SAMPLE.replace("Men er det fornuftigt?", "Er det klogt?"), reset=False)
    )
    assert same.script == ""
    again = patcher.patch(RenderRequest(4, SAMPLE, reset=True))
    assert again.sent_blocks == again.block_count


def test_the_page_itself_refuses_what_a_sanitiser_bug_would_let_in(
    qtbot, pane: PreviewPane, source: TextSource, tmp_path: Path, site_root: Path
) -> None:
    """HTML put into the page past the sanitiser: the CSP stops handlers, the interceptor stray files."""
    show(qtbot, pane, source, SAMPLE)
    outside = tmp_path / "outside.png"
    shutil.copy(site_root / "public" / "images" / "blog" / "mrscanning_konsekvenser_intro.png", outside)
    injected = (
        f'<img id="outside" src="{outside.as_uri()}">'
        '<img id="remote" src="https://example.com/injected.png">'
        '<img id="handler" src="nowhere.png" onerror="window.canary = 5">'
    )
    run_js(qtbot, pane, f"document.body.insertAdjacentHTML('beforeend', {json.dumps(injected)})")
    wait_for_images(qtbot, pane)
    qtbot.waitUntil(lambda: QUrl.fromLocalFile(str(outside)) in pane.blocked_requests, timeout=TIMEOUT_MS)
    assert run_js(qtbot, pane, "document.getElementById('outside').naturalWidth") == 0
    assert run_js(qtbot, pane, "document.getElementById('remote').naturalWidth") == 0
    assert run_js(qtbot, pane, "typeof window.canary") == "undefined"
    assert all(url.scheme() in {"file", "data", "qrc", "about"} for url in pane.interceptor.allowed_requests)


def test_the_interceptor_allows_only_the_site_folders(tmp_path: Path) -> None:
    inside = tmp_path / "public"
    (inside / "images").mkdir(parents=True)
    (inside / "images" / "a.png").write_bytes(b"")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (inside / "escape.txt").symlink_to(tmp_path / "secret.txt")
    interceptor = LocalOnlyInterceptor()
    interceptor.set_allowed([inside])
    assert interceptor.is_allowed(QUrl.fromLocalFile(str(inside / "images" / "a.png")))
    assert interceptor.is_allowed(QUrl("data:image/png;base64,AAAA"))
    assert not interceptor.is_allowed(QUrl.fromLocalFile(str(tmp_path / "secret.txt")))
    assert not interceptor.is_allowed(QUrl.fromLocalFile(str(inside / "escape.txt")))
    assert not interceptor.is_allowed(QUrl.fromLocalFile(str(inside) + "-sibling/x.png"))
    assert not interceptor.is_allowed(QUrl("file://example.com/share/x.png"))
    for remote in (
        "https://example.com/x.png",
        "http://localhost/",
        "ftp://example.com/",
        "blob:x",
        "ws://x/",
    ):
        assert not interceptor.is_allowed(QUrl(remote))


def test_a_page_that_holds_other_blocks_than_the_worker_thinks_is_filled_anew(
    qtbot, pane: PreviewPane, source: TextSource
) -> None:
    """A block the worker does not know of (put in past it, as a page script could) makes the page refuse
    the next patch; the pane then resets it, and it shows exactly the article."""
    show(qtbot, pane, source, "Første.\n\nAndet.\n")
    keys = run_js(qtbot, pane, "Array.from(document.querySelectorAll('.md-block')).map(b => b.dataset.key)")
    assert isinstance(keys, list) and len(keys) == 2
    run_js(
        qtbot,
        pane,
        f"window.articleEditor.setBlocks({json.dumps([*keys, 'fremmed'])}, {{fremmed: '<p>X</p>'}})",
    )
    show(qtbot, pane, source, "Første.\n\nÆndret.\n")
    qtbot.waitUntil(
        lambda: (
            run_js(qtbot, pane, "document.getElementById('article-body').innerText.trim()")
            == "Første.\n\nÆndret."
        ),
        timeout=TIMEOUT_MS,
    )
    assert run_js(qtbot, pane, "document.querySelectorAll('.md-block').length") == 2
