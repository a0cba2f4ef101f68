"""Checks an article against its site's schema and against Markdown traps, as `path:line:col` problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum

from editor.article.dates import NotADateError, not_in_form, parse_date
from editor.article.errors import ArticleError
from editor.article.front_matter import Field, FrontMatter, read_front_matter
from editor.article.markdown_lint import StructureReader, markdown_findings, may_have_traps
from editor.article.schema import FieldKind, FieldSpec, Schema
from editor.article.translatable import translatable


class Severity(StrEnum):
    """How much a problem matters: errors break the site, warnings hurt readers, infos are worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding, at a 1-based file line and column; `field` names the front-matter key it concerns."""

    line: int
    column: int
    severity: Severity
    message: str
    rule: str
    field: str | None = None
    # The message before its values were filled in, and those values, for the UI to show the message in the
    # user's language (QCoreApplication.translate("Problem", template).format(**values)). Empty when the
    # message comes from elsewhere (a parser's error), which is then shown as it is.
    template: str = dataclass_field(default="", compare=False, repr=False)
    values: tuple[tuple[str, str], ...] = dataclass_field(default=(), compare=False, repr=False)

    def format(self, path: str) -> str:
        """The `path:line:col: severity: message [rule]` line compilers and editors understand."""
        return f"{path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, object]:
        """The problem as JSON-ready values."""
        return {
            key: str(value) if isinstance(value, StrEnum) else value
            for key, value in asdict(self).items()
            if key not in ("template", "values")
        }


def _problem(
    at: tuple[int, int], severity: Severity, rule: str, field: str | None, template: str, **values: object
) -> Problem:
    """A problem whose message is `template` (marked translatable) filled in with `values`."""
    shown = {key: str(value) for key, value in values.items()}
    return Problem(*at, severity, template.format(**shown), rule, field, template, tuple(shown.items()))


# Tells whether a site URL (`/images/blog/x.png`) names an existing file: True, False, or None when it is not a
# local URL (remote, data:) and so cannot be checked offline.
ImageExists = Callable[[str], bool | None]
# Why the image a URL names must not be served (an SVG with scripts, say), or None when it is harmless.
ImageHazard = Callable[[str], str | None]


def _no_hazard(url: str) -> str | None:
    return None


@dataclass(frozen=True)
class ValidationRules:
    """What an article is checked against: the site's schema (with its date format), its files, and the
    parser of its Markdown flavour (editor.render.markdown_structure.structure_reader)."""

    schema: Schema
    image_exists: ImageExists
    image_hazard: ImageHazard = _no_hazard
    read_structure: StructureReader = dataclass_field(kw_only=True)


def validate_text(text: str, rules: ValidationRules, front: FrontMatter | None = None) -> list[Problem]:
    """Every problem of an article's text (BOM removed), in line order; `front` is the text's front matter
    when the caller has read it already (the site index does, for the fields it keeps)."""
    try:
        front = read_front_matter(text) if front is None else front
    except ArticleError as error:
        problems = [
            Problem(
                error.line or 1,
                error.column or 1,
                Severity.ERROR,
                error.message,
                "front-matter",
                None,
                error.template,
                tuple((key, str(value)) for key, value in error.values),
            ),
        ]
        return problems + list(_body_problems(text, 0, 1, rules))
    problems = [_with_labels(problem, rules.schema) for problem in _front_matter_problems(front, rules)]
    problems.extend(_body_problems(text, front.parts.body_start, front.parts.body_line, rules))
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


# The values of a message that name a field; the window shows the field's label in their place.
_FIELD_VALUES = ("name", "image", "alt")


def _with_labels(problem: Problem, schema: Schema) -> Problem:
    """`problem` with the label of each field it names (as `name_label`, ...), for the window's words."""
    values = dict(problem.values)
    extra = []
    for key in _FIELD_VALUES:
        spec = schema.field(values[key]) if key in values else None
        if spec is not None and spec.label:
            extra.append((f"{key}_label", spec.label))
    if not extra:
        return problem
    return dataclasses.replace(problem, values=problem.values + tuple(extra))


def _front_matter_problems(front: FrontMatter, rules: ValidationRules) -> Iterator[Problem]:
    schema = rules.schema
    fields = {field.key: field for field in front.fields}
    end_line = max(front.parts.body_line - 1, 1)
    for spec in schema.fields:
        field = fields.get(spec.name)
        if field is None:
            if spec.required:
                yield _problem(
                    (end_line, 1),
                    Severity.ERROR,
                    "required",
                    spec.name,
                    translatable("Problem", "{name} ({label}) is required but missing"),
                    name=spec.name,
                    label=spec.label,
                )
            continue
        yield from _field_problems(spec, field, fields, rules)
    for field in front.fields:
        if schema.field(field.key) is None:
            yield _problem(
                (field.line, field.column),
                Severity.INFO,
                "unknown-key",
                field.key,
                translatable("Problem", "{name} is not in the site's schema; it is kept as it is"),
                name=field.key,
            )


