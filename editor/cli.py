"""The `article-editor` command line: check, read and edit articles over the same core as the window."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from editor import package_version
from editor.article.dates import parse_date
from editor.article.errors import ArticleError
from editor.article.field_edits import remove_field, set_field
from editor.article.front_matter import as_json_value, read_front_matter
from editor.article.schema import FieldKind
from editor.article.validation import Problem, Severity
from editor.article.yaml_scalars import FieldValue, number_literal, value_like
from editor.render.flavours import Flavour
from editor.site.article_files import check_article, create_article, open_article, save_article
from editor.site.config import ARTICLE_SUFFIXES, SiteConfig, load_site
from editor.site.errors import SiteFileError
from editor.site.files import ensure_folder, list_backups, restore_backup, save_file
from editor.site.image_import import import_image
from editor.site.site_problems import site_problems_from_files
from editor.site_commands import SITE_HANDLERS, SiteCommandError, add_site_commands
from editor.spell_command import add_spell_parser, run_spell
from editor.ui.preview.render_protocol import WORKER_ARGUMENT

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


class UsageError(Exception):
    """A command given input it cannot use; the message is shown as it is, with exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog="article-editor",
        description="Write and check the Markdown articles of a static website. "
        "Without a command, opens the editor window on PATH (an article or a site folder).",
        epilog="Exit status: 0 clean, 1 problems found, 2 unusable input.",
    )
    parser.add_argument("--version", action="version", version=f"article-editor {package_version()}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on PATH (default: the example article), exit 0 once the preview shows it, "
        "1 with the reason if it does not within a minute",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate articles (folders are searched for *.md)")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument("--site", type=Path, help="the site root (default: found from each article)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--fail-on",
        choices=[str(severity) for severity in Severity],
        default="warning",
        help="the least severe problem that makes the exit status 1 (default: warning)",
    )
    check.add_argument(
        "--only-articles",
        action="store_true",
        help="skip named files outside the site's content folders (a commit hook passes every changed "
        "Markdown file, the site's README.md too); finding no article is then clean, not an error",
    )
    check.add_argument(
        "--staged-images",
        action="store_true",
        help="for a commit hook: an error for each image an article uses that is neither staged nor tracked "
        "in its git repository, with the git add command that stages it",
    )

    get = commands.add_parser("get", help="print the front matter (or one field) of an article")
    get.add_argument("file", type=Path)
    get.add_argument("key", nargs="?", help="print only this field's value")
    get.add_argument("--json", action="store_true", help="print the fields as JSON")

    set_ = commands.add_parser("set", help="edit front-matter fields in place, touching only their lines")
    set_.add_argument("file", type=Path)
    set_.add_argument("assignments", nargs="*", metavar="KEY=VALUE")
    set_.add_argument("--unset", action="append", default=[], metavar="KEY", help="remove a field")
    set_.add_argument("--force", action="store_true", help="save even if the file changed meanwhile")

    new = commands.add_parser("new", help="create an article from the site template; prints its path")
    new.add_argument("title")
    new.add_argument("--site", type=Path, default=Path("."))

    add_image = commands.add_parser(
        "add-image", help="copy an image into the site's image folder; prints its URL"
    )
    add_image.add_argument("image", type=Path)
    add_image.add_argument("--site", type=Path, default=Path("."))
    add_image.add_argument("--name", help="the name to give it (default: the file's own)")

    render = commands.add_parser("render", help="write articles as standalone HTML pages")
    render.add_argument("files", nargs="+", type=Path, metavar="FILE")
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the HTML file, or with several articles (or an existing folder) the folder to write "
        "NAME.html into (default: print one article's page to stdout)",
    )
    render.add_argument(
        "--flavour",
        choices=[flavour.value for flavour in Flavour],
        help="render with this Markdown flavour instead of the site's",
    )

    review = commands.add_parser(
        "review",
        help="what a commit of the site needs: its changed articles (against git's HEAD and index) with their "
        "problems, and the images they use that git lacks",
        epilog="Exit status: 0 ready, 1 a changed article uses an image that is untracked, ignored or missing, "
        "2 no git repository or no git.",
    )
    review.add_argument("--site", type=Path, default=Path("."))
    review.add_argument("--json", action="store_true", help="print {articles: [...], images: [...]} as JSON")

    add_spell_parser(commands)

    backups = commands.add_parser("backups", help="list the kept previous versions of a file")
    backups.add_argument("file", type=Path)

    restore = commands.add_parser("restore", help="put a kept previous version back (newest first, from 1)")
    restore.add_argument("file", type=Path)
    restore.add_argument("number", nargs="?", type=int, default=1)

    install_desktop = commands.add_parser(
        "install-desktop",
        help="install the menu entry, AppStream data, icons and text/markdown association (Linux)",
    )
    where = install_desktop.add_mutually_exclusive_group()
    where.add_argument(
        "--user", action="store_true", help="for you alone, under $XDG_DATA_HOME (the default)"
    )
    where.add_argument("--prefix", type=Path, help="under PREFIX/share, e.g. /usr/local for every user")
    add_site_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [WORKER_ARGUMENT]:
        # A frozen build has no `python -m editor.ui.preview.render_worker`: it starts itself with this argument.
        from editor.ui.preview import render_worker

        render_worker.main()
    if arguments[:1] == ["--smoke-test"]:
        return _open_window(arguments[1:], smoke_test=True)
    if not arguments or (arguments[0] not in _HANDLERS and not arguments[0].startswith("-")):
        return _open_window(arguments)
    options = build_parser().parse_args(_assignments_after_separator(arguments))
    try:
        return _HANDLERS[options.command](options)
    except (ArticleError, SiteFileError, UsageError, SiteCommandError) as error:
        print(f"article-editor: {_describe(error, getattr(options, 'file', None))}", file=sys.stderr)
        return EXIT_UNUSABLE


