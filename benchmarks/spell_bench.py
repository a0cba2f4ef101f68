"""Spell checking in the real window: how soon an opened article is fully marked, and whether typing in a
1 MB article with spelling on ever stalls the GUI thread."""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import large_article
from benchmarks.harness import ROOT, emit, finish, make_window, run_child, show_and_render, wait_until

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")


EXAMPLE_SITE = ROOT / "resources" / "example-site"
ARTICLE = Path("content") / "blog" / "mr-scanning.md"
INTERVAL_MS = 20
KEYSTROKES = 200
# Typed as words, so the checker has misspellings to find while the writer types.
TYPED = "qzx undersøgelsn "


def child_marked(path: Path, settings_file: Path) -> None:
    """Milliseconds from open_path to the whole article marked: the first article of a fresh window (its
    worker still loading) and a second one."""
    from PySide6.QtTest import QTest

    _app, window = make_window(settings_file)
    window.resize(1400, 900)
    window.show()
    wait_until(lambda: window.preview.started, 20)
    spelling = window.writing_tools.spelling
    results: dict[str, Any] = {}
    for label in ("first", "again"):
        done: list[float] = []
        spelling.marked.connect(lambda complete, done=done: complete and done.append(time.perf_counter()))
        started = time.perf_counter()
        window.open_path(path)
        wait_until(lambda done=done: bool(done), 30)
        results[label] = (done[0] - started) * 1000 if done else None
        results[f"{label}_marks"] = len(spelling.marks)
        QTest.qWait(300)
    emit(results)
    finish(window)


def child_typing(path: Path, settings_file: Path, spelling_on: bool = True) -> None:
    """Type into a long article with spelling on (or off, for comparison); the GUI thread's longest pause,
    and the marks' delay."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    _app, window = make_window(settings_file)
    show_and_render(window, path)
    spelling = window.writing_tools.spelling
    wait_until(lambda: bool(spelling.marks), 60)
    window.writing_tools.spell_action.setChecked(spelling_on)
    cursor = window.editor.textCursor()
    cursor.setPosition(len(window.editor.toPlainText()) // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    QTest.qWait(1500)
    typed = (TYPED * KEYSTROKES)[:KEYSTROKES]
    ticks: list[float] = []
    pressed: list[float] = []
    completes: list[float] = []
    spelling.marked.connect(lambda complete: complete and completes.append(time.perf_counter()))
    loop = QEventLoop()

    def type_next() -> None:
        if len(pressed) == len(typed):
            typing.stop()
            QTimer.singleShot(8000, loop.quit)
            return
        pressed.append(time.perf_counter())
        QTest.keyClicks(window.editor, typed[len(pressed) - 1])

    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typing = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=INTERVAL_MS)
    typing.timeout.connect(type_next)
    probe.start()
    typing.start()
    loop.exec()
    probe.stop()
    lateness = sorted(max(0.0, b - a - 0.001) for a, b in itertools.pairwise(ticks))
    after = [moment for moment in completes if moment > pressed[-1]]
    emit(
        {
            "stall_max": lateness[-1] * 1000,
            "stall_p99": lateness[round(0.99 * (len(lateness) - 1))] * 1000,
            "marked_after_last_key": (after[0] - pressed[-1]) * 1000 if after else None,
            "marks": len(spelling.marks),
        }
    )
    finish(window)


def main() -> bool:
    """Print the table; False when a figure misses its target."""
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(EXAMPLE_SITE, site)
        settings = Path(folder) / "settings.ini"
        big = site / ARTICLE.parent / "long.md"
        big.write_text(large_article(1_000_000), encoding="utf-8")
        marked = run_child("benchmarks.spell_bench", ["marked", str(site / ARTICLE), str(settings)], 240)[1]
        typing = run_child("benchmarks.spell_bench", ["typing", str(big), str(settings)], 240)[1]
        without = run_child("benchmarks.spell_bench", ["typing-off", str(big), str(settings)], 240)[1]
    rows = [
        ("6 KB fully marked after opening, fresh window", marked["first"], 300),
        ("6 KB fully marked after opening, again", marked["again"], 300),
        ("1 MB typing with spelling: GUI stall max", typing["stall_max"], 16),
        ("1 MB typing with spelling: GUI stall p99", typing["stall_p99"], None),
        ("1 MB typing, spelling off: GUI stall max", without["stall_max"], None),
        ("1 MB typing, spelling off: GUI stall p99", without["stall_p99"], None),
        ("1 MB marks complete after the last keystroke", typing["marked_after_last_key"], None),
    ]
    print(f"{'measure':<52} {'ms':>9}  target")
    for name, value, limit in rows:
        shown = "—" if value is None else f"{value:9.1f}"
        verdict = "" if limit is None else ("ok" if value is not None and value <= limit else "MISSED")
        ok = ok and verdict != "MISSED"
        print(f"{name:<52} {shown:>9}  {'' if limit is None else f'≤ {limit} ms {verdict}'}")
    print(f"(marks: 6 KB {marked['first_marks']}, 1 MB {typing['marks']})")
    return ok


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        mode, path, settings = options.child[0], Path(options.child[1]), Path(options.child[2])
        if mode == "marked":
            child_marked(path, settings)
        else:
            child_typing(path, settings, spelling_on=mode == "typing")
    else:
        sys.exit(0 if main() else 1)
