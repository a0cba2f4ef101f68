"""The exact text of a QTextDocument, which toPlainText() does not give."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument


def document_text(document: QTextDocument) -> str:
    """The document's text as typed: toPlainText() would turn no-break spaces into spaces."""
    return document.toRawText().replace("\u2029", "\n")
