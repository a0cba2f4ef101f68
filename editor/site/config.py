"""A site's layout and settings: read from article-editor.toml, or inferred from its folders."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from editor.article.dates import DateFormatError, check_date_format
from editor.article.schema import DEFAULT_SCHEMA, FieldKind, FieldSpec, Schema
from editor.render.flavours import Flavour
from editor.resource_files import resource_path
from editor.site.errors import SiteConfigError, SiteFileError
from editor.site.files import read_file
from editor.site.markdown_flavour import (
    INFERRED_COMMONMARK,
    PYTHON_MARKDOWN_SITE_FILES,
    SiteFlavour,
    extension_requests,
    infer_flavour,
    mkdocs_extensions,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "CONFIG_FILE_NAME",
    "CONTENT_CANDIDATES",
    "PUBLIC_CANDIDATES",
    "SiteConfig",
    "SiteConfigError",
    "find_site_root",
    "infer_site",
    "load_site",
    "read_config",
]

CONFIG_FILE_NAME = "article-editor.toml"
ARTICLE_SUFFIXES = (".md", ".markdown")
# Where the common generators (Hugo, Astro, Next.js, Jekyll, Eleventy) keep articles, most specific first.
CONTENT_CANDIDATES = (
    "content/blog",
    "content/posts",
    "content",
    "src/content/blog",
    "src/content",
    "_posts",
    "posts",
    "blog",
    "articles",
)
PUBLIC_CANDIDATES = ("public", "static")
BUNDLED_TEMPLATE = "templates/article.md"

_MAX_CONFIG_BYTES = 1024 * 1024
_TOP_KEYS = (
    "content",
    "public",
    "image_folder",
    "image_url_prefix",
    "date_format",
    "template",
    "stylesheet",
    "markdown",
    "markdown_extensions",
    "language",
    "words_per_minute",
    "fields",
)
# The [[fields]] keys are FieldSpec's own attributes, so a new attribute needs no change here; these name
# another field, which must exist and be of the given kind.
_FIELD_REFERENCES = {"alt_for": FieldKind.IMAGE, "not_before": FieldKind.DATE}
# Folders that never hold articles, however deep the content folder is.
_SKIPPED_FOLDERS = frozenset({"node_modules"})


@dataclass(frozen=True)
class SiteConfig:
    """Where a site keeps its articles and images, how it links them, and its front-matter schema."""

    root: Path
    content_dirs: tuple[Path, ...]
    public_dir: Path
    image_dir: Path
    image_url_prefix: str
    schema: Schema
    template: Path | None
    stylesheet: Path | None
    config_file: Path | None
    # How the site renders Markdown: the preview and the Markdown checks follow it.
    markdown: SiteFlavour = INFERRED_COMMONMARK
    # The language its articles are written in ("da", "en"), which spell checking follows; None: each
    # article's `lang`, else the window's language.
    language: str | None = None
    # The reading speed the status bar's reading time assumes.
    words_per_minute: int = 200

    def url_to_path(self, url: str, base: str = "/") -> Path | None:
        """The file a site URL such as "/images/blog/x.png" names, or None when it is not a local file.

        None for remote (scheme or //host) and data: URLs and for anything that escapes the public folder
        (or the image folder, for URLs under image_url_prefix) through `..` or symlinks. A relative URL is
        read against `base`, the URL of the page that holds it.
        """
        segments = _url_segments(url, base)
        if segments is None:
            return None
        prefix = _url_segments(self.image_url_prefix, "/")
        if prefix and segments[: len(prefix)] == prefix:
            return _contained(self.image_dir, segments[len(prefix) :])
        return _contained(self.public_dir, segments)

    def path_to_url(self, path: Path) -> str:
        """The site URL of a file in the image or public folder; ValueError for a file outside both."""
        absolute = Path(os.path.abspath(path))
        for folder, prefix in ((self.image_dir, self.image_url_prefix), (self.public_dir, "/")):
            for candidate, base in ((absolute, folder), (Path(os.path.realpath(absolute)), _real(folder))):
                if candidate.is_relative_to(base):
                    parts = candidate.relative_to(base).parts
                    return prefix + "/".join(quote(part, safe="") for part in parts)
        raise ValueError(f"{path} is not inside the public folder {self.public_dir}")

    def is_article(self, path: Path) -> bool:
        """Whether `path` names a Markdown file in one of the content folders (it need not exist yet)."""
        absolute = Path(os.path.abspath(path))
        if absolute.suffix.lower() not in ARTICLE_SUFFIXES or absolute.is_dir():
            return False
        for folder in self.content_dirs:
            lexical = (absolute, folder, self.public_dir)
            resolved = (Path(os.path.realpath(absolute)), _real(folder), _real(self.public_dir))
            for candidate, base, public in (lexical, resolved):
                if candidate.is_relative_to(base):
                    inner = candidate.relative_to(base).parts
                    return not any(_skipped(name) for name in inner) and not _in_public(
                        candidate, base, public
                    )
        return False

    def articles(self) -> list[Path]:
        """Every *.md and *.markdown file under the content folders, sorted; hidden folders are skipped."""
        found: set[Path] = set()
        for folder in self.content_dirs:
            for current, subfolders, files in os.walk(folder):
                here = Path(current)
                # The built site may sit inside a content folder that is the root; its copies are not sources.
                subfolders[:] = [
                    name
                    for name in subfolders
                    if not _skipped(name) and not _in_public(here / name, folder, self.public_dir)
                ]
                for name in files:
                    if not _skipped(name) and Path(name).suffix.lower() in ARTICLE_SUFFIXES:
                        found.add(here / name)
        return sorted(found)

    def new_article_template(self) -> Path:
        """The template for a new article: the site's own, else the bundled one."""
        return self.template if self.template is not None else resource_path(BUNDLED_TEMPLATE)


def find_site_root(start: Path) -> Path:
    """The root of the site holding `start` (a file or folder).

    The nearest folder upwards with article-editor.toml; else the nearest with public/ or static/ that is
    not itself a content folder of a higher such folder; else the nearest with mkdocs.yml or pelicanconf.py
    (whose articles are in docs/ or content/, with nothing served from the site's own folders); else the
    nearest with .git; else start's folder.
    The home folder and the file system root are never guessed as sites (both often hold Public/ or .git).
    """
    absolute = Path(os.path.abspath(start))
    folder = Path(os.path.realpath(absolute if absolute.is_dir() else absolute.parent))
    chain = [folder, *folder.parents]
    for candidate in chain:
        if (candidate / CONFIG_FILE_NAME).is_file():
            return candidate
    guessable = [candidate for candidate in chain if not _never_guessed(candidate)]
    served = [candidate for candidate in guessable if _public_candidate(candidate) is not None]
    for index, candidate in enumerate(served):
        if not any(_is_content_of(higher, candidate) for higher in served[index + 1 :]):
            return candidate
    for candidate in guessable:
        if any((candidate / name).is_file() for name in PYTHON_MARKDOWN_SITE_FILES):
            return candidate
    for candidate in guessable:
        if (candidate / ".git").exists():
            return candidate
    return folder


def load_site(path: Path) -> SiteConfig:
    """The config of the site holding `path`: a site root, any folder in it, or an article file."""
    root = find_site_root(path)
    config_file = root / CONFIG_FILE_NAME
    if config_file.is_file():
        return read_config(config_file)
    return infer_site(root)


def infer_site(root: Path) -> SiteConfig:
    """The config a site without article-editor.toml gets, from its folder layout."""
    root = Path(os.path.realpath(root))
    public_dir = _infer_public(root)
    image_dir = _infer_image_dir(public_dir)
    return SiteConfig(
        root=root,
        content_dirs=(_infer_content(root),),
        public_dir=public_dir,
        image_dir=image_dir,
        image_url_prefix=_url_prefix(public_dir, image_dir),
        schema=DEFAULT_SCHEMA,
        template=None,
        stylesheet=None,
        config_file=None,
        markdown=infer_flavour(root),
    )


def read_config(config_file: Path) -> SiteConfig:
    """Read article-editor.toml; keys it leaves out are inferred as for a site without one."""
    config_file = Path(os.path.realpath(config_file))
    text = _read_text(config_file)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _decode_error_line(str(err))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)$|\s*\(at end of document\)$", "", str(err))
        raise SiteConfigError(_where(config_file, line) + f"not valid TOML: {reason}", line) from None
    return _Reader(config_file, text).site(table)


