"""The date fields' calendar: a Today button, today marked, and weekday names that fit in every language."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QFont, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QToolButton, QWidget


class TodayCalendar(QCalendarWidget):
    """A calendar whose navigation bar ends with "Today" and whose today is bold and underlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        self.setGridVisible(False)
        # The week numbers take a column the day names need: in Danish "man", "tir" were cut to "m…".
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.today_button = QToolButton(self)
        self.today_button.setObjectName("today")
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Pick today's date"))
        self.today_button.setAutoRaise(True)
        self.today_button.clicked.connect(self.pick_today)
        navigation = self.findChild(QWidget, "qt_calendar_navigationbar")
        layout = navigation.layout() if navigation is not None else None
        if isinstance(layout, QHBoxLayout):
            layout.addWidget(self.today_button)
        self._fit_day_names()
        self.mark_today()

    def _fit_day_names(self) -> None:
        locale = QLocale()
        metrics = self.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(locale.dayName(day, QLocale.FormatType.ShortFormat))
            for day in range(1, 8)
        )
        self.setMinimumWidth(
            max(self.minimumSizeHint().width(), 7 * (widest + metrics.averageCharWidth() * 2))
        )

    def mark_today(self) -> None:
        """Bold and underline today's date (again after midnight, when the calendar is next shown)."""
        today = QDate.currentDate()
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clears yesterday's mark
        self.setDateTextFormat(today, marked)

    def showEvent(self, event: QShowEvent) -> None:
        """Mark today anew each time the calendar opens."""
        self.mark_today()
        super().showEvent(event)

    def pick_today(self) -> None:
        """Select today and close the popup, as a click on today's date would."""
        today = QDate.currentDate()
        self.setSelectedDate(today)
        self.clicked.emit(today)
        self.activated.emit(today)