def _is_empty(value: object) -> bool:
    return value is None or (
        isinstance(value, str | list | dict) and not (value.strip() if isinstance(value, str) else value)
    )


def _field_problems(
    spec: FieldSpec, field: Field, fields: dict[str, Field], rules: ValidationRules
) -> Iterator[Problem]:
    value = field.value
    at = (field.line, field.column)
    if _is_empty(value):
        if spec.required:
            yield _problem(
                at,
                Severity.ERROR,
                "required",
                spec.name,
                translatable("Problem", "{name} ({label}) is required but empty"),
                name=spec.name,
                label=spec.label,
            )
        elif (
            spec.kind is FieldKind.IMAGE_ALT and spec.alt_for and not _is_empty(_value(fields, spec.alt_for))
        ):
            yield _problem(
                at,
                Severity.WARNING,
                "image-alt",
                spec.name,
                translatable("Problem", "{image} has no alt text: fill in {name}"),
                image=spec.alt_for,
                name=spec.name,
            )
        return
    if spec.max_length is not None and isinstance(value, str) and len(value) > spec.max_length:
        yield _problem(
            at,
            Severity.WARNING,
            "max-length",
            spec.name,
            translatable(
                "Problem", "{name} is {length} characters; keep it to {limit} (search engines cut the rest)"
            ),
            name=spec.name,
            length=len(value),
            limit=spec.max_length,
        )
    if spec.kind is FieldKind.DATE:
        yield from _date_problems(spec, field, fields, rules.schema.date_format)
    elif spec.kind is FieldKind.IMAGE and isinstance(value, str):
        if rules.image_exists(value.strip()) is False:
            yield _problem(
                at,
                Severity.ERROR,
                "image-missing",
                spec.name,
                translatable("Problem", "{name} {url} is not in the site's public folder"),
                name=spec.name,
                url=value,
            )
        yield from _hazard_problems(value.strip(), at, spec.name, rules)
        alt = next((other for other in rules.schema.fields if other.alt_for == spec.name), None)
        if alt is not None and alt.name not in fields:
            yield _problem(
                at,
                Severity.WARNING,
                "image-alt",
                alt.name,
                translatable("Problem", "{name} has no alt text: add {alt}"),
                name=spec.name,
                alt=alt.name,
            )
    elif spec.kind is FieldKind.BOOLEAN and not isinstance(value, bool):
        yield _problem(
            at,
            Severity.WARNING,
            "kind",
            spec.name,
            translatable("Problem", "{name} should be true or false, not {value}"),
            name=spec.name,
            value=repr(value),
        )
    elif spec.kind is FieldKind.NUMBER and (isinstance(value, bool) or not isinstance(value, int | float)):
        yield _problem(
            at,
            Severity.WARNING,
            "kind",
            spec.name,
            translatable("Problem", "{name} should be a number, not {value}"),
            name=spec.name,
            value=repr(value),
        )
    elif spec.kind is FieldKind.LIST and not isinstance(value, list):
        yield _problem(
            at,
            Severity.WARNING,
            "kind",
            spec.name,
            translatable("Problem", "{name} should be a list"),
            name=spec.name,
        )
    elif spec.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.IMAGE_ALT) and not isinstance(
        value, str
    ):
        yield _problem(
            at,
            Severity.WARNING,
            "kind",
            spec.name,
            translatable("Problem", "{name} is read as {type} {value}, not text; put it in quotes"),
            name=spec.name,
            type=type(value).__name__,
            value=repr(value),
        )


def _value(fields: dict[str, Field], key: str) -> object:
    field = fields.get(key)
    return None if field is None else field.value


