"""Focus mode: full screen, only the source, the paragraphs around the caret's one dimmed, and the caret's
line kept at the middle of the screen as it moves (typewriter scrolling). Esc leaves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import QDockWidget, QTextEdit, QWidget

from editor.ui.article.markdown_highlighter import mix_colors

if TYPE_CHECKING:
    from editor.ui.workspace.main_window import MainWindow

# How far up and down the caret's paragraph is looked for: a "paragraph" of thousands of lines is code.
MAX_PARAGRAPH_BLOCKS = 400


class FocusMode(QObject):
    """Enters and leaves focus mode for `window`, putting back what it hid."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self._hidden: list[QWidget] = []
        self._was_full_screen = False
        self.action = QAction(self.tr("Focus &Mode"), window, checkable=True)
        self.action.setObjectName("focusAction")
        self.action.setShortcut("Ctrl+Shift+Return")  # Ctrl+Shift+F is Find in Site (issue 12)
        self.action.toggled.connect(self.set_active)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setEnabled(False)
        self._escape.activated.connect(lambda: self.action.setChecked(False))
        editor = window.editor
        editor.cursorPositionChanged.connect(self._follow_caret)

    def set_active(self, on: bool) -> None:
        """Enter (True) or leave focus mode."""
        if on == self.active:
            return
        self.active = on
        window, editor = self.window, self.window.editor
        self._escape.setEnabled(on)
        if on:
            self._was_full_screen = window.isFullScreen()
            candidates: list[QWidget] = [window.form, window.preview, window.menuBar(), window.statusBar()]
            candidates += [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
            self._hidden = [widget for widget in candidates if widget.isVisible()]
            for widget in self._hidden:
                widget.hide()
            editor.setCenterOnScroll(True)
            window.showFullScreen()
            editor.setFocus()
            self._follow_caret()
            # Again once the window has its full-screen size: centring before that centres in the old one.
            QTimer.singleShot(100, self._follow_caret)
        else:
            for widget in self._hidden:
                widget.show()
            self._hidden = []
            editor.setCenterOnScroll(False)
            editor.set_marks([], layer="focus")
            if not self._was_full_screen:
                window.showNormal()

    def _follow_caret(self) -> None:
        if not self.active:
            return
        editor = self.window.editor
        editor.centerCursor()
        editor.set_marks(self._dimmed(), layer="focus")

    def _dimmed(self) -> list[QTextEdit.ExtraSelection]:
        """Two selections: the text before the caret's paragraph and the text after it, in a faded colour."""
        editor = self.window.editor
        document = editor.document()
        block = editor.textCursor().block()
        first = last = block
        for _ in range(MAX_PARAGRAPH_BLOCKS):
            previous = first.previous()
            if not previous.isValid() or not previous.text().strip():
                break
            first = previous
        for _ in range(MAX_PARAGRAPH_BLOCKS):
            following = last.next()
            if not following.isValid() or not following.text().strip():
                break
            last = following
        palette = editor.palette()
        faded = mix_colors(
            palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.65
        )
        selections = []
        end = document.characterCount() - 1
        for start, stop in ((0, first.position()), (last.position() + last.length(), end)):
            if stop <= start:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(min(stop, end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format.setForeground(faded)  # type: ignore[attr-defined]
            selections.append(selection)
        return selections
