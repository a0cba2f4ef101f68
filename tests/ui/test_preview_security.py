"""The preview against a hostile article, end to end: nothing of the article runs, nothing leaves the machine,
files outside the site stay unread and no click navigates the preview.

Every remote URL in the hostile article points at a real HTTP server on 127.0.0.1 run by the test, so a
request that got past every defence would be counted there, not just missing from the interceptor's list.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.render.flavours import Flavour
from editor.render.sanitize import GFM_FILTERED_TAGS
from editor.resource_files import resource_path
from editor.site.config import SiteConfig, load_site
from editor.site.markdown_flavour import SiteFlavour
from editor.ui.preview.preview_pane import PreviewPane
from editor.ui.preview.preview_security import EXTERNAL_SCHEMES
from tests.conftest import EXAMPLE_SITE
from tests.ui.test_preview_pane import (
    TIMEOUT_MS,
    TextSource,
    UrlCatcher,
    delete_now,
    run_js,
    show,
    wait_for_images,
)

pytestmark = pytest.mark.gui

LOCAL_IMAGE = "mrscanning_konsekvenser_intro.png"
# Everything the page may load that is not a file: the shell (setHtml), inline images, Qt resources.
LOCAL_SCHEMES = {"file", "data", "qrc", "about"}
# Records what the page's Content-Security-Policy refused, so a test can wait until a vector was tried.
WATCH_VIOLATIONS = """(() => {
  if (window.__violations !== undefined) {
    window.__violations.length = 0;
    return true;
  }
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', event => {
    window.__violations.push(event.effectiveDirective + ' ' + event.blockedURI);
  });
  window.__marker = 'page not reloaded';
  return true;
})()"""


class CountingServer:
    """An HTTP server on 127.0.0.1 that records every request it gets: none may arrive."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        # Connections too: a preconnect or prefetch would open one without sending a request.
        self.connections: list[tuple[str, int]] = []
        hits, connections = self.hits, self.connections

        class Server(ThreadingHTTPServer):
            def verify_request(self, request: object, client_address: object) -> bool:
                connections.append(client_address)  # type: ignore[arg-type]
                return True

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<script>window.__pwned = 'served'</script>")

            do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture(scope="module")
