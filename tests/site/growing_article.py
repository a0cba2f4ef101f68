"""The versions of the article the crash test's child saves: each one a paragraph longer than the last."""

from __future__ import annotations


def version_text(number: int) -> str:
    """Version `number` of the article; it grows by a paragraph per save (up to 300, then starts over)."""
    paragraphs = "".join(
        f"Afsnit {index} af version {number}: æøå, en linje der fylder noget.\n\n"
        for index in range(number % 300)
    )
    return f'---\ntitle: "Version {number}"\nversion: {number}\n---\n\n# Version {number}\n\n{paragraphs}'


def version_of(text: str) -> int:
    """The version number an article text was written as."""
    return int(text.split("\nversion: ", 1)[1].split("\n", 1)[0])
