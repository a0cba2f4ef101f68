"""Answering the window's modal dialogs the way a user would: find the open dialog, fill it in, press a button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget


def when_dialog_opens(answer: Callable[[QDialog], None], attempts: int = 200) -> None:
    """Call `answer` with the next modal dialog once it is shown (polled from the event loop)."""

    def poll(remaining: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            answer(dialog)
        elif remaining > 0:
            QTimer.singleShot(10, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def type_and_accept(text: str) -> Callable[[QDialog], None]:
    """An answer for a QInputDialog: type `text` and press OK."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog)
        dialog.setTextValue(text)
        dialog.accept()

    return answer


def press(
    button: QMessageBox.StandardButton, seen: list[str] | None = None, labels: list[str] | None = None
) -> Callable[[QDialog], None]:
    """An answer for a QMessageBox: remember its text in `seen` and its buttons' words in `labels`, then
    press `button`."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        if seen is not None:
            seen.append(dialog.text())
        if labels is not None:
            labels.extend(choice.text().replace("&", "") for choice in dialog.buttons())
        target: QWidget | None = dialog.button(button)
        assert target is not None, f"no {button} button"
        target.click()

    return answer
