"""The start-up dialog that offers the unsaved buffers of an editor that died: restore or discard each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.ui.article.diff_view import DiffView


@dataclass(frozen=True)
class RecoverableBuffer:
    """What the dialog shows of one buffer: its name, when it was kept, and the two texts to compare."""

    name: str
    saved_at: dt.datetime
    recovered_text: str
    # The article's text on disk now; None for a never-saved article or a file that is gone.
    disk_text: str | None
    # Whether the file on disk is no longer the one the buffer was read from (someone saved it since).
    disk_changed: bool = False


class RecoveryDialog(QDialog):
    """A checkable list of recoverable buffers and, for the selected one, what differs from the disk.

    Accepting restores the checked buffers and discards the others; "Discard All" discards every one;
    closing the dialog decides nothing, and the buffers are offered again at the next start.
    """

    def __init__(self, buffers: list[RecoverableBuffer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buffers = buffers
        self.setWindowTitle(self.tr("Recover Unsaved Changes"))
        intro = QLabel(
            self.tr(
                "The editor was closed without saving these articles. Checked ones open with the recovered "
                "text as unsaved changes (the files on disk stay as they are); unchecked ones are discarded."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for buffer in buffers:
            when = buffer.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            label = self.tr("{0} — kept {1}").format(buffer.name, when)
            if buffer.disk_changed:
                label += " " + self.tr("(the file has changed on disk since)")
            item = QListWidgetItem(label, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.diff = DiffView(self)
        self.list.currentRowChanged.connect(self._show_diff)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([120, 420])

        self.button_box = QDialogButtonBox(self)
        self.restore_button = self.button_box.addButton(
            self.tr("&Restore Checked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_all_button = self.button_box.addButton(
            self.tr("&Discard All"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.later_button = self.button_box.addButton(
            self.tr("Decide &Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.restore_button.setDefault(True)
        self.button_box.clicked.connect(self._on_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.button_box)
        self.resize(900, 640)
        self.list.setCurrentRow(0)

    def restore_flags(self) -> list[bool]:
        """For each buffer, in order, whether it is to be restored (True) or discarded (False)."""
        return [self.list.item(row).checkState() == Qt.CheckState.Checked for row in range(self.list.count())]

    def _on_clicked(self, button: QAbstractButton) -> None:
        if button is self.restore_button:
            self.accept()
        elif button is self.discard_all_button:
            for row in range(self.list.count()):
                self.list.item(row).setCheckState(Qt.CheckState.Unchecked)
            self.accept()
        else:
            self.reject()

    def _show_diff(self, row: int) -> None:
        if not 0 <= row < len(self.buffers):
            return
        buffer = self.buffers[row]
        if buffer.disk_text is None:
            old_label = self.tr("(no file on disk)")
        else:
            old_label = self.tr("{0} on disk").format(buffer.name)
        self.diff.set_texts(
            (buffer.disk_text or "").replace("\r\n", "\n"),
            buffer.recovered_text.replace("\r\n", "\n"),
            old_label,
            self.tr("{0} recovered").format(buffer.name),
        )
