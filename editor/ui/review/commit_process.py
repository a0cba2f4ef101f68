"""`git commit` run as a terminal runs it, with the repository's hooks, config and signing, never blocking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from editor.site.git_status import Repository

__all__ = ["CommitProcess"]


class CommitProcess(QObject):
    """Runs one commit at a time; `finished` carries whether git committed and everything git and its hooks
    printed, standard output and error interleaved as a terminal shows them."""

    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None

    def running(self) -> bool:
        """Whether a commit is under way."""
        return self._process is not None

    def start(self, repository: Repository, message: str, paths: list[Path]) -> None:
        """Commit exactly `paths` (staged already) with `message`, read by git from standard input."""
        if self._process is not None:
            return
        command = repository.commit_command(paths)
        process = QProcess(self)
        process.setWorkingDirectory(str(repository.root))
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        process.start(command[0], command[1:])
        process.write(message.encode("utf-8"))
        process.closeWriteChannel()

    def _on_finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        output = bytes(process.readAll().data()).decode("utf-8", errors="replace")
        process.deleteLater()
        self.finished.emit(exit_status == QProcess.ExitStatus.NormalExit and exit_code == 0, output)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error is not QProcess.ProcessError.FailedToStart or self._process is None:
            return
        process, self._process = self._process, None
        process.deleteLater()
        self.finished.emit(False, self.tr("Could not run git: {0}").format(process.errorString()))