def server() -> Iterator[CountingServer]:
    counting = CountingServer()
    yield counting
    counting.close()


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside the site holding an image the preview must not read."""
    folder = tmp_path_factory.mktemp("outside")
    shutil.copy(EXAMPLE_SITE / "public" / "images" / "blog" / LOCAL_IMAGE, folder / "secret.png")
    return folder


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory, outside: Path) -> Path:
    """The example site, with a secret image at its root and two symlinks in its image folder.

    The rule (the site layer's url_to_path and the interceptor agree): a symlink inside the public folder
    is followed only where it stays inside it; one pointing anywhere else is not shown.
    """
    root = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(EXAMPLE_SITE, root)
    images = root / "public" / "images" / "blog"
    shutil.copy(images / LOCAL_IMAGE, root / "secret.png")
    (images / "escape.png").symlink_to(outside / "secret.png")
    (images / "inside.png").symlink_to(images / LOCAL_IMAGE)
    return root


@pytest.fixture(scope="module", params=list(Flavour), ids=str)
def site(site_root: Path, request: pytest.FixtureRequest) -> SiteConfig:
    """The site, rendering with each flavour in turn: the defences must hold for both."""
    return dataclasses.replace(load_site(site_root), markdown=SiteFlavour(request.param, "test"))


@pytest.fixture(scope="module")
def article_path(site_root: Path) -> Path:
    return site_root / "content" / "blog" / "hostile.md"


@pytest.fixture(scope="module")
def source() -> TextSource:
    return TextSource("")


@pytest.fixture(scope="module")
def pane(
    qapp: QApplication, site: SiteConfig, article_path: Path, source: TextSource
) -> Iterator[PreviewPane]:
    pane = PreviewPane()
    pane.resize(800, 600)
    pane.show()
    pane.set_text_provider(source)
    pane.set_site(site, article_path)
    yield pane
    pane.shut_down()
    delete_now(pane)


def hostile_article(remote: str, outside: Path) -> str:
    """Every way we know for an article to run script, fetch something or leave the site folder."""
    host = remote.removeprefix("http:")
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' onload='parent.__pwned=1'><script>parent.__pwned=2</script>"
        f"<image href='{remote}/svg-image.png' width='9' height='9'/></svg>"
    )
    return f"""---
title: Hostile <img src=x onerror="window.__pwned = 'title'">
previewImage: {remote}/preview-image.png
---

<script>window.__pwned = 'script'; document.title = 'pwned'</script>

<img src=x onerror="window.__pwned = 'img onerror'">

<svg onload="window.__pwned = 'svg onload'"><circle r="5"/></svg>

<p><a id="js-link" href="javascript:window.__pwned = 'javascript link'">js link</a>
<a id="entity-link" href="jav&#x61;script:window.__pwned = 'entity link'">entity link</a>
<a id="tab-link" href="java&#x09;script:window.__pwned = 'tab link'">tab link</a>
<a id="data-link" href="data:text/html,<script>alert(1)</script>">data link</a>
<a id="file-link" href="file:///etc/passwd">file link</a>
<a id="blob-link" href="blob:file:///x">blob link</a></p>

<iframe src="{remote}/iframe" onload="window.__pwned = 'iframe'"></iframe>

<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>

<object data="{remote}/object.swf"></object>

<embed src="{remote}/embed.swf">

<meta http-equiv="refresh" content="0; url={remote}/refresh">

<base href="{remote}/base/">

<img id="remote-img" src="{remote}/img.png">

![markdown remote]({remote}/markdown.png)

<div id="inline-style" style="background: url({remote}/inline-style.png)">inline style</div>

<style>@import url({remote}/import.css); body {{ background: url({remote}/style.png) }}</style>

<link rel="stylesheet" href="{remote}/sheet.css">

<form action="{remote}/form" method="post"><button id="send">send</button></form>

<img srcset="{remote}/srcset.png 2x" src="/images/blog/{LOCAL_IMAGE}">

<video poster="{remote}/poster.png" src="{remote}/video.mp4" autoplay></video>

<audio src="{remote}/audio.mp3" autoplay></audio>

![data svg](data:image/svg+xml,{svg.replace(" ", "%20")})

![blob](blob:file:///x)

<img src="{host}/protocol-relative.png">

![protocol relative]({host}/protocol-relative-markdown.png)

![passwd](file:///etc/passwd)

[passwd link](file:///etc/passwd)

![up to the site root](../../secret.png)

![out of the site](../../../../{outside.name}/secret.png)

![symlink out](/images/blog/escape.png)

![symlink in](/images/blog/inside.png)

![climbing site URL](/images/../../secret.png)

<!--><img src=x onerror="window.__pwned = 'comment trick'">-->

<!-- --><script>window.__pwned = 'after a comment'</script><!-- -->

<!--[if IE]><script>window.__pwned = 'conditional comment'</script><![endif]-->

<div class="raw">
<p>Raw block <img src="{remote}/raw.png" onerror="window.__pwned = 'raw'"></p>
<script>window.__pwned = 'raw script'</script>
</div>

![local](/images/blog/{LOCAL_IMAGE})

[external]({remote}/link)
"""


def allowed_roots(site: SiteConfig, article_path: Path) -> list[Path]:
    """The only folders the preview may read: the site's public and article folders, our resources."""
    folders = [
        site.public_dir,
        site.image_dir,
        article_path.parent,
        resource_path("css"),
        resource_path("preview"),
    ]
    return [Path(os.path.realpath(folder)) for folder in folders]


def assert_nothing_got_out(
    pane: PreviewPane, server: CountingServer, site: SiteConfig, article_path: Path
) -> None:
    """Nothing reached the server, and every request the page was allowed was for a local file we allow."""
    assert server.hits == []
    assert server.connections == []
    roots = allowed_roots(site, article_path)
    for url in pane.interceptor.allowed_requests:
        assert url.scheme() in LOCAL_SCHEMES, url
        if url.scheme() == "file":
            assert url.host() == ""
            path = Path(os.path.realpath(url.toLocalFile()))
            assert any(path.is_relative_to(root) for root in roots), url
    for url in pane.interceptor.blocked_requests:
        assert url not in pane.interceptor.allowed_requests


def assert_no_canary(qtbot, pane: PreviewPane) -> None:
    assert run_js(qtbot, pane, "typeof window.__pwned") == "undefined"
    assert run_js(qtbot, pane, "document.title") == ""


def handlers_would_have_fired(qtbot, pane: PreviewPane) -> None:
    """Wait until an image error handler set by the test itself has run.

    The page's own script may set handlers; an article's may not. That this one ran shows error events
    were dispatched, so an article handler had its chance before the canary is read.
    """
    run_js(
        qtbot,
        pane,
        "(() => { const image = new Image(); image.onerror = () => { window.__control = 'fired'; };"
        " image.src = 'missing-control.png'; document.body.append(image); return true; })()",
    )
    qtbot.waitUntil(lambda: run_js(qtbot, pane, "window.__control") == "fired", timeout=TIMEOUT_MS)
    wait_for_images(qtbot, pane)


def test_the_hostile_article_runs_nothing_and_fetches_only_site_files(
    qtbot,
    pane: PreviewPane,
    source: TextSource,
    server: CountingServer,
    outside: Path,
    site: SiteConfig,
    article_path: Path,
) -> None:
    show(qtbot, pane, source, "Plain article\n")
    assert run_js(qtbot, pane, WATCH_VIOLATIONS) is True
    show(qtbot, pane, source, hostile_article(server.url, outside))
    wait_for_images(qtbot, pane)
    handlers_would_have_fired(qtbot, pane)

    # The page got as far as fetching what it wanted: the site's image, also through a symlink within it.
    loaded = run_js(
        qtbot,
        pane,
        "Array.from(document.images).filter(image => image.naturalWidth > 0).map(image => image.src)",
    )
    assert isinstance(loaded, list)
    image_url = (site.image_dir / LOCAL_IMAGE).absolute().as_uri()
    assert image_url in loaded
    assert (site.image_dir / "inside.png").absolute().as_uri() in loaded
    # An SVG shown as an image runs none of its script: data: images are allowed.
    for url in loaded:
        assert url.startswith((site.public_dir.absolute().as_uri() + "/", "data:image/")), url

    assert_no_canary(qtbot, pane)
    assert_nothing_got_out(pane, server, site, article_path)

    # What loads, runs or navigates is gone from the page, not merely inert.
    dangerous = (
        "script, iframe, object, embed, meta, base, link, style, svg, video, audio, form, button, "
        "[onerror], [onload], [srcset], [style*='url'], [srcdoc]"
    )
    article = "Array.from(document.querySelectorAll('#article-header, #article-body'))"
    found = run_js(
        qtbot,
        pane,
        f"{article}.flatMap(part => Array.from(part.querySelectorAll({json.dumps(dangerous)})).map(e => e.outerHTML))",
    )
    assert found == []
    # Only the page's own script and the CSP meta are outside the article.
    assert run_js(qtbot, pane, "document.querySelectorAll('script').length") == 1
    assert run_js(qtbot, pane, "document.querySelectorAll('meta[http-equiv]').length") == 1
    hrefs = run_js(
        qtbot,
        pane,
        f"{article}.flatMap(part => Array.from(part.querySelectorAll('[href]'))).map(a => a.getAttribute('href'))",
    )
    assert isinstance(hrefs, list)
    assert sorted(hrefs) == [f"{server.url}/link"]
    for link_id in ("js-link", "entity-link", "tab-link", "data-link", "file-link", "blob-link"):
        assert run_js(qtbot, pane, f"document.getElementById('{link_id}').hasAttribute('href')") is False

    # The meta refresh and base element never came into the page: it is where it was, read from where it was.
    assert run_js(qtbot, pane, "location.href") == QUrl.fromLocalFile(str(site.public_dir) + "/").toString()
    assert (
        run_js(qtbot, pane, "document.baseURI") == QUrl.fromLocalFile(str(site.public_dir) + "/").toString()
    )
    assert run_js(qtbot, pane, "window.__marker") == "page not reloaded"
    assert run_js(qtbot, pane, "window.__violations") == []

    # The author sees what was left out, and which images were refused and why.
    text = run_js(qtbot, pane, "document.body.innerText")
    assert isinstance(text, str)
    # CommonMark + GFM writes the tag-filter tags as text, as GitHub does; the rest is left out with a note.
    as_text = GFM_FILTERED_TAGS if site.markdown.flavour is Flavour.COMMONMARK else frozenset()
    for tag in ("script", "iframe", "object", "meta", "base", "form", "video", "audio", "svg"):
        assert (f"<{tag}" if tag in as_text else f"<{tag}> is not shown in the preview") in text
    assert f"Remote image not loaded: {server.url}/markdown.png" in text
    if site.markdown.flavour is Flavour.COMMONMARK:
        # markdown-it, as every CommonMark renderer that validates links, makes no image of a file: URL.
        assert "![passwd](file:///etc/passwd)" in text
    else:
        assert "Image not shown: file:///etc/passwd" in text
    assert "Missing image: /images/blog/escape.png" in text
    assert "Missing image: /images/../../secret.png" in text


def inject(qtbot, pane: PreviewPane, html: str) -> None:
    """Put `html` into the page as one more block, the way a render does, but past the sanitiser."""
    keys = run_js(qtbot, pane, "Array.from(document.querySelectorAll('.md-block')).map(b => b.dataset.key)")
    assert isinstance(keys, list)
    blocks = json.dumps([*keys, "injected"])
    run_js(qtbot, pane, f"window.articleEditor.setBlocks({blocks}, {{injected: {json.dumps(html)}}})")


def test_the_page_alone_refuses_hostile_html_a_sanitiser_bug_would_let_in(
    qtbot,
    pane: PreviewPane,
    source: TextSource,
    server: CountingServer,
    outside: Path,
    site: SiteConfig,
    site_root: Path,
    article_path: Path,
) -> None:
    """The same vectors put into the page through the patching API the render uses, unsanitised."""
    show(qtbot, pane, source, "Plain article\n")
    assert run_js(qtbot, pane, WATCH_VIOLATIONS) is True
    remote = server.url
    public = site.public_dir.absolute().as_uri()
    injected = f"""
<script>window.__pwned = 'script'; document.title = 'pwned'</script>
<img id="onerror" src="nowhere.png" onerror="window.__pwned = 'img onerror'">
<svg onload="window.__pwned = 'svg onload'"><circle r="5"/></svg>
<iframe src="{remote}/iframe"></iframe>
<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>
<iframe src="data:text/html,<script>parent.__pwned = 'data frame'</script>"></iframe>
<object data="{remote}/object.swf"></object>
<embed src="{remote}/embed.swf">
<base href="{remote}/base/">
<img id="after-base" src="images/blog/{LOCAL_IMAGE}">
<img id="remote" src="{remote}/img.png">
<img id="protocol-relative" src="{remote.removeprefix("http:")}/protocol-relative.png">
<img id="file-host" src="//example.com/share/unc.png">
<img id="srcset" srcset="{remote}/srcset.png 2x">
<div id="inline-style" style="background: url({remote}/inline-style.png)">inline style</div>
<style>@import url({remote}/import.css); #inline-style {{ background: url({remote}/style.png) }}</style>
<link rel="stylesheet" href="{remote}/sheet.css">
<video poster="{remote}/poster.png" src="{remote}/video.mp4" autoplay></video>
<audio src="{remote}/audio.mp3" autoplay></audio>
<img id="passwd" src="file:///etc/passwd">
<img id="site-root" src="{public}/../secret.png">
<img id="outside" src="{(outside / "secret.png").as_uri()}">
<img id="symlink-out" src="{public}/images/blog/escape.png">
<img id="symlink-in" src="{public}/images/blog/inside.png">
<form id="form" action="{remote}/form" method="post"><button id="send">send</button></form>
"""
    inject(qtbot, pane, injected)
    # A script element made by script, as a sanitiser that let "javascript:" through would make one run.
    run_js(
        qtbot,
        pane,
        "(() => { const script = document.createElement('script');"
        " script.textContent = \"window.__pwned = 'created script'\"; document.body.append(script); return 1; })()",
    )
    run_js(qtbot, pane, "document.getElementById('send').click()")
    wait_for_images(qtbot, pane)
    handlers_would_have_fired(qtbot, pane)
    assert_no_canary(qtbot, pane)
    # The files outside the allowed folders reached the interceptor (the CSP allows file:) and stopped there.
    for path in ("/etc/passwd", str(site_root / "secret.png"), str(outside / "secret.png")):
        qtbot.waitUntil(
            lambda path=path: QUrl.fromLocalFile(path) in pane.blocked_requests, timeout=TIMEOUT_MS
        )
    # A protocol-relative URL on a file: page names a file on another host (a network share on Windows).
    qtbot.waitUntil(
        lambda: QUrl("file://example.com/share/unc.png") in pane.blocked_requests, timeout=TIMEOUT_MS
    )

    def violations() -> list[str]:
        found = run_js(qtbot, pane, "window.__violations")
        assert isinstance(found, list)
        return found

    # Each remote vector was tried and refused by the page's Content-Security-Policy.
    refused_by_policy = {
        "script-src-elem inline",  # the created script
        "script-src-attr inline",  # onerror, onload
        "frame-src ",  # srcdoc and data: frames
        f"frame-src {remote}",
        f"object-src {remote}",
        f"base-uri {remote}/base/",
        f"img-src {remote}/img.png",
        f"img-src {remote}/srcset.png",
        f"img-src {remote}/inline-style.png",
        f"img-src {remote}/poster.png",
        f"style-src-elem {remote}/import.css",
        f"style-src-elem {remote}/sheet.css",
        f"media-src {remote}/video.mp4",
        f"media-src {remote}/audio.mp3",
        f"form-action {remote}/form",
    }
    qtbot.waitUntil(lambda: refused_by_policy <= set(violations()), timeout=TIMEOUT_MS)

    assert_no_canary(qtbot, pane)
    assert_nothing_got_out(pane, server, site, article_path)
    images = (
        "passwd",
        "site-root",
        "outside",
        "symlink-out",
        "remote",
        "protocol-relative",
        "file-host",
        "srcset",
    )
    for image in images:
        assert run_js(qtbot, pane, f"document.getElementById('{image}').naturalWidth") == 0, image
    assert run_js(qtbot, pane, "document.getElementById('symlink-in').naturalWidth") > 0
    # <base href> was refused: relative URLs still resolve against the site's public folder.
    assert (
        run_js(qtbot, pane, "document.baseURI") == QUrl.fromLocalFile(str(site.public_dir) + "/").toString()
    )
    assert run_js(qtbot, pane, "document.getElementById('after-base').naturalWidth") > 0
    assert run_js(qtbot, pane, "window.__marker") == "page not reloaded"


def test_meta_refresh_and_base_neither_redirect_nor_rebase(
    qtbot, pane: PreviewPane, source: TextSource, server: CountingServer, site: SiteConfig, article_path: Path
) -> None:
    show(qtbot, pane, source, "Plain article\n")
    assert run_js(qtbot, pane, WATCH_VIOLATIONS) is True
    shell_url = run_js(qtbot, pane, "location.href")
    refresh = QUrl(f"{server.url}/refresh")
    inject(
        qtbot,
        pane,
        f'<meta http-equiv="refresh" content="0; url={refresh.toString()}">'
        f'<base href="{server.url}/base/"><img id="relative" src="images/blog/{LOCAL_IMAGE}">',
    )
    qtbot.waitUntil(lambda: refresh in pane.page.refused_navigations, timeout=TIMEOUT_MS)
    wait_for_images(qtbot, pane)
    assert run_js(qtbot, pane, "location.href") == shell_url
    assert run_js(qtbot, pane, "document.baseURI") == shell_url
    assert run_js(qtbot, pane, "document.getElementById('relative').naturalWidth") > 0
    assert run_js(qtbot, pane, "window.__marker") == "page not reloaded"
    assert_nothing_got_out(pane, server, site, article_path)


LINKS = {
    # id: (href, how the click is seen)
    "https": ("https://example.com/page", "browser"),
    "http": ("{remote}/clicked", "browser"),
    "mailto": ("mailto:someone@example.com", "browser"),
    "javascript": ("javascript:window.__pwned = 'clicked'", "csp"),
    "entity": ("jav&#x61;script:window.__pwned = 'entity clicked'", "csp"),
    "file": ("file:///etc/passwd", "refused"),
    "relative": ("other-article.html", "refused"),
    "climbing": ("../../secret.png", "refused"),
    "protocol-relative": ("//example.com/x", "refused"),
    # Chromium drops these before asking the page (a top-level data: navigation; an external program
    # without a user gesture): nothing to wait for, so a later click shows that they were handled.
    "data": ("data:text/html,<script>alert(1)</script>", "ignored"),
}


def link_blocks(remote: str, suffix: str) -> str:
    """One paragraph per link, ids ending in `suffix`; raw HTML, as a sanitiser bug would let it in."""
    paragraphs = [
        f'<p><a id="{name}{suffix}" href="{href.format(remote=remote)}">{name} link</a></p>'
        for name, (href, _seen) in LINKS.items()
    ]
    paragraphs.append(f'<p><a id="anchor{suffix}" href="#target{suffix}">anchor link</a></p>')
    return "\n".join(paragraphs)


class Clicks:
    """Clicks links in the preview, by script or by mouse, and waits until each click was dealt with."""

    def __init__(self, qtbot, pane: PreviewPane) -> None:
        self.qtbot = qtbot
        self.pane = pane
        # Stands in for the system browser and mail program.
        self.opened = UrlCatcher()
        self.shell_url = run_js(qtbot, pane, "location.href.split('#')[0]")

    def __enter__(self) -> Clicks:
        for scheme in EXTERNAL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self.opened, "open")
        return self

    def __exit__(self, *_exception: object) -> None:
        for scheme in EXTERNAL_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)

    def with_script(self, element_id: str) -> None:
        run_js(self.qtbot, self.pane, f"document.getElementById('{element_id}').click()")

    def with_mouse(
        self,
        element_id: str,
        button: Qt.MouseButton = Qt.MouseButton.LeftButton,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        centre = run_js(
            self.qtbot,
            self.pane,
            f"(() => {{ const link = document.getElementById('{element_id}'); link.scrollIntoView();"
            " const box = link.getBoundingClientRect(); return [box.x + box.width / 2, box.y + box.height / 2]; })()",
        )
        assert isinstance(centre, list)
        target = self.pane.view.focusProxy()
        assert target is not None
        QTest.mouseClick(target, button, modifier, QPoint(*map(round, centre)))

    def violation_count(self) -> int:
        count = run_js(self.qtbot, self.pane, "window.__violations.length")
        assert isinstance(count, int)
        return count

    def check(self, click: Callable[[str], None], element_id: str, seen: str, then: str) -> None:
        """Click `element_id` and wait until it was `seen`: "browser" (handed to the system browser),
        "csp" (a javascript: URL the CSP refused), "refused" (a navigation the page refused), or "ignored"
        (dropped before the page is asked: a plain click on `then`, which the page refuses, follows it, and
        only that one may reach the page).
        In every case the page stays where it was.
        """
        href = run_js(self.qtbot, self.pane, f"document.getElementById('{element_id}').href")
        assert isinstance(href, str)
        opened, refused = self.opened.urls, self.pane.page.refused_navigations
        opened_before, refused_before, violations = len(opened), len(refused), self.violation_count()
        click(element_id)
        if seen == "browser":
            self.qtbot.waitUntil(lambda: len(opened) > opened_before, timeout=TIMEOUT_MS)
            assert opened[opened_before:] == [QUrl(href)]
        elif seen == "csp":
            self.qtbot.waitUntil(lambda: self.violation_count() > violations, timeout=TIMEOUT_MS)
            assert run_js(self.qtbot, self.pane, "window.__violations.at(-1)") == "script-src-elem inline"
        else:
            refused_id = element_id
            if seen == "ignored":
                # A plain click by the same means, so it is handled after the one before.
                (self.with_script if click == self.with_script else self.with_mouse)(then)
                refused_id = then
            self.qtbot.waitUntil(lambda: len(refused) > refused_before, timeout=TIMEOUT_MS)
            refused_url = run_js(self.qtbot, self.pane, f"document.getElementById('{refused_id}').href")
            assert isinstance(refused_url, str)
            # A late duplicate of the plain click (seen on a loaded machine) is harmless; any other URL is not.
            assert {url.toString() for url in refused[refused_before:]} == {refused_url}, element_id
        assert len(opened) == opened_before + (seen == "browser"), element_id
        # The page stays where it is; only a jump within it changes the hash.
        assert run_js(self.qtbot, self.pane, "location.href.split('#')[0]") == self.shell_url, element_id

    def check_anchor(self, click: Callable[[str], None], element_id: str, target_id: str) -> None:
        """Click a link to `#target_id` and wait until the page has jumped there, without reloading."""
        click(element_id)
        self.qtbot.waitUntil(
            lambda: run_js(self.qtbot, self.pane, "location.hash") == f"#{target_id}", timeout=TIMEOUT_MS
        )
        assert run_js(self.qtbot, self.pane, "location.href") == f"{self.shell_url}#{target_id}"


def test_link_clicks_never_navigate_the_preview(
    qtbot, pane: PreviewPane, source: TextSource, server: CountingServer, site: SiteConfig, article_path: Path
) -> None:
    """Raw links, as a sanitiser bug would let them in, clicked by script and with the mouse."""
    show(qtbot, pane, source, "Plain article\n")
    assert run_js(qtbot, pane, WATCH_VIOLATIONS) is True
    targets = "".join(
        f'<h2 id="target{suffix}">Target</h2><p style="height: 900px"></p>' for suffix in ("-js", "-mouse")
    )
    inject(qtbot, pane, link_blocks(server.url, "-js") + link_blocks(server.url, "-mouse") + targets)
    with Clicks(qtbot, pane) as clicks:
        for suffix, click in (("-mouse", clicks.with_mouse), ("-js", clicks.with_script)):
            for name, (_href, seen) in LINKS.items():
                # Chromium opens an external program only for a user's click, not a script's.
                if name == "mailto" and click == clicks.with_script:
                    seen = "ignored"
                clicks.check(click, name + suffix, seen, then="relative" + suffix)
            clicks.check_anchor(click, "anchor" + suffix, "target" + suffix)
        # Links asked for in a new window (Ctrl, Shift or middle click) get none, and no navigation.
        for button, modifier in (
            (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier),
            (Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier),
            (Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier),
        ):
            for name in ("https", "http", "file", "relative"):
                clicks.check(
                    lambda element_id, b=button, m=modifier: clicks.with_mouse(element_id, b, m),
                    name + "-mouse",
                    "ignored",
                    then="relative-mouse",
                )
        assert [url.toString() for url in clicks.opened.urls] == [
            "https://example.com/page",
            f"{server.url}/clicked",
            "mailto:someone@example.com",
            "https://example.com/page",
            f"{server.url}/clicked",
        ]
    assert run_js(qtbot, pane, "window.__marker") == "page not reloaded"
    assert_no_canary(qtbot, pane)
    assert_nothing_got_out(pane, server, site, article_path)


def test_clicks_on_the_sanitised_article_links(
    qtbot, pane: PreviewPane, source: TextSource, server: CountingServer, site: SiteConfig, article_path: Path
) -> None:
    """The article's own links after the sanitiser: the same rules, and script links lose their target."""
    article = (
        '<a id="normal" href="https://example.com/normal">normal</a>\n\n'
        '<a id="script" href="javascript:window.__pwned = \'sanitised click\'">script</a>\n\n'
        '<a id="file" href="file:///etc/passwd">file</a>\n\n'
        '<a id="relative" href="other-article.md">relative</a>\n\n'
        '<a id="anchor" href="#target">anchor</a>\n\n'
        '<p style="height: 900px"></p>\n\n'
        '<h2 id="target">Target</h2>\n\n'
        '<p style="height: 900px"></p>\n'
    )
    show(qtbot, pane, source, article)
    assert run_js(qtbot, pane, WATCH_VIOLATIONS) is True
    with Clicks(qtbot, pane) as clicks:
        for click in (clicks.with_mouse, clicks.with_script):
            clicks.check(click, "script", "ignored", then="relative")
            clicks.check(click, "file", "ignored", then="relative")
            clicks.check(click, "relative", "refused", then="relative")
            clicks.check(click, "normal", "browser", then="relative")
            clicks.check_anchor(click, "anchor", "target")
    assert run_js(qtbot, pane, "window.__violations") == []
    assert run_js(qtbot, pane, "window.__marker") == "page not reloaded"
    assert_no_canary(qtbot, pane)
    assert_nothing_got_out(pane, server, site, article_path)
