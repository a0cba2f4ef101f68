"""What the window benchmarks share: the window built and shown as the app does it, a wait on Qt's event
loop until something holds, and memory figures from /proc."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from editor.ui.workspace.main_window import MainWindow


def proc_kb(path: Path, field: str) -> int:
    """The kB figure of `field` ("VmRSS:") in a /proc file such as /proc/self/status; 0 when unreadable."""
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


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
