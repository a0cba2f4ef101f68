"""Misspelled words underlined in the form's text fields too, with the source pane's suggestions, Add to
Site Dictionary and Ignore; checked in the same spelling process."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from editor.ui.article.form_fields import LongTextEditor, TextFieldEditor
from editor.ui.article.source_spelling import Mark, SourceSpelling, add_spelling_actions
from editor.ui.article.text_positions import TextPositions

CHECK_DELAY_MS = 250
UNDERLINE = QColor("#d0312d")
# QLineEdit's own space between its frame and its text (QLineEditPrivate::horizontalMargin).
LINE_EDIT_MARGIN = 2


class _LineMarks(QWidget):
    """A see-through layer over a QLineEdit that draws wavy lines under its marked words."""

    def __init__(self, line: QLineEdit) -> None:
        super().__init__(line)
        self.line = line
        self.marks: list[Mark] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        line.installEventFilter(self)
        self.resize(line.size())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.Resize:
            self.resize(self.line.size())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.marks:
            return
        text = self.line.text()
        metrics = self.line.fontMetrics()
        area = self.line.contentsRect().marginsRemoved(self.line.textMargins())
        left = area.left() + LINE_EDIT_MARGIN
        if metrics.horizontalAdvance(text) > area.width() - 2 * LINE_EDIT_MARGIN:
            return  # scrolled sideways: where each word stands is Qt's secret
        baseline = area.top() + (area.height() + metrics.ascent() - metrics.descent()) // 2 + 2
        positions = TextPositions(text)
        painter = QPainter(self)
        painter.setPen(QPen(UNDERLINE, 1))
        for start, end, _word in self.marks:
            first = left + metrics.horizontalAdvance(text[: positions.text_offset(start)])
            last = left + metrics.horizontalAdvance(text[: positions.text_offset(end)])
            points = [
                QPointF(x, baseline + (1.5 if (x // 2) % 2 else -0.5)) for x in range(first, last + 1, 2)
            ]
            if len(points) > 1:
                painter.drawPolyline(points)
        painter.end()


class FieldSpelling(QObject):
    """Checks one form field's text and shows its misspellings."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit, source: SourceSpelling) -> None:
        super().__init__(widget)
        self.widget = widget
        self.source = source
        self.marks: list[Mark] = []
        self._asked = ""
        self._layer = _LineMarks(widget) if isinstance(widget, QLineEdit) else None
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        changed = widget.textChanged
        changed.connect(self._timer.start)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._show_menu)
        self.check_now()

    def text(self) -> str:
        widget = self.widget
        return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()

    def check_now(self) -> None:
        """Send the field's text to be checked (nothing when spelling is off or has no language)."""
        language = self.source.spell_language()
        text = self.text()
        if not self.source.enabled or language is None or not text.strip():
            self._show([])
            return
        self._asked = text
        self.source.process.check(
            text,
            language.value,
            self.source.known_words(),
            frozenset(),
            (0, len(text)),
            lambda marks, complete: self._on_marked(text, marks, complete),
            plain=True,
        )

    def _on_marked(self, text: str, marks: list[Mark], complete: bool) -> None:
        if complete and shiboken6.isValid(self) and shiboken6.isValid(self.widget) and text == self.text():
            self._show(marks)

    def _show(self, marks: list[Mark]) -> None:
        self.marks = marks
        if self._layer is not None:
            self._layer.marks = marks
            self._layer.update()
            return
        assert isinstance(self.widget, QPlainTextEdit)
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        underline.setUnderlineColor(UNDERLINE)
        selections = []
        for start, end, _word in marks:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.widget.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = underline  # type: ignore[attr-defined]
            selections.append(selection)
        self.widget.setExtraSelections(selections)

    def _position_at(self, point: QPoint) -> int:
        widget = self.widget
        if isinstance(widget, QLineEdit):
            offset = widget.cursorPositionAt(point)
            return TextPositions(widget.text()).qt_position(offset)
        return widget.cursorForPosition(point).position()

    def context_menu(self, point: QPoint) -> QMenu:
        """The field's own menu, with the word's suggestions and word-list actions first."""
        menu = self.widget.createStandardContextMenu()
        position = self._position_at(point)
        mark = next((m for m in self.marks if m[0] <= position <= m[1]), None)
        language = self.source.spell_language()
        if mark is None or language is None:
            return menu
        word = mark[2]
        add_spelling_actions(
            menu,
            word,
            add=lambda: self._add(word),
            ignore=lambda: self._ignore(word),
            replace=lambda replacement: self.replace(mark, replacement),
            suggest=lambda word, fill: self.source.process.suggest(language.value, word, fill),
        )
        return menu

    def _show_menu(self, point: QPoint) -> None:
        menu = self.context_menu(point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.widget.mapToGlobal(point))

    def replace(self, mark: Mark, replacement: str) -> None:
        """Put `replacement` in place of the marked word, as the writer's own edit of the field."""
        widget = self.widget
        if isinstance(widget, QLineEdit):
            text = widget.text()
            positions = TextPositions(text)
            start, end = positions.text_offset(mark[0]), positions.text_offset(mark[1])
            if text[start:end] == mark[2]:
                # Through the edit path, so the form reports it as typed (textEdited).
                widget.setSelection(start, end - start)
                widget.insert(replacement)
                widget.textEdited.emit(widget.text())
            return
        cursor = QTextCursor(widget.document())
        cursor.setPosition(mark[0])
        cursor.setPosition(mark[1], QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == mark[2]:
            cursor.insertText(replacement)

    def _add(self, word: str) -> None:
        self.source.add_to_site_dictionary(word)
        self._show([mark for mark in self.marks if mark[2] != word])

    def _ignore(self, word: str) -> None:
        self.source.ignore(word)
        self._show([mark for mark in self.marks if mark[2] != word])


def attach_field_spelling(form: QWidget, source: SourceSpelling) -> list[FieldSpelling]:
    """Spell-check every prose field of `form` (text, alt text, long text) not checked yet."""
    attached = []
    for editor in form.findChildren(TextFieldEditor) + form.findChildren(LongTextEditor):
        widget = editor.line if isinstance(editor, TextFieldEditor) else editor.text
        if widget.property("spellChecked"):
            continue
        widget.setProperty("spellChecked", True)
        attached.append(FieldSpelling(widget, source))
    return attached