def _assignments_after_separator(arguments: list[str]) -> list[str]:
    """`set FILE ---=v` and `get FILE ---` name a key `---`, which argparse would read as an option: such
    words go after a `--`, where argparse takes words as they are."""
    options = {"set": {"--unset", "--force", "-h", "--help"}, "get": {"--json", "-h", "--help"}}
    known = options.get(arguments[0]) if arguments else None
    if known is None or "--" in arguments:
        return arguments
    kept: list[str] = []
    keys: list[str] = []
    words = iter(arguments)
    for word in words:
        name = word.partition("=")[0]
        if word == "--unset":
            kept += [word, next(words, "")]
        elif word.startswith("-") and name not in known and (arguments[0] == "get" or "=" in word):
            keys.append(word)
        else:
            kept.append(word)
    return [*kept, "--", *keys] if keys else kept


def _describe(error: Exception, path: Path | None) -> str:
    where = f"{path}:" if path is not None else ""
    line = getattr(error, "line", None)
    if line is not None and where:
        where += f"{line}:"
    message = getattr(error, "message", str(error))
    return f"{where} {message}" if where else message


def _open_window(arguments: list[str], *, smoke_test: bool = False) -> int:
    if len(arguments) > 1:
        print("article-editor: give one article or site folder to open", file=sys.stderr)
        return EXIT_UNUSABLE
    # Only the entry point imports the UI, so the command line never pays for Qt.
    from editor.ui.app import run_app

    return run_app(Path(arguments[0]) if arguments else None, smoke_test=smoke_test)


def _articles_in(paths: Sequence[Path], site_of: Callable[[Path], SiteConfig] | None = None) -> list[Path]:
    """The files named, and the articles under the folders named (a site's templates and drafts folders
    outside its content folders are left out when the folder is a site).

    With `site_of` (only articles, please), named files outside the content folders of the site it gives
    for them are left out too, and a folder with no article in its content folders gives none rather than
    all its Markdown files.
    """
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            if site_of is None or site_of(path).is_article(path):
                found.append(path)
            continue
        markdown = sorted(
            candidate
            for candidate in path.rglob("*")
            if candidate.suffix.lower() in ARTICLE_SUFFIXES
            and candidate.is_file()
            and not any(
                part.startswith(".") or part == "node_modules" for part in candidate.relative_to(path).parts
            )
        )
        site = load_site(path)
        articles = [candidate for candidate in markdown if site.is_article(candidate)]
        found.extend(articles if articles or site_of is not None else markdown)
    return found


