"""Find and replace across the site (Ctrl+Shift+F): matches grouped by article with the match
highlighted; Replace All shows every change first, changes open articles in their buffers (one undo
step in each) and the others through the one writer, each undoable from here."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from editor.site.errors import SiteFileError
from editor.site.site_replace import ReplaceRecord, apply_replacements, plan_replacements
from editor.site.site_search import SearchHit, find_in_text, replace_in_text
from editor.ui.core_texts import error_message

if TYPE_CHECKING:
    from editor.ui.workspace.main_window import MainWindow

_PATH_ROLE = Qt.ItemDataRole.UserRole
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1
_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
# Results beyond this are counted, not listed: a tree of 30,000 rows takes seconds to fill.
MAX_LISTED = 2000
_CONTEXT = 60


class HighlightDelegate(QStyledItemDelegate):
    """Paints a result line with its match in bold on a highlight."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        marked = index.data(_HTML_ROLE)
        if not marked:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(marked))
        painter.save()
        painter.translate(option.rect.left(), option.rect.top())
        document.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 8))


def marked_line(hit: SearchHit) -> str:
    """The hit's line around the match, as HTML with the match marked."""
    start = hit.column - 1
    end = start + hit.length
    before = hit.text[max(0, start - _CONTEXT) : start]
    after = hit.text[end : end + _CONTEXT]
    return (
        ("…" if start > _CONTEXT else "")
        + html.escape(before)
        + f"<b style='background:#ffe066'>{html.escape(hit.text[start:end])}</b>"
        + html.escape(after)
        + ("…" if end + _CONTEXT < len(hit.text) else "")
    )


