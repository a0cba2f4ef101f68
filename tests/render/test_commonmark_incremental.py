"""The CommonMark preview parses again only around an edit, and gives exactly what a whole parse gives:
the tokens markdown-it itself produces for the whole text, and the HTML of a fresh render."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.gfm import gfm_plugin

from benchmarks.corpus import large_article
from editor.article.document import split_article
from editor.render.commonmark_renderer import CommonMarkRenderer, build_parser
from editor.render.commonmark_steps import StepParser
from tests.render.helpers import CORPUS, file_resolver, read_article, split_front_matter

BODIES = {path.name: split_front_matter(read_article(path))[0] for path in CORPUS}

# Lines that open, close, continue or interrupt blocks: fences, raw HTML of every CommonMark kind, lists
# at several indents, quotes with lazy lines, tables, setext underlines, definitions over several lines.
LINES = [
    "",
    "",
    "",
    "Tekst med *vægt* og [kilde]",
    "mere tekst",
    "[kilde]: /a",
    "[Kilde]: /b 'Titel'",
    "[lang]:",
    "  /over-to-linjer",
    "'titel på næste linje'",
    "[titel]: /c 'en titel",
    "der fortsætter'",
    "'",
    "```",
    "```python",
    "~~~",
    "````",
    "    kode",
    "\tkode",
    "> citat",
    "> > dybere",
    "> ```",
    "> - punkt",
    "- punkt",
    "  - under",
    "    - dybt",
    "* stjerne",
    "1. et",
    "2) to",
    "   fortsat",
    "- [ ] opgave",
    "<div>",
    "</div>",
    "<details>",
    "</details>",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "<script>",
    "</script>",
    "<?php",
    "?>",
    "<![CDATA[",
    "]]>",
    "<span>x</span>",
    "| a | b |",
    "|---|:-:|",
    "| 1 | 2 |",
    "===",
    "---",
    "***",
    "# Overskrift",
    "## Overskrift",
    "###",
    "![billede](/images/blog/x.png)",
    "    ",
]
# Astral characters and line separators too: markdown-it counts lines by LF only, and the renderer's
# stretches must agree with it whatever else a line holds.
CHARACTERS = [
    "x",
    "\n",
    "\n\n",
    "`",
    ">",
    "-",
    " ",
    "#",
    "<",
    "|",
    "[",
    "]",
    "~",
    "*",
    "1. ",
    "😀",
    "\u2028",
    "\x85",
]


def _document(lines: list[str]) -> str:
    return "\n".join(lines)


@st.composite
def _edit(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    where = draw(st.integers(0, len(lines)))
    kind = draw(st.sampled_from(["insert", "delete", "replace", "type"]))
    if kind == "insert":
        lines.insert(where, draw(st.sampled_from(LINES)))
    elif kind == "delete" and where < len(lines):
        del lines[where]
    elif kind == "replace" and where < len(lines):
        lines[where] = draw(st.sampled_from(LINES))
    else:
        position = draw(st.integers(0, len(text)))
        return text[:position] + draw(st.sampled_from(CHARACTERS)) + text[position:]
    return "\n".join(lines)


def _library_tokens(text: str) -> list[tuple[object, ...]]:
    """markdown-it's own parse of the whole text: the independent truth."""
    parser = MarkdownIt("commonmark", {"html": True}).use(gfm_plugin)
    return _shape(parser.parse(text))


def _shape(tokens: list[Token]) -> list[tuple[object, ...]]:
    # Everything a token says, but the source map (kept tokens keep the lines of the parse they came from)
    # and the attributes the renderer sets (heading ids, table alignment).
    return [
        (
            token.type,
            token.tag,
            token.nesting,
            token.level,
            token.content,
            token.info,
            token.markup,
            [
                (child.type, child.content, child.markup, sorted(child.attrs.items()))
                for child in token.children or []
            ],
        )
        for token in tokens
    ]


def _step_tokens(parser: StepParser, text: str) -> list[Token]:
    parse = parser.parse(text)
    if parse.tokens is not None:
        return parse.tokens
    return [token for step in parse.steps for token in step.tokens]


def _same_render(renderer: CommonMarkRenderer, text: str) -> None:
    got = renderer.render(text, 3)
    want = CommonMarkRenderer(file_resolver).render(text, 3)
    assert got.html == want.html
    # Repeated blocks keep their names across renders, so only the part before `~` is the output's.
    assert [(b.key.split("~")[0], b.html, b.source_start_line, b.source_end_line) for b in got.blocks] == [
        (b.key.split("~")[0], b.html, b.source_start_line, b.source_end_line) for b in want.blocks
    ]
    assert len(set(got.keys)) == len(got.keys)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=60))
