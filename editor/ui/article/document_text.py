"""The exact text of a QTextDocument, which toPlainText() does not give."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument


def document_text(document: QTextDocument) -> str:
    """The document's text as typed: toPlainText() would turn no-break spaces into spaces."""
    return document.toRawText().replace("\u2029", "\n")


def document_lines(document: QTextDocument) -> list[str]:
    """The document's lines as typed, without their breaks (a document holds breaks as U+2029)."""
    return document.toRawText().split("\u2029")
