"""The article's headings as a tree: a click goes to the heading, the caret's heading is marked, and an
empty heading (a problem the checks also report) stands out."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from editor.render.outline import Heading

LINE_ROLE = Qt.ItemDataRole.UserRole


class OutlinePanel(QTreeWidget):
    """Shows headings; emits the line of the one clicked."""

    heading_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.headings: list[Heading] = []
        self._items: list[QTreeWidgetItem] = []
        self._current: QTreeWidgetItem | None = None
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)

    def show_headings(self, headings: list[Heading]) -> None:
        """Rebuild the tree: each heading goes under the nearest heading above it of a lower level."""
        if headings == self.headings:
            return
        self.headings = headings
        self.clear()
        self._items = []
        self._current = None
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for heading in headings:
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([heading.title or self.tr("(empty heading)")])
            item.setData(0, LINE_ROLE, heading.line)
            item.setToolTip(0, self.tr("Line {0}").format(heading.line))
            if not heading.title:
                item.setForeground(0, QBrush(QColor("#c0392b")))
                item.setToolTip(0, self.tr("Line {0}: a heading without text").format(heading.line))
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            parents.append((heading.level, item))
            self._items.append(item)
        self.expandAll()

    def mark_line(self, line: int) -> None:
        """Mark the heading the caret on `line` is under (the last one at or above it)."""
        index = -1
        for position, heading in enumerate(self.headings):
            if heading.line > line:
                break
            index = position
        current = self._items[index] if index >= 0 else None
        if current is self._current:
            return
        for item, bold in ((self._current, False), (current, True)):
            if item is not None:
                font = QFont(item.font(0))
                font.setBold(bold)
                item.setFont(0, font)
        self._current = current
        if current is not None:
            self.scrollToItem(current)

    def current_heading(self) -> str | None:
        """The text of the marked heading (for tests and the accessibility name)."""
        return self._current.text(0) if self._current is not None else None

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.heading_activated.emit(int(item.data(0, LINE_ROLE)))


class OutlineUpdater(QObject):
    """Asks the worker for the headings a moment after typing stops, and only while the outline shows."""

    def __init__(self, panel: OutlinePanel, text: object, outline: object, parent: QObject) -> None:
        super().__init__(parent)
        self.panel = panel
        self._text = text
        self._outline = outline
        self._revision = 0
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self.update_now)

    def schedule(self) -> None:
        self._revision += 1
        self._timer.start()

    def update_now(self) -> None:
        if not self.panel.isVisible():
            return
        revision = self._revision
        text = self._text()  # type: ignore[operator]

        def shown(headings: list[object]) -> None:
            if shiboken6.isValid(self) and shiboken6.isValid(self.panel) and revision == self._revision:
                self.panel.show_headings([h for h in headings if isinstance(h, Heading)])

        self._outline(text, shown)  # type: ignore[operator]
