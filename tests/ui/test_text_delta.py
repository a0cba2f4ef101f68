"""The text the render worker rebuilds from deltas is the document's own text, whatever was done to it.

The truth is Qt's: the document's text (document_text) after real edits in the real source editor,
with its highlighter attached (which reports changes of its own, from inside the edits' reports).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit

from editor.ui.article.document_text import document_text
from editor.ui.article.source_editor import SourceEditor
from editor.ui.preview.document_changes import DELTA_LIMIT, DocumentChanges
from editor.ui.preview.text_delta import TextDelta, TextOutOfStep, WorkerText

PIECES = ["a", "æø", " ", "\n", "\n\n", "😀", "𝐀b", "\u00a0", "# ", "- ", "```\n", "`", "é\u0301", "\t"]
piece = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)
operation = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), piece),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 6)),
    st.tuples(st.just("type"), st.floats(0, 1), st.sampled_from(["x", "æ", " ", "#"])),
    st.tuples(st.just("enter"), st.floats(0, 1), st.just("")),
    st.tuples(st.just("backspace"), st.floats(0, 1), st.just("")),
    st.tuples(st.just("undo"), st.just(0.0), st.just("")),
    st.tuples(st.just("redo"), st.just(0.0), st.just("")),
    st.tuples(st.just("replace all"), st.just(0.0), piece),
    st.tuples(st.just("take"), st.just(0.0), st.just("")),
)


def _place(editor: SourceEditor, where: float) -> QTextCursor:
    cursor = editor.textCursor()
    length = editor.document().characterCount() - 1
    cursor.setPosition(int(where * length))
    # Never between the two halves of an astral character.
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
    return cursor


def _run(qtbot, editor: SourceEditor, name: str, where: float, text: str) -> None:
    if name in ("insert", "delete"):
        cursor = _place(editor, where)
        if name == "insert":
            cursor.insertText(text)
        else:
            cursor.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, int(text)
            )
            cursor.removeSelectedText()
    elif name in ("type", "enter", "backspace"):
        editor.setTextCursor(_place(editor, where))
        key = {"enter": Qt.Key.Key_Return, "backspace": Qt.Key.Key_Backspace}.get(name)
        if key is None:
            qtbot.keyClicks(editor, text)
        else:
            qtbot.keyClick(editor, key)
    elif name == "undo":
        editor.undo()
    elif name == "redo":
        editor.redo()
    elif name == "replace all":
        editor.setPlainText(text)


class Sender:
    """What the preview pane does: the whole text first, then deltas; the worker's copy beside it."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self.editor = editor
        self.changes = DocumentChanges()
        self.worker = WorkerText()
        self.wholes = 0

    def send(self) -> str:
        delta = self.changes.take(self.editor.document())
        if delta is None:
            self.wholes += 1
            text = self.worker.replace(document_text(self.editor.document()))
            self.changes.sent_whole()
            return text
        return self.worker.apply(delta)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=piece, operations=st.lists(operation, min_size=1, max_size=25))
def test_the_worker_text_follows_every_edit(qtbot, start, operations):
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(start * 3)
    sender = Sender(editor)
    sender.send()
    for name, where, text in operations:
        if name == "take":
            assert sender.send() == document_text(editor.document())
        else:
            _run(qtbot, editor, name, where, text)
    assert sender.send() == document_text(editor.document())
    # Only the first text went whole, but after replacing everything (which may be sent either way).
    if not any(name == "replace all" for name, _, _ in operations):
        assert sender.wholes == 1


def test_typing_sends_only_the_typed_paragraph(qtbot):
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("\n\n".join(f"Paragraph {n} 😀 with text." for n in range(2000)))
    sender = Sender(editor)
    sender.send()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().characterCount() // 2)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "typed")
    delta = sender.changes.take(editor.document())
    assert isinstance(delta, TextDelta)
    assert "typed" in delta.inserted and len(delta.inserted) < 200


def test_a_paste_larger_than_the_limit_goes_whole(qtbot):
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("start")
    sender = Sender(editor)
    sender.send()
    editor.textCursor().insertText("x" * (DELTA_LIMIT + 1))
    assert sender.changes.take(editor.document()) is None


def test_another_document_goes_whole(qtbot):
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("first")
    sender = Sender(editor)
    sender.send()
    other = QTextDocument("second")
    other.setDocumentLayout(QPlainTextDocumentLayout(other))
    editor.setDocument(other)
    assert editor.document() is other
    assert sender.changes.take(editor.document()) is None


def test_a_worker_out_of_step_says_so():
    worker = WorkerText()
    with pytest.raises(TextOutOfStep):
        worker.apply(TextDelta(0, 0, "x", 1))
    worker.replace("abc")
    with pytest.raises(TextOutOfStep):
        worker.apply(TextDelta(1, 2, "yy", 3))  # the result has 4 positions, not 3
    with pytest.raises(TextOutOfStep):
        worker.apply(TextDelta(0, 0, "", 3))  # and the text is forgotten after a mismatch
