"""The number box of the front-matter form: a field holding a number stays a number as the writer types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from editor.article.validation import Severity
from editor.article.yaml_scalars import float_literal, number_literal
from editor.ui.article.form_fields import LineFieldEditor, set_tooltip, severity_color


class NumberEditor(LineFieldEditor):
    """A number as YAML writes it (`4`, `1.5`); a comma is taken as the decimal point, as Danish writes it.

    Text that is not yet a number (`-` on the way to `-3`) is not written to the article: the field says so,
    and leaving it puts back the article's value. Emptying it empties the field.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line.setPlaceholderText(self.tr("A number"))
        self.line.editingFinished.connect(self._on_editing_finished)
        self._shown: object = None

    def _text_for(self, value: object) -> str | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            return float_literal(value)
        if value is None or (isinstance(value, str) and "\n" not in value):
            return value or ""
        return None

    def _value_of(self, text: str) -> object:
        typed = text.strip()
        if not typed:
            return None
        number = number_literal(typed)
        if number is None and typed.count(",") == 1 and "." not in typed:
            number = number_literal(typed.replace(",", "."))
        return typed if number is None else number

    def set_value(self, value: object) -> None:
        """Show `value`, unless the box already holds it or a number on the way to it."""
        self._shown = value
        super().set_value(value)
        self._mark(self.line.text())

    def _on_text_edited(self, text: str) -> None:
        value = self._value_of(text)
        self._mark(text)
        if value is None or not isinstance(value, str):
            self.edited.emit(value)

    def _on_editing_finished(self) -> None:
        if isinstance(self._value_of(self.line.text()), str):
            # Not a number: the article still holds its value, so the box shows it again.
            super().set_value(self._shown)
            self._mark(self.line.text())

    def is_number(self) -> bool:
        """Whether the box holds a number (or nothing), which is what the article has."""
        return not isinstance(self._value_of(self.line.text()), str)

    def _mark(self, text: str) -> None:
        invalid = isinstance(self._value_of(text), str) and not isinstance(self._shown, str)
        palette = self.palette()
        color = severity_color(Severity.ERROR, palette) if invalid else palette.color(QPalette.ColorRole.Text)
        line_palette = self.line.palette()
        line_palette.setColor(QPalette.ColorRole.Text, color)
        self.line.setPalette(line_palette)
        set_tooltip(self.line, self.tr("Not a number: write it as 4, -12 or 1.5") if invalid else self._help)