def test_steps_after_edits_are_the_tokens_of_a_whole_parse(data: st.DataObject, lines: list[str]) -> None:
    text = _document(lines)
    parser = StepParser(build_parser(), min_stretch=data.draw(st.sampled_from([1, 2, 3, 64])))
    parser.parse(text)
    for _ in range(data.draw(st.integers(1, 6))):
        text = data.draw(_edit(text))
        tokens = _step_tokens(parser, text)
        shaped = _shape(tokens)
        # The align attribute is ours; markdown-it writes a style.
        assert [row[:7] for row in shaped] == [row[:7] for row in _library_tokens(text)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=60))
def test_render_after_edits_equals_a_fresh_render(data: st.DataObject, lines: list[str]) -> None:
    text = _document(lines)
    renderer = CommonMarkRenderer(file_resolver, min_stretch=data.draw(st.sampled_from([1, 2, 3, 64])))
    # The file's line ends as the editor hands them over: LF, CRLF or CR.
    line_end = data.draw(st.sampled_from(["\n", "\r\n", "\r"]))
    renderer.render(text.replace("\n", line_end), 3)
    for _ in range(data.draw(st.integers(1, 6))):
        text = data.draw(_edit(text))
        _same_render(renderer, text.replace("\n", line_end))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(BODIES)), data=st.data())
def test_corpus_articles_after_edits_equal_a_fresh_render(name: str, data: st.DataObject) -> None:
    text = BODIES[name]
    renderer = CommonMarkRenderer(file_resolver, min_stretch=data.draw(st.sampled_from([1, 2, 64])))
    renderer.render(text, 3)
    for _ in range(data.draw(st.integers(1, 4))):
        text = data.draw(_edit(text))
        _same_render(renderer, text)


def _reparsed_steps(before: str, after: str) -> tuple[int, int]:
    """How many steps of `after` were parsed again, and how many it has."""
    parser = StepParser(build_parser())
    old = {id(step) for step in parser.parse(before).steps}
    steps = parser.parse(after).steps
    return sum(1 for step in steps if id(step) not in old), len(steps)


def test_typing_in_a_long_article_parses_only_around_the_caret() -> None:
    body = split_article(large_article(100_000)).body
    middle = body.index("\n\n", len(body) // 2) + 2
    new, total = _reparsed_steps(body, body[:middle] + "Nyt ord " + body[middle:])
    assert total > 300
    assert new <= 3
    new, total = _reparsed_steps(body, "\n" + body)
    assert new <= 3  # every line moved, nothing else changed


def test_an_unclosed_fence_takes_the_rest_and_closing_it_gives_it_back() -> None:
    body = split_article(large_article(20_000)).body
    renderer = CommonMarkRenderer(file_resolver)
    renderer.render(body)
    # The article's own fences are of backticks; a fence of tildes runs to its end.
    opened = "~~~\n" + body
    _same_render(renderer, opened)
    assert renderer.render(opened).html.count("<pre") == 1
    _same_render(renderer, "~~~\nkode\n~~~\n" + body)


def test_changing_a_definition_changes_the_links_that_use_it_far_away() -> None:
    filler = "\n\n".join(f"Afsnit {n}." for n in range(200))
    before = f"Se [kilden].\n\n{filler}\n\n[kilden]: /gammel\n"
    renderer = CommonMarkRenderer(file_resolver)
    assert 'href="/gammel"' in renderer.render(before).html
    after = before.replace("/gammel", "/ny")
    html = renderer.render(after).html
    assert 'href="/ny"' in html and "/gammel" not in html
    _same_render(renderer, after)
    removed = after.replace("[kilden]: /ny\n", "")
    assert "<a " not in renderer.render(removed).html
    _same_render(renderer, removed)


def test_footnotes_are_numbered_over_the_whole_article_after_edits() -> None:
    text = (
        "Et[^a] og to[^b].\n\n" + "\n\n".join(f"Afsnit {n}." for n in range(50)) + "\n\n[^a]: A.\n[^b]: B.\n"
    )
    renderer = CommonMarkRenderer(file_resolver)
    renderer.render(text)
    swapped = text.replace("Et[^a] og to[^b]", "Et[^b] og to[^a]")
    _same_render(renderer, swapped)
    html = renderer.render(swapped).html
    assert html.index("<p>B.") < html.index("<p>A.")  # numbered in the order they are referred to


def test_editing_one_of_many_identical_paragraphs_renames_no_other_block() -> None:
    text = "\n\n".join(["Samme afsnit.", "Andet."] * 30) + "\n"
    renderer = CommonMarkRenderer(file_resolver)
    before = renderer.render(text)
    edited = text.replace("Samme afsnit.\n\nAndet.\n\nSamme afsnit.", "Samme afsnit.\n\nAndet.\n\nÆndret.", 1)
    after = renderer.render(edited)
    assert len(set(after.keys)) == len(after.keys) == len(before.keys)
    changed = [
        index for index, (old, new) in enumerate(zip(before.keys, after.keys, strict=True)) if old != new
    ]
    assert changed == [2]
