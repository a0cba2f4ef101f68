"""Scroll sync between the source and the preview: the caret's block stays in view in the preview while
you type and move, and scrolling the preview scrolls the source to the same place."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from editor.ui.article.source_editor import SourceEditor
from editor.ui.preview.preview_pane import PreviewPane


class ScrollSync(QObject):
    """Keeps `preview` on the part of the article `editor` shows, and `editor` on what the user scrolls
    the preview to. Only the user's own scrolling is passed on, on either side: the page tells it from
    its own scrolls (preview.js), and the source's scroll bar reports user actions apart from values set
    (actionTriggered), so neither side can set the other off again."""

    def __init__(self, editor: SourceEditor, preview: PreviewPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._preview = preview
        self._enabled = True
        editor.cursor_line_changed.connect(self._on_caret_line_changed)
        editor.document().contentsChange.connect(self._on_contents_change)
        # Wheel, drag and clicks on the source's scroll bar; the new value is set after this signal.
        editor.verticalScrollBar().actionTriggered.connect(
            lambda _action: QTimer.singleShot(0, self, self._on_source_scrolled)
        )
        preview.user_scrolled.connect(self._on_preview_scrolled)

    @property
    def enabled(self) -> bool:
        """Whether either side follows the other."""
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Sync from now on (and show the caret's block at once), or leave both sides where they are."""
        if on == self._enabled:
            return
        self._enabled = on
        if on:
            self._preview.reveal_line(self._editor.current_line())
        else:
            self._preview.stop_following()

    def _on_caret_line_changed(self, line: int) -> None:
        if self._enabled:
            self._preview.reveal_line(line)

    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        # Typing, pasting or undoing at the caret brings its block back into view even after the user
        # scrolled the preview away; an edit elsewhere (a front-matter form field) leaves the preview be.
        if not self._enabled:
            return
        document = self._editor.document()
        caret = self._editor.textCursor().blockNumber()
        end = document.findBlock(position + added)
        last = end.blockNumber() if end.isValid() else document.blockCount() - 1
        if document.findBlock(position).blockNumber() <= caret <= last:
            self._preview.reveal_line(caret + 1)

    def _on_source_scrolled(self) -> None:
        if not self._enabled:
            return
        editor = self._editor
        if editor.viewport().rect().intersects(editor.cursorRect()):
            # While the caret is on screen its block is what to show.
            self._preview.reveal_line(editor.current_line())
        else:
            self._preview.scroll_to_line(editor.firstVisibleBlock().blockNumber() + 1)

    def _on_preview_scrolled(self, line: int) -> None:
        if not self._enabled:
            return
        editor = self._editor
        block = editor.document().findBlockByNumber(min(max(line, 1), editor.blockCount()) - 1)
        # The scroll bar of a QPlainTextEdit counts laid-out lines; a block starts at its first. A value
        # set is no user action, so this scroll is not passed back to the preview.
        editor.verticalScrollBar().setValue(block.firstLineNumber())