class _Reader:
    """Turns the parsed TOML into a SiteConfig, naming the file, key and line in every complaint."""

    def __init__(self, config_file: Path, text: str) -> None:
        self.file = config_file
        self.root = config_file.parent
        self.lines = text.splitlines()

    def fail(self, message: str, key: str | None = None, field: int | None = None) -> SiteConfigError:
        line = self.line_of(key, field) if key is not None else None
        return SiteConfigError(_where(self.file, line) + message, line)

    def site(self, table: dict[str, Any]) -> SiteConfig:
        for key in table:
            if key not in _TOP_KEYS:
                raise self.fail(f"unknown key {key!r} (known keys: {', '.join(_TOP_KEYS)})", key)
        public_dir = self.folder(table, "public") or _infer_public(self.root)
        image_dir = self.folder(table, "image_folder") or _infer_image_dir(public_dir)
        if "image_url_prefix" in table:
            prefix = self.url_prefix(table["image_url_prefix"])
        elif image_dir.is_relative_to(public_dir):
            prefix = _url_prefix(public_dir, image_dir)
        else:
            raise self.fail(
                "image_url_prefix is needed because image_folder is not inside public", "image_folder"
            )
        date_format = self.string(table, "date_format") or DEFAULT_SCHEMA.date_format
        try:
            check_date_format(date_format)
        except DateFormatError as err:
            raise self.fail(f"date_format: {err}", "date_format") from None
        fields = self.fields(table["fields"]) if "fields" in table else DEFAULT_SCHEMA.fields
        return SiteConfig(
            root=self.root,
            content_dirs=self.content(table) if "content" in table else (_infer_content(self.root),),
            public_dir=public_dir,
            image_dir=image_dir,
            image_url_prefix=prefix,
            schema=Schema(fields=fields, date_format=date_format),
            template=self.existing_file(table, "template"),
            stylesheet=self.existing_file(table, "stylesheet"),
            config_file=self.file,
            markdown=self.flavour(table),
            language=self.language(table),
            words_per_minute=self.words_per_minute(table),
        )

    def language(self, table: dict[str, Any]) -> str | None:
        value = self.string(table, "language")
        if value is not None and not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", value):
            raise self.fail(f"language {value!r} must be a language code such as 'da' or 'en'", "language")
        return value

    def words_per_minute(self, table: dict[str, Any]) -> int:
        value = table.get("words_per_minute", 200)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 2000:
            raise self.fail(
                f"words_per_minute must be a whole number from 1 to 2000, not {value!r}", "words_per_minute"
            )
        return value

    def flavour(self, table: dict[str, Any]) -> SiteFlavour:
        name = self.string(table, "markdown")
        listed = table.get("markdown_extensions")
        if listed is not None and not (
            isinstance(listed, list)
            and all(isinstance(x, str) or (isinstance(x, dict) and len(x) == 1) for x in listed)
        ):
            raise self.fail(
                "markdown_extensions must be a list of extension names (or of {name = {options}} tables)",
                "markdown_extensions",
            )
        # The toml's list wins over mkdocs.yml's, which applies when the toml has none.
        requests = extension_requests(listed) if listed else mkdocs_extensions(self.root)
        if name is None:
            inferred = infer_flavour(self.root)
            return SiteFlavour(inferred.flavour, inferred.source, requests)
        if name not in {flavour.value for flavour in Flavour}:
            choices = " or ".join(repr(flavour.value) for flavour in Flavour)
            raise self.fail(f"markdown {name!r} is not {choices}", "markdown")
        return SiteFlavour(Flavour(name), CONFIG_FILE_NAME, requests)

    def string(self, table: dict[str, Any], key: str, field: int | None = None) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(f"{key} must be a text string, not {_toml_type(value)}", key, field)
        return value

    def site_path(self, value: str, key: str) -> Path:
        relative = PurePath(value)
        if not value.strip():
            raise self.fail(f"{key} is empty", key)
        if relative.is_absolute() or relative.drive or value.startswith("~"):
            raise self.fail(f"{key} {value!r} must be relative to the site root {self.root}", key)
        # Lexical, not resolved: a symlinked folder inside the site is the owner's deliberate choice.
        path = Path(os.path.normpath(self.root / relative))
        if not path.is_relative_to(self.root):
            raise self.fail(f"{key} {value!r} points outside the site root {self.root}", key)
        return path

    def folder(self, table: dict[str, Any], key: str) -> Path | None:
        value = self.string(table, key)
        if value is None:
            return None
        path = self.site_path(value, key)
        if path.exists() and not path.is_dir():
            raise self.fail(f"{key} {value!r} is a file, not a folder", key)
        return path

    def existing_file(self, table: dict[str, Any], key: str) -> Path | None:
        value = self.string(table, key)
        if value is None:
            return None
        path = self.site_path(value, key)
        if not path.is_file():
            raise self.fail(f"{key} {value!r} does not exist", key)
        return path

    def content(self, table: dict[str, Any]) -> tuple[Path, ...]:
        value = table["content"]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"content must be a list of folder names, not {_toml_type(value)}", "content")
        if not value:
            raise self.fail("content must name at least one folder", "content")
        folders: list[Path] = []
        for item in value:
            path = self.site_path(item, "content")
            if not path.is_dir():
                raise self.fail(f"content folder {item!r} does not exist", "content")
            if path not in folders:
                folders.append(path)
        return tuple(folders)

    def url_prefix(self, value: object) -> str:
        if not isinstance(value, str):
            raise self.fail(
                f"image_url_prefix must be a text string, not {_toml_type(value)}", "image_url_prefix"
            )
        if not value.startswith("/") or value.startswith("//") or any(c in value for c in "?#\\"):
            raise self.fail(
                f"image_url_prefix {value!r} must be a site path starting with '/', like '/images/blog/'",
                "image_url_prefix",
            )
        return value if value.endswith("/") else value + "/"

    def fields(self, value: object) -> tuple[FieldSpec, ...]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail("fields must be [[fields]] tables", "fields")
        specs = tuple(self.field(item, index) for index, item in enumerate(value))
        seen: set[str] = set()
        for index, spec in enumerate(specs):
            if spec.name in seen:
                raise self.fail(
                    f"[[fields]] #{index + 1}: name {spec.name!r} is defined twice", "name", index
                )
            seen.add(spec.name)
        kinds = {spec.name: spec.kind for spec in specs}
        for index, spec in enumerate(specs):
            for key, kind in _FIELD_REFERENCES.items():
                target = getattr(spec, key, None)
                if target is not None and kinds.get(target) != kind:
                    raise self.fail(
                        f"field {spec.name!r}: {key} {target!r} must name a field of kind {kind.value!r}",
                        key,
                        index,
                    )
        return specs

    def field(self, table: dict[str, Any], index: int) -> FieldSpec:
        where = f"[[fields]] #{index + 1}"
        known = [spec_field.name for spec_field in dataclasses.fields(FieldSpec)]
        for key in table:
            if key not in known:
                raise self.fail(f"{where}: unknown key {key!r} (known keys: {', '.join(known)})", key, index)
        name = self.string(table, "name", index)
        if not name:
            raise self.fail(f"{where} needs a name", "name", index)
        kind_text = self.string(table, "kind", index) or FieldKind.TEXT.value
        kinds = [kind.value for kind in FieldKind]
        if kind_text not in kinds:
            raise self.fail(
                f"field {name!r}: kind {kind_text!r} is not one of {', '.join(kinds)}", "kind", index
            )
        values: dict[str, Any] = {
            "name": name,
            "label": self.string(table, "label", index) or name,
            "kind": FieldKind(kind_text),
        }
        for spec_field in dataclasses.fields(FieldSpec):
            if spec_field.name not in values and spec_field.name in table:
                values[spec_field.name] = self.typed(table, spec_field.name, name, index)
        max_length = values.get("max_length")
        if max_length is not None and max_length < 1:
            raise self.fail(f"field {name!r}: max_length must be at least 1", "max_length", index)
        return FieldSpec(**values)

    def typed(self, table: dict[str, Any], key: str, name: str, index: int) -> object:
        """table[key] checked against FieldSpec's annotation for it (str, bool, int | None...)."""
        value = table[key]
        hint = typing.get_type_hints(FieldSpec)[key]
        expected = [arg for arg in typing.get_args(hint) if arg is not type(None)] or [hint]
        checks: dict[object, tuple[Callable[[object], bool], str]] = {
            str: (lambda item: isinstance(item, str), "text"),
            bool: (lambda item: isinstance(item, bool), "true or false"),
            int: (lambda item: isinstance(item, int) and not isinstance(item, bool), "a whole number"),
        }
        if len(expected) != 1 or expected[0] not in checks:
            raise self.fail(f"field {name!r}: {key} cannot be set in the config file", key, index)
        accepts, wanted = checks[expected[0]]
        if not accepts(value):
            raise self.fail(f"field {name!r}: {key} must be {wanted}, not {_toml_type(value)}", key, index)
        return value

    def line_of(self, key: str, field: int | None) -> int | None:
        """Best effort: the line where `key` is set, at the top level or in the field-th [[fields]] table."""
        headers = [index for index, line in enumerate(self.lines) if re.match(r"\s*\[", line)]
        if field is None:
            start, end = 0, headers[0] if headers else len(self.lines)
        else:
            field_headers = [
                index for index in headers if re.match(r"\s*\[\[\s*fields\s*\]\]", self.lines[index])
            ]
            if field >= len(field_headers):
                return None
            start = field_headers[field] + 1
            end = next((index for index in headers if index >= start), len(self.lines))
        escaped = re.escape(key)
        assignment = re.compile(rf"""\s*(?:{escaped}|"{escaped}"|'{escaped}')\s*=""")
        for index in range(start, end):
            if assignment.match(self.lines[index]):
                return index + 1
        if field is not None:
            return start
        table_header = re.compile(rf"""\s*\[+\s*(?:{escaped}|"{escaped}")\s*[\].]""")
        return next((index + 1 for index in headers if table_header.match(self.lines[index])), None)


