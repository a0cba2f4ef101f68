"""Hunspell's reading of an article's words, with the site's own word list and the words a writer ignores.

The engine is chunspell: Hunspell itself (the C++ library LibreOffice and Firefox use), shipped inside
its wheels, so Danish compounds are accepted exactly as the dictionary's rules allow.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import hunspell

from editor.resource_files import resource_path
from editor.spelling.languages import SpellLanguage
from editor.spelling.prose_fields import PROSE_KINDS, prose_fields
from editor.spelling.words import Word, article_words, prose_words

# Hunspell's suggestions for a long Danish word take a third of a second; a dozen are plenty to choose from.
MAX_SUGGESTIONS = 8
__all__ = ["MAX_SUGGESTIONS", "PROSE_KINDS", "Misspelling", "SpellChecker", "misspellings_at", "prose_fields"]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Engine(Protocol):
    def spell(self, word: str) -> bool: ...
    def suggest(self, word: str) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Misspelling:
    """A word Hunspell does not know, at [start, end) of the text, on 1-based `line` and `column`."""

    start: int
    end: int
    word: str
    line: int
    column: int


@cache
def _engine(language: SpellLanguage) -> tuple[_Engine, threading.Lock]:
    folder = resource_path("dictionaries")
    engine: _Engine = hunspell.Hunspell(language.value, hunspell_data_dir=str(folder))
    # One Hunspell object is not safe to use from two threads at once.
    return engine, threading.Lock()


class SpellChecker:
    """Checks words in one language; a word of `site_words` is right as written, and capitalised at the
    start of a sentence when listed in lower case."""

    def __init__(self, language: SpellLanguage, site_words: Iterable[str] = ()) -> None:
        self.language = language
        self._engine, self._lock = _engine(language)
        self._site_words = frozenset(site_words)
        self._known: dict[str, bool] = {}

    def is_correct(self, word: str) -> bool:
        """Whether `word` (possibly with a trailing dot, as an abbreviation) is spelled right."""
        known = self._known.get(word)
        if known is None:
            known = self._in_site_words(word) or self._spell(word)
            self._known[word] = known
        return known

    def _in_site_words(self, word: str) -> bool:
        bare = word.rstrip(".")
        return bare in self._site_words or bare[:1].lower() + bare[1:] in self._site_words

    def _spell(self, word: str) -> bool:
        with self._lock:
            return bool(self._engine.spell(word))

    def suggest(self, word: str) -> list[str]:
        """Hunspell's suggestions for `word`, best first."""
        with self._lock:
            return list(self._engine.suggest(word))[:MAX_SUGGESTIONS]

    def wrong_words(self, words: Iterable[Word]) -> list[Word]:
        """The words of `words` that are misspelled, in order."""
        return [word for word in words if not self.is_correct(word.checked)]

    def check_text(self, text: str, checked_fields: Collection[str]) -> list[Misspelling]:
        """The misspelled words of an article's text (front-matter values of `checked_fields` and body)."""
        return misspellings_at(text, self.wrong_words(article_words(text, checked_fields)))

    def check_prose(self, text: str) -> list[Misspelling]:
        """The misspelled words of plain text, such as a form field's value."""
        return misspellings_at(text, self.wrong_words(prose_words(text)))


def misspellings_at(text: str, words: list[Word]) -> list[Misspelling]:
    """`words` of `text` with their 1-based lines and columns."""
    line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
    found = []
    for word in words:
        line = bisect.bisect_right(line_starts, word.start)
        found.append(
            Misspelling(word.start, word.end, word.text, line, word.start - line_starts[line - 1] + 1)
        )
    return found