class SiteSearchDialog(QDialog):
    """The site search of one window; `result_activated` opens an article at a line."""

    result_activated = Signal(Path, int, int)  # file, line, column

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("siteSearch")
        self.setWindowTitle(self.tr("Find in Site"))
        self._window = window
        self._hits: list[SearchHit] = []
        self._query = ""
        self.record: ReplaceRecord | None = None
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText(self.tr("Text to find (any case)"))
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setDefault(True)
        self.replace_all_button = QPushButton(self.tr("Replace &All…"), self)
        self.undo_button = QPushButton(self.tr("&Undo Replace"), self)
        self.undo_button.setEnabled(False)
        self.summary = QLabel(self)
        self.results = QTreeWidget(self)
        self.results.setObjectName("siteSearchResults")
        self.results.setHeaderLabels([self.tr("Article / line"), self.tr("Match")])
        self.results.setColumnWidth(0, 300)
        self.results.setItemDelegateForColumn(1, HighlightDelegate(self.results))
        layout = QGridLayout(self)
        layout.addWidget(QLabel(self.tr("Find:"), self), 0, 0)
        layout.addWidget(self.find_field, 0, 1)
        layout.addWidget(self.search_button, 0, 2)
        layout.addWidget(QLabel(self.tr("Replace:"), self), 1, 0)
        layout.addWidget(self.replace_field, 1, 1)
        layout.addWidget(self.replace_all_button, 1, 2)
        layout.addWidget(self.summary, 2, 0, 1, 2)
        layout.addWidget(self.undo_button, 2, 2)
        layout.addWidget(self.results, 3, 0, 1, 3)
        self.resize(900, 600)
        self.search_button.clicked.connect(self.search)
        self.find_field.returnPressed.connect(self.search)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.undo_button.clicked.connect(self.undo_replace)
        self.results.itemActivated.connect(self._on_activated)
        self.results.itemDoubleClicked.connect(self._on_activated)

    # ---- searching ---------------------------------------------------------------------------------

    def search(self) -> list[SearchHit]:
        """Search every article for the find field's text: the index for closed articles, the buffers for
        open ones (whose edits may not be saved)."""
        workspace = self._window.workspace
        self._query = self.find_field.text()
        self.results.clear()
        if workspace is None or not self._query.strip():
            self._hits = []
            self.summary.setText(self.tr("Open a site folder to search its articles."))
            return []
        hits = [hit for hit in workspace.index.search(self._query) if self._open_view(hit.path) is None]
        for view in self._window.views():
            if view.session.path is not None and workspace.site.is_article(view.session.path):
                relative = workspace.index._relative(view.session.path)
                hits.extend(find_in_text(relative, view.session.text(), self._query))
        hits.sort(key=lambda hit: (hit.path, hit.line, hit.column))
        self._hits = hits
        self._fill(hits, workspace.site.root)
        return hits

    def _fill(self, hits: list[SearchHit], root: Path) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for hit in hits[:MAX_LISTED]:
            group = groups.get(hit.path)
            if group is None:
                group = QTreeWidgetItem([hit.path, ""])
                group.setData(0, _PATH_ROLE, str(root / hit.path))
                group.setData(0, _LINE_ROLE, (1, 1))
                group.setExpanded(True)
                self.results.addTopLevelItem(group)
                groups[hit.path] = group
            item = QTreeWidgetItem([self.tr("line {0}").format(hit.line), hit.text])
            item.setData(1, _HTML_ROLE, marked_line(hit))
            item.setData(0, _PATH_ROLE, str(root / hit.path))
            item.setData(0, _LINE_ROLE, (hit.line, hit.column))
            group.addChild(item)
        for group in groups.values():
            group.setExpanded(True)
            group.setText(1, self.tr("{0} matches").format(group.childCount()))
        articles = len({hit.path for hit in hits})
        shown = "" if len(hits) <= MAX_LISTED else self.tr(" (the first {0} listed)").format(MAX_LISTED)
        self.summary.setText(self.tr("{0} matches in {1} articles").format(len(hits), articles) + shown)

    def _open_view(self, relative: str) -> object:
        workspace = self._window.workspace
        return None if workspace is None else self._window.tab_of(workspace.site.root / relative)

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        path = item.data(0, _PATH_ROLE)
        line, column = item.data(0, _LINE_ROLE) or (1, 1)
        if path:
            self.result_activated.emit(Path(str(path)), int(line), int(column))

    # ---- replacing ---------------------------------------------------------------------------------

    def replace_all(self, *, confirm: bool = True) -> bool:
        """Replace every match, after showing each change; returns whether anything was replaced."""
        workspace = self._window.workspace
        hits = self.search()
        if workspace is None or not hits:
            return False
        replacement = self.replace_field.text()
        changes = "\n".join(
            f"{hit.path}:{hit.line}: {hit.text.strip()[:80]}\n    → "
            f"{replace_in_text(hit.text, self._query, replacement)[0].strip()[:80]}"
            for hit in hits
        )
        if confirm:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Replace All"),
                self.tr(
                    "Replace {0} matches in {1} articles with “{2}”? Show Details lists every change."
                ).format(len(hits), len({hit.path for hit in hits}), replacement),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setDetailedText(changes)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
        closed = [hit for hit in hits if self._open_view(hit.path) is None]
        for view in self._window.views():
            if view.session.path is None or not workspace.site.is_article(view.session.path):
                continue
            text, count = replace_in_text(view.session.text(), self._query, replacement)
            if count:
                view.session.replace_all(text)  # one undo step in that tab; saved when the writer saves
        planned = plan_replacements(workspace.site.root, closed, self._query, replacement)
        self.record, failed = apply_replacements(planned)
        workspace.update([item.article.path for item in planned])
        self.undo_button.setEnabled(bool(self.record.after))
        if failed:
            QMessageBox.warning(
                self,
                self.tr("Some articles were not changed"),
                "\n".join(f"{path.name}: {message}" for path, message in failed),
            )
        self.search()
        return True

    def undo_replace(self) -> None:
        """Put back the text of every article the last Replace All wrote (open ones: Undo in their tab)."""
        if self.record is None or self._window.workspace is None:
            return
        problems = []
        paths = list(self.record.after)
        for path in paths:
            try:
                self.record.undo(path)
            except SiteFileError as error:  # one article's failure must not stop the others
                problems.append(f"{path.name}: {error_message(error)}")
        self._window.workspace.update(paths)
        self.undo_button.setEnabled(bool(self.record.after))
        if problems:
            QMessageBox.warning(self, self.tr("Some articles were not put back"), "\n".join(problems))
        self.search()
