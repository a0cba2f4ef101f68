"""Typing any text into a widget as a person would: keys for what a Latin keyboard has, the input method
for the rest (an emoji picker or IME commits 😀 or a combining accent as one string; QTest.keyClicks
aborts on characters beyond Latin-1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` into `widget`: Latin-1 characters as key presses, others through the input method."""
    run = ""
    for char in text:
        # QTest has keys for printable Latin-1 only: it aborts the process on C1 controls such as U+0085.
        if (0x20 <= ord(char) < 0x7F or 0xA0 <= ord(char) <= 0xFF) and char not in "\r\n\t":
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent()
        event.setCommitString(char)
        QCoreApplication.sendEvent(widget, event)
    if run:
        qtbot.keyClicks(widget, run)
