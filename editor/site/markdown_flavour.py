"""Which Markdown flavour a site renders with: as its article-editor.toml says, else as its files show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editor.render.flavours import Flavour
from editor.site.markdown_extensions import ExtensionRequest, OptionValue, SiteExtensions, resolve_extensions

# What a site's own configuration file tells about its renderer.
PYTHON_MARKDOWN_SITE_FILES = ("mkdocs.yml", "mkdocs.yaml", "pelicanconf.py")


@dataclass(frozen=True)
class SiteFlavour:
    """The site's flavour, the Python-Markdown extensions it lists, and where that was read."""

    flavour: Flavour
    source: str  # "article-editor.toml", "mkdocs.yml", ... or "inferred"
    extensions: tuple[ExtensionRequest, ...] = ()

    def describe(self) -> str:
        """One line for the status bar and `check`: "CommonMark + GFM (inferred)"."""
        return f"{self.flavour.label} ({self.source})"

    @property
    def extension_names(self) -> tuple[str, ...]:
        """The names of the extensions the site lists, as written."""
        return tuple(request.name for request in self.extensions)

    def loaded_extensions(self) -> SiteExtensions:
        """The listed extensions the preview loads, and notes on the others (none for CommonMark)."""
        if self.flavour is not Flavour.PYTHON_MARKDOWN:
            return SiteExtensions()
        return resolve_extensions(self.extensions)


# What a site without a say and without an MkDocs or Pelican configuration renders with.
INFERRED_COMMONMARK = SiteFlavour(Flavour.COMMONMARK, "inferred")


class _PythonTag:
    """What a `!!python/name:` or `!ENV` tag of mkdocs.yml is read as: a value that is not plain."""


_PYTHON_TAG = _PythonTag()


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags, which are read as a marker here, never run."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: _PYTHON_TAG)


def infer_flavour(root: Path) -> SiteFlavour:
    """The flavour of a site without a `markdown` setting: Python-Markdown for MkDocs and Pelican sites
    (with the extensions mkdocs.yml lists), CommonMark + GFM for every other (Next.js, Astro, Hugo, ...)."""
    for name in PYTHON_MARKDOWN_SITE_FILES:
        candidate = root / name
        if candidate.is_file():
            # pelicanconf.py is Python, and is never run: its MARKDOWN setting stays unknown, and the
            # preview's own extensions apply unless article-editor.toml lists the site's.
            extensions = _mkdocs_extensions(candidate) if name.startswith("mkdocs") else ()
            return SiteFlavour(Flavour.PYTHON_MARKDOWN, name, extensions)
    return INFERRED_COMMONMARK


def mkdocs_extensions(root: Path) -> tuple[ExtensionRequest, ...]:
    """The extensions the site's mkdocs.yml (or mkdocs.yaml) lists; () without one."""
    for name in PYTHON_MARKDOWN_SITE_FILES:
        if name.startswith("mkdocs") and (root / name).is_file():
            return _mkdocs_extensions(root / name)
    return ()


def _mkdocs_extensions(path: Path) -> tuple[ExtensionRequest, ...]:
    """The entries under `markdown_extensions:` in mkdocs.yml (a list of names or of one-key maps)."""
    try:
        values = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        # RecursionError: PyYAML composes nested values by recursion, and thousands of `[` run it out.
        return ()
    listed = values.get("markdown_extensions") if isinstance(values, dict) else None
    # MkDocs also takes a map of names to options.
    if isinstance(listed, dict):
        listed = [{key: value} for key, value in listed.items()]
    return extension_requests(listed) if isinstance(listed, list) else ()


def extension_requests(listed: list[Any]) -> tuple[ExtensionRequest, ...]:
    """Requests from a list of names and of one-key maps of a name to its options (mkdocs.yml's shape,
    and article-editor.toml's). Entries of another shape are left out."""
    requests = []
    for item in listed:
        if isinstance(item, str):
            requests.append(ExtensionRequest(item))
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            plain: dict[str, OptionValue] = {}
            unreadable = []
            for key, value in (options if isinstance(options, dict) else {}).items():
                if _is_plain(value):
                    plain[str(key)] = value
                else:
                    unreadable.append(str(key))
            requests.append(ExtensionRequest(str(name), plain, tuple(unreadable)))
    return tuple(requests)


# More values than any extension's options hold: a value past it is made of aliases repeating endlessly.
_MOST_VALUES = 10_000


def _is_plain(value: object) -> bool:
    """Text, a number, yes/no, nothing, or lists and maps of those: what a site file may give an option.
    YAML aliases can make a value that holds itself or stands for billions of values in a few lines;
    such a value is not plain either, and is found out without walking all of it."""
    pending = [value]
    seen = 0
    while pending:
        item = pending.pop()
        seen += 1
        if seen > _MOST_VALUES:
            return False
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            pending.extend(item.values())
        # TOML dates and times are not options of any extension; tags are code.
        elif not (item is None or isinstance(item, str | int | float | bool)):
            return False
    return True
