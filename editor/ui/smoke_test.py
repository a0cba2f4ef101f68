"""The window's --smoke-test: open an article, wait until the preview shows it, check the page, quit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.ui.workspace.main_window import MainWindow

# The first start of QtWebEngine on a slow machine takes seconds; a minute means it never will.
SMOKE_TEST_TIMEOUT_MS = 60_000

# What the page shows: the header's title and how many blocks of the body it holds (as JSON, which
# comes back through runJavaScript intact where a JavaScript array may not).
_PAGE_STATE = """(() => {
    const title = document.querySelector("#article-header h1");
    const blocks = document.querySelectorAll("#article-body .md-block").length;
    return JSON.stringify([title ? title.textContent : null, blocks]);
})()"""


class PreviewSmokeTest(QObject):
    """Opens `path` in `window` and ends the application: 0 once the preview shows the article, 1 (and a
    one-line reason on stderr) when the article cannot be opened or the preview does not show it in time.

    It proves what a packaged build most easily loses: the resources, the render worker and QtWebEngine.
    """

    def __init__(self, window: MainWindow, path: Path, timeout_ms: int = SMOKE_TEST_TIMEOUT_MS) -> None:
        super().__init__(window)
        self._window = window
        self._path = path
        self._status: int | None = None
        self._dialog_text: str | None = None
        # A render of an earlier state of the window may finish first: each is checked until one matches.
        self._mismatch = "the preview showed nothing"
        self._timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self._timer.timeout.connect(
            lambda: self._finish(1, f"{self._mismatch} within {timeout_ms // 1000} s")
        )

    def run(self, app: QCoreApplication) -> int:
        """Run the application's event loop until the check ends; returns the exit status."""
        self._window.preview.rendered.connect(self._check_page)
        self._timer.start()
        # Opened from inside the event loop, so that a failure can end it.
        QTimer.singleShot(0, self, self._open)
        return int(app.exec())

    def _open(self) -> None:
        # The window says why it cannot open a file in a message box; this timer fires inside the box's
        # own event loop, reads the message and closes the box, and the failure is reported with it.
        QTimer.singleShot(0, self, self._close_message_box)
        if not self._window.open_path(self._path):
            self._finish(1, self._dialog_text or f"could not open {self._path}")

    def _close_message_box(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            self._dialog_text = f"{box.windowTitle()}: {box.text()}".replace("\n", " ")
            box.reject()

    def _check_page(self) -> None:
        if self._status is None:
            self._window.preview.page.runJavaScript(_PAGE_STATE, 0, self._on_page_state)

    def _on_page_state(self, state: object) -> None:
        if self._status is not None:
            return
        front = self._window.session.front_matter
        if front is None:
            self._finish(1, f"the front matter of {self._path} could not be read")
            return
        shown_title, blocks = json.loads(state) if isinstance(state, str) else (None, 0)
        title = front.values().get("title")
        body = front.parts.text[front.parts.body_start :]
        if isinstance(title, str) and shown_title != title:
            self._mismatch = f"the preview showed the title {shown_title!r}, not {title!r},"
        elif body.strip() and not blocks:
            self._mismatch = "the preview showed none of the article's body"
        elif QGuiApplication.windowIcon().pixmap(32, 32).isNull():
            # The SVG icon needs Qt's SVG plugins, which a packaged build must carry.
            self._finish(1, "the application icon could not be drawn")
        else:
            self._finish(0, "")

    def _finish(self, status: int, reason: str) -> None:
        if self._status is not None:
            return
        self._status = status
        self._timer.stop()
        if reason:
            print(f"article-editor: smoke test failed: {reason}", file=sys.stderr)
        self._window.session.document.setModified(False)
        self._window.close()
        QCoreApplication.exit(status)
