"""What the window benchmarks read from a running process: memory figures from /proc, and a wait on Qt's
event loop until something holds."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path


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
