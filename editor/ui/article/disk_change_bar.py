"""A bar above the source, like a browser's, saying the file changed or vanished and offering what to do."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

__all__ = ["DiskChangeBar"]


class DiskChangeBar(QFrame):
    """Reload / Keep Mine / Show Differences for a changed file; Save As… / Keep Mine for a vanished one.

    A bar rather than a dialog: the news comes from outside, at a moment the writer did not choose, so it
    must not grab the keyboard in the middle of a sentence; it stays until answered.
    """

    reload_requested = Signal()
    keep_requested = Signal()
    differences_requested = Signal()
    save_as_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diskChangeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("&Reload"), self)
        self.differences_button = QPushButton(self.tr("Show &Differences"), self)
        self.save_as_button = QPushButton(self.tr("Save &As…"), self)
        self.keep_button = QPushButton(self.tr("&Keep Mine"), self)
        self.reload_button.clicked.connect(self.reload_requested)
        self.differences_button.clicked.connect(self.differences_requested)
        self.save_as_button.clicked.connect(self.save_as_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(icon)
        layout.addWidget(self.message, 1)
        for button in (self.reload_button, self.differences_button, self.save_as_button, self.keep_button):
            layout.addWidget(button)
        self.hide()

    def show_changed(self, name: str) -> None:
        """Another program changed the file while the writer has edits of their own."""
        self.message.setText(
            self.tr(
                "{0} was changed by another program. Reload it and lose your edits, or keep yours?"
            ).format(name)
        )
        self._show_buttons(reload=True, differences=True, save_as=False)

    def show_reload_failed(self, name: str, reason: str) -> None:
        """The file changed on disk but the new version cannot be read into the editor."""
        self.message.setText(
            self.tr("{0} was changed by another program, and the new version cannot be opened: {1}").format(
                name, reason
            )
        )
        self._show_buttons(reload=True, differences=False, save_as=False)

    def show_missing(self, name: str) -> None:
        """The file was deleted or moved away; the text is only in the editor now."""
        self.message.setText(
            self.tr(
                "{0} was deleted or moved by another program. Your text is kept here; save it to keep it."
            ).format(name)
        )
        self._show_buttons(reload=False, differences=False, save_as=True)

    def _show_buttons(self, *, reload: bool, differences: bool, save_as: bool) -> None:
        self.reload_button.setVisible(reload)
        self.differences_button.setVisible(differences)
        self.save_as_button.setVisible(save_as)
        self.show()
