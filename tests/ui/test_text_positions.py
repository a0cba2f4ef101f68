"""Offsets and Qt positions, with a real QTextDocument as the truth."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from editor.ui.article.document_text import document_text
from editor.ui.article.text_positions import (
    TextPositions,
    document_length,
    document_offset,
    utf16_length,
)

texts = st.lists(st.sampled_from(["a", "æ", "😀", "𝐀", "\r\n", "\n", " ", "\u00a0"]), max_size=40).map(
    "".join
)


def _document(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setPlainText(text)
    return document


@given(text=texts)
def test_utf16_length_is_the_documents_length(qapp, text):
    assert utf16_length(text) == _document(text).characterCount() - 1


@given(text=texts)
def test_utf16_length_agrees_with_the_position_of_the_end(qapp, text):
    assert utf16_length(text) == TextPositions(text).qt_position(len(text))


@given(text=texts, fraction=st.floats(0, 1))
def test_document_offsets_match_the_documents_positions(qapp, text, fraction):
    document = _document(text)
    own = document_text(document)
    astral = any(ord(character) > 0xFFFF for character in own)
    assert document_length(own, astral) == document.characterCount() - 1
    # Every position at a character boundary: the document's text before it is the text before the offset.
    position = int(fraction * (document.characterCount() - 1))
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
    position = cursor.position()
    cursor.setPosition(0, QTextCursor.MoveMode.KeepAnchor)
    before = cursor.selectedText().replace("\u2029", "\n")
    assert own[: document_offset(own, position, astral)] == before
