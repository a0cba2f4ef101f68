"""Validation in a worker process, shared by every open article: checking a 1 MB article is a few
hundred milliseconds of Python (the Markdown lint parses it), which in a thread of the editor would hold
the GIL the GUI thread needs to type. The worker is the preview's render process when there is one (it
checks in a thread of its own), else a process of its own."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from editor.article.validation import Problem, validate_text
from editor.site.article_files import validation_rules
from editor.site.config import SiteConfig
from editor.ui.preview.render_process import RenderProcess, one_per_application
from editor.ui.preview.render_protocol import RenderFailure, ValidationReply, ValidationRequest

Checked = Callable[[list[Problem]], None]
# Below -1, so that a render process's replies to renders (ids from 1) and to messages it could not read
# (-1) are never taken for answers to checks.
_request_ids = itertools.count(-2, -1)


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
        # Its own worker, started only while no render process is lent (see share_worker).
        self._worker = RenderProcess(self)
        self._connect(self._worker)
        self._lent: list[RenderProcess] = []
        # Each check on its way, with the worker it went to.
        self._pending: dict[int, tuple[ValidationRequest, Checked, RenderProcess]] = {}
        self._signals = _ThreadSignals(self)
        self._signals.finished.connect(self._answer)

    def _connect(self, worker: RenderProcess) -> None:
        worker.replied.connect(self._on_reply)
        worker.died.connect(lambda _why: self._on_died(worker))

    def share_worker(self, worker: RenderProcess) -> None:
        """Check in `worker` (a preview's render process) while it runs, rather than in a process more."""
        self._lent.append(worker)
        self._connect(worker)
        worker.destroyed.connect(lambda: self._lent.remove(worker) if worker in self._lent else None)

    def check(self, text: str, site: SiteConfig, path: Path | None, checked: Checked) -> None:
        """Check `text`; `checked` gets its problems on the GUI thread."""
        request = ValidationRequest(next(_request_ids), text, site, path)
        worker = next((lent for lent in self._lent if shiboken6.isValid(lent) and lent.running), None)
        if worker is None:
            worker = self._worker
            if not worker.running:
                worker.start()
        elif self._worker.running:
            # A render process is lent again: the own one ends, and checks it still had are done here.
            self._on_died(self._worker)
            self._worker.stop()
        self._pending[request.request_id] = (request, checked, worker)
        worker.send(request)

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

    def _on_died(self, worker: RenderProcess) -> None:
        for request_id, (_, _, sent_to) in list(self._pending.items()):
            if sent_to is worker:
                self._in_thread(request_id)

    def _in_thread(self, request_id: int) -> None:
        request, _, _ = self._pending[request_id]
        QThreadPool.globalInstance().start(_ThreadCheck(request, self._signals))

    def _answer(self, request_id: int, problems: list[Problem]) -> None:
        pending = self._pending.pop(request_id, None)
        if pending is not None:
            pending[1](problems)


def shared_validation() -> ValidationProcess:
    """The application's one validation process, stopped when the application quits."""
    return one_per_application(ValidationProcess)