# --- inference -------------------------------------------------------------------------------------------


def _infer_public(root: Path) -> Path:
    return _public_candidate(root) or root / PUBLIC_CANDIDATES[0]


def _infer_image_dir(public_dir: Path) -> Path:
    for candidate in (public_dir / "images" / "blog", public_dir / "images"):
        if candidate.is_dir():
            return candidate
    return public_dir / "images" / "blog"


def _infer_content(root: Path) -> Path:
    for relative in CONTENT_CANDIDATES:
        if (root / relative).is_dir():
            return root / relative
    return root


def _url_prefix(public_dir: Path, image_dir: Path) -> str:
    parts = image_dir.relative_to(public_dir).parts
    return "/" + "".join(quote(part, safe="") + "/" for part in parts)


def _public_candidate(folder: Path) -> Path | None:
    return next((folder / name for name in PUBLIC_CANDIDATES if (folder / name).is_dir()), None)


def _is_content_of(higher: Path, folder: Path) -> bool:
    """Whether `folder` lies in one of the content folders a site rooted at `higher` would have."""
    inner = folder.relative_to(higher).parts
    for relative in CONTENT_CANDIDATES:
        parts = tuple(relative.split("/"))
        if inner[: len(parts)] == parts:
            return True
    return False


def _never_guessed(folder: Path) -> bool:
    home = Path(os.path.realpath(Path.home()))
    return folder == home or folder.parent == folder


