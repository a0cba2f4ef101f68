"""`article-editor spell FILE...`: the misspelled words of articles, as the editor underlines them."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from pathlib import Path

from editor.article.errors import ArticleError
from editor.site.article_files import open_article
from editor.site.config import SiteConfig, load_site
from editor.site.errors import SiteFileError
from editor.spelling.languages import SpellLanguage, language_of
from editor.spelling.site_spelling import check_article_text, language_for, requested_language, site_checker

EXIT_CLEAN = 0
EXIT_FOUND = 1
EXIT_UNUSABLE = 2


def add_spell_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `spell` sub-command's arguments."""
    spell = commands.add_parser(
        "spell",
        help="print misspelled words (path:line:col: word (suggestions)); exit 1 when any are found",
    )
    spell.add_argument("files", nargs="+", type=Path, metavar="FILE")
    spell.add_argument(
        "--lang",
        choices=[language.code for language in SpellLanguage],
        help="the language (default: the site's `language`, else the article's `lang`, else the system's)",
    )
    spell.add_argument("--format", choices=("text", "json"), default="text")
    spell.add_argument(
        "--only-articles",
        action="store_true",
        help="skip named files outside the site's content folders (for commit hooks, as with check)",
    )


def system_language() -> str:
    """The language of the user's environment, as the window would speak it without a preference."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    return locale.getlocale()[0] or "en"


def run_spell(options: argparse.Namespace) -> int:
    """Check each file; report what is misspelled, and files that cannot be read, one line each."""
    status = EXIT_CLEAN
    entries: list[dict[str, object]] = []
    sites: dict[Path, SiteConfig] = {}
    suggestions: dict[tuple[SpellLanguage, str], list[str]] = {}
    for path in options.files:
        try:
            if path.is_dir():
                raise SiteFileError(f"{path} is a folder; name the articles to check")
            folder = path.resolve().parent
            if folder not in sites:
                sites[folder] = load_site(path)
            site = sites[folder]
            if options.only_articles and not site.is_article(path):
                continue
            article = open_article(path)
        except (ArticleError, SiteFileError) as error:
            line = getattr(error, "line", None)
            where = f"{path}:{line}:" if line else f"{path}:"
            print(f"article-editor: {where} {error.message}", file=sys.stderr)
            status = EXIT_UNUSABLE
            continue
        language = (
            language_of(options.lang) if options.lang else language_for(site, article.text, system_language())
        )
        if language is None:
            wanted = requested_language(site, article.text, system_language())
            print(
                f"article-editor: {path}: no dictionary for language {wanted!r} (there are da and en; use --lang)",
                file=sys.stderr,
            )
            status = EXIT_UNUSABLE
            continue
        checker = site_checker(site, language)
        for found in check_article_text(site, article.text, checker):
            key = (language, found.word)
            if key not in suggestions:
                suggestions[key] = checker.suggest(found.word)
            entries.append(
                {
                    "path": str(path),
                    "line": found.line,
                    "column": found.column,
                    "word": found.word,
                    "suggestions": suggestions[key],
                }
            )
    if options.format == "json":
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for entry in entries:
            offered = entry["suggestions"]
            shown = f" ({', '.join(offered)})" if isinstance(offered, list) and offered else ""
            print(f"{entry['path']}:{entry['line']}:{entry['column']}: {entry['word']}{shown}")
    if status == EXIT_CLEAN and entries:
        status = EXIT_FOUND
    return status
