"""The field schema: which front-matter keys a site expects, of what kind, and their limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from editor.article.translatable import translatable


class FieldKind(StrEnum):
    """What a field holds; decides the form widget and the checks."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    IMAGE = "image"
    IMAGE_ALT = "image_alt"
    LIST = "list"
    BOOLEAN = "boolean"
    NUMBER = "number"


@dataclass(frozen=True)
class FieldSpec:
    """One expected front-matter key."""

    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    max_length: int | None = None
    help: str = ""
    # For an image-alt field: the image field it describes (e.g. previewImageAlt -> previewImage).
    alt_for: str | None = None
    # For a date field: the date field it may not come before (e.g. lastUpdated -> datePublished).
    not_before: str | None = None


@dataclass(frozen=True)
class Schema:
    """The fields of a site's articles, in form order, and the site's date format."""

    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)
    date_format: str = "DD-MM-YYYY"

    def field(self, name: str) -> FieldSpec | None:
        """The spec for key `name`, or None when the schema does not know it."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    def names(self) -> list[str]:
        """The schema's keys in form order."""
        return [spec.name for spec in self.fields]


# Fits the first site we serve (see resources/example-site): its six keys, dates as DD-MM-YYYY, and the
# 60-character title limit that search engines show before cutting. Their labels and help are marked for
# translation: the UI shows these built-in texts in the user's language, and a site's own texts as written.
DEFAULT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "title",
        translatable("SiteSchema", "Title"),
        FieldKind.TEXT,
        required=True,
        help=translatable("SiteSchema", "The article's heading."),
    ),
    FieldSpec(
        "metaTitle",
        translatable("SiteSchema", "Meta title"),
        FieldKind.TEXT,
        required=True,
        max_length=60,
        help=translatable("SiteSchema", "Shown by search engines; they cut it after about 60 characters."),
    ),
    FieldSpec("datePublished", translatable("SiteSchema", "Published"), FieldKind.DATE, required=True),
    FieldSpec(
        "lastUpdated", translatable("SiteSchema", "Last updated"), FieldKind.DATE, not_before="datePublished"
    ),
    FieldSpec(
        "previewImage",
        translatable("SiteSchema", "Preview image"),
        FieldKind.IMAGE,
        help=translatable("SiteSchema", "Shown in article lists and when shared."),
    ),
    FieldSpec(
        "previewImageAlt",
        translatable("SiteSchema", "Preview image text"),
        FieldKind.IMAGE_ALT,
        help=translatable("SiteSchema", "Describes the preview image for people who cannot see it."),
        alt_for="previewImage",
    ),
)

DEFAULT_SCHEMA = Schema(fields=DEFAULT_FIELDS, date_format="DD-MM-YYYY")
