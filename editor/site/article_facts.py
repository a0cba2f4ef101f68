"""What the site index keeps of one article: its fields, problem counts, words, draft state and links."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from editor.article.document import decode_article
from editor.article.errors import ArticleError
from editor.article.front_matter import FrontMatter, as_json_value, read_front_matter
from editor.article.schema import FieldKind
from editor.article.validation import Problem, Severity, field_date, lines_outside_fences, validate_text
from editor.site.article_files import validation_rules
from editor.site.config import SiteConfig
from editor.site.errors import SiteFileError
from editor.site.files import read_file

# Jekyll names posts 2024-01-31-the-slug.md; the site's URL holds only the slug.
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(?P<slug>.+)$")
# Inline links and images [text](url "title"), reference definitions [id]: url, and HTML href/src.
_INLINE = re.compile(
    r"(?P<bang>!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:\s*<?(?P<url>[^\s>]+)>?")
_HTML = re.compile(r"<(?P<tag>a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*[\"'](?P<url>[^\"']+)[\"']", re.I)


@dataclass(frozen=True)
class Reference:
    """A URL an article uses, where: `image` for images (and image fields), `link` for links."""

    kind: str
    url: str
    line: int
    column: int


@dataclass(frozen=True)
class ArticleFacts:
    """One article as the index keeps it. `relative` is its path under the site root, with `/`."""

    relative: str
    size: int
    mtime_ns: int
    title: str
    date: str | None  # the first date field of the schema, as an ISO date, when it reads as one
    slug: str
    fields: dict[str, object]  # the schema's fields present, as JSON values
    problems: tuple[Problem, ...]
    words: int
    draft: bool
    references: tuple[Reference, ...]
    text: str

    def count(self, severity: Severity) -> int:
        """How many of its problems have `severity`."""
        return sum(1 for problem in self.problems if problem.severity is severity)


def slug_of(path: Path, values: dict[str, object]) -> str:
    """The slug the site serves an article under: its `slug` field, else its file name (a page bundle's
    index.md: its folder's), without a Jekyll date."""
    given = values.get("slug")
    if isinstance(given, str) and given.strip():
        return given.strip()
    stem = path.parent.name if path.stem.lower() in ("index", "_index") else path.stem
    dated = _DATED_NAME.match(stem)
    return dated.group("slug") if dated else stem


def is_draft(values: dict[str, object]) -> bool:
    """Whether the front matter marks a draft, as Hugo, Astro and Eleventy (draft: true) and Jekyll
    (published: false) do."""
    draft = values.get("draft")
    published = values.get("published")
    return (
        draft is True
        or (isinstance(draft, str) and draft.strip().lower() in ("true", "yes"))
        or (published is False)
    )


def read_facts(site: SiteConfig, path: Path, stat: os.stat_result) -> ArticleFacts:
    """The facts of the article at `path`, stat'ed as `stat` before it was read (so a change after the read
    shows as a newer stat at the next refresh). An unreadable file gets the one problem `check` reports."""
    relative = Path(os.path.relpath(path, site.root)).as_posix()
    try:
        data, _ = read_file(path)
        text = decode_article(data).text
    except (ArticleError, SiteFileError) as error:
        line = getattr(error, "line", None) or 1
        column = getattr(error, "column", None) or 1
        problem = Problem(line, column, Severity.ERROR, error.message, "unreadable")
        return ArticleFacts(
            relative,
            stat.st_size,
            stat.st_mtime_ns,
            path.stem,
            None,
            slug_of(path, {}),
            {},
            (problem,),
            0,
            False,
            (),
            "",
        )
    try:
        front: FrontMatter | None = read_front_matter(text)
    except ArticleError:
        front = None
    problems = tuple(validate_text(text, validation_rules(site, path), front))
    values = front.values() if front is not None else {}
    body = text[front.parts.body_start :] if front is not None else text
    body_line = front.parts.body_line if front is not None else 1
    fields = {
        spec.name: as_json_value(values[spec.name]) for spec in site.schema.fields if spec.name in values
    }
    title = values.get("title")
    references = list(_field_images(site, front))
    references.extend(body_references(body, body_line))
    return ArticleFacts(
        relative=relative,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        title=str(title).strip() if isinstance(title, str) and title.strip() else path.stem,
        date=_first_date(site, values),
        slug=slug_of(path, values),
        fields=fields,
        problems=problems,
        words=len(body.split()),
        draft=is_draft(values),
        references=tuple(references),
        text=text,
    )


def _first_date(site: SiteConfig, values: dict[str, object]) -> str | None:
    for spec in site.schema.fields:
        if spec.kind is FieldKind.DATE and spec.name in values:
            try:
                return field_date(values[spec.name], site.schema.date_format).isoformat()
            except ValueError:
                return None
    return None


def _field_images(site: SiteConfig, front: FrontMatter | None) -> list[Reference]:
    if front is None:
        return []
    found = []
    for spec in site.schema.fields:
        field = front.field(spec.name)
        if spec.kind is FieldKind.IMAGE and field is not None and isinstance(field.value, str):
            found.append(Reference("image", field.value.strip(), field.line, field.column))
    return found


def body_references(body: str, first_line: int) -> list[Reference]:
    """The links and images of an article's body (outside fenced code), at their file lines and columns."""
    return [
        Reference(kind, url, first_line + index, column)
        for kind, url, index, column, _start, _end in url_spans(body)
    ]


def url_spans(body: str) -> Iterator[tuple[str, str, int, int, int, int]]:
    """Each link or image URL of `body` outside fenced code: (kind, url, 0-based line, 1-based column of
    the link, and the URL's start and end offsets in `body`)."""
    for index, line_start, line in lines_outside_fences(body):
        if "](" in line:
            for match in _INLINE.finditer(line):
                kind = "image" if match.group("bang") else "link"
                yield kind, match.group("url"), index, match.start() + 1, *_span(match, line_start)
        if "]:" in line:
            definition = _DEFINITION.match(line)
            if definition:
                start = definition.start("url")
                yield "link", definition.group("url"), index, start + 1, *_span(definition, line_start)
        if "<" in line:
            for match in _HTML.finditer(line):
                kind = "link" if match.group("tag").lower() == "a" else "image"
                yield kind, match.group("url"), index, match.start() + 1, *_span(match, line_start)


def _span(match: re.Match[str], line_start: int) -> tuple[int, int]:
    return line_start + match.start("url"), line_start + match.end("url")


def link_facts(site: SiteConfig, path: Path) -> tuple[str, list[Reference]]:
    """The slug and the links and images of an article, without validating it; an unreadable file has
    its name's slug and none."""
    try:
        data, _ = read_file(path)
        text = decode_article(data).text
    except (ArticleError, SiteFileError):
        return slug_of(path, {}), []
    try:
        front: FrontMatter | None = read_front_matter(text)
    except ArticleError:
        front = None
    values = front.values() if front is not None else {}
    references = _field_images(site, front)
    if front is not None:
        references.extend(body_references(text[front.parts.body_start :], front.parts.body_line))
    else:
        references.extend(body_references(text, 1))
    return slug_of(path, values), references
