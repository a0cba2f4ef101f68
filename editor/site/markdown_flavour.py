"""Which Markdown flavour a site renders with: as its article-editor.toml says, else as its files show."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from editor.render.flavours import Flavour

# What a site's own configuration file tells about its renderer.
PYTHON_MARKDOWN_SITE_FILES = ("mkdocs.yml", "mkdocs.yaml", "pelicanconf.py")


@dataclass(frozen=True)
class SiteFlavour:
    """The site's flavour, the Python-Markdown extensions it lists, and where that was read."""

    flavour: Flavour
    source: str  # "article-editor.toml", "mkdocs.yml", ... or "inferred"
    extensions: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for the status bar and `check`: "CommonMark + GFM (inferred)"."""
        return f"{self.flavour.label} ({self.source})"


# What a site without a say and without an MkDocs or Pelican configuration renders with.
INFERRED_COMMONMARK = SiteFlavour(Flavour.COMMONMARK, "inferred")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags, which are read as nothing here, never run."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def infer_flavour(root: Path) -> SiteFlavour:
    """The flavour of a site without a `markdown` setting: Python-Markdown for MkDocs and Pelican sites
    (with the extensions mkdocs.yml lists), CommonMark + GFM for every other (Next.js, Astro, Hugo, ...)."""
    for name in PYTHON_MARKDOWN_SITE_FILES:
        candidate = root / name
        if candidate.is_file():
            extensions = _mkdocs_extensions(candidate) if name.startswith("mkdocs") else ()
            return SiteFlavour(Flavour.PYTHON_MARKDOWN, name, extensions)
    return INFERRED_COMMONMARK


def _mkdocs_extensions(path: Path) -> tuple[str, ...]:
    """The names under `markdown_extensions:` in mkdocs.yml (a list of names or of one-key maps)."""
    try:
        values = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()
    listed = values.get("markdown_extensions") if isinstance(values, dict) else None
    if not isinstance(listed, list):
        return ()
    names = []
    for item in listed:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            names.append(str(next(iter(item))))
    return tuple(names)
