"""The list of the article's problems; activating one takes the writer to its line or its field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.article.validation import Problem, Severity
from editor.ui.article.form_fields import SEVERITY_ICONS
from editor.ui.core_texts import problem_message


class ProblemsPanel(QWidget):
    """Problems as rows of severity, line and message, most severe first within each line."""

    problem_activated = Signal(object)  # Problem
    count_changed = Signal(int, int)  # errors, warnings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("Line"), self.tr("Problem"), self.tr("Rule")])
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._problems: list[Problem] = []
        self._icons: dict[Severity, QIcon] = {}

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Replace the list with `problems`."""
        self._problems = list(problems)
        self.tree.clear()
        if not self._icons:
            # Made once: every new QIcon paints into the pixmap cache under a key of its own, so icons made
            # at each validation kept filling it (the soak benchmark saw ~2 KB per call).
            self._icons = {
                severity: self.style().standardIcon(pixmap) for severity, pixmap in SEVERITY_ICONS.items()
            }
        icons = self._icons
        for problem in self._problems:
            where = problem.field if problem.field and problem.line <= 1 else str(problem.line)
            message = problem_message(problem)
            item = QTreeWidgetItem([where, message, problem.rule])
            item.setIcon(0, icons[problem.severity])
            item.setToolTip(1, message)
            self.tree.addTopLevelItem(item)
        errors = sum(problem.severity is Severity.ERROR for problem in self._problems)
        warnings = sum(problem.severity is Severity.WARNING for problem in self._problems)
        self.count_changed.emit(errors, warnings)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:
            self._icons = {}  # the next list takes the new style's icons
        super().changeEvent(event)

    def problems(self) -> list[Problem]:
        """The problems shown."""
        return list(self._problems)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self._problems):
            self.problem_activated.emit(self._problems[index])
