"""Shared helpers for the renderer tests: corpus files, front-matter splitting and HTML comparison."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from editor.article.document import split_article
from tests.conftest import SAMPLE_ARTICLE

CORPUS_DIR = Path(__file__).parent / "corpus"
GOLDEN_DIR = Path(__file__).parent / "golden"
CORPUS = [SAMPLE_ARTICLE, *sorted(CORPUS_DIR.glob("*.md"))]


def read_article(path: Path) -> str:
    # newline="" keeps CRLF files as they are; the renderer must normalise them itself.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def split_front_matter(text: str) -> tuple[str, int]:
    """The body after the front matter and the number of lines before it, as the editor cuts them."""
    parts = split_article(text)
    return parts.body, parts.body_line - 1


def file_resolver(url: str) -> str | None:
    """Site URLs of existing files under /images/blog/ resolve; anything else is missing."""
    if url.startswith("/images/blog/mrscanning"):
        return "file:///site/public" + url
    return None


class _TopLevel(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.current: list[str] = []
        self.depth = 0

    def flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.parts.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.flush()
        self.current.append(self.get_starttag_text() or "")
        if tag not in self.VOID:
            self.depth += 1
        elif self.depth == 0:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.flush()
        self.current.append(self.get_starttag_text() or "")
        if self.depth == 0:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        self.current.append(f"</{tag}>")
        self.depth -= 1
        if self.depth == 0:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def handle_entityref(self, name: str) -> None:
        self.current.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.current.append(f"&#{name};")


def top_level_elements(html: str) -> list[str]:
    """The top-level elements of `html` without data-line attributes, for comparing renders that
    join blocks with different whitespace."""
    parser = _TopLevel()
    parser.feed(re.sub(r' data-line="\d+"', "", html))
    parser.close()
    parser.flush()
    return parser.parts
