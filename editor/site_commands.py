"""The command line's site-wide commands over the site index: list, search and rename."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from editor.article.validation import Problem
from editor.site.article_files import open_article
from editor.site.config import SiteConfig, load_site
from editor.site.rename import apply_rename, plan_rename
from editor.site.site_index import IndexedArticle, SiteIndex, open_index
from editor.site.site_problems import site_problems

EXIT_CLEAN = 0
EXIT_FOUND_NOTHING = 1
EXIT_UNUSABLE = 2
_BUILT_IN_KEYS = ("path", "title", "problems", "words", "modified", "date", "draft")


class SiteCommandError(Exception):
    """Input a site command cannot use; shown as one line, exit status 2."""


def add_site_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The list, search and rename sub-commands."""
    list_ = commands.add_parser("list", help="list the site's articles with their fields and problem counts")
    list_.add_argument("--site", type=Path, default=Path("."))
    list_.add_argument("--json", action="store_true", help="print a JSON array of objects")
    list_.add_argument(
        "--sort",
        default="path",
        metavar="KEY",
        help="path (default), title, modified, words, problems, date, draft or any schema field",
    )
    list_.add_argument("--reverse", action="store_true", help="largest, newest or last first")

    search = commands.add_parser("search", help="find text in every article, ignoring case")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--site", type=Path, default=Path("."))
    search.add_argument(
        "--json", action="store_true", help="print a JSON array of {path, line, column, text}"
    )

    rename = commands.add_parser("rename", help="give an article a new slug and file name; links follow")
    rename.add_argument("file", type=Path)
    rename.add_argument("slug", metavar="NEW-SLUG")
    rename.add_argument("--dry-run", action="store_true", help="print the files it would change, change none")


def _site(folder: Path) -> SiteConfig:
    if not folder.is_dir():
        raise SiteCommandError(f"{folder}: no such site folder")
    return load_site(folder)


def indexed(site: SiteConfig) -> SiteIndex:
    """The site's index, brought up to date (with a progress line on a terminal when many files are read)."""
    index = open_index(site)
    if index.rebuilt_because:
        print(f"# {site.root}: the index cache was {index.rebuilt_because}; rebuilding it", file=sys.stderr)
    terminal = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if terminal and total > 250:
            print(f"\rindexing {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    index.refresh(progress)
    return index


def shown_path(folder: Path, relative: str) -> str:
    """An article's path as `check FOLDER` prints it: the folder given, then the path inside the site."""
    return str(folder / relative)


def problem_counts(site: SiteConfig, index: SiteIndex) -> dict[str, int]:
    """The number of problems `check` prints for each article of the site folder: its own and the site's."""
    counts = {article.relative: article.problems for article in index.articles()}
    for relative, _problem in site_rule_problems(site, index):
        if relative in counts:
            counts[relative] += 1
    return counts


def site_rule_problems(site: SiteConfig, index: SiteIndex) -> list[tuple[str, Problem]]:
    """The site rules (unused images, broken article links, duplicate slugs) over the index."""
    slugs = {article.relative: article.slug for article in index.articles()}
    return site_problems(site, slugs, index.references())


def _list(options: argparse.Namespace) -> int:
    site = _site(options.site)
    with indexed(site) as index:
        articles = index.articles()
        counts = problem_counts(site, index)
    names = site.schema.names()
    if options.sort not in (*_BUILT_IN_KEYS, *names):
        raise SiteCommandError(
            f"cannot sort by {options.sort!r}: use one of {', '.join((*_BUILT_IN_KEYS, *names))}"
        )
    articles.sort(key=_sort_key(options.sort, counts), reverse=options.reverse)
    if options.json:
        rows = []
        for article in articles:
            row: dict[str, object] = {
                "path": shown_path(options.site, article.relative),
                "title": article.title,
            }
            row.update({name: article.fields.get(name) for name in names if name not in ("path", "title")})
            row.update(
                problems=counts[article.relative],
                words=article.words,
                modified=_modified(article.modified_ns),
            )
            rows.append(row)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    for article in articles:
        draft = "\tdraft" if article.draft else ""
        print(
            f"{shown_path(options.site, article.relative)}\t{article.title}\t{article.date or '-'}"
            f"\tproblems: {counts[article.relative]}\twords: {article.words}{draft}"
        )
    return EXIT_CLEAN


def _sort_key(key: str, counts: dict[str, int]) -> Callable[[IndexedArticle], tuple[int, object]]:
    def value(article: IndexedArticle) -> tuple[int, object]:
        built_in: dict[str, object] = {
            "path": article.relative,
            "title": article.title.casefold(),
            "problems": counts[article.relative],
            "words": article.words,
            "modified": article.modified_ns,
            "date": article.date,
            "draft": article.draft,
        }
        found = built_in[key] if key in built_in else article.fields.get(key)
        if found is None:
            return (1, "")  # articles without the value sort last
        return (
            0,
            found.casefold()
            if isinstance(found, str)
            else found
            if isinstance(found, int | float)
            else str(found),
        )

    return value


def _modified(mtime_ns: int) -> str:
    return dt.datetime.fromtimestamp(mtime_ns / 1e9, dt.UTC).isoformat(timespec="seconds")


def _search(options: argparse.Namespace) -> int:
    if not options.query.strip():
        raise SiteCommandError("give some text to search for")
    if "\n" in options.query or "\r" in options.query:
        raise SiteCommandError("search finds text within one line: the query holds a line break")
    site = _site(options.site)
    with indexed(site) as index:
        for relative, problem in index.problems():
            if problem.rule == "unreadable":
                print(
                    f"article-editor: {shown_path(options.site, relative)}: not searched: {problem.message}",
                    file=sys.stderr,
                )
        hits = index.search(options.query)
    if options.json:
        entries = [{**hit.as_dict(), "path": shown_path(options.site, hit.path)} for hit in hits]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{shown_path(options.site, hit.path)}:{hit.line}:{hit.column}: {hit.text}")
    return EXIT_CLEAN if hits else EXIT_FOUND_NOTHING


def _rename(options: argparse.Namespace) -> int:
    site = load_site(options.file)
    if not site.is_article(options.file):
        open_article(options.file)  # a missing or unreadable file says so first
        raise SiteCommandError(f"{options.file} is not an article of the site at {site.root}")
    plan = plan_rename(site, options.file, options.slug)
    if not options.dry_run:
        apply_rename(plan)
    print(f"{_near(plan.source)} -> {_near(plan.target)}")
    for edit in plan.edits:
        print(f"{_near(edit.article.path)}: {'links would follow' if options.dry_run else 'links updated'}")
    return EXIT_CLEAN


def _near(path: Path) -> str:
    """`path` relative to the working folder when it is inside it, as the user would type it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else relative


SITE_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": _list,
    "search": _search,
    "rename": _rename,
}
