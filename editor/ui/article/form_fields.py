"""The pieces of the front-matter form: one small editor widget per field kind, inline problems and rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QImageReader,
    QMouseEvent,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.article.dates import format_date
from editor.article.front_matter import as_json_value
from editor.article.validation import Problem, Severity, field_date
from editor.article.yaml_scalars import value_like
from editor.ui.article.date_calendar import TodayCalendar
from editor.ui.article.document_text import document_text
from editor.ui.article.text_positions import utf16_length
from editor.ui.core_texts import problem_message

# Share images are 1200x630 (the og:image shape), so a tenth of that; taller images may use up to 90 px.
THUMBNAIL_SIZE = QSize(120, 63)
THUMBNAIL_MAX_HEIGHT = 90

ResolveImage = Callable[[str], Path | None]

# Readable on a light and on a dark window: pure amber (#ffbf00) is illegible as text on white.
_LIGHT_COLORS = {Severity.ERROR: "#c62828", Severity.WARNING: "#a45a00", Severity.INFO: "#666666"}
_DARK_COLORS = {Severity.ERROR: "#ff8a80", Severity.WARNING: "#ffc46b", Severity.INFO: "#b0b0b0"}
SEVERITY_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_DATE_TOKENS = {"YYYY": "yyyy", "MM": "MM", "DD": "dd"}


def severity_color(severity: Severity, palette: QPalette) -> QColor:
    """The text colour of a problem of `severity` on a window of `palette`."""
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    return QColor((_DARK_COLORS if dark else _LIGHT_COLORS)[severity])


def qt_date_format(date_format: str) -> str:
    """The QDateEdit display format of a site date format: DD-MM-YYYY -> dd-MM-yyyy."""
    parts: list[str] = []
    position = 0
    for match in re.finditer("YYYY|MM|DD", date_format):
        parts.append(_quoted(date_format[position : match.start()]))
        parts.append(_DATE_TOKENS[match.group(0)])
        position = match.end()
    parts.append(_quoted(date_format[position:]))
    return "".join(parts)


def _quoted(literal: str) -> str:
    # Letters in a separator would be read by Qt as date fields ("d", "M", "y", "t", ...).
    if not re.search(r"[A-Za-z']", literal):
        return literal
    return "'" + literal.replace("'", "''") + "'"


def compact_text(value: object) -> str:
    """A front-matter value as one line: text as it is, YAML spellings for scalars, JSON-like for the rest."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(as_json_value(value), ensure_ascii=False, default=str)


def _show_text(edit: QLineEdit, text: str) -> None:
    """Put `text` in `edit` unless it is there already, keeping the writer's cursor where it was."""
    if edit.text() == text:
        return
    position = edit.cursorPosition()
    edit.setText(text)
    # An unfocused field shows the start of long text, where it is read from; a focused one keeps the caret
    # where the writer left it.
    edit.setCursorPosition(min(position, len(text)) if edit.hasFocus() else 0)


def set_tooltip(widget: QWidget, text: str) -> None:
    """Set a tooltip only when it changes: show_values runs on every keystroke for every field."""
    if widget.toolTip() != text:
        widget.setToolTip(text)


def _look_read_only(widget: QWidget, read_only: bool) -> None:
    """Give a read-only input the window's background so it does not invite typing."""
    if widget.property("readOnlyLook") == read_only:
        return
    widget.setProperty("readOnlyLook", read_only)
    if read_only:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())


def set_text_color(widget: QWidget, color: QColor) -> None:
    """Colour `widget`'s text while it is enabled; disabled, it greys out like the rest of the form."""
    palette = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, color)
    widget.setPalette(palette)


def _small_font(widget: QWidget) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * 0.9)
    return font


