"""The commonmark flavour against the outside truth: every example of the CommonMark 0.31.2 spec and GFM's
22 table, strikethrough, autolink and tag-filter examples, rendered through the whole preview path
(markdown-it-py, the sanitizer, image resolution) and compared by the spec's own normaliser.

An example may differ only where the sanitizer or GFM itself makes it differ; each is listed with why.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from editor.render.commonmark_renderer import render_commonmark

from .spec_examples import Example, examples, same_html

COMMONMARK = examples("commonmark-0.31.2-spec.txt")
GFM = [
    example
    for example in examples("gfm-0.29-spec.txt")
    if example.extension in ("table", "strikethrough", "autolink", "tagfilter")
]

# Example number -> why the preview shows something else than the spec's reference renderer.
COMMONMARK_DIFFERENCES = {
    # The sanitizer re-parses raw HTML as a browser would; a tag still open at the end of a block (or an
    # attribute run on over a line) is text there.
    156: 'the unfinished tag `<div id="foo"` is escaped as text',
    157: "the unfinished tag `<div class` is escaped as text",
    158: "the unfinished tag `<div *???-&&&-<---` is escaped as text",
    # Attributes outside the allowlist are dropped (they could style, load or run something).
    169: "`language` on <pre> is dropped",
    475: 'an <img> gets alt="" from the preview\'s image markup',
    491: "the attribute `bar` of the raw tag `<foo bar>` is dropped",
    524: "the attribute of `<bar attr=…>` is dropped",
    536: "the attribute of `<bar attr=…>` is dropped",
    615: "the attribute `data` of `<b2 data=…>` is dropped",
    616: "the attributes of `<a foo=… bam=…>` are dropped",
    617: "`src` of the unknown element <responsive-image> is dropped: it could load something",
    # Script, style and textarea are written as text, as GitHub's tag filter does (GFM spec, 6.11).
    170: "<script> is shown as text",
    171: "<textarea> is shown as text",
    172: "<style> is shown as text",
    173: "<style> is shown as text",
    176: "<style> is shown as text",
    178: "<script> is shown as text",
    # Comments and declarations are passed on only when a browser could not end them elsewhere.
    180: "a processing instruction with `>` inside is dropped",
    182: "a CDATA section with `<` inside is dropped",
    626: "`<!-->` comments end differently in browsers: dropped",
    629: "a CDATA section with `<` inside is dropped",
    # GFM's autolink extension (tested below) links bare URLs and addresses, which CommonMark does not.
    608: "GFM links https://foo.bar inside `< … >`",
    611: "GFM links a bare https:// URL",
    612: "GFM links a bare e-mail address",
}
GFM_DIFFERENCES = {
    628: "ftp:// is not linked, as remark-gfm does not link it either (GitHub does)",
    631: "mdit-py-plugins' autolink misses a local part with `_` (its emphasis rule takes the `_`)",
}


def test_the_spec_files_hold_every_example() -> None:
    assert len(COMMONMARK) == 652  # CommonMark 0.31.2, as its own test runner counts them
    assert len(GFM) == 22


def check_example(example: Example, differences: dict[int, str]) -> None:
    """The example renders as the spec says, unless `differences` explains why not (and then it does not)."""
    matches = same_html(render_commonmark(example.markdown), example.html)
    if example.number in differences:
        assert not matches, f"example {example.number} matches now: take it off the list"
    else:
        assert matches, (
            f"example {example.number}:\n{example.markdown}\n→\n{render_commonmark(example.markdown)}"
        )


@pytest.mark.parametrize("example", COMMONMARK, ids=lambda example: str(example.number))
def test_a_commonmark_example_renders_as_the_spec_says(example: Example) -> None:
    check_example(example, COMMONMARK_DIFFERENCES)


@pytest.mark.parametrize("example", GFM, ids=lambda example: f"{example.extension}-{example.number}")
def test_a_gfm_extension_example_renders_as_the_spec_says(example: Example) -> None:
    check_example(example, GFM_DIFFERENCES)


def test_the_flavour_matches_at_least_the_issues_bar() -> None:
    assert len(COMMONMARK) - len(COMMONMARK_DIFFERENCES) >= 625
    assert len(GFM) - len(GFM_DIFFERENCES) >= 20


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # The two shapes the old preview rendered unlike the site (issue 11).
        (
            "- Frugt\n  - Æble\n- Mejeri\n  - Mælk\n",
            "<ul><li>Frugt<ul><li>Æble</li></ul></li><li>Mejeri<ul><li>Mælk</li></ul></li></ul>",
        ),
        ("> a\n\n> b\n", "<blockquote><p>a</p></blockquote><blockquote><p>b</p></blockquote>"),
        (
            "<details>\n<summary>Mere</summary>\n\n*Skjult* tekst.\n\n</details>\n",
            "<details>\n<summary>Mere</summary>\n<p><em>Skjult</em> tekst.</p>\n</details>\n",
        ),
    ],
)
def test_shapes_render_as_github_renders_them(markdown: str, expected: str) -> None:
    assert same_html(render_commonmark(markdown), expected)


@pytest.mark.parametrize("info", ["\x85", "\u2028", "\x85 ~", "\u3000py"])
def test_a_fence_whose_info_string_is_python_whitespace_renders_as_markdown_it_does(info: str) -> None:
    # markdown-it splits the info string on its own whitespace set; str.split() knows more, so an
    # info string of U+0085 alone left nothing to take the language from.
    markdown = f"```{info}\nx = 1\n```\n"
    assert same_html(render_commonmark(markdown), MarkdownIt("commonmark").render(markdown))
