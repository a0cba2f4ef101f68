"""Soak: one window opens, edits and saves an article many times; its memory must stay flat and its
recovery store end empty. `python -m benchmarks.soak [--iterations N]` (or `make soak`)."""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.harness import make_window, rss_mb, show_and_render, wait_until

if TYPE_CHECKING:
    from editor.ui.workspace.main_window import MainWindow

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "resources" / "example-site"
ARTICLE = Path("content/blog/mr-scanning.md")
# Every this many iterations the edit waits for the autosave timer itself; the others call the slot it
# fires, so a thousand rounds take minutes, not a thousand timer intervals.
TIMER_EVERY = 25


@dataclass
class SoakResult:
    """What a soak run left: RSS after chosen iterations, and files that should not be there."""

    iterations: int = 0
    rss_mb: dict[int, float] = field(default_factory=dict)  # after iteration n (0: before the first)
    recovery_files: int = 0
    stray_temp_files: int = 0
    timer_autosaves: int = 0
    seconds: float = 0.0


def files_under(folder: Path) -> int:
    """Files and folders left under `folder` (0 when it does not exist)."""
    return sum(len(dirs) + len(files) for _, dirs, files in os.walk(folder)) if folder.exists() else 0


def soak(
    window: MainWindow,
    article: Path,
    iterations: int,
    *,
    measure_at: tuple[int, ...] = (100,),
    progress: Callable[[str], None] | None = None,
) -> SoakResult:
    """Open `article`, edit its last line and a front-matter field, autosave and save, `iterations` times."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QTextCursor

    result = SoakResult()
    started = time.perf_counter()
    gc.collect()
    result.rss_mb[0] = rss_mb()
    for number in range(1, iterations + 1):
        if not window.open_path(article):
            raise RuntimeError(f"iteration {number}: cannot open {article}")
        # Same length every time, so the file and the document do not grow with the count.
        label = f"Soak {number:05d}"
        window.session.edit_field("metaTitle", label)
        cursor = window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(label)
        if number % TIMER_EVERY == 0:
            if not wait_until(lambda: _autosaved(window), window.autosave_interval() + 5):
                raise RuntimeError(f"iteration {number}: the autosave timer never wrote the buffer")
            result.timer_autosaves += 1
        else:
            window.autosave()
            if not _autosaved(window):
                raise RuntimeError(f"iteration {number}: autosave did not keep the buffer")
        if not window.save():
            raise RuntimeError(f"iteration {number}: the save failed")
        if window.recovery_entry is not None:
            raise RuntimeError(f"iteration {number}: the recovery entry outlived the save")
        QCoreApplication.processEvents()
        # What the running event loop does between events: widgets given up with deleteLater go now.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if number in measure_at or number == iterations:
            gc.collect()
            result.rss_mb[number] = rss_mb()
            if progress is not None:
                progress(f"after {number:5d}: RSS {result.rss_mb[number]:.1f} MB")
    result.iterations = iterations
    result.seconds = time.perf_counter() - started
    result.recovery_files = files_under(window.recovery.folder)
    result.stray_temp_files = len(list(article.parent.glob(f".{article.name}.*.tmp")))
    return result


def _autosaved(window: MainWindow) -> bool:
    entry = window.recovery_entry
    buffer = entry.read() if entry is not None else None
    return buffer is not None and buffer.text() == window.session.text()


def main(argv: list[str] | None = None) -> int:
    """Run the soak on a copy of the example site, with a private data folder; 1 when files leaked."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--iterations", type=int, default=1000)
    arguments = parser.parse_args(argv)

    from editor.ui.app import allow_chromium_as_root

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    allow_chromium_as_root()
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        home = Path(scratch)
        # Backups and the recovery store of this run, not the user's.
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(home / name.lower())
        site = home / "site"
        shutil.copytree(EXAMPLE_SITE, site)
        return _run(site / ARTICLE, home / "settings.ini", arguments.iterations)


def _run(article: Path, settings_file: Path, iterations: int) -> int:
    app, window = make_window(settings_file)
    window.set_autosave_interval(1)
    show_and_render(window, article)  # the preview's page and worker are up before memory is taken
    result = soak(window, article, iterations, measure_at=tuple(range(100, iterations, 100)), progress=print)
    start, end = result.rss_mb[0], result.rss_mb[iterations]
    print(
        f"{iterations} open-edit-autosave-save rounds in {result.seconds:.1f} s "
        f"({result.timer_autosaves} autosaves by the timer, the rest by its slot)"
    )
    print(
        f"RSS at start {start:.1f} MB, after 100 {result.rss_mb.get(100, float('nan')):.1f} MB, at the end {end:.1f} MB"
    )
    print(
        f"recovery store: {result.recovery_files} files left; stray temp files beside the article: {result.stray_temp_files}"
    )
    window.preview.shut_down()
    window.close()
    app.processEvents()
    return 0 if result.recovery_files == 0 and result.stray_temp_files == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
