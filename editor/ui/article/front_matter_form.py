"""The front-matter form: one editor per schema field, other keys below, problems inline; no file logic."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.article.schema import FieldKind, FieldSpec, Schema
from editor.article.validation import Problem, Severity
from editor.ui.article.form_fields import (
    SEVERITY_ICONS,
    BooleanEditor,
    DateEditor,
    FieldEditor,
    FieldRow,
    ImageEditor,
    ListFieldEditor,
    LongTextEditor,
    OtherFieldEditor,
    TextFieldEditor,
    set_text_color,
    severity_color,
)
from editor.ui.article.markdown_highlighter import mix_colors
from editor.ui.article.number_field_editor import NumberEditor
from editor.ui.core_texts import schema_text

MINIMUM_WIDTH = 300
_ROW_SPACING = 14


class _Banner(QFrame):
    """A coloured strip above the fields: the error that stops the form, or why it is read-only."""

    def __init__(self, severity: Severity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        color = severity_color(severity, palette)
        background = palette.color(QPalette.ColorRole.Window)
        # A light wash of the severity colour: readable text, and clearly not part of the fields.
        palette.setColor(QPalette.ColorRole.Window, mix_colors(background, color, 0.12))
        self.setPalette(palette)
        size = self.fontMetrics().height()
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(SEVERITY_ICONS[severity]).pixmap(size, size))
        icon.setFixedSize(size, size)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setVisible(False)
        self._shown: tuple[str | None, str] = (None, "")
        text_palette = self.text.palette()
        text_palette.setColor(QPalette.ColorRole.WindowText, color)
        self.text.setPalette(text_palette)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.text)
        column.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(column, 1)
        self.setVisible(False)

    def show_message(self, text: str | None, detail: str = "") -> None:
        """Show `text` (and a quieter `detail` line), or hide the banner for None."""
        if (text, detail) == self._shown:
            return
        self._shown = (text, detail)
        self.setVisible(text is not None)
        self.text.setText(text or "")
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


def _other_kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "other"


def _other_editor(kind: str, key: str) -> FieldEditor:
    """The editor of a key the schema does not know, for the kind of value it holds."""
    if kind == "boolean":
        return BooleanEditor(key)
    if kind == "number":
        return NumberEditor()
    return OtherFieldEditor()


class FrontMatterForm(QWidget):
    """Shows an article's front-matter values as a form and reports the user's edits as `field_edited`.

    The form never reads or writes the article: the window gives it values (`show_values`) and problems
    (`show_problems`) and turns `field_edited(key, value)` into a text edit. Values it is given for the
    field the user is typing in are compared first, so the caret and focus stay put.
    """

    field_edited = Signal(str, object)
    """(key, value): str for text, alt, image and other-key fields; the date as text in the site's format, or
    None for an emptied date; bool for check boxes; list[str] for lists."""
    image_choose_requested = Signal(str)
    """(key): the user clicked "Choose…" of that image field."""
    field_focused = Signal(str)
    """(key): the user moved into that field's editor."""

    def __init__(
        self,
        schema: Schema,
        resolve_image: Callable[[str], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._schema = schema
        self._resolve_image = resolve_image
        self._schema_rows: dict[str, FieldRow] = {}
        self._other_rows: dict[str, FieldRow] = {}
        self._other_kinds: dict[str, str] = {}
        self._values: dict[str, object] = {}
        self._problems: list[Problem] = []
        self._editable = True
        self.setMinimumWidth(MINIMUM_WIDTH)

        self._error_banner = _Banner(Severity.ERROR, self)
        self._error_banner.setObjectName("error-banner")
        self._note = _Banner(Severity.INFO, self)
        self._note.setObjectName("read-only-note")

        self._content = QWidget()
        self._content.setObjectName("form-fields")
        content_layout = QVBoxLayout(self._content)
        content_layout.setContentsMargins(10, 8, 10, 10)
        content_layout.setSpacing(_ROW_SPACING)
        self._legend = QLabel(self.tr("* required"), self._content)
        self._legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        set_text_color(self._legend, severity_color(Severity.INFO, self.palette()))
        content_layout.addWidget(self._legend)
        self._fields_box = QWidget(self._content)
        self._fields_layout = QVBoxLayout(self._fields_box)
        self._fields_layout.setContentsMargins(0, 0, 0, 0)
        self._fields_layout.setSpacing(_ROW_SPACING)
        content_layout.addWidget(self._fields_box)
        self._other_box = QGroupBox(self.tr("Other fields"), self._content)
        self._other_box.setObjectName("other-fields")
        self._other_box.setToolTip(
            self.tr("Keys the site's schema does not list; they are kept as they are.")
        )
        self._other_layout = QVBoxLayout(self._other_box)
        self._other_layout.setSpacing(_ROW_SPACING)
        self._other_box.setVisible(False)
        content_layout.addWidget(self._other_box)
        content_layout.addStretch(1)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._error_banner)
        layout.addWidget(self._note)
        layout.addWidget(self._scroll, 1)
        self._build_schema_rows()

    # ---- public API --------------------------------------------------------------------------------------

    def set_schema(self, schema: Schema) -> None:
        """Rebuild the fields for `schema` (another site), keeping the values and problems last shown."""
        if schema == self._schema:
            return  # every article opened sets its site's schema; rebuilding the same rows is only churn
        self._schema = schema
        for row in [*self._schema_rows.values(), *self._other_rows.values()]:
            holder = row.parentWidget()
            row.setParent(None)
            row.deleteLater()
            # An image's row and its alt text's row share a group widget, which must go with them: left in
            # the layout, one empty group piled up at every article opened (the soak benchmark found it).
            if holder is not None and holder.parentWidget() is self._fields_box:
                holder.setParent(None)
                holder.deleteLater()
        self._schema_rows.clear()
        self._other_rows.clear()
        self._build_schema_rows()
        self._sync_other_rows()
        self._show_current_values()
        self.show_problems(self._problems)

    def show_values(
        self,
        values: Mapping[str, object] | None,
        *,
        editable: bool = True,
        error: str | None = None,
        read_only_note: str | None = None,
    ) -> None:
        """Show the front matter's values; never emits `field_edited`.

        `values` None with an `error`: the front matter cannot be read; the error is shown above the fields,
        which keep their last values and are disabled until values come again. `editable` False (TOML, or
        YAML written as one `{…}` map): every field is read-only, with `read_only_note` (default: the TOML
        note) above them.
        """
        self._error_banner.show_message(
            error, self.tr("Correct it in the source; the fields come back when it reads again.")
        )
        if values is None:
            self._note.show_message(None)
            self._content.setEnabled(False)
            return
        if not self._content.isEnabled():
            self._content.setEnabled(True)
        self._values = dict(values)
        self._editable = editable
        self._sync_other_rows()
        self._show_current_values()
        self._note.show_message(
            None
            if editable
            else read_only_note or self.tr("TOML front matter is shown read-only; edit it in the source.")
        )

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show each field's problems under it; problems without a field belong to the problems list."""
        self._problems = [problem for problem in problems if problem.field]
        by_key: dict[str, list[Problem]] = {}
        for problem in self._problems:
            by_key.setdefault(problem.field or "", []).append(problem)
        for key, row in self._rows().items():
            row.problems.set_problems(by_key.get(key, []))

    def focus_field(self, key: str) -> bool:
        """Put the caret in `key`'s field and scroll to it; False when the form has no such field."""
        row = self._rows().get(key)
        if row is None:
            return False
        self._scroll.ensureWidgetVisible(row, 0, 20)
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def field_keys(self) -> list[str]:
        """The keys with a row, in form order (schema fields, then other keys)."""
        return list(self._rows())

    # ---- building ----------------------------------------------------------------------------------------

    def _rows(self) -> dict[str, FieldRow]:
        return {**self._schema_rows, **self._other_rows}

    def _build_schema_rows(self) -> None:
        images = {spec.name for spec in self._schema.fields if spec.kind is FieldKind.IMAGE}
        alts = {
            spec.alt_for: spec
            for spec in self._schema.fields
            if spec.kind is FieldKind.IMAGE_ALT and spec.alt_for in images
        }
        for spec in self._schema.fields:
            if spec.kind is FieldKind.IMAGE_ALT and spec.alt_for in images:
                continue  # placed with its image, below
            row = self._make_row(spec)
            alt = alts.get(spec.name)
            if alt is None:
                self._fields_layout.addWidget(row)
                continue
            # The alt text sits right under its picture: a writer describes what they are looking at.
            group = QWidget(self._fields_box)
            group_layout = QVBoxLayout(group)
            group_layout.setContentsMargins(0, 0, 0, 0)
            group_layout.setSpacing(8)
            row.setParent(group)
            group_layout.addWidget(row)
            group_layout.addWidget(self._make_row(alt, label=self.tr("Alt text"), parent=group))
            self._fields_layout.addWidget(group)
        self._legend.setVisible(any(spec.required for spec in self._schema.fields))
        self._update_tab_order()

    def _make_row(self, spec: FieldSpec, label: str | None = None, parent: QWidget | None = None) -> FieldRow:
        editor = self._make_editor(spec)
        row = FieldRow(
            spec.name,
            label or schema_text(spec.label),
            editor,
            required=spec.required,
            help_text=schema_text(spec.help),
            accessible_name=schema_text(spec.label),
            parent=parent or self._fields_box,
        )
        self._connect(spec.name, editor)
        self._schema_rows[spec.name] = row
        return row

    def _make_editor(self, spec: FieldSpec) -> FieldEditor:
        kind = spec.kind
        if kind is FieldKind.LONG_TEXT:
            return LongTextEditor()
        if kind is FieldKind.DATE:
            return DateEditor(self._schema.date_format, optional=not spec.required)
        if kind is FieldKind.IMAGE:
            editor = ImageEditor(self._resolve_image)
            editor.choose_requested.connect(partial(self.image_choose_requested.emit, spec.name))
            return editor
        if kind is FieldKind.LIST:
            return ListFieldEditor()
        if kind is FieldKind.BOOLEAN:
            label = schema_text(spec.label)
            return BooleanEditor(f"{label} *" if spec.required else label)
        if kind is FieldKind.NUMBER:
            return NumberEditor()
        return TextFieldEditor(spec.max_length)

    def _connect(self, key: str, editor: FieldEditor) -> None:
        editor.edited.connect(partial(self.field_edited.emit, key))
        editor.focused.connect(partial(self.field_focused.emit, key))

    def _sync_other_rows(self) -> None:
        """One row per key the schema does not know, in file order; rows of keys still there are kept
        while their value keeps its kind (a number gets a number box, true or false a check box)."""
        keys = [key for key in self._values if self._schema.field(key) is None]
        kinds = {key: _other_kind(self._values[key]) for key in keys}
        if keys == list(self._other_rows) and kinds == self._other_kinds:
            return
        rows: dict[str, FieldRow] = {}
        for key in keys:
            row = self._other_rows.pop(key, None)
            if row is not None and self._other_kinds.get(key) != kinds[key]:
                self._other_rows[f"\0{key}"] = row  # dropped below, with the rows of keys gone
                row = None
            if row is None:
                editor = _other_editor(kinds[key], key)
                row = FieldRow(key, key, editor, parent=self._other_box)
                self._connect(key, editor)
            rows[key] = row
        self._other_kinds = kinds
        for row in self._other_rows.values():
            row.setParent(None)
            row.deleteLater()
        # Re-adding every row keeps them in the order of the source when a key appears between others.
        for row in rows.values():
            self._other_layout.removeWidget(row)
        for row in rows.values():
            self._other_layout.addWidget(row)
        self._other_rows = rows
        self._other_box.setVisible(bool(rows))
        self.show_problems(self._problems)
        self._update_tab_order()

    def _show_current_values(self) -> None:
        for key, row in self._rows().items():
            row.editor.set_read_only(not self._editable)
            row.editor.set_value(self._values.get(key))

    def _update_tab_order(self) -> None:
        widgets = [widget for row in self._rows().values() for widget in row.editor.input_widgets()]
        for first, second in pairwise(widgets):
            QWidget.setTabOrder(first, second)