def _check(options: argparse.Namespace) -> int:
    fail_on = list(Severity)[: list(Severity).index(Severity(options.fail_on)) + 1]
    sites: dict[Path, SiteConfig] = {}
    fixed_site = load_site(_site_folder(options.site)) if options.site else None
    site_of = (lambda path: fixed_site or _cached_site(sites, path)) if options.only_articles else None
    paths = _articles_in(options.paths, site_of)
    if not paths and options.only_articles:
        return EXIT_CLEAN
    if not paths:
        print("article-editor: no articles (*.md, *.markdown) found", file=sys.stderr)
        return EXIT_UNUSABLE
    status = EXIT_CLEAN
    report: list[tuple[str, Problem]] = []
    for path in paths:
        try:
            site = fixed_site or _cached_site(sites, path)
            problems = check_article(site, path)
            if options.staged_images:
                problems = _with_unstaged_images(site, path, problems)
        except (ArticleError, SiteFileError) as error:
            status = EXIT_UNUSABLE
            line = getattr(error, "line", None) or 1
            column = getattr(error, "column", None) or 1
            problems = [Problem(line, column, Severity.ERROR, error.message, "unreadable")]
        else:
            if status == EXIT_CLEAN and any(problem.severity in fail_on for problem in problems):
                status = EXIT_PROBLEMS
        report.extend((str(path), problem) for problem in problems)
    if not options.only_articles:
        for shown, problem in _site_rules(options.paths, fixed_site):
            report.append((shown, problem))
            if status == EXIT_CLEAN and problem.severity in fail_on:
                status = EXIT_PROBLEMS
    if options.format == "json":
        entries = [{"path": shown, **problem.as_dict()} for shown, problem in report]
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        # Which Markdown the checks assumed: a list that nests in one flavour may not in the other.
        checked = {site.root: site for site in ([fixed_site] if fixed_site else sites.values())}
        for site in checked.values():
            print(f"# {site.root}: Markdown is {site.markdown.describe()}", file=sys.stderr, flush=True)
            # Extensions the site lists that the preview (and `render`) leave out, and why.
            for note in site.markdown.loaded_extensions().notes:
                print(f"# {site.root}: {note.message}", file=sys.stderr, flush=True)
        for shown, problem in report:
            print(problem.format(shown))
    return status


def _with_unstaged_images(site: SiteConfig, path: Path, problems: list[Problem]) -> list[Problem]:
    from editor.site.review import unstaged_image_problems

    # The plain git hook checks a copy of the index when an article is half staged, and names the real
    # work tree here, where an image not in the copy may be found.
    staged_from = os.environ.get("ARTICLE_EDITOR_STAGED_FROM")
    unstaged = unstaged_image_problems(site, path, Path(staged_from) if staged_from else None)
    # In that copy an unstaged image is missing too; "not staged, git add it" is the one that says why.
    places = {(problem.line, problem.column) for problem in unstaged}
    kept = [p for p in problems if p.rule != "image-missing" or (p.line, p.column) not in places]
    return sorted(kept + unstaged, key=lambda problem: (problem.line, problem.column))


def _site_rules(paths: Sequence[Path], fixed_site: SiteConfig | None) -> list[tuple[str, Problem]]:
    """The site's own rules (unused images, broken article links, duplicate slugs) for each folder named,
    those about files in that folder, with paths shown as the folder's articles are."""
    found: list[tuple[str, Problem]] = []
    for folder in paths:
        if not folder.is_dir():
            continue
        site = fixed_site or load_site(folder)
        inside = Path(os.path.realpath(folder))
        for relative, problem in site_problems_from_files(site):
            absolute = site.root / relative
            if absolute.is_relative_to(inside):
                found.append((str(folder / absolute.relative_to(inside)), problem))
    return found


def _cached_site(sites: dict[Path, SiteConfig], path: Path) -> SiteConfig:
    folder = path.resolve().parent
    if folder not in sites:
        sites[folder] = load_site(path)
    return sites[folder]


