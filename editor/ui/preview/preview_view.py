"""The preview's web view: QtWebEngine is imported here, so the editor loads it only when the preview starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.ui.article.source_editor import image_paths


class PreviewView(QWebEngineView):
    """The web view, except that image files dropped on it are reported instead of opened."""

    image_files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        # QWebEngineView draws through a child widget created with the first page; drops land on it.
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch drag and drop on the view and its children before the page sees them."""
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and watched is self:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                child.installEventFilter(self)
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, (QDragEnterEvent, QDragMoveEvent)
        ):
            if self.image_files(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = self.image_files(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.image_files_dropped.emit(paths)
            else:
                event.ignore()
            return True
        return super().eventFilter(watched, event)

    def image_files(self, mime: QMimeData) -> list[Path]:
        """The local image files in a drag, in order, by the same rule as drops on the source."""
        return image_paths(mime)
