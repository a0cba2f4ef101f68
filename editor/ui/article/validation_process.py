"""Validation in a process of its own, shared by every open article: checking a 1 MB article is a few
hundred milliseconds of Python (the Markdown lint parses it), which in a thread of the editor would hold
the GIL the GUI thread needs to type."""

from __future__ import annotations

import atexit
import itertools
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from editor.article.validation import Problem, validate_text
from editor.site.article_files import validation_rules
from editor.site.config import SiteConfig
from editor.ui.preview.render_process import RenderProcess
from editor.ui.preview.render_protocol import RenderFailure, ValidationReply, ValidationRequest

Checked = Callable[[list[Problem]], None]
_request_ids = itertools.count(1)


class _ThreadSignals(QObject):
    finished = Signal(object, list)


class _ThreadCheck(QRunnable):
    """The fallback where no worker process runs (it could not start, or died meanwhile)."""

    def __init__(self, request: ValidationRequest, signals: _ThreadSignals) -> None:
        super().__init__()
        self.request = request
        self.signals = signals

    def run(self) -> None:
        problems = validate_text(self.request.text, validation_rules(self.request.site, self.request.path))
        self.signals.finished.emit(self.request.request_id, problems)


class ValidationProcess(QObject):
    """Sends articles to a worker process to be checked and calls back with their problems."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = RenderProcess(self)
        self._worker.replied.connect(self._on_reply)
        self._worker.died.connect(self._on_died)
        self._pending: dict[int, tuple[ValidationRequest, Checked]] = {}
        self._signals = _ThreadSignals(self)
        self._signals.finished.connect(self._answer)

    def check(self, text: str, site: SiteConfig, path: Path | None, checked: Checked) -> None:
        """Check `text`; `checked` gets its problems on the GUI thread."""
        request = ValidationRequest(next(_request_ids), text, site, path)
        self._pending[request.request_id] = (request, checked)
        if not self._worker.running:
            self._worker.start()
        self._worker.send(request)

    def stop(self) -> None:
        """End the worker process; checks still on their way are dropped."""
        self._pending.clear()
        self._worker.stop()

    def _on_reply(self, reply: object) -> None:
        if isinstance(reply, ValidationReply):
            self._answer(reply.request_id, reply.problems)
        elif isinstance(reply, RenderFailure) and reply.request_id in self._pending:
            # A bug in a check: run it here, where its traceback reaches the editor's log.
            self._in_thread(reply.request_id)

    def _on_died(self, _why: str) -> None:
        for request_id in list(self._pending):
            self._in_thread(request_id)

    def _in_thread(self, request_id: int) -> None:
        request, _ = self._pending[request_id]
        QThreadPool.globalInstance().start(_ThreadCheck(request, self._signals))

    def _answer(self, request_id: int, problems: list[Problem]) -> None:
        pending = self._pending.pop(request_id, None)
        if pending is not None:
            pending[1](problems)


_shared: ValidationProcess | None = None


def shared_validation() -> ValidationProcess:
    """The application's one validation process, stopped when the application quits."""
    global _shared
    if _shared is None:
        application = QCoreApplication.instance()
        _shared = ValidationProcess(application)
        if application is not None:
            application.aboutToQuit.connect(_shared.stop)
        # Also where no event loop ends (tests, scripts): a process left running would be killed by
        # QProcess's destructor, with a warning.
        atexit.register(_stop_shared)
    return _shared


def _stop_shared() -> None:
    if _shared is not None and shiboken6.isValid(_shared):
        _shared.stop()
