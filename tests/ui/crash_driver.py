"""A window to kill: opens an article offscreen, types, waits for the autosave, says "ready" and runs on.

Run by tests/ui/test_recovery.py as `python -m tests.ui.crash_driver SETTINGS ARTICLE TEXT`; it inherits the
test's XDG_DATA_HOME, so its recovery store is the one the test then looks in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.ui.workspace.main_window import MainWindow


def main() -> None:
    settings_path, article, typed = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    window = MainWindow(QSettings(settings_path, QSettings.Format.IniFormat))
    window.set_autosave_interval(1)
    window.show()
    if not window.open_path(article):
        sys.exit(2)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(window.editor, typed)

    def report_when_kept() -> None:
        entry = window.recovery_entry
        buffer = entry.read() if entry is not None else None
        if buffer is not None and buffer.text().endswith(typed):
            print("ready", flush=True)
            return
        QTimer.singleShot(50, report_when_kept)

    report_when_kept()
    app.exec()  # until killed


if __name__ == "__main__":
    main()
