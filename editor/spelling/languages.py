"""The languages the editor spells, their bundled Hunspell dictionaries, and which one an article is in."""

from __future__ import annotations

from enum import StrEnum


class SpellLanguage(StrEnum):
    """A bundled dictionary, by its Hunspell name (resources/dictionaries/NAME.aff and .dic)."""

    DANISH = "da_DK"
    ENGLISH = "en_US"

    @property
    def code(self) -> str:
        """The two-letter code the command line and the site config use."""
        return self.value[:2]


def language_of(code: object) -> SpellLanguage | None:
    """The dictionary for a language code such as "da", "da-DK", "da_DK" or "en-GB"; None when we have none.

    Norwegian Bokmål ("nb") is not Danish, however close: a Danish dictionary would mark half of it.
    """
    if not isinstance(code, str):
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    for language in SpellLanguage:
        if language.code == primary:
            return language
    return None


def article_language(
    site_language: str | None, article_lang: object, ui_language: str
) -> SpellLanguage | None:
    """The language an article is spelled in: the site's `language`, else the article's `lang`, else the
    window's language. A code we have no dictionary for means no checking, not the wrong dictionary."""
    for code in (site_language, article_lang):
        if isinstance(code, str) and code.strip():
            return language_of(code)
    return language_of(ui_language)