# --- URLs ------------------------------------------------------------------------------------------------


def _url_segments(url: str, base: str) -> list[str] | None:
    """The decoded, normalised path segments of a local site URL; None for anything else."""
    # Browsers read a backslash in a URL as a slash, so "\\host\x" is remote and "\..\" climbs.
    text = url.strip().replace("\\", "/")
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or text.startswith("//") or not parts.path:
        return None
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in path or "\\" in path:
        return None
    if not path.startswith("/"):
        base_path = urlsplit(base.replace("\\", "/")).path or "/"
        path = posixpath.join(posixpath.dirname(base_path) or "/", path)
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                return None
            segments.pop()
        else:
            segments.append(segment)
    return segments


def _contained(folder: Path, segments: list[str]) -> Path | None:
    candidate = folder.joinpath(*segments)
    # Resolving follows symlinks, so a link inside public/ that points at /etc is caught here.
    if not Path(os.path.realpath(candidate)).is_relative_to(_real(folder)):
        return None
    return candidate


def _real(folder: Path) -> Path:
    return Path(os.path.realpath(folder))


def _in_public(path: Path, content_folder: Path, public_dir: Path) -> bool:
    """Whether `path` is in the built site that a content folder (such as the root) happens to hold."""
    return path.is_relative_to(public_dir) and not content_folder.is_relative_to(public_dir)


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in _SKIPPED_FOLDERS


# --- reading ---------------------------------------------------------------------------------------------


def _read_text(config_file: Path) -> str:
    try:
        data, _ = read_file(config_file, max_bytes=_MAX_CONFIG_BYTES)
    except SiteFileError as err:
        raise SiteConfigError(err.message) from None
    try:
        # Windows editors save TOML with a BOM, which tomllib does not accept.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SiteConfigError(_where(config_file, line) + "is not UTF-8 text", line) from None


def _decode_error_line(message: str) -> int | None:
    # Python before 3.14 puts the position only in the message text.
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None


def _where(config_file: Path, line: int | None) -> str:
    return f"{config_file}, line {line}: " if line is not None else f"{config_file}: "


def _toml_type(value: object) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)