def field_date(value: object, date_format: str) -> dt.date:
    """A date field's value as a date; ValueError (with a writer's message) when it is not one in `date_format`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        if date_format != "YYYY-MM-DD":
            raise not_in_form(value.isoformat(), date_format)
        return value
    return parse_date(str(value), date_format)


def _date_problems(
    spec: FieldSpec, field: Field, fields: dict[str, Field], date_format: str
) -> Iterator[Problem]:
    try:
        date = field_date(field.value, date_format)
    except NotADateError as error:
        template = (
            translatable(
                "Problem",
                "{name}: {text} is not a real date (there is no day {day} in month {month} of {year})",
            )
            if error.rule == "date-impossible"
            else translatable("Problem", "{name}: {text} is not a date in the form {format}")
        )
        yield _problem(
            (field.line, field.column),
            Severity.ERROR,
            error.rule,
            spec.name,
            template,
            name=spec.name,
            **error.values,
        )
        return
    if spec.not_before is None or spec.not_before not in fields:
        return
    try:
        earlier = field_date(fields[spec.not_before].value, date_format)
    except ValueError:
        return
    if date < earlier:
        yield _problem(
            (field.line, field.column),
            Severity.ERROR,
            "date-order",
            spec.name,
            translatable("Problem", "{name} ({date}) is before {earlier_name} ({earlier})"),
            name=spec.name,
            date=field.value,
            earlier_name=spec.not_before,
            earlier=fields[spec.not_before].value,
        )


# ---- the body --------------------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)


def _body_problems(text: str, body_start: int, body_line: int, rules: ValidationRules) -> Iterator[Problem]:
    body = text[body_start:]
    structure = rules.read_structure(body) if may_have_traps(body) else None
    for finding in markdown_findings(body, structure, body_line) if structure else ():
        yield _problem(
            (finding.line, finding.column),
            Severity.WARNING,
            finding.rule,
            None,
            finding.template,
            **finding.values,
        )
    for image in _body_images(body, body_line):
        yield from _image_problems(image, rules)


@dataclass(frozen=True)
class ImageReference:
    """An image URL an article uses, where it is written: in a front-matter image field (`field`) or in the
    body, as `![alt](url)` or `<img src>` (`field` None)."""

    line: int
    column: int
    url: str
    field: str | None = None
    alt: str = ""


def image_references(text: str, schema: Schema) -> list[ImageReference]:
    """Every image an article's text uses, as validation finds them: the schema's image fields, then the
    body's images outside code fences, in line order. A front matter that cannot be read gives none."""
    try:
        front = read_front_matter(text)
    except ArticleError:
        return list(_body_images(text, 1))
    found = [
        ImageReference(field.line, field.column, field.value.strip(), field.key)
        for field in front.fields
        if (spec := schema.field(field.key)) is not None
        and spec.kind is FieldKind.IMAGE
        and isinstance(field.value, str)
        and field.value.strip()
    ]
    found.extend(_body_images(text[front.parts.body_start :], front.parts.body_line))
    return found


def lines_outside_fences(body: str) -> Iterator[tuple[int, int, str]]:
    """(0-based index, offset in `body`, line with its break) of each line of `body` that is not inside
    fenced code nor a fence itself: where links and images can be."""
    fence: str | None = None
    offset = 0
    for index, line in enumerate(body.splitlines(keepends=True)):
        line_start, offset = offset, offset + len(line)
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        yield index, line_start, line


def _body_images(body: str, body_line: int) -> Iterator[ImageReference]:
    for index, _, line in lines_outside_fences(body):
        if line.strip():
            yield from _line_images(line.splitlines()[0], body_line + index)


def _line_images(line: str, number: int) -> Iterator[ImageReference]:
    for match in _IMAGE.finditer(line):
        yield ImageReference(number, match.start() + 1, match.group("url"), alt=match.group("alt"))
    for match in _HTML_IMAGE.finditer(line):
        alt_attribute = _HTML_ALT.search(match.group(0))
        alt = alt_attribute.group(1) if alt_attribute else ""
        yield ImageReference(number, match.start() + 1, match.group(1), alt=alt)


def _hazard_problems(
    url: str, at: tuple[int, int], field: str | None, rules: ValidationRules
) -> Iterator[Problem]:
    hazard = rules.image_hazard(url)
    if hazard is not None:
        yield _problem(
            at,
            Severity.ERROR,
            "unsafe-svg",
            field,
            translatable(
                "Problem",
                "{url} is an SVG with {hazard}, which a browser runs or fetches when the site serves it",
            ),
            url=url,
            hazard=hazard,
        )


def _image_problems(image: ImageReference, rules: ValidationRules) -> Iterator[Problem]:
    number, column, url, alt = image.line, image.column, image.url, image.alt
    if not alt.strip():
        yield _problem(
            (number, column),
            Severity.WARNING,
            "image-alt",
            None,
            translatable("Problem", "the image {url} has no alt text: describe it in ![…]"),
            url=url,
        )
    if rules.image_exists(url) is False:
        yield _problem(
            (number, column),
            Severity.ERROR,
            "image-missing",
            None,
            translatable("Problem", "the image {url} is not in the site's public folder"),
            url=url,
        )
    yield from _hazard_problems(url, (number, column), None, rules)
