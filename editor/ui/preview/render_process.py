"""The render worker as a child process: requests in through its stdin, replies out of its stdout, read
through Qt's event loop so the GUI thread never waits."""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal

import editor
from editor.ui.preview.render_protocol import WORKER_ARGUMENT, WORKER_MODULE, FrameBuffer, encode_message

# Why a process and not a QThread: Python-Markdown holds the GIL for the whole parse (~470 ms for a
# 1 MB article), so a render thread would still freeze typing. A QProcess running render_worker keeps the
# GIL of this process free, and its pipe is read through Qt's event loop (readyRead), so the GUI thread
# never waits: no polling timer, no reader thread, and Qt reaps the process when it ends. The worker
# keeps the incremental renderer, so each keystroke re-renders only the changed blocks and sends back
# only their HTML.


def worker_command() -> tuple[str, list[str]]:
    """The program and arguments that start a render worker."""
    if getattr(sys, "frozen", False):
        return sys.executable, [WORKER_ARGUMENT]
    return sys.executable, ["-m", WORKER_MODULE]


class RenderProcess(QObject):
    """The render worker process: sends requests, emits the replies, and tells when it dies."""

    replied = Signal(object)  # RenderReply or RenderFailure
    died = Signal(str)  # why, for the banner

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._frames = FrameBuffer()
        self._stopping = False

    @property
    def running(self) -> bool:
        """Whether a worker is started (it may still be starting up; requests wait in Qt's buffer)."""
        return self._process is not None

    def pid(self) -> int:
        """The worker's process id, 0 when there is none."""
        return self._process.processId() if self._process is not None else 0

    def start(self) -> None:
        """Start a fresh worker."""
        self.stop()
        self._stopping = False
        self._frames = FrameBuffer()
        process = QProcess(self)
        program, arguments = worker_command()
        environment = QProcessEnvironment.systemEnvironment()
        # A source checkout that is not installed still finds the editor package.
        package_root = str(Path(editor.__file__).resolve().parent.parent)
        paths = [package_root, environment.value("PYTHONPATH")]
        environment.insert("PYTHONPATH", os.pathsep.join(path for path in paths if path))
        process.setProcessEnvironment(environment)
        # Tracebacks from the worker go where the editor's own go.
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(lambda code, status: self._ended(process, f"exit {code}, {status.name}"))
        process.errorOccurred.connect(lambda error: self._failed(process, error))
        self._process = process
        process.start(program, arguments)

    def send(self, message: object) -> None:
        """Queue `message`; QProcess writes it as the pipe accepts it, so this never blocks."""
        if self._process is not None:
            self._process.write(QByteArray(encode_message(message)))

    def kill(self) -> None:
        """Kill the worker as if it had crashed (for the watchdog, and tests of the restart)."""
        if self._process is not None:
            self._process.kill()

    def stop(self) -> None:
        """End the worker and wait until it is gone, so no process is left behind."""
        process, self._process = self._process, None
        if process is None:
            return
        self._stopping = True
        process.readyReadStandardOutput.disconnect()
        # End of input is the worker's signal to quit; a render in progress is not worth waiting for.
        process.closeWriteChannel()
        if not process.waitForFinished(200):
            process.kill()
            process.waitForFinished(2000)
        process.deleteLater()

    def _read(self) -> None:
        if self._process is None:
            return
        data = bytes(self._process.readAllStandardOutput().data())
        for message in self._frames.feed(data):
            self.replied.emit(message)

    def _failed(self, process: QProcess, error: QProcess.ProcessError) -> None:
        # Crashes also end with finished(); only a start that never happened needs reporting here.
        if error == QProcess.ProcessError.FailedToStart and process is self._process:
            self._process = None
            process.deleteLater()
            self.died.emit(process.errorString())

    def _ended(self, process: QProcess, why: str) -> None:
        # QProcess also reports finished() from its destructor, when the editor quits without stop().
        if process is not self._process or self._stopping or not shiboken6.isValid(process):
            return
        self._process = None
        process.deleteLater()
        self.died.emit(why)


class _Stoppable(Protocol):
    def stop(self) -> None: ...


Shared = TypeVar("Shared", bound=_Stoppable)
_SHARED: dict[object, object] = {}


def one_per_application(make: Callable[[QObject | None], Shared]) -> Shared:
    """The application's one object made by `make` (the owner of a worker process, such as the checks'
    or the spelling's), stopped when the application quits, and also at exit where no event loop ends
    (tests, scripts): a process left running would be killed by QProcess's destructor, with a warning."""
    found = _SHARED.get(make)
    if found is None:
        application = QCoreApplication.instance()
        made = make(application)
        if application is not None:
            application.aboutToQuit.connect(made.stop)
        atexit.register(_stop_if_alive, made)
        _SHARED[make] = found = made
    return found  # type: ignore[return-value]  # made by `make`, so of its type


def _stop_if_alive(shared: _Stoppable) -> None:
    if not isinstance(shared, QObject) or shiboken6.isValid(shared):
        shared.stop()
