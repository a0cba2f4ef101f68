"""Spell checking as a site asks for it: its language, its word list, its prose fields."""

from __future__ import annotations

from editor.article.errors import ArticleError
from editor.article.front_matter import read_front_matter
from editor.site.config import SiteConfig
from editor.site.site_words import read_site_words
from editor.spelling.checker import Misspelling, SpellChecker, prose_fields
from editor.spelling.languages import SpellLanguage, article_language


def front_matter_lang(text: str) -> object:
    """The article's `lang` field (None when it has none, or its front matter cannot be read)."""
    try:
        return read_front_matter(text).values().get("lang")
    except ArticleError:
        return None


def language_for(site: SiteConfig, text: str, ui_language: str) -> SpellLanguage | None:
    """The language the article `text` of `site` is spelled in; None when there is no dictionary for it."""
    return article_language(site.language, front_matter_lang(text), ui_language)


def requested_language(site: SiteConfig, text: str, ui_language: str) -> str:
    """The language code asked for, for a message when no dictionary has it."""
    for code in (site.language, front_matter_lang(text)):
        if isinstance(code, str) and code.strip():
            return code.strip()
    return ui_language


def site_checker(site: SiteConfig, language: SpellLanguage) -> SpellChecker:
    """A checker in `language` that knows the words of the site's list."""
    return SpellChecker(language, read_site_words(site.root))


def check_article_text(site: SiteConfig, text: str, checker: SpellChecker) -> list[Misspelling]:
    """The misspellings of an article of `site`: its body and the values of its prose fields."""
    return checker.check_text(text, prose_fields(site.schema))