class FieldEditor(QWidget):
    """The editor of one field: shows values it is given and emits `edited` only for what the user did."""

    edited = Signal(object)
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        # A value the editor can show but not edit (a map, a multi-line text): only the source can change it.
        self._locked = False
        self._help = ""

    def set_value(self, value: object) -> None:
        """Show `value`; leaves the widget untouched when it already shows it."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Let the user read and select but not change the value (the whole form: TOML front matter)."""
        self._read_only = read_only
        self._update_read_only()

    def _update_read_only(self) -> None:
        read_only = self._read_only or self._locked
        if self._changed("read_only", read_only):
            self._apply_read_only(read_only)

    def _apply_read_only(self, read_only: bool) -> None:
        """Make the inputs read-only or editable again; called only when that changes."""

    def _changed(self, name: str, state: object) -> bool:
        """Whether `state` differs from the one last applied under `name` (and remember it)."""
        key = f"_applied_{name}"
        if getattr(self, key, object()) == state:
            return False
        setattr(self, key, state)
        return True

    def set_help(self, text: str) -> None:
        """The field's help, as tooltip of its inputs."""
        self._help = text
        for widget in self.input_widgets():
            widget.setToolTip(text)

    def input_widgets(self) -> list[QWidget]:
        """The focusable widgets of this editor, in tab order."""
        return []

    def counter(self) -> QLabel | None:
        """A character counter to show under the field, if the field has a length limit."""
        return None

    def _watch_focus(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report focus entering one of this editor's inputs."""
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            # Closing the calendar popup or returning to the window is not the writer moving to a field.
            and event.reason()
            not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
        ):
            self.focused.emit()
        return False


class LineFieldEditor(FieldEditor):
    """A one-line text editor; values it cannot show as one editable line are shown read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_text_edited)
        self._watch_focus(self.line)

    def _text_for(self, value: object) -> str | None:
        """The editable text for `value`, or None when it can only be edited in the source."""
        if value is None:
            return ""
        if isinstance(value, str):
            return None if "\n" in value else value
        return None

    def _value_of(self, text: str) -> object:
        """What the user's text means as a field value."""
        return text

    def _locked_reason(self, value: object) -> str:
        if isinstance(value, str):
            return self.tr("This text spans several lines; edit it in the source.")
        return self.tr("Edit this field in the source.")

    def set_value(self, value: object) -> None:
        """Show `value`, unless the line already says the same."""
        text = self._text_for(value)
        locked = text is None
        if locked:
            _show_text(self.line, compact_text(value).replace("\n", "⏎"))
        elif self._locked or self._value_of(self.line.text()) != self._value_of(text or ""):
            _show_text(self.line, text or "")
        if locked != self._locked:
            self._locked = locked
            self._update_read_only()
        set_tooltip(self.line, self._locked_reason(value) if locked else self._help)

    def _apply_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        _look_read_only(self.line, read_only)

    def input_widgets(self) -> list[QWidget]:
        """The line edit."""
        return [self.line]

    def _on_text_edited(self, text: str) -> None:
        self.edited.emit(self._value_of(text))


class TextFieldEditor(LineFieldEditor):
    """Plain text (titles, alt text): numbers and dates are shown as text, and typing makes them text."""

    def __init__(self, max_length: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self._counter: QLabel | None = None
        if max_length is not None:
            self._counter = QLabel(self)
            self._counter.setObjectName("counter")
            self._counter.setFont(_small_font(self))
            self._counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.line.textChanged.connect(self._update_counter)
            self._update_counter(self.line.text())

    def _text_for(self, value: object) -> str | None:
        if isinstance(value, bool | int | float | dt.date):
            return compact_text(value)
        return super()._text_for(value)

    def counter(self) -> QLabel | None:
        """The "42 / 60" label, when the field has a maximum length."""
        return self._counter

    def _update_counter(self, text: str) -> None:
        if self._counter is None or self.max_length is None:
            return
        over = len(text) > self.max_length
        self._counter.setText(self.tr("{0} / {1}").format(len(text), self.max_length))
        self._counter.setProperty("overLimit", over)
        set_text_color(
            self._counter, severity_color(Severity.WARNING if over else Severity.INFO, self.palette())
        )
        self._counter.setToolTip(
            self.tr("{0} characters over the limit of {1}").format(
                len(text) - self.max_length, self.max_length
            )
            if over
            else self.tr("{0} characters; keep it to {1}").format(len(text), self.max_length)
        )


class OtherFieldEditor(LineFieldEditor):
    """A key the schema does not know: text stays editable, anything else (numbers, maps) is source-only."""


class ListFieldEditor(LineFieldEditor):
    """A list of words as comma-separated text; emits list[str]."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line.setPlaceholderText(self.tr("Separate items with commas"))
        self._items: list[object] | None = None

    def _text_for(self, value: object) -> str | None:
        if isinstance(value, list):
            items = [compact_text(item) for item in value]
            # Items with commas or nested maps would not survive being split on commas again.
            if any(
                isinstance(item, dict | list) or "," in text for item, text in zip(value, items, strict=True)
            ):
                return None
            return ", ".join(items)
        return super()._text_for(value)

    def _locked_reason(self, value: object) -> str:
        if isinstance(value, list):
            return self.tr("An item contains a comma or a nested value; edit this list in the source.")
        return super()._locked_reason(value)

    def _value_of(self, text: str) -> object:
        # Items typed over numbers or booleans stay numbers and booleans (`1, 2` in `[1, 2]`).
        return value_like([item.strip() for item in text.split(",") if item.strip()], self._items)

    def set_value(self, value: object) -> None:
        """Show `value`; its items' types are what typed items take."""
        self._items = value if isinstance(value, list) else None
        super().set_value(value)


class LongTextEditor(FieldEditor):
    """A few lines of text (descriptions)."""

    LINES = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        margins = self.text.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.text.document().documentMargin())
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * self.LINES + frame + 2)
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self.setFocusProxy(self.text)
        self.text.textChanged.connect(self._on_text_changed)
        self._watch_focus(self.text)

    def _current(self) -> str:
        # toPlainText() would turn no-break spaces into spaces, and the value would never compare equal.
        return document_text(self.text.document()).replace("\u2028", "\n")

    def set_value(self, value: object) -> None:
        """Show `value`, unless the editor already holds it."""
        locked = isinstance(value, dict | list)
        text = compact_text(value)
        if text != self._current():
            cursor = self.text.textCursor()
            position = cursor.position()
            self._updating = True
            try:
                self.text.setPlainText(text)
            finally:
                self._updating = False
            cursor = self.text.textCursor()
            cursor.setPosition(min(position, utf16_length(text)) if self.text.hasFocus() else 0)
            self.text.setTextCursor(cursor)
        self._locked = locked
        set_tooltip(self.text, self.tr("Edit this field in the source.") if locked else self._help)
        self._update_read_only()

    def _apply_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)
        _look_read_only(self.text, read_only)

    def input_widgets(self) -> list[QWidget]:
        """The text box."""
        return [self.text]

    def _on_text_changed(self) -> None:
        if not self._updating:
            self.edited.emit(self._current())


