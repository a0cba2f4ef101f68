"""The main window is mapped once: the preview, which starts after the first paint, must not make Qt
destroy the window and map a new one (the screen showed black in between). Seen from the X server
itself, on a private Xvfb; offscreen Qt has no native windows to count."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.x11 import Screen

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (apt-get install xvfb)")
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server of its own display number."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_the_window_is_mapped_once_while_the_preview_starts(display: str, example_site: Path) -> None:
    screen = Screen(display)
    article = example_site / "content" / "blog" / "mr-scanning.md"
    environment = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    environment.pop("QT_QUICK_BACKEND", None)
    # The smoke test opens the article and exits 0 once the preview shows it: the web view was added.
    editor = subprocess.Popen(
        [sys.executable, "-m", "editor", "--smoke-test", str(article)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    mapped: list[int] = []
    try:
        deadline = time.monotonic() + 90
        while editor.poll() is None and time.monotonic() < deadline:
            for event in screen.events(0.05):
                # Menus and tooltips are override-redirect; Qt's own helper windows are never mapped.
                if event.kind == "map" and not event.override_redirect:
                    mapped.append(event.window)
        _, errors = editor.communicate(timeout=30)
        mapped += [
            event.window
            for event in screen.events(0.2)
            if event.kind == "map" and not event.override_redirect
        ]
    finally:
        editor.kill()
        screen.close()
    assert editor.returncode == 0, errors[-2000:]
    assert len(mapped) == 1, f"top-level windows mapped: {[hex(window) for window in mapped]}"


GL_DRIVER_CHILD = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor.ui.app import without_opengl_on_x11
from editor.ui.preview.preview_view import PreviewView
restore = without_opengl_on_x11()
app = QApplication(sys.argv[:1])
restore()
assert "QT_XCB_GL_INTEGRATION" not in os.environ, "programs the editor opens would inherit it"
view = PreviewView()
view.loadFinished.connect(lambda ok: app.exit(0 if ok else 3))
view.setHtml("<h1>Overskrift</h1>")
view.show()
QTimer.singleShot(60_000, lambda: app.exit(4))
code = app.exec()
assert "QT_QUICK_BACKEND" not in os.environ, "programs the editor opens would inherit it"
with open("/proc/self/maps") as maps:
    drivers = sorted({line.split("/")[-1].strip() for line in maps if "_dri.so" in line or "libLLVM" in line})
print("GL driver:", drivers)
sys.exit(code or (5 if drivers else 0))
"""


def test_no_gl_driver_is_loaded_with_the_preview(display: str) -> None:
    """A GL context only to name the GPU mapped Mesa's driver (51 MB with llvmpipe) though nothing draws
    with OpenGL; the kernel's map of the process tells."""
    environment = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    for name in ("QT_XCB_GL_INTEGRATION", "QT_QUICK_BACKEND"):
        environment.pop(name, None)
    flags = environment.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    environment["QTWEBENGINE_CHROMIUM_FLAGS"] = flags.replace("--disable-gpu", "").strip()
    result = subprocess.run(
        [sys.executable, "-c", GL_DRIVER_CHILD],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
