"""Readable ASCII names for files made from titles and image names: "Æbler på bordet" -> "aebler-paa-bordet"."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD leaves alone, spelled the way Danish, German and Nordic writers transliterate them.
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "đ": "d",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens; "" when nothing is left."""
    # NFC first so a decomposed "å" is still seen as å, and lower() again after NFKD (ℌ decomposes to H).
    text = unicodedata.normalize("NFC", text).lower().translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text).lower()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NOT_SLUG.sub("-", text).strip("-")
