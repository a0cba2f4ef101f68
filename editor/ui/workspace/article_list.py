"""The article list's model: one row per indexed article, columns that can be added, and the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from editor.article.schema import Schema
from editor.site.site_index import IndexedArticle

Index = QModelIndex | QPersistentModelIndex
# The role that holds a cell's value for sorting (numbers as numbers, missing values last).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The role that holds the row's IndexedArticle.
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    """One column of the list: its key (also what settings remember), header, shown text and sort value.

    Another part of the editor adds a column with ArticleListModel.add_column (a git status, say): `text`
    and `sort_value` are given the row's article; `sort_value` may return None for "no value" (sorted last).
    """

    key: str
    header: str
    text: Callable[[IndexedArticle], str]
    sort_value: Callable[[IndexedArticle], object]
    tooltip: Callable[[IndexedArticle], str] | None = None


def standard_columns() -> list[Column]:
    """Title, date, draft and problems: the columns every site's list has."""
    return [
        Column(
            "title",
            QCoreApplication.translate("ArticleList", "Title"),
            lambda a: a.title,
            lambda a: a.title.casefold(),
            lambda a: a.relative,
        ),
        Column(
            "date",
            QCoreApplication.translate("ArticleList", "Date"),
            lambda a: a.date or "",
            lambda a: a.date,
        ),
        Column(
            "draft",
            QCoreApplication.translate("ArticleList", "Draft"),
            lambda a: QCoreApplication.translate("ArticleList", "draft") if a.draft else "",
            lambda a: int(a.draft),
        ),
        Column(
            "problems",
            QCoreApplication.translate("ArticleList", "Problems"),
            lambda a: str(a.problems) if a.problems else "",
            lambda a: (a.errors, a.warnings, a.infos),
            lambda a: QCoreApplication.translate("ArticleList", "{0} errors, {1} warnings, {2} notes").format(
                a.errors, a.warnings, a.infos
            ),
        ),
    ]


def field_column(name: str, label: str) -> Column:
    """A column showing the schema field `name` as the article's front matter holds it."""

    def value(article: IndexedArticle) -> object:
        found = article.fields.get(name)
        return found.casefold() if isinstance(found, str) else found

    def text(article: IndexedArticle) -> str:
        found = article.fields.get(name)
        if found is None:
            return ""
        return ", ".join(map(str, found)) if isinstance(found, list) else str(found)

    return Column(f"field:{name}", label, text, value)


def schema_columns(schema: Schema) -> list[Column]:
    """One optional column per schema field."""
    return [field_column(spec.name, spec.label) for spec in schema.fields]


class ArticleListModel(QAbstractTableModel):
    """The indexed articles as rows; the columns are Column objects, so more can be added."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[IndexedArticle] = []
        self._columns: list[Column] = standard_columns()

    @property
    def columns(self) -> list[Column]:
        """The columns, in order."""
        return list(self._columns)

    def add_column(self, column: Column) -> int:
        """Add `column` at the end (or replace the one with its key); returns its number."""
        for number, existing in enumerate(self._columns):
            if existing.key == column.key:
                self._columns[number] = column
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, number, number)
                self._all_changed()
                return number
        self.beginInsertColumns(QModelIndex(), len(self._columns), len(self._columns))
        self._columns.append(column)
        self.endInsertColumns()
        return len(self._columns) - 1

    def column_number(self, key: str) -> int:
        """The number of the column with `key`; ValueError when there is none."""
        for number, column in enumerate(self._columns):
            if column.key == key:
                return number
        raise ValueError(key)

    def set_articles(self, articles: Sequence[IndexedArticle]) -> None:
        """Show these articles (a new list from the index)."""
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def articles(self) -> list[IndexedArticle]:
        """The articles, in the model's (unsorted) order."""
        return list(self._articles)

    def _all_changed(self) -> None:
        if self._articles:
            last = self.index(len(self._articles) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        article = self._articles[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(article)
        if role == SORT_ROLE:
            return column.sort_value(article)
        if role == ARTICLE_ROLE:
            return article
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(article)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key == "problems":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None


@dataclass(frozen=True)
class ArticleFilter:
    """What the list shows: text in the title or path, drafts (None: both), with problems only, dates."""

    text: str = ""
    draft: bool | None = None
    with_problems: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def accepts(self, article: IndexedArticle) -> bool:
        """Whether `article` passes every part of the filter."""
        if self.text:
            needle = self.text.casefold()
            if needle not in article.title.casefold() and needle not in article.relative.casefold():
                return False
        if self.draft is not None and article.draft != self.draft:
            return False
        if self.with_problems and not article.problems:
            return False
        if self.date_from is not None or self.date_to is not None:
            if article.date is None:
                return False
            date = dt.date.fromisoformat(article.date)
            if (self.date_from and date < self.date_from) or (self.date_to and date > self.date_to):
                return False
        return True


class ArticleFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's sort value (missing values last, either way) and filters by ArticleFilter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ArticleFilter()
        self.setSortRole(SORT_ROLE)

    @property
    def article_filter(self) -> ArticleFilter:
        """The filter in force."""
        return self._filter

    def set_article_filter(self, article_filter: ArticleFilter) -> None:
        """Show only the articles `article_filter` accepts."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._filter = article_filter
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._filter = article_filter
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        article = self.sourceModel().index(source_row, 0, source_parent).data(ARTICLE_ROLE)
        return isinstance(article, IndexedArticle) and self._filter.accepts(article)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            # Missing values go last in either order: "less" flips with the order.
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return (a is not None) != descending if (a is None) != (b is None) else False
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def article_at(self, row: int) -> IndexedArticle | None:
        """The article shown in `row`."""
        article = self.index(row, 0).data(ARTICLE_ROLE)
        return article if isinstance(article, IndexedArticle) else None
