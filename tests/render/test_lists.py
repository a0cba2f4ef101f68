"""Nested lists indented as CommonMark renderers (and Prettier) expect them: 2, 3 or 4 spaces."""

from __future__ import annotations

import pytest

from editor.render import render_body
from tests.render.helpers import top_level_elements

NESTED_BULLETS = "<ul>\n<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>"


def html_of(text: str) -> str:
    return "".join(top_level_elements(render_body(text).html))


@pytest.mark.parametrize("indent", [2, 4])
def test_bullet_lists_nest(indent):
    step = " " * indent
    text = f"- a\n{step}- b\n{step * 2}- c\n- d\n"
    assert html_of(text) == NESTED_BULLETS


@pytest.mark.parametrize("indent", [3, 4])
def test_ordered_lists_nest(indent):
    step = " " * indent
    text = f"1. a\n{step}1. b\n{step}2. c\n2. d\n"
    assert html_of(text) == "<ol>\n<li>a<ol>\n<li>b</li>\n<li>c</li>\n</ol>\n</li>\n<li>d</li>\n</ol>"


def test_two_space_bullets_under_ordered_items():
    text = "1. one\n   - sub\n2. two\n"
    assert html_of(text) == "<ol>\n<li>one<ul>\n<li>sub</li>\n</ul>\n</li>\n<li>two</li>\n</ol>"


def test_two_space_nesting_after_blank_line_nests_like_commonmark():
    # The outer list is loose (blank lines between its items), the one-item inner list is tight.
    text = "- a\n\n  - b\n\n- c\n"
    assert html_of(text) == (
        "<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n</li>\n<li>\n<p>c</p>\n</li>\n</ul>"
    )


def test_continuation_paragraph_indented_to_the_text_column():
    text = "- first\n\n  still first\n\n- second\n"
    assert "<p>still first</p>\n</li>" in html_of(text)


def test_siblings_stay_siblings():
    assert html_of("- a\n- b\n- c") == "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>"


def test_one_space_indent_is_a_sibling():
    assert html_of("- a\n - b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_code_in_a_two_space_item_keeps_its_indentation():
    text = "- item:\n\n  ```python\n  if x:\n      y()\n  ```\n"
    html = html_of(text)
    assert '<span class="p">:</span>\n    <span class="n">y</span>' in html
    assert '<li>\n<p>item:</p>\n<div class="highlight">' in html


def test_indented_code_at_top_level_is_not_a_list():
    html = html_of("para\n\n    - not a list\n")
    assert "<pre><span></span><code>- not a list\n</code></pre>" in html
