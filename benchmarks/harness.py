"""What the window benchmarks share: the window built and shown as the app does it, a wait on Qt's event
loop until something holds, memory figures from /proc, and one measurement per fresh child process."""

from __future__ import annotations

import array
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from editor.ui.workspace.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent


def proc_kb(path: Path, field: str) -> int:
    """The kB figure of `field` ("VmRSS:") in a /proc file such as /proc/self/status; 0 when unreadable."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def process_tree(root: int) -> tuple[list[int], dict[int, int]]:
    """`root` and all its descendants, found through the parent ids in /proc/*/stat, and each one's parent."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    parents = {child: parent for parent, kids in children.items() for child in kids}
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending += children.get(pid, [])
    return found, parents


def _arguments(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def process_kind(pid: int, parents: dict[int, int]) -> str:
    """What a process of the tree is: its program, and Chromium's --type or "render worker"."""
    arguments = _arguments(pid)
    if not arguments:
        return "?"
    name = Path(arguments[0].decode(errors="replace")).name
    kind = next((a.decode() for a in arguments if a.startswith(b"--type=")), "")
    if any(a.startswith(b"editor.ui.preview.render_worker") for a in arguments):
        kind = "render worker"
    elif kind == "--type=zygote" and b"--type=zygote" in _arguments(parents.get(pid, 0)):
        # Renderers are forked from the zygote and keep its command line.
        kind = "renderer"
    return f"{name}{' ' + kind.removeprefix('--type=') if kind else ''}"


def _present_frames(pid: int, frames: set[int]) -> None:
    """Add the physical page frames `pid` has in memory to `frames` (root only: others read zeros)."""
    present, frame_bits = 1 << 63, (1 << 55) - 1
    ranges: list[tuple[int, int]] = []
    try:
        with open(f"/proc/{pid}/smaps") as smaps:
            current: tuple[int, int] | None = None
            for line in smaps:
                if "-" in line.split(" ", 1)[0]:
                    low, high = line.split(" ", 1)[0].split("-")
                    current = (int(low, 16), int(high, 16))
                elif line.startswith("Rss:") and current is not None and line.split()[1] != "0":
                    ranges.append(current)
        with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
            for start, end in ranges:
                pagemap.seek(start // PAGE * 8)
                entries = array.array("Q")
                entries.frombytes(pagemap.read((end - start) // PAGE * 8))
                frames.update(entry & frame_bits for entry in entries if entry & present)
    except (OSError, ValueError):
        pass


def tree_memory(root: int) -> dict[str, Any]:
    """The memory of `root`'s process tree in MB: summed VmRSS (a shared library counts once per process),
    PSS (shared pages split between every process on the machine that maps them), and, as root, the
    distinct pages of the tree ("own": each page once, whoever else maps it, so other programs running
    the same libraries do not lower it); with each process's RSS."""
    pids, parents = process_tree(root)
    rss_kb, pss_kb, parts = 0, 0, []
    frames: set[int] = set()
    for pid in pids:
        rss = proc_kb(Path(f"/proc/{pid}/status"), "VmRSS:")
        rss_kb += rss
        pss_kb += proc_kb(Path(f"/proc/{pid}/smaps_rollup"), "Pss:")
        _present_frames(pid, frames)
        frames.discard(0)  # what a process that may not read frame numbers sees
        parts.append(f"{process_kind(pid, parents)} {rss // 1024}")
    own = len(frames) * PAGE / (1 << 20) if frames else None
    return {
        "rss_mb": rss_kb / 1024,
        "pss_mb": pss_kb / 1024,
        "own_mb": own,
        "processes": len(pids),
        "parts": parts,
    }


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc; elsewhere the peak, which can only grow)."""
    now = proc_kb(Path("/proc/self/status"), "VmRSS:")
    if now:
        return now / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Run the event loop until `condition` holds; False after `timeout` seconds."""
    from PySide6.QtTest import QTest

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        QTest.qWait(5)
    return True


def make_window(settings_file: Path) -> tuple[QCoreApplication, MainWindow]:
    """The application and window the way editor.ui.app.run_app builds them, with private settings."""
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from editor.ui.app import APPLICATION, ORGANIZATION
    from editor.ui.workspace.main_window import MainWindow

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    return app, window


def show_and_render(window: MainWindow, path: Path, timeout: float = 60) -> float:
    """Show the window on `path` and wait for the first render; returns seconds from open to render."""
    rendered: list[float] = []
    window.preview.rendered.connect(lambda: rendered.append(time.perf_counter()))
    window.resize(1400, 900)
    window.show()
    started = time.perf_counter()
    if not window.open_path(path):
        raise RuntimeError(f"cannot open {path}")
    if not wait_until(lambda: bool(rendered), timeout):
        raise RuntimeError("the preview never rendered")
    return rendered[0] - started


# ---- one measurement per fresh process -----------------------------------------------------------------

MARK = "BENCH "  # the prefix of a child's result lines on stdout (Chromium writes its own lines too)


def emit(values: dict[str, Any]) -> None:
    """Report the child's result to the parent (run_child)."""
    print(MARK + json.dumps(values), flush=True)


def finish(window: MainWindow) -> NoReturn:
    """End the child: the worker is stopped; Chromium's helpers end with the process (and the parent kills
    the group)."""
    window.preview.shut_down()
    sys.stdout.flush()
    os._exit(0)


def run_child(module: str, arguments: list[str], timeout: float) -> tuple[float, dict[str, Any]]:
    """Run `python -m module --child arguments...` in a fresh process; the time.time() just before it
    started, and the result it emitted."""
    command = [sys.executable, "-m", module, "--child", *arguments]
    started = time.time()
    # A session of its own, so Chromium's helper processes can be ended with it, by its group id.
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        out, err = "", "timed out"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    lines = [line[len(MARK) :] for line in out.splitlines() if line.startswith(MARK)]
    if not lines:
        tail = "\n".join(err.strip().splitlines()[-8:])
        raise RuntimeError(f"{' '.join(arguments[:1])} gave no result:\n{tail}")
    return started, dict(json.loads(lines[0]))
