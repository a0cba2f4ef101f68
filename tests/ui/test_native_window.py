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
