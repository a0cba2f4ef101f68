"""Drags of files as a user makes them: the URLs of local files, and the enter, move and drop events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


def file_urls(*paths: Path) -> QMimeData:
    """What a file manager puts in a drag of `paths`."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drag_events(mime: QMimeData, point: QPointF) -> tuple[QDragEnterEvent, QDragMoveEvent, QDropEvent]:
    """The enter, move and drop events of a copy-drag of `mime` to `point`.

    The events only point at `mime`: keep it referenced for as long as they are used.
    """
    rest = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        enter, move = QDragEnterEvent(point, *rest), QDragMoveEvent(point, *rest)
    except TypeError:  # before Qt 6.12 drag events took whole-pixel points
        enter, move = QDragEnterEvent(point.toPoint(), *rest), QDragMoveEvent(point.toPoint(), *rest)
    return enter, move, QDropEvent(point, *rest)
