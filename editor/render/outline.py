"""An article's headings, as the outline shows them: level, text and 1-based file line."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from editor.article.document import split_article

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Heading:
    """A heading of level 1-6 on `line`; `title` is its text as readers see it ("" for an empty one)."""

    level: int
    title: str
    line: int


@cache
def _parser() -> MarkdownIt:
    # Imported here: the window imports Heading, the worker parses.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.gfm import gfm_plugin

    return MarkdownIt("commonmark").use(gfm_plugin)


def outline(text: str) -> list[Heading]:
    """The headings of an article's body (ATX and setext), in order."""
    parts = split_article(text)
    first_line = parts.body_line
    tokens = _parser().parse(parts.body)
    headings = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            inline = tokens[index + 1]
            title = "".join(
                child.content for child in inline.children or [] if child.type in ("text", "code_inline")
            )
            headings.append(Heading(int(token.tag[1]), title.strip(), token.map[0] + first_line))
    return headings
