"""The preview's web view: QtWebEngine is imported here, so the editor loads it only when the preview starts."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.ui.article.source_editor import image_paths


def draw_pages_in_software() -> bool:
    """Let Qt Quick, which QWebEngineView draws through, paint into the window like any widget.

    By default the view draws with OpenGL, and a window that holds one must have an OpenGL surface: Qt
    destroys the main window and maps a new one when the view is added after the first paint, and the
    screen shows black in between (0.4-0.9 s under Xvfb). Making the surface OpenGL from the start
    instead delays the first paint by about 0.6 s (QT_WIDGETS_RHI=1, llvmpipe). In software, Chromium
    composites an article page on the CPU, and Qt Quick needs no GL context (process tree 58 MB smaller).

    Asked through QT_QUICK_BACKEND, not QQuickWindow.setGraphicsApi: the frozen build leaves PySide6's
    QtQuick module out (packaging/article-editor.spec). Qt Quick reads the variable once, when it first
    picks its backend; the view removes it once its first page has loaded (see PreviewView), so programs
    the editor opens do not inherit it. A QT_QUICK_BACKEND the user set wins. Returns whether it was set.
    """
    if "QT_QUICK_BACKEND" in os.environ:
        return False
    os.environ["QT_QUICK_BACKEND"] = "software"
    return True


class PreviewView(QWebEngineView):
    """The web view, except that image files dropped on it are reported instead of opened."""

    image_files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        chosen = draw_pages_in_software()
        super().__init__(parent)
        if chosen:
            # By then Qt Quick has drawn the page, so it has picked its backend for good.
            self.loadFinished.connect(self._forget_backend_choice)
        self.setAcceptDrops(True)
        # QWebEngineView draws through a child widget created with the first page; drops land on it.
        self.installEventFilter(self)

    def _forget_backend_choice(self) -> None:
        if os.environ.get("QT_QUICK_BACKEND") == "software":
            del os.environ["QT_QUICK_BACKEND"]
        self.loadFinished.disconnect(self._forget_backend_choice)

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
