"""A find-and-replace bar for a QPlainTextEdit: match counter, case and whole-word options, replace all."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from editor.ui.article.markdown_highlighter import mix_colors
from editor.ui.article.text_positions import TextPositions

__all__ = ["FindReplaceBar"]

# The counter is refreshed this long after typing in the editor stops, not on every keystroke.
RECOUNT_DELAY_MS = 200
_NOT_FOUND_TINT = QColor(220, 50, 47)


class FindReplaceBar(QWidget):
    """Find and replace in `editor`'s document; the window places the bar (usually below the editor).

    The window should add `find_action`, `replace_action`, `find_next_action` and `find_previous_action` to its
    Edit menu: their standard shortcuts only work once the actions belong to a visible widget.
    """

    closed = Signal()
    """The bar was closed (Escape or its close button) and focus went back to the editor."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._document: QTextDocument | None = None
        self._matches: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._origin = 0
        self._status = ""
        self._recount_timer = QTimer(self, singleShot=True, interval=RECOUNT_DELAY_MS)
        self._recount_timer.timeout.connect(self._refresh)

        self.find_field = QLineEdit(self)
        self.find_field.setObjectName("findField")
        self.find_field.setPlaceholderText(self.tr("Find"))
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(self)
        self.replace_field.setObjectName("replaceField")
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.replace_field.setClearButtonEnabled(True)

        self.previous_button = self._button(self.tr("Previous"), self.tr("Previous match (Shift+Enter)"))
        self.next_button = self._button(self.tr("Next"), self.tr("Next match (Enter)"))
        self.case_button = self._button(self.tr("Aa"), self.tr("Match case"), checkable=True)
        self.whole_word_button = self._button(
            self.tr("Whole word"), self.tr("Match whole words only"), checkable=True
        )
        self.replace_button = self._button(
            self.tr("Replace"), self.tr("Replace this match and find the next")
        )
        self.replace_all_button = self._button(self.tr("Replace all"), self.tr("Replace every match"))
        self.close_button = self._button("×", self.tr("Close (Esc)"))
        self.close_button.setAutoRaise(True)
        self.counter_label = QLabel(self)
        self.counter_label.setObjectName("matchCounter")
        self.counter_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000") + 8)

        find_row = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.next_button,
            self.case_button,
            self.whole_word_button,
            self.counter_label,
        ):
            find_row.addWidget(widget)
        find_row.addStretch(1)
        find_row.addWidget(self.close_button)
        self._replace_row = QHBoxLayout()
        self._replace_row.addWidget(self.replace_button)
        self._replace_row.addWidget(self.replace_all_button)
        self._replace_row.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.find_field, 0, 0)
        layout.addLayout(find_row, 0, 1)
        layout.addWidget(self.replace_field, 1, 0)
        layout.addLayout(self._replace_row, 1, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        self.find_field.textEdited.connect(self._on_needle_edited)
        self.case_button.toggled.connect(self._on_options_changed)
        self.whole_word_button.toggled.connect(self._on_options_changed)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)

        self.find_action = self._action(self.tr("&Find…"), QKeySequence.StandardKey.Find, self.show_find)
        self.replace_action = self._action(
            self.tr("&Replace…"), QKeySequence.StandardKey.Replace, self.show_replace
        )
        self.find_next_action = self._action(
            self.tr("Find &Next"), QKeySequence.StandardKey.FindNext, self.find_next
        )
        self.find_previous_action = self._action(
            self.tr("Find Pre&vious"), QKeySequence.StandardKey.FindPrevious, self.find_previous
        )
        if self.replace_action.shortcut().isEmpty():
            # macOS has no standard Replace key; Ctrl+H there would be Cmd+H, which hides the application.
            self.replace_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.ALT | Qt.Key.Key_F))

        self._watch_document()
        self._set_replace_visible(False)
        self._show_counter()
        self.hide()

    # ---- building ----------------------------------------------------------------------------------

    def _button(self, text: str, tip: str, *, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _action(self, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(key)
        action.triggered.connect(slot)
        return action

    def _set_replace_visible(self, visible: bool) -> None:
        self.replace_field.setVisible(visible)
        for index in range(self._replace_row.count()):
            item = self._replace_row.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(visible)

    def _watch_document(self) -> None:
        # The editor may have been given another document since the last search.
        document = self._editor.document()
        if document is self._document:
            return
        if self._document is not None:
            self._document.contentsChange.disconnect(self._on_contents_change)
        self._document = document
        document.contentsChange.connect(self._on_contents_change)
        self._matches = None

    # ---- public API --------------------------------------------------------------------------------

    def show_find(self) -> None:
        """Show the bar for finding, with the editor's selected text (if on one line) as the search."""
        self._open(replace=False)

    def show_replace(self) -> None:
        """Show the bar with the replace row, with the editor's selected text (if on one line) as the search."""
        self._open(replace=True)

    def close_bar(self) -> None:
        """Hide the bar and give focus back to the editor (the last match stays selected)."""
        self.hide()
        self._recount_timer.stop()
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> bool:
        """Select the next match after the cursor, wrapping at the end; False when there is none."""
        return self._find(forward=True)

    def find_previous(self) -> bool:
        """Select the match before the cursor, wrapping at the start; False when there is none."""
        return self._find(forward=False)

    def replace(self) -> bool:
        """Replace the selected match (one undo step) and select the next; just find when none is selected."""
        if self._editor.isReadOnly():
            return False
        current = self._selected_match()
        if current is None:
            return self.find_next()
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(self.replace_field.text())
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self._matches = None
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        if self._editor.isReadOnly():
            return 0
        matches = self.matches()
        if not matches:
            return 0
        replacement = self.replace_field.text()
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        # From the end, so earlier positions stay valid while later text changes length.
        for start, end in reversed(matches):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._matches = None
        count = len(matches)
        self._status = (
            self.tr("1 replaced") if count == 1 else self.tr("{count} replaced").format(count=count)
        )
        self._show_counter()
        return count

    def matches(self) -> list[tuple[int, int]]:
        """(start, end) document positions of every match of the current search, in order."""
        self._watch_document()
        if self._matches is None:
            self._matches = self._find_all()
            self._starts = [start for start, _ in self._matches]
        return self._matches

    def current_match(self) -> int | None:
        """The 0-based index of the match the editor has selected, or None."""
        selected = self._selected_match()
        return None if selected is None else bisect.bisect_left(self._starts, selected[0])

    # ---- searching ---------------------------------------------------------------------------------

    def _pattern(self) -> re.Pattern[str] | None:
        needle = self.find_field.text()
        if not needle:
            return None
        body = re.escape(needle)
        if self.whole_word_button.isChecked():
            # Lookarounds rather than \b, so a search starting or ending in punctuation still works.
            body = rf"(?<!\w){body}(?!\w)"
        flags = 0 if self.case_button.isChecked() else re.IGNORECASE
        return re.compile(body, flags)

    def _find_all(self) -> list[tuple[int, int]]:
        pattern = self._pattern()
        if pattern is None:
            return []
        # Raw text keeps no-break spaces and has one character per line break (U+2029 between lines).
        text = self._editor.document().toRawText()
        positions = TextPositions(text)
        return [
            (positions.qt_position(match.start()), positions.qt_position(match.end()))
            for match in pattern.finditer(text)
        ]

    def _selected_match(self) -> tuple[int, int] | None:
        cursor = self._editor.textCursor()
        if not cursor.hasSelection():
            return None
        matches = self.matches()
        selection = (cursor.selectionStart(), cursor.selectionEnd())
        index = bisect.bisect_left(self._starts, selection[0])
        if index < len(matches) and matches[index] == selection:
            return selection
        return None

    def _find(self, *, forward: bool) -> bool:
        if not self.find_field.text():
            self.show_find()
            return False
        matches = self.matches()
        cursor = self._editor.textCursor()
        if not matches:
            self._show_counter()
            return False
        if forward:
            # Past the selected match, or from the start of any other selection (it may be the match).
            origin = cursor.selectionEnd() if self._selected_match() is not None else cursor.selectionStart()
            index = bisect.bisect_left(self._starts, origin) % len(matches)
        else:
            index = bisect.bisect_left(self._starts, cursor.selectionStart()) - 1
        start, end = matches[index]
        self._select(start, end)
        self._origin = start
        return True

    def _select(self, start: int, end: int) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()
        self._status = ""
        self._show_counter()

    def _search_from_origin(self) -> None:
        matches = self.matches()
        if not matches:
            self._show_counter()
            return
        index = bisect.bisect_left(self._starts, self._origin) % len(matches)
        self._select(*matches[index])

    # ---- reacting ----------------------------------------------------------------------------------

    def _open(self, *, replace: bool) -> None:
        self._watch_document()
        cursor = self._editor.textCursor()
        selected = cursor.selectedText()
        # selectedText() marks line breaks with U+2029; a search field holds one line only.
        if selected and "\u2029" not in selected:
            self.find_field.setText(selected)
            self._matches = None
        self._origin = cursor.selectionStart()
        self._status = ""
        self._set_replace_visible(replace)
        self.show()
        if replace and self.find_field.text():
            self.replace_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.replace_field.selectAll()
        else:
            self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.find_field.selectAll()
        self._show_counter()

    def _on_needle_edited(self, _text: str) -> None:
        self._matches = None
        self._status = ""
        self._search_from_origin()

    def _on_options_changed(self, _checked: bool) -> None:
        self._matches = None
        self._status = ""
        if self.find_field.text():
            self._search_from_origin()

    def _on_contents_change(self, _position: int, _removed: int, _added: int) -> None:
        # Dropping the cache is all a keystroke costs; the count is redone once typing pauses.
        self._matches = None
        if self.isVisible():
            self._recount_timer.start()

    def _refresh(self) -> None:
        if self.isVisible():
            self._show_counter()

    def _show_counter(self) -> None:
        needle = self.find_field.text()
        total = len(self.matches()) if needle else 0
        current = self.current_match() if total else None
        if self._status:
            text = self._status
        elif not needle:
            text = ""
        elif total == 0:
            text = self.tr("No matches")
        elif current is not None:
            text = self.tr("{current} of {total}").format(current=current + 1, total=total)
        elif total == 1:
            text = self.tr("1 match")
        else:
            text = self.tr("{total} matches").format(total=total)
        self.counter_label.setText(text)
        self._tint_find_field(bool(needle) and total == 0)

    def _tint_find_field(self, not_found: bool) -> None:
        if bool(self.find_field.property("notFound")) == not_found:
            return
        self.find_field.setProperty("notFound", not_found)
        palette = self.palette()
        if not_found:
            base = palette.color(QPalette.ColorRole.Base)
            palette.setColor(QPalette.ColorRole.Base, mix_colors(base, _NOT_FOUND_TINT, 0.25))
        self.find_field.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter/Shift+Enter in the find field go to the next/previous match, Enter in the replace field
        replaces, Escape closes."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.replace_field:
                    self.replace()
                elif shift:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the bar from any of its buttons too."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
