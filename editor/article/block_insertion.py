"""Inserting a block (an image) into Markdown as a paragraph of its own, so it joins no quote, list item
or paragraph around it."""

from __future__ import annotations


def _blank_lines_before(before: str) -> str:
    if not before or before.endswith(("\n\n", "\r\n\r\n", "\r\r")):
        return ""
    return "\n" if before.endswith(("\n", "\r")) else "\n\n"


def _blank_lines_after(after: str) -> str:
    if not after:
        return "\n"
    if after.startswith(("\n\n", "\r\n\r\n", "\r\r")):
        return ""
    return "\n" if after.startswith(("\n", "\r")) else "\n\n"


def as_own_paragraph(before: str, block: str, after: str) -> str:
    """The text to put between `before` and `after` so that `block` stands alone between blank lines."""
    return _blank_lines_before(before) + block + _blank_lines_after(after)
