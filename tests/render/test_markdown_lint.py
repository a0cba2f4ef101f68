"""The Markdown lint warns as the site's flavour parses: each rule fires where the parser makes the trap and is
silent where it does not, and its list-nesting verdicts agree with the HTML the flavour renders."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.article.markdown_lint import MarkdownFinding, markdown_findings, may_have_traps
from editor.render.commonmark_renderer import render_commonmark
from editor.render.flavours import Flavour
from editor.render.markdown_structure import structure_reader

COMMONMARK = Flavour.COMMONMARK
PYTHON_MARKDOWN = Flavour.PYTHON_MARKDOWN


def findings(body: str, flavour: Flavour) -> list[MarkdownFinding]:
    return list(markdown_findings(body, structure_reader(flavour)(body), 1))


def rules(body: str, flavour: Flavour) -> list[tuple[int, str]]:
    return sorted((finding.line, finding.rule) for finding in findings(body, flavour))


def rendered(body: str, flavour: Flavour) -> str:
    """The body as the site renders it: the preview's CommonMark renderer, or Python-Markdown as MkDocs runs
    it (the preview's Python-Markdown re-indents 2-space lists, which MkDocs does not)."""
    if flavour is COMMONMARK:
        return render_commonmark(body)
    return markdown.markdown(body, extensions=["tables", "sane_lists", "pymdownx.superfences", "footnotes"])


class _Items(HTMLParser):
    """For each word `wN` of the rendered HTML: whether it opens a list item, and the items around it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[list[str | None]] = []  # each open <li>: [its first word]
        self.starts: dict[str, list[str]] = {}  # word opening an item -> the words of the items around it
        self.text: set[str] = set()  # words inside an item's text that do not open it
        self.code: set[str] = set()
        self.in_code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.open.append([None])
        elif tag == "code":
            self.in_code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.open.pop()
        elif tag == "code":
            self.in_code -= 1

    def handle_data(self, data: str) -> None:
        for word in re.findall(r"w\d+", data):
            if self.in_code:
                self.code.add(word)
            elif self.open and self.open[-1][0] is None:
                self.open[-1][0] = word
                self.starts[word] = [str(outer[0]) for outer in self.open[:-1]]
            else:
                self.text.add(word)


def items_of(html: str) -> _Items:
    parsed = _Items()
    parsed.feed(html)
    return parsed


# ---- list-will-not-nest --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "flavour", "need"),
    [
        ("1. w0\n  - w1\n", COMMONMARK, 3),  # needs the 3 columns of `1. `
        ("- w0\n - w1\n", COMMONMARK, 2),
        ("- w0\n      - w1\n", COMMONMARK, 2),  # too far: text of w0
        ("- w0\n  - w1\n", PYTHON_MARKDOWN, 4),  # nests on GitHub, not in MkDocs
        ("1. w0\n   - w1\n", PYTHON_MARKDOWN, 4),  # Prettier's style: text of w0 in MkDocs
        ("- w0\n    - w1\n      - w2\n", PYTHON_MARKDOWN, 8),
    ],
)
def test_an_item_that_will_not_nest_is_told_how_far_to_indent(body: str, flavour: Flavour, need: int) -> None:
    (finding,) = findings(body, flavour)
    last = body.count("\n")
    assert (finding.rule, finding.line, finding.values["need"]) == ("list-will-not-nest", last, need)
    assert flavour.label in finding.template.format(**finding.values)
    # The truth: the site's HTML does not have the last item inside the one above.
    word = f"w{last - 1}"
    parent = f"w{int(str(finding.values['parent'])) - 1}"
    items = items_of(rendered(body, flavour))
    assert word in items.text or parent not in items.starts[word]
    # And the indentation the message asks for does nest it.
    lines = body.splitlines()
    lines[-1] = " " * need + lines[-1].lstrip()
    fixed = "\n".join(lines) + "\n"
    assert rules(fixed, flavour) == []
    assert parent in items_of(rendered(fixed, flavour)).starts[word]


@pytest.mark.parametrize(
    ("body", "flavour"),
    [
        ("- w0\n  - w1\n    - w2\n", COMMONMARK),
        ("1. w0\n   - w1\n", COMMONMARK),
        ("- w0\n    - w1\n", PYTHON_MARKDOWN),
        ("1. w0\n    - w1\n", PYTHON_MARKDOWN),
        ("- w0\n- w1\n\n  text of w1\n\n- w2\n", COMMONMARK),
        ("- w0\n\n    more of w0\n\n- w1\n", PYTHON_MARKDOWN),
        ("Text.\n\n  - w0\n", COMMONMARK),  # indented, but under no item
        ("- w0\n\nText.\n\n  - w1\n", PYTHON_MARKDOWN),  # a paragraph ends the list
        ("```\n- w0\n  - w1\n```\n", PYTHON_MARKDOWN),  # fenced code is not linted
    ],
)
def test_items_that_nest_or_do_not_mean_to_are_not_warned(body: str, flavour: Flavour) -> None:
    assert rules(body, flavour) == []


def test_items_in_a_quote_are_left_alone() -> None:
    assert rules("> - w0\n>  - w1\n", COMMONMARK) == []


_ITEM_LINES = st.lists(
    st.tuples(st.integers(min_value=0, max_value=9), st.sampled_from(["-", "*", "1."]), st.booleans()),
    min_size=1,
    max_size=6,
)


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
@given(lines=_ITEM_LINES)
def test_a_nesting_warning_fires_exactly_where_the_html_lacks_the_nesting_the_indentation_suggests(
    flavour: Flavour, lines: list[tuple[int, str, bool]]
) -> None:
    """Law, on lists of items `wN` (some after a blank line): for each item line, take the nearest earlier
    line that the HTML makes an item and that is indented less (the item the indentation points under).
    A warning is at the line exactly when there is such an item and the HTML does not put the line's word
    inside it: neither as an item nested in it nor as its text. Code blocks are never warned."""
    body = "".join(
        ("\n" if blank and number else "") + f"{' ' * indent}{marker} w{number}\n"
        for number, (indent, marker, blank) in enumerate(lines)
    )
    source_lines = body.splitlines()
    items = items_of(rendered(body, flavour))
    warned = {finding.line - 1 for finding in findings(body, flavour) if finding.rule == "list-will-not-nest"}
    seen: list[tuple[int, str]] = []  # (indentation, word) of the HTML's items so far
    expected = set()
    for index, line in enumerate(source_lines):
        if not line.strip():
            continue
        word = line.split()[-1]
        indentation = len(line) - len(line.lstrip())
        above = next(
            (seen_word for seen_indent, seen_word in reversed(seen) if seen_indent < indentation), None
        )
        if word in items.starts:
            if above is not None and above not in items.starts[word]:
                expected.add(index)
            seen.append((indentation, word))
        elif word in items.text and above is not None:
            expected.add(index)
    assert warned == expected, body


# ---- lazy-continuation -------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
def test_a_line_without_its_quote_mark_that_the_quote_takes_is_warned_once(flavour: Flavour) -> None:
    body = "> The quote\nforgot its mark\nand this too\n\n> A quote\n\nNot quoted.\n"
    assert rules(body, flavour) == [(2, "lazy-continuation")]
    assert "<blockquote>" in rendered("> The quote\nforgot its mark\n", flavour).split("forgot")[0]


def test_an_item_after_a_quote_is_quoted_in_python_markdown_and_ends_the_quote_in_commonmark() -> None:
    body = "> The quote\n- an item\n"
    assert rules(body, PYTHON_MARKDOWN) == [(2, "lazy-continuation")]
    assert rules(body, COMMONMARK) == []
    assert rendered(body, COMMONMARK).index("</blockquote>") < rendered(body, COMMONMARK).index("an item")


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
def test_quotes_with_every_mark_or_a_blank_line_are_not_warned(flavour: Flavour) -> None:
    assert rules("> one\n> two\n\nAfter.\n\n> ```\n> code\n> ```\n", flavour) == []


# ---- indented-code -----------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
def test_prose_indented_into_a_code_block_is_warned_and_code_is_not(flavour: Flavour) -> None:
    body = "Text.\n\n    Referenceliste\n\n    x = 1;\n\n- item\n\n    more of the item\n"
    assert rules(body, flavour) == [(3, "indented-code")]
    assert "<pre><code>Referenceliste" in rendered(body, flavour)


def test_indented_text_inside_a_list_item_is_its_text_not_code() -> None:
    body = "1. item\n\n   more of the item\n\n   - child\n\n     more of the child\n"
    assert rules(body, COMMONMARK) == []
    assert "<pre>" not in rendered(body, COMMONMARK)


# ---- empty-heading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "flavour", "expected"),
    [
        ("###\n", COMMONMARK, [(1, "empty-heading")]),
        ("#   \n", COMMONMARK, [(1, "empty-heading")]),
        ("## ##\n", PYTHON_MARKDOWN, [(1, "empty-heading")]),
        ("Text\n\n###\n", PYTHON_MARKDOWN, [(3, "empty-heading")]),
        ("```\n###\n```\n", COMMONMARK, []),
        ("~~~\n###\n~~~\n", PYTHON_MARKDOWN, []),
        ("<div>\n###\n</div>\n", COMMONMARK, []),
        ("<div>\n###\n</div>\n", PYTHON_MARKDOWN, []),
        ("#hashtag\n", COMMONMARK, []),
        (" ###\n", PYTHON_MARKDOWN, []),  # not a heading in Python-Markdown: the text `###`
        ("### A heading\n", PYTHON_MARKDOWN, []),
    ],
)
def test_empty_headings_as_the_parser_sees_them(
    body: str, flavour: Flavour, expected: list[tuple[int, str]]
) -> None:
    assert rules(body, flavour) == expected
    html = rendered(body, flavour)
    assert bool(re.search(r"<h\d[^>]*>\s*</h\d>", html)) == bool(expected), html


def test_lines_are_counted_from_the_body_start_and_cr_ends_a_line() -> None:
    body = "Text\r\n\r\n###\r\n"
    (finding,) = markdown_findings(body, structure_reader(COMMONMARK)(body), 10)
    assert (finding.line, finding.rule) == (12, "empty-heading")


# ---- the shortcut past the parse -----------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        "", "Text.", "- item", "1. item", "  - item", " 1) item", "   * item", "> quote", "  > quote",
        "- > quote", "    indented", "\tindented", "-     code", "1.\tcode", "###", "# Heading", "## ##",
        "- ###", "> #", "```", "~~~", "<div>", "</div>", "---", "text #", "#tag", "  text", "[x]: /url",
    ]
)  # fmt: skip


_PLAIN = st.sampled_from(["", "Text.", "- item", "1. item", "# Heading", "```", "<div>", "---", "text #"])


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
@settings(max_examples=300)
@given(lines=st.lists(st.one_of(_PLAIN, _LINES), max_size=6))
def test_a_body_the_shortcut_passes_over_has_no_trap(flavour: Flavour, lines: list[str]) -> None:
    body = "\n".join(lines) + "\n"
    if not may_have_traps(body):
        assert findings(body, flavour) == []


def test_the_shortcut_passes_over_plain_articles() -> None:
    assert not may_have_traps("# Title\n\nText.\n\n- one\n- two\n\n1. first\n   more\n\n## Next\n")


@pytest.mark.parametrize("flavour", [COMMONMARK, PYTHON_MARKDOWN])
@given(body=st.text(alphabet=" \t\n\r->*+#1.)`~<>|_=ab\u2028\x00", max_size=80))
def test_any_text_is_linted_without_an_error(flavour: Flavour, body: str) -> None:
    for finding in findings(body, flavour):
        assert 1 <= finding.line <= len(re.split(r"\r\n|\r|\n", body))


def test_a_rule_of_dashes_stays_a_rule_in_python_markdown() -> None:
    assert rules("- w0\n  - w1\n\n- - -\n", PYTHON_MARKDOWN) == [(2, "list-will-not-nest")]
