"""Readable ASCII names for files made from titles and image names: "Æbler på bordet" -> "aebler-paa-bordet"."""

from __future__ import annotations

import re
import unicodedata

# Danish, Norwegian, Swedish and German letters are spelled out as their writers do; NFKD would drop æ, ø, ß.
_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "œ": "oe"}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens; "" when nothing is left."""
    # NFC first so a decomposed "å" is still seen as å; lower() again after NFKD (ℌ decomposes to H).
    text = unicodedata.normalize("NFC", text).lower().translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text).lower()
    return _NOT_SLUG.sub("-", text.encode("ascii", "ignore").decode("ascii")).strip("-")