def _get(options: argparse.Namespace) -> int:
    article = open_article(options.file)
    front = read_front_matter(article.text)
    values = front.values()
    if options.key is not None:
        if options.key not in values:
            raise UsageError(f"{options.file}: there is no field {options.key!r}")
        value = values[options.key]
        print(
            json.dumps(as_json_value(value), ensure_ascii=False)
            if options.json or not isinstance(value, str)
            else value
        )
    elif options.json:
        print(json.dumps(as_json_value(values), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(front.parts.front_matter)
    return EXIT_CLEAN


def _set(options: argparse.Namespace) -> int:
    if not options.assignments and not options.unset:
        raise UsageError("set needs at least one KEY=VALUE or --unset KEY")
    article = open_article(options.file)
    site = load_site(options.file)
    text = article.text
    for assignment in options.assignments:
        key, equals, raw = assignment.partition("=")
        if not equals or not key:
            raise UsageError(f"{assignment!r} is not KEY=VALUE")
        _require_text(assignment)
        current = read_front_matter(text).values().get(key)
        text = set_field(text, key, _typed_value(site, key, raw, current)).apply(text)
    for key in options.unset:
        text = remove_field(text, key).apply(text)
    if text != article.text:
        save_article(article, text, force=options.force)
    return EXIT_CLEAN


def _require_text(argument: str) -> None:
    """Refuse an argument that is not Unicode text: bytes that are not UTF-8 reach Python as lone surrogates
    (U+DC80-U+DCFF), which YAML could only hold as escapes like "\\udce9", not as the letters meant."""
    bad = next((char for char in argument if 0xD800 <= ord(char) <= 0xDFFF), None)
    if bad is None:
        return
    position = argument.index(bad) + 1
    if 0xDC80 <= ord(bad) <= 0xDCFF:
        raise UsageError(
            f"{_shown(argument)} is not UTF-8 text (byte 0x{ord(bad) - 0xDC00:02x} at character {position}); "
            "set the terminal to UTF-8"
        )
    raise UsageError(f"{_shown(argument)} holds a lone surrogate (U+{ord(bad):04X}) at character {position}")


def _shown(argument: str) -> str:
    """The argument as the bytes it came from, those that are not UTF-8 as \\xNN escapes."""
    return "".join(
        f"\\x{ord(char) - 0xDC00:02x}"
        if 0xDC80 <= ord(char) <= 0xDCFF
        else f"\\u{ord(char):04x}"
        if 0xD800 <= ord(char) <= 0xDFFF
        else char
        for char in argument
    )


def _typed_value(site: SiteConfig, key: str, raw: str, current: object) -> FieldValue:
    """A command-line string as the value the field's kind needs; dates are checked against the site format."""
    spec = site.schema.field(key)
    kind = spec.kind if spec is not None else None
    if kind is FieldKind.DATE:
        try:
            date = parse_date(raw, site.schema.date_format)
        except ValueError as error:
            raise UsageError(f"{key}: {error}") from None
        # A site whose dates YAML reads as dates (2024-01-05) keeps them dates, not quoted strings.
        return date if isinstance(current, dt.date) else raw
    if kind is FieldKind.BOOLEAN or isinstance(current, bool):
        if raw.lower() not in ("true", "false"):
            raise UsageError(f"{key} is true or false, not {raw!r}")
        return raw.lower() == "true"
    if kind is FieldKind.NUMBER:
        number = number_literal(raw.strip())
        if number is None:
            raise UsageError(f"{key} is a number, not {raw!r}")
        return number
    if kind is FieldKind.LIST or isinstance(current, list):
        items = [item.strip() for item in raw.split(",") if item.strip()]
        return value_like(items, current)  # type: ignore[return-value]
    # A number stays a number, when what is typed is one.
    return value_like(raw, current)  # type: ignore[return-value]


def _site_folder(path: Path) -> Path:
    """The --site folder, which must exist: a mistyped one would make the file system root the site."""
    if not path.is_dir():
        raise UsageError(f"{path}: no such site folder")
    return path


def _new(options: argparse.Namespace) -> int:
    site = load_site(_site_folder(options.site))
    path = create_article(site, options.title, dt.date.today())
    print(path)
    return EXIT_CLEAN


def _add_image(options: argparse.Namespace) -> int:
    site = load_site(_site_folder(options.site))
    imported = import_image(site, options.image, options.name)
    print(imported.url)
    return EXIT_CLEAN


def _render(options: argparse.Namespace) -> int:
    from editor.render.export import export_article

    flavour = Flavour(options.flavour) if options.flavour else None
    files: list[Path] = options.files
    into_folder = options.output is not None and (len(files) > 1 or options.output.is_dir())
    if options.output is None and len(files) > 1:
        raise UsageError("render writes several articles into a folder: give it with -o DIR")
    if into_folder:
        ensure_folder(options.output)
        targets = [options.output / f"{path.stem}.html" for path in files]
        if len(set(targets)) < len(targets):
            raise UsageError("two of the articles have the same name; render them into separate folders")
    else:
        targets = [options.output] if options.output is not None else [None]
    for path, target in zip(files, targets, strict=True):
        article = open_article(path)
        html = export_article(load_site(path), path, article.text, flavour)
        if target is None:
            sys.stdout.write(html)
            continue
        for source in files:
            _refuse_to_write_over_an_article(target, source)
        # Any other file it replaces is kept as a backup first, as every save is (`backups`, `restore`).
        save_file(target, html.encode("utf-8"), expected=None, force=True)
        print(target)
    return EXIT_CLEAN


def _refuse_to_write_over_an_article(output: Path, source: Path) -> None:
    """`render A.md -o A.md` (or through a link to it) would put HTML where the article was."""
    if not output.exists():
        return
    if os.path.samefile(output, source):
        raise UsageError(f"{output} is the article being rendered; name another file for the HTML")
    if output.is_file() and Path(os.path.realpath(output)).suffix.lower() in ARTICLE_SUFFIXES:
        raise UsageError(f"{output} is a Markdown file; name an .html file for the page")


def _review(options: argparse.Namespace) -> int:
    from editor.site.review import path_namer, review_as_json, review_as_text, review_site

    site = load_site(_site_folder(options.site))
    review = review_site(site)
    name = path_namer(site.root, options.site)
    if options.json:
        print(json.dumps(review_as_json(review, name), ensure_ascii=False, indent=2))
    else:
        print("\n".join(review_as_text(review, name)))
    return EXIT_PROBLEMS if review.breaks_site else EXIT_CLEAN


def _backups(options: argparse.Namespace) -> int:
    for number, backup in enumerate(list_backups(options.file), start=1):
        print(f"{number}\t{backup.created.astimezone():%Y-%m-%d %H:%M:%S}\t{backup.size} bytes")
    return EXIT_CLEAN


def _restore(options: argparse.Namespace) -> int:
    backups = list_backups(options.file)
    if not 1 <= options.number <= len(backups):
        raise UsageError(
            f"{options.file} has {len(backups)} kept versions; there is no number {options.number}"
        )
    article = open_article(options.file) if options.file.exists() else None
    restore_backup(options.file, backups[options.number - 1], expected=article.stamp if article else None)
    print(
        f"restored {options.file} from {backups[options.number - 1].created.astimezone():%Y-%m-%d %H:%M:%S}"
    )
    return EXIT_CLEAN


def _install_desktop(options: argparse.Namespace) -> int:
    from editor.desktop_integration import install_desktop_files, user_data_home

    data_home = options.prefix / "share" if options.prefix is not None else user_data_home()
    installed = install_desktop_files(data_home)
    for path in installed.written:
        print(path)
    if installed.refreshed_with:
        print(f"refreshed with {', '.join(installed.refreshed_with)}")
    return EXIT_CLEAN


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "get": _get,
    "set": _set,
    "new": _new,
    "add-image": _add_image,
    "render": _render,
    "review": _review,
    "spell": run_spell,
    "backups": _backups,
    "restore": _restore,
    "install-desktop": _install_desktop,
    **SITE_HANDLERS,
}
