"""Render timings: full renders of the sample, 100 KB and 1 MB articles, and incremental edits at 1 MB."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.corpus import large_article, sample_text
from editor.article.document import split_article
from editor.render import render_body
from editor.render.commonmark_renderer import CommonMarkRenderer
from editor.render.flavours import Flavour, make_renderer
from editor.render.markdown_renderer import render_whole_document
from editor.site.markdown_extensions import ExtensionRequest, SiteExtensions, resolve_extensions

# An MkDocs Material site's usual list: def_list, abbr, attr_list, md_in_html and tabbed connect blocks,
# so the preview renders the whole article in one pass.
_MKDOCS_NAMES = (
    "admonition",
    "abbr",
    "attr_list",
    "def_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.tabbed",
)
MKDOCS_EXTENSIONS = resolve_extensions(
    (*(ExtensionRequest(name) for name in _MKDOCS_NAMES), ExtensionRequest("toc", {"permalink": True}))
)
# Extensions the preview keeps rendering block by block.
CHUNK_SAFE_EXTENSIONS = resolve_extensions(
    (
        ExtensionRequest("admonition"),
        ExtensionRequest("pymdownx.details"),
        ExtensionRequest("toc", {"permalink": True}),
    )
)


def _body(text: str) -> tuple[str, int]:
    parts = split_article(text)
    return parts.body, parts.body_line - 1


def _resolve(url: str) -> str:
    return "file:///site/public" + url


def _time(action: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _edit_timings(
    body: str, offset: int, runs: int, flavour: Flavour, extensions: SiteExtensions | None = None
) -> dict[str, float]:
    renderer = (
        make_renderer(flavour, _resolve)
        if extensions is None
        else make_renderer(flavour, _resolve, extensions)
    )
    renderer.render(body, offset)
    middle = body.rfind("Men er det fornuftigt?", 0, len(body) // 2 + 30)
    typed = {"": body}
    results = {}

    def type_character() -> None:
        # Alternate two texts so each render has exactly one changed character to deal with.
        text = body[:middle] + "x" + body[middle:] if "x" not in typed else body
        typed.clear()
        typed["x" if text is not body else ""] = text
        renderer.render(text, offset)

    results["one character typed mid-paragraph"] = _time(type_character, runs)
    with_line = "\n" + body
    state = {"flip": False}

    def insert_line() -> None:
        state["flip"] = not state["flip"]
        renderer.render(with_line if state["flip"] else body, offset)

    results["newline at the top (all lines shift)"] = _time(insert_line, runs)
    results["unchanged text"] = _time(lambda: renderer.render(body, offset), runs)
    return results


def main() -> None:
    """Print the timings (no pass/fail)."""
    sample_body, sample_offset = _body(sample_text())
    rows: list[tuple[str, float]] = [
        ("sample (6 KB) full render", _time(lambda: render_body(sample_body, sample_offset, _resolve), 30)),
        ("sample one-pass Python-Markdown", _time(lambda: render_whole_document(sample_body, _resolve), 30)),
        (
            "sample CommonMark full render",
            _time(lambda: CommonMarkRenderer(_resolve).render(sample_body, sample_offset), 30),
        ),
    ]
    for size, label, runs in ((100_000, "100 KB", 5), (1_000_000, "1 MB", 3)):
        body, offset = _body(large_article(size))
        rows.append(
            (f"{label} full render", _time(lambda b=body, o=offset: render_body(b, o, _resolve), runs))
        )
        rows.append(
            (f"{label} one-pass Python-Markdown", _time(lambda b=body: render_whole_document(b, _resolve), 1))
        )
        rows.append(
            (
                f"{label} CommonMark full render",
                _time(lambda b=body, o=offset: CommonMarkRenderer(_resolve).render(b, o), runs),
            )
        )
        for flavour in Flavour:
            for name, seconds in _edit_timings(body, offset, 9, flavour).items():
                rows.append((f"{label} {flavour.label} incremental, {name}", seconds))
        for kind, extensions in (
            ("chunk-safe", CHUNK_SAFE_EXTENSIONS),
            ("MkDocs set, one pass", MKDOCS_EXTENSIONS),
        ):
            typed = _edit_timings(body, offset, runs, Flavour.PYTHON_MARKDOWN, extensions)
            rows.append(
                (
                    f"{label} with {kind} extensions, one character typed",
                    typed["one character typed mid-paragraph"],
                )
            )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
