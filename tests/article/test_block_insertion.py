"""An inserted image is a paragraph of its own: markdown-it, not our code, says where it ended up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editor.article.block_insertion import as_own_paragraph

IMAGE = "![Rød Øl](/images/blog/rod-ol.png)"
PIECES = st.sampled_from(["> quote", "- item", "1. item", "Text", "\n", "\n\n", " ", "# Heading", "    code"])


def top_level_image_paragraph(text: str) -> bool:
    tokens = MarkdownIt("commonmark").parse(text)
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.content == IMAGE:
            return tokens[index - 1].type == "paragraph_open" and tokens[index - 1].level == 0
    return False


@given(st.lists(PIECES, max_size=6), st.lists(PIECES, max_size=6))
def test_the_image_is_a_paragraph_of_its_own_wherever_it_goes(before: list[str], after: list[str]) -> None:
    head, tail = "".join(before), "".join(after)
    if "    code" in tail.split("\n")[0] or head.rstrip(" ").endswith("    code"):
        return  # inside an indented code line the image is code: not ours to decide
    text = head + as_own_paragraph(head, IMAGE, tail) + tail
    assert top_level_image_paragraph(text), repr(text)


def test_no_blank_lines_are_added_where_there_are_some() -> None:
    assert as_own_paragraph("Text\n\n", IMAGE, "\n\nMore") == IMAGE
    assert as_own_paragraph("> quote", IMAGE, "") == "\n\n" + IMAGE + "\n"
    assert as_own_paragraph("", IMAGE, "Text") == IMAGE + "\n\n"
