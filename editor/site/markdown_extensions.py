"""Which Python-Markdown extensions a site's configuration may turn on in the preview, and with which options.

A site names its extensions in mkdocs.yml or article-editor.toml, and Python-Markdown would import any
module so named. Here only modules shipped with Python-Markdown and pymdown-extensions that render text
and nothing else are loaded, by names written in this file; any other name is reported, never imported.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions import Extension

from editor.article.translatable import translatable

OptionValue = str | int | float | bool | None | list["OptionValue"] | dict[str, "OptionValue"]

_MARKDOWN = "markdown.extensions."

# Extensions that change only what happens inside a block (inline syntax, attributes, output clean-up) or
# whose blocks continue only on indented lines, as the chunk splitter (editor/render/blocks.py) assumes:
# the preview can keep rendering just the blocks that change.
CHUNK_SAFE_EXTENSIONS = frozenset(
    {
        _MARKDOWN + "admonition",
        _MARKDOWN + "legacy_em",
        _MARKDOWN + "nl2br",
        _MARKDOWN + "smarty",
        _MARKDOWN + "wikilinks",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.escapeall",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.magiclink",
        "pymdownx.mark",
        "pymdownx.pathconverter",
        "pymdownx.progressbar",
        "pymdownx.smartsymbols",
        "pymdownx.striphtml",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)
# Extensions whose syntax connects blocks across blank lines or through the whole document: abbreviations
# and `Term\n\n: definition` lists, tab groups, `///` blocks, Markdown inside HTML, ids an attribute list
# sets that heading ids must avoid, metadata at the document's start. With one of these on, the preview
# renders the whole article in one pass, as the site does.
WHOLE_DOCUMENT_EXTENSIONS = frozenset(
    {
        _MARKDOWN + "abbr",
        _MARKDOWN + "attr_list",
        _MARKDOWN + "def_list",
        _MARKDOWN + "legacy_attrs",
        _MARKDOWN + "md_in_html",
        _MARKDOWN + "meta",
        "pymdownx.arithmatex",
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.caption",
        "pymdownx.blocks.definition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.html",
        "pymdownx.blocks.tab",
        "pymdownx.critic",
        "pymdownx.fancylists",
        "pymdownx.quotes",
        "pymdownx.saneheaders",
        "pymdownx.tabbed",
    }
)
# Bundles, loaded as the extensions they are made of (which are all listed above or built in).
BUNDLES: dict[str, Callable[[], list[str]]] = {
    _MARKDOWN + "extra": lambda: list(importlib.import_module(_MARKDOWN + "extra").extensions),
    "pymdownx.extra": lambda: list(importlib.import_module("pymdownx.extra").extra_extensions),
}
# The preview's own set (editor/render/extensions.py): a site's options for these are merged into the
# preview's where the preview can honour them; superfences' options change what is fenced code, which the
# chunk splitter models with the defaults, so they mean one-pass rendering.
BUILT_IN_WITH_OPTIONS = frozenset({_MARKDOWN + "toc", _MARKDOWN + "tables", "pymdownx.highlight"})
BUILT_IN_WHOLE_DOCUMENT_OPTIONS = frozenset({"pymdownx.superfences"})
# Already there, or done by what is there (fenced_code by superfences, codehilite by pymdownx.highlight);
# their options are not used, because the preview's footnotes and code need theirs.
BUILT_IN_FIXED = frozenset(
    {_MARKDOWN + "footnotes", _MARKDOWN + "sane_lists", _MARKDOWN + "fenced_code", _MARKDOWN + "codehilite"}
)
# The preview's own option of an extension, which a site's cannot replace: `marker` stays empty (no
# [TOC] in articles: static sites don't have it), `slugify` makes the ids the preview links up.
OWN_OPTIONS = {_MARKDOWN + "toc": frozenset({"marker", "slugify"})}
# Shipped with the libraries but never loaded: they read files or fetch URLs while rendering.
READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})

_LOADABLE = CHUNK_SAFE_EXTENSIONS | WHOLE_DOCUMENT_EXTENSIONS
_KNOWN = _LOADABLE | BUILT_IN_WITH_OPTIONS | BUILT_IN_WHOLE_DOCUMENT_OPTIONS | BUILT_IN_FIXED | set(BUNDLES)

# Rendered once with each extension and its options, so options that only fail while rendering are
# caught here rather than in the preview.
# The trial render: some of every kind of block an allowed extension works on (tabs, details, notes,
# fences, tables, definitions, abbreviations), so an option that breaks one fails here, not in the preview.
_SAMPLE = (
    "# Title\n\nSome *text* and `code`.\n\n- a\n- b\n\n    indented\n\n> quote\n\n"
    '=== "Tab"\n\n    In a tab.\n\n??? note "Details"\n\n    Hidden.\n\n!!! note "Note"\n\n    Noted.\n\n'
    "```python\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   Definition\n\n*[HTML]: Hyper Text\n"
)


@dataclass(frozen=True)
class ExtensionRequest:
    """One entry of a site's `markdown_extensions` as written: a name, its options, and the options whose
    value could not be read as plain text, numbers, lists or maps (a `!!python/name:` tag, say)."""

    name: str
    options: dict[str, OptionValue] = field(default_factory=dict, hash=False)
    unreadable: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtensionNote:
    """Why an extension the site asks for is not (fully) in the preview: one line for a person."""

    template: str
    values: tuple[tuple[str, str], ...]

    @property
    def message(self) -> str:
        """The note in English; the UI translates `template` and fills in `values` itself."""
        return self.template.format(**dict(self.values))


def _note(template: str, **values: str) -> ExtensionNote:
    return ExtensionNote(template, tuple(values.items()))


@dataclass(frozen=True)
class LoadedExtension:
    """An allowlisted extension module and the checked options to make it with."""

    module: str
    options: dict[str, OptionValue] = field(default_factory=dict, hash=False)

    def make(self) -> Extension:
        """A fresh instance: extensions keep per-document state, so each Markdown gets its own."""
        extension: Extension = importlib.import_module(self.module).makeExtension(**self.options)
        return extension


@dataclass(frozen=True)
class SiteExtensions:
    """What the preview adds to its Python-Markdown for a site: extensions, options for its own, and notes."""

    added: tuple[LoadedExtension, ...] = ()
    # Options of the preview's own extensions (toc, tables, highlight, superfences), by module name.
    built_in_options: dict[str, dict[str, OptionValue]] = field(default_factory=dict, hash=False)
    # True when an extension connects blocks the chunk splitter would render apart.
    whole_document: bool = False
    notes: tuple[ExtensionNote, ...] = ()

    def make(self) -> list[Extension]:
        """Fresh instances of the added extensions."""
        return [extension.make() for extension in self.added]

    def options_for(self, module: str) -> dict[str, Any]:
        """The site's options for the preview's own extension `module` (full name)."""
        return dict(self.built_in_options.get(module, {}))


NO_EXTENSIONS = SiteExtensions()


def module_name(name: str) -> str | None:
    """The allowlisted module a site's extension name means ("toc", "markdown.extensions.toc",
    "pymdownx.details"), or None for any other name."""
    candidate = name.strip()
    if "." not in candidate:
        candidate = _MARKDOWN + candidate
    return candidate if candidate in _KNOWN else None


@functools.lru_cache(maxsize=32)
def resolve_extensions(requests: tuple[ExtensionRequest, ...]) -> SiteExtensions:
    """The extensions of `requests` the preview loads, with options checked; every other is a note.

    Only names on this module's lists are imported. An option of the wrong type, unknown to the
    extension, or failing a trial render leaves that extension out with a note, never an exception.
    """
    added: dict[str, LoadedExtension] = {}
    built_in: dict[str, dict[str, OptionValue]] = {}
    notes: list[ExtensionNote] = []
    whole_document = False
    for request in _expand_bundles(requests):
        module = module_name(request.name)
        if module is None:
            if request.name.strip() in READS_FILES:
                template = translatable(
                    "SiteExtensions", "{name} is not loaded: it reads files or the network while rendering"
                )
            else:
                template = translatable(
                    "SiteExtensions",
                    "{name} is not loaded: the preview loads only Python-Markdown's and "
                    "pymdown-extensions' own extensions",
                )
            notes.append(_note(template, name=request.name))
            continue
        notes += [
            _note(
                translatable(
                    "SiteExtensions", "{name}: option {option} names Python code; left at its default"
                ),
                name=request.name,
                option=option,
            )
            for option in request.unreadable
        ]
        options = dict(request.options)
        unused = [key for key in options if module in BUILT_IN_FIXED or key in OWN_OPTIONS.get(module, ())]
        for key in unused:
            del options[key]
            notes.append(
                _note(
                    translatable("SiteExtensions", "{name}: option {option} is not used by the preview"),
                    name=request.name,
                    option=key,
                )
            )
        if module in BUILT_IN_FIXED:
            continue
        problem = _option_problem(module, options)
        if problem is not None:
            notes.append(
                _note(
                    translatable("SiteExtensions", "{name} is left out: {reason}"),
                    name=request.name,
                    reason=problem,
                )
            )
            continue
        if module in _LOADABLE:
            added[module] = LoadedExtension(module, options)
            whole_document = whole_document or module in WHOLE_DOCUMENT_EXTENSIONS
        else:
            built_in[module] = {**built_in.get(module, {}), **options}
            whole_document = whole_document or (module in BUILT_IN_WHOLE_DOCUMENT_OPTIONS and bool(options))
    return SiteExtensions(tuple(added.values()), built_in, whole_document, tuple(notes))


def _expand_bundles(requests: tuple[ExtensionRequest, ...]) -> list[ExtensionRequest]:
    expanded = []
    for request in requests:
        module = module_name(request.name)
        if module not in BUNDLES:
            expanded.append(request)
            continue
        # A bundle's options are the options of its parts, by the part's name.
        for part in BUNDLES[module]():
            options = request.options.get(part) or request.options.get(part.rsplit(".", 1)[-1])
            expanded.append(ExtensionRequest(part, dict(options) if isinstance(options, dict) else {}))
    return expanded


def _option_problem(module: str, options: dict[str, OptionValue]) -> str | None:
    """Why `options` cannot be given to `module`, or None when they can."""
    factory = importlib.import_module(module).makeExtension
    defaults = factory().getConfigs()
    for key, value in options.items():
        wrong = _wrong_type(defaults[key], value) if key in defaults else None
        if wrong is not None:
            return f"option {key} should be {wrong}"
    try:
        # Unknown options raise KeyError here, others what the extension likes, here or while rendering.
        markdown.Markdown(extensions=[factory(**options)]).convert(_SAMPLE)
    except Exception as error:  # an extension's own checks raise what they like
        return _reason(error)
    return None


def _wrong_type(default: object, value: object) -> str | None:
    """The kind of value an option with `default` needs, when `value` is plainly not one; None when it may
    fit. Scalars are not told apart (toc's `permalink` defaults to 0 and takes yes/no or text): the trial
    render finds the ones that don't fit."""
    if callable(default):
        return "Python code, which a site file cannot give"
    if isinstance(default, dict) != isinstance(value, dict) and default is not None:
        return "a map" if isinstance(default, dict) else "a single value"
    if isinstance(default, list | tuple) and not isinstance(value, list):
        return "a list"
    if isinstance(default, str | int | float) and isinstance(value, list):
        return "text or a number" if not isinstance(default, bool) else "yes or no"
    return None


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]  # a KeyError's message is its key, quoted
    return " ".join(text.split())
