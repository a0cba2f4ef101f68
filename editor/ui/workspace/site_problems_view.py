"""The site problems view: every article's problems and the site's own, grouped by file; a click opens
the article at the line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.article.validation import Problem, Severity
from editor.ui.article.form_fields import SEVERITY_ICONS
from editor.ui.core_texts import problem_message

_PATH_ROLE = Qt.ItemDataRole.UserRole
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class SiteProblemsView(QWidget):
    """Problems by file: a file row with its count, a row per problem under it."""

    problem_activated = Signal(Path, int)  # the file, the line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("siteProblems")
        self.tree.setHeaderLabels([self.tr("File / line"), self.tr("Problem"), self.tr("Rule")])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(0, 320)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def show_problems(self, root: Path, problems: list[tuple[str, Problem]]) -> None:
        """Show `problems` (relative path, problem) of the site at `root`."""
        self.tree.clear()
        icons = {severity: self.style().standardIcon(pixmap) for severity, pixmap in SEVERITY_ICONS.items()}
        groups: dict[str, QTreeWidgetItem] = {}
        for relative, problem in problems:
            group = groups.get(relative)
            if group is None:
                group = QTreeWidgetItem([relative, "", ""])
                group.setData(0, _PATH_ROLE, str(root / relative))
                group.setData(0, _LINE_ROLE, 1)
                self.tree.addTopLevelItem(group)
                groups[relative] = group
            item = QTreeWidgetItem([str(problem.line), problem_message(problem), problem.rule])
            item.setIcon(0, icons[problem.severity])
            item.setToolTip(1, problem_message(problem))
            item.setData(0, _PATH_ROLE, str(root / relative))
            item.setData(0, _LINE_ROLE, problem.line)
            group.addChild(item)
        for group in groups.values():
            count = group.childCount()
            group.setText(1, self.tr("1 problem") if count == 1 else self.tr("{0} problems").format(count))
        errors = sum(problem.severity is Severity.ERROR for _path, problem in problems)
        warnings = sum(problem.severity is Severity.WARNING for _path, problem in problems)
        self.summary.setText(
            self.tr("{0} files: {1} errors, {2} warnings, {3} notes").format(
                len(groups), errors, warnings, len(problems) - errors - warnings
            )
        )

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, _PATH_ROLE)
        if path:
            self.problem_activated.emit(Path(str(path)), int(item.data(0, _LINE_ROLE) or 1))
