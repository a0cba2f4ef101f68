"""The sidebar: the site's articles in a sortable table, with a filter by text, draft, problems and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.article.schema import Schema
from editor.site.site_index import IndexedArticle
from editor.ui.workspace.article_list import (
    ArticleFilter,
    ArticleFilterProxy,
    ArticleListModel,
    Column,
    schema_columns,
)

_NO_DATE = QDate(1900, 1, 1)
HIDDEN_COLUMNS_KEY = "workspace/hiddenColumns"


class ArticleSidebar(QWidget):
    """The article list of one site. `article_activated` names the article the user opened (double click,
    Enter); the header's context menu shows and hides columns, the schema's fields among them."""

    article_activated = Signal(object)  # IndexedArticle

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleSidebar")
        self._settings = settings
        self._widths_set = False
        self.model = ArticleListModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText(self.tr("Filter by title or file…"))
        self.filter_field.setClearButtonEnabled(True)
        self.draft_choice = QComboBox(self)
        self.draft_choice.addItem(self.tr("Drafts and published"), None)
        self.draft_choice.addItem(self.tr("Drafts only"), True)
        self.draft_choice.addItem(self.tr("Published only"), False)
        self.problems_only = QCheckBox(self.tr("With problems"), self)
        self.date_from = self._date_edit(self.tr("From"))
        self.date_to = self._date_edit(self.tr("To"))
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setObjectName("articleTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self._build_layout()
        self.filter_field.textChanged.connect(self._apply_filter)
        self.draft_choice.currentIndexChanged.connect(self._apply_filter)
        self.problems_only.toggled.connect(self._apply_filter)
        self.date_from.dateChanged.connect(self._apply_filter)
        self.date_to.dateChanged.connect(self._apply_filter)
        self.table.activated.connect(self._on_activated)
        self.proxy.rowsInserted.connect(self._show_count)
        self.proxy.rowsRemoved.connect(self._show_count)
        self.proxy.modelReset.connect(self._show_count)
        self.proxy.layoutChanged.connect(self._show_count)

    def _date_edit(self, prefix: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(prefix + " …")  # shown at the minimum: no bound
        edit.setDate(_NO_DATE)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setToolTip(self.tr("Only articles dated from or to this day; the first day clears it"))
        return edit

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_field)
        row = QHBoxLayout()
        row.addWidget(self.draft_choice, 1)
        row.addWidget(self.problems_only)
        layout.addLayout(row)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from, 1)
        dates.addWidget(self.date_to, 1)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    # ---- contents ----------------------------------------------------------------------------------

    def set_schema(self, schema: Schema) -> None:
        """Offer the schema's fields as optional columns (hidden until chosen; title and dates are shown)."""
        hidden = self._hidden_keys()
        for column in schema_columns(schema):
            number = self.model.add_column(column)
            self.table.setColumnHidden(number, column.key in hidden or column.key not in self._shown_keys())

    def add_column(self, column: Column, *, visible: bool = True) -> int:
        """Add a column (another part of the editor's: a git status, say); returns its number."""
        number = self.model.add_column(column)
        self.table.setColumnHidden(number, not visible or column.key in self._hidden_keys())
        return number

    def set_articles(self, articles: list[IndexedArticle]) -> None:
        """Show these articles, keeping the sort, the filter and the selected article."""
        selected = self.selected_article()
        self.model.set_articles(articles)
        if not self._widths_set:
            # Title, date, draft and problems side by side in a sidebar of some 380 pixels.
            self._widths_set = True
            metrics = self.fontMetrics()
            for number, sample in enumerate(("2026-12-31", "Draft", "Problems"), start=1):
                self.table.setColumnWidth(number, metrics.horizontalAdvance(sample) + 16)
            # The title takes what is left, so the four columns fit without scrolling sideways.
            self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if selected is not None:
            self.select(selected.relative)
        self._show_count()

    def selected_article(self) -> IndexedArticle | None:
        """The article selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.article_at(rows[0].row()) if rows else None

    def select(self, relative: str) -> bool:
        """Select the article with this relative path, when the filter shows it."""
        for row in range(self.proxy.rowCount()):
            article = self.proxy.article_at(row)
            if article is not None and article.relative == relative:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    def shown_articles(self) -> list[IndexedArticle]:
        """The articles the list shows, in its order."""
        found = [self.proxy.article_at(row) for row in range(self.proxy.rowCount())]
        return [article for article in found if article is not None]

    # ---- filter ------------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.proxy.set_article_filter(
            ArticleFilter(
                text=self.filter_field.text().strip(),
                draft=self.draft_choice.currentData(),
                with_problems=self.problems_only.isChecked(),
                date_from=_bound(self.date_from),
                date_to=_bound(self.date_to),
            )
        )
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("{0} of {1} articles").format(self.proxy.rowCount(), self.model.rowCount())
        )

    def _on_activated(self) -> None:
        article = self.selected_article()
        if article is not None:
            self.article_activated.emit(article)

    # ---- columns -----------------------------------------------------------------------------------

    def _shown_keys(self) -> set[str]:
        stored = self._settings.value("workspace/shownColumns", [], type=list)
        return {str(key) for key in stored} if isinstance(stored, list) else set()

    def _hidden_keys(self) -> set[str]:
        stored = self._settings.value(HIDDEN_COLUMNS_KEY, [], type=list)
        return {str(key) for key in stored} if isinstance(stored, list) else set()

    def set_column_visible(self, key: str, visible: bool) -> None:
        """Show or hide the column with `key`; remembered for the next start."""
        self.table.setColumnHidden(self.model.column_number(key), not visible)
        shown = self._shown_keys() | {key} if visible else self._shown_keys() - {key}
        hidden = self._hidden_keys() - {key} if visible else self._hidden_keys() | {key}
        self._settings.setValue("workspace/shownColumns", sorted(shown))
        self._settings.setValue(HIDDEN_COLUMNS_KEY, sorted(hidden))

    def _column_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for number, column in enumerate(self.model.columns):
            if number == 0:
                continue  # the title always shows
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(number))
            action.toggled.connect(lambda on, key=column.key: self.set_column_visible(key, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))


def _bound(edit: QDateEdit) -> dt.date | None:
    date = edit.date()
    return None if date == edit.minimumDate() else dt.date(date.year(), date.month(), date.day())
