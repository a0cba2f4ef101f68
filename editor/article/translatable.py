"""Marks the core's texts that a person reads, so the UI can translate them without the core knowing Qt."""

from __future__ import annotations


def translatable(context: str, text: str) -> str:
    """`text` unchanged. lupdate collects it under `context` (resources/translations/update.sh names this
    function as an alias of QT_TRANSLATE_NOOP); the UI looks it up with QCoreApplication.translate."""
    del context
    return text