class BooleanEditor(FieldEditor):
    """A check box carrying the field's label; emits True or False."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(label, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)
        # clicked, not toggled: only the user's click or space bar is an edit.
        self.box.clicked.connect(self._on_clicked)
        self._watch_focus(self.box)

    def set_value(self, value: object) -> None:
        """Tick for true; a half tick for a value that is neither true nor false."""
        if isinstance(value, bool) or value is None:
            state = Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            tooltip = self._help
        else:
            state = Qt.CheckState.PartiallyChecked
            tooltip = self.tr("Now {0}; tick or untick to make it true or false.").format(compact_text(value))
        if self.box.checkState() != state:
            self.box.setTristate(state == Qt.CheckState.PartiallyChecked)
            self.box.setCheckState(state)
        set_tooltip(self.box, tooltip)

    def _apply_read_only(self, read_only: bool) -> None:
        # A check box cannot be read-only, so it is disabled.
        self.box.setEnabled(not read_only)

    def input_widgets(self) -> list[QWidget]:
        """The check box."""
        return [self.box]

    def _on_clicked(self) -> None:
        self.box.setTristate(False)
        self.edited.emit(self.box.checkState() == Qt.CheckState.Checked)


class _DateEdit(QDateEdit):
    """A date edit that lets the mouse wheel scroll the form unless the writer is in it."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Change the date by wheel only when focused; otherwise scrolling the form would change dates."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class DateEditor(FieldEditor):
    """A date in the site's format: a calendar, a "Set date" button when empty, raw text when not a date."""

    def __init__(self, date_format: str, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_format = date_format
        self._value: object = None
        self._updating = False
        # A map or list in a date field: shown as text, edited only in the source.
        self._raw_locked = False
        self._stack = QStackedWidget(self)
        self._stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.date_edit = _DateEdit(self)
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setCalendarWidget(TodayCalendar(self.date_edit))
        self.date_edit.setDisplayFormat(qt_date_format(date_format))
        self.date_edit.setMinimumDate(QDate(100, 1, 1))
        self.date_edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clear")
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Leave this date empty"))
        self.clear_button.setVisible(optional)
        self._stack.addWidget(self._page(self.date_edit, self.clear_button))

        self.set_button = QPushButton(self.tr("Set date"), self)
        self.set_button.setObjectName("set")
        self.set_button.setToolTip(self.tr("Fill in today's date, then change it as needed"))
        self._stack.addWidget(self._page(self.set_button))

        self.raw_edit = QLineEdit(self)
        self.raw_edit.setObjectName("raw")
        self.pick_button = QToolButton(self)
        self.pick_button.setObjectName("pick")
        self.pick_button.setText(self.tr("Use calendar"))
        self.pick_button.setToolTip(self.tr("Replace this text with a date picked in a calendar"))
        self._stack.addWidget(self._page(self.raw_edit, self.pick_button, stretch=False))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._show_page(1)

        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.clear_button.clicked.connect(self._on_clear)
        self.set_button.clicked.connect(self._on_set)
        self.raw_edit.textEdited.connect(self.edited.emit)
        self.raw_edit.editingFinished.connect(self._on_raw_finished)
        self.pick_button.clicked.connect(self._on_pick)
        self._watch_focus(self.date_edit, self.clear_button, self.set_button, self.raw_edit, self.pick_button)
        self._update_read_only()

    def _page(self, *widgets: QWidget, stretch: bool = True) -> QWidget:
        page = QWidget(self)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in widgets:
            layout.addWidget(widget)
        if stretch:
            layout.addStretch(1)
        return page

    @property
    def mode(self) -> str:
        """What the row shows now: "date", "empty" or "raw"."""
        return ("date", "empty", "raw")[self._stack.currentIndex()]

    def set_value(self, value: object) -> None:
        """Show `value` as a date, as empty, or as the raw text of a value that is not a date."""
        self._value = value
        self._apply(value, keep_raw_while_typing=True)

    def _apply(self, value: object, *, keep_raw_while_typing: bool) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self._show_page(1)
            return
        date = self._date_of(value)
        if date is None:
            _show_text(self.raw_edit, compact_text(value))
            self._raw_locked = isinstance(value, dict | list)
            self._update_read_only()
            self._show_page(2)
            return
        if keep_raw_while_typing and self.mode == "raw" and self.raw_edit.hasFocus():
            # The writer has just typed a valid date; swapping the widget under their fingers would lose
            # the caret. The calendar returns once they leave the text (see _on_raw_finished).
            _show_text(self.raw_edit, compact_text(value))
            return
        self._set_date(date)
        self._show_page(0)

    def _date_of(self, value: object) -> dt.date | None:
        if isinstance(value, dict | list):
            return None
        try:
            return field_date(value, self.date_format)
        except ValueError:
            return None

    def _set_date(self, date: dt.date) -> None:
        current = self.date_edit.date()
        if (current.year(), current.month(), current.day()) == (date.year, date.month, date.day):
            return
        self._updating = True
        try:
            self.date_edit.setDate(QDate(date.year, date.month, date.day))
        finally:
            self._updating = False

    def _show_page(self, index: int) -> None:
        if not self._changed("page", index):
            return
        had_focus = self._has_focus()
        self._stack.setCurrentIndex(index)
        target = (self.date_edit, self.set_button, self.raw_edit)[index]
        self.setFocusProxy(target)
        if had_focus:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.isAncestorOf(focus)

    def _update_read_only(self) -> None:
        # Not the base rule: a map or list in the field locks only its raw text and "Use calendar".
        read_only = self._read_only
        if not self._changed("read_only", (read_only, self._raw_locked)):
            return
        self.date_edit.setReadOnly(read_only)
        _look_read_only(self.date_edit, read_only)
        for button in (self.clear_button, self.set_button, self.pick_button):
            button.setEnabled(not read_only)
        self.pick_button.setEnabled(not (read_only or self._raw_locked))
        self.raw_edit.setReadOnly(read_only or self._raw_locked)
        _look_read_only(self.raw_edit, read_only or self._raw_locked)
        set_tooltip(
            self.raw_edit,
            self.tr("Edit this field in the source.")
            if self._raw_locked
            else self.tr("Not a date in the form {0}; correct the text or use the calendar.").format(
                self.date_format
            ),
        )

    def set_help(self, text: str) -> None:
        """Help as tooltip of the calendar and the empty state; the raw text keeps its own explanation."""
        self._help = text
        self.date_edit.setToolTip(text)

    def input_widgets(self) -> list[QWidget]:
        """Every input of every state; the hidden ones are skipped by Qt's tab chain."""
        return [self.date_edit, self.clear_button, self.set_button, self.raw_edit, self.pick_button]

    def _emit_date(self, date: dt.date) -> None:
        self.edited.emit(format_date(date, self.date_format))

    def _on_date_changed(self, date: QDate) -> None:
        if not self._updating and self.mode == "date":
            self._emit_date(dt.date(date.year(), date.month(), date.day()))

    def _on_clear(self) -> None:
        self._show_page(1)
        self.set_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit(None)

    def _on_set(self) -> None:
        self._start_calendar(dt.date.today())

    def _on_pick(self) -> None:
        # An unquoted 2025-06-01 in a DD-MM-YYYY site was read as that date: offer it rather than today.
        value = self._value
        if isinstance(value, dt.datetime):
            value = value.date()
        self._start_calendar(value if isinstance(value, dt.date) else dt.date.today())

    def _start_calendar(self, date: dt.date) -> None:
        self._set_date(date)
        self._show_page(0)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._emit_date(date)

    def _on_raw_finished(self) -> None:
        if self._read_only or self._raw_locked:
            return
        text = self.raw_edit.text()
        if self._date_of(text) is not None:
            self._apply(text, keep_raw_while_typing=False)


class ImageEditor(FieldEditor):
    """An image URL with its thumbnail and a "Choose…" button; the window does the choosing."""

    choose_requested = Signal()

    def __init__(self, resolve_image: ResolveImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resolve_image = resolve_image
        self._thumbnail_key: tuple[str, Path | None, float] | None = None

        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("thumbnail")
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setObjectName("url")
        self.url.setPlaceholderText(self.tr("/images/… or choose a file"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("choose")
        self.choose_button.setToolTip(self.tr("Pick an image file; it is copied into the site"))

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.choose_button)
        side.addStretch(1)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.setSpacing(8)
        below.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        below.addLayout(side)
        below.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.url)
        layout.addLayout(below)
        self.setFocusProxy(self.url)

        self.url.textEdited.connect(self.edited.emit)
        self.choose_button.clicked.connect(self.choose_requested.emit)
        self._watch_focus(self.url, self.choose_button)
        self._show_thumbnail("")

    def set_value(self, value: object) -> None:
        """Show the URL and the picture it names."""
        locked = not (value is None or (isinstance(value, str) and "\n" not in value))
        url = "" if locked else compact_text(value)
        _show_text(self.url, compact_text(value))
        self._locked = locked
        self._update_read_only()
        set_tooltip(self.url, self.tr("Edit this field in the source.") if locked else self._help)
        self._show_thumbnail(url.strip())

    def _show_thumbnail(self, url: str) -> None:
        path: Path | None = None
        if url:
            try:
                path = self._resolve_image(url)
            except (OSError, ValueError):
                path = None
        try:
            stamp = path.stat().st_mtime if path is not None else 0.0
        except OSError:
            path, stamp = None, 0.0
        key = (url, path, stamp)
        if key == self._thumbnail_key:
            return
        self._thumbnail_key = key
        if not url:
            self._placeholder(self.tr("No image"), Severity.INFO, "")
        elif path is None:
            if "://" in url or url.startswith("data:"):
                self._placeholder(self.tr("Not a file of the site"), Severity.INFO, url)
            else:
                self._placeholder(self.tr("Image not found"), Severity.ERROR, url)
        else:
            pixmap = self._load(path)
            if pixmap is None:
                self._placeholder(self.tr("Cannot show this image"), Severity.ERROR, str(path))
            else:
                self.thumbnail.setStyleSheet("")
                self.thumbnail.setPixmap(pixmap)
                self.thumbnail.setFixedSize(pixmap.deviceIndependentSize().toSize())
                self.thumbnail.setToolTip(str(path))
                self.thumbnail.setAccessibleName(self.tr("Thumbnail of {0}").format(path.name))
                self.thumbnail.setProperty("missing", False)

    def _load(self, path: Path) -> QPixmap | None:
        """The image scaled into the thumbnail box, or None when it cannot be decoded."""
        ratio = self.devicePixelRatioF()
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        box = QSize(THUMBNAIL_SIZE.width(), THUMBNAIL_MAX_HEIGHT) * ratio
        size = reader.size()
        if size.isValid() and size.width() > 4 * box.width() and size.height() > 4 * box.height():
            # Decoding a camera photo whole to show 120 px of it is slow; JPEG can decode at a fraction.
            reader.setScaledSize(size.scaled(box * 2, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            return None
        if image.width() > box.width() or image.height() > box.height():
            image = image.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap

    def _placeholder(self, text: str, severity: Severity, tooltip: str) -> None:
        self.thumbnail.clear()
        self.thumbnail.setText(text)
        self.thumbnail.setFixedSize(THUMBNAIL_SIZE)
        color = severity_color(severity, self.palette()).name()
        self.thumbnail.setStyleSheet(f"QLabel {{ border: 1px dashed {color}; color: {color}; }}")
        self.thumbnail.setToolTip(tooltip)
        self.thumbnail.setAccessibleName(text)
        self.thumbnail.setProperty("missing", True)

    def _apply_read_only(self, read_only: bool) -> None:
        self.url.setReadOnly(read_only)
        _look_read_only(self.url, read_only)
        self.choose_button.setEnabled(not read_only)

    def input_widgets(self) -> list[QWidget]:
        """The URL and the button."""
        return [self.url, self.choose_button]


class ProblemList(QWidget):
    """The problems of one field, each on its own line with an icon, coloured by severity."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[tuple[str, str], ...] = ()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.setVisible(False)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """Show exactly these problems."""
        shown = tuple((str(problem.severity), problem.message) for problem in problems)
        if shown == self._shown:
            # Validation re-runs after every pause in typing; rebuilding identical lines would flicker.
            return
        self._shown = shown
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for problem in problems:
            self._layout.addWidget(self._line(problem))
        self.setVisible(bool(problems))

    def messages(self) -> list[str]:
        """The messages shown, in order."""
        return [message for _, message in self._shown]

    def _line(self, problem: Problem) -> QWidget:
        line = QWidget(self)
        layout = QHBoxLayout(line)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        size = self.fontMetrics().height() - 2
        icon = QLabel(line)
        icon.setPixmap(self.style().standardIcon(SEVERITY_ICONS[problem.severity]).pixmap(size, size))
        icon.setFixedSize(size, size)
        names = {
            Severity.ERROR: self.tr("Error"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("Note"),
        }
        icon.setToolTip(names[problem.severity])
        icon.setAccessibleName(names[problem.severity])
        text = QLabel(problem_message(problem), line)
        text.setObjectName(f"problem-{problem.severity}")
        text.setWordWrap(True)
        text.setFont(_small_font(self))
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(self.tr("{0}: {1}").format(names[problem.severity], text.text()))
        set_text_color(text, severity_color(problem.severity, self.palette()))
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        return line


class _BuddyLabel(QLabel):
    """A field label; clicking it puts the caret in its field, as clicking a label does in a web form."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Focus the buddy."""
        buddy = self.buddy()
        if buddy is not None and buddy.isEnabled():
            buddy.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


class FieldRow(QWidget):
    """One field of the form: label, editor, help and counter line, and the field's problems."""

    def __init__(
        self,
        key: str,
        label: str,
        editor: FieldEditor,
        *,
        required: bool = False,
        help_text: str = "",
        accessible_name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.editor = editor
        self.setObjectName(f"row-{key}")
        editor.setObjectName(f"field-{key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)

        self.label: QLabel | None = None
        if not isinstance(editor, BooleanEditor):
            self.label = _BuddyLabel(f"{label} *" if required else label, self)
            self.label.setObjectName(f"label-{key}")
            self.label.setBuddy(editor)
            self.label.setToolTip(help_text)
            if required:
                font = QFont(self.label.font())
                font.setBold(True)
                self.label.setFont(font)
            layout.addWidget(self.label)
        editor.setParent(self)
        layout.addWidget(editor)
        name = accessible_name or label
        for widget in editor.input_widgets():
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(help_text)
        editor.set_help(help_text)

        self.help = QLabel(help_text, self)
        self.help.setObjectName(f"help-{key}")
        self.help.setWordWrap(True)
        self.help.setFont(_small_font(self))
        set_text_color(self.help, severity_color(Severity.INFO, self.palette()))
        self.help.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        counter = editor.counter()
        if help_text or counter is not None:
            meta = QHBoxLayout()
            meta.setContentsMargins(0, 0, 0, 0)
            meta.setSpacing(8)
            meta.addWidget(self.help, 1)
            if counter is not None:
                counter.setObjectName(f"counter-{key}")
                meta.addWidget(counter, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            layout.addLayout(meta)
        self.help.setVisible(bool(help_text))

        self.problems = ProblemList(self)
        self.problems.setObjectName(f"problems-{key}")
        layout.addWidget(self.problems)
