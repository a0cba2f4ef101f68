"""Rendering the sample article and the Markdown features the site uses."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from editor.render import render_body
from editor.render.markdown_renderer import render_whole_document
from tests.render.helpers import GOLDEN_DIR, SAMPLE_ARTICLE, file_resolver, read_article, split_front_matter


@pytest.fixture(scope="module")
def sample() -> tuple[str, int]:
    return split_front_matter(read_article(SAMPLE_ARTICLE))


def test_sample_matches_golden_file(sample):
    body, offset = sample
    html = render_body(body, line_offset=offset, resolve_url=file_resolver).html
    golden = GOLDEN_DIR / "mr-scanning.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == golden.read_text(encoding="utf-8")


def test_sample_headings_have_danish_slugs_and_file_lines(sample):
    body, offset = sample
    html = render_body(body, line_offset=offset).html
    assert '<h2 id="hvad-er-en-mr-scanning" data-line="14">Hvad er en MR-scanning?</h2>' in html
    assert 'id="får-mr-scanning-for-meget-betydning"' in html
    assert 'id="kommunikation-kan-være-både-løsning-og-risiko"' in html


def test_sample_empty_heading_and_indented_reference_list_render_as_markdown_says(sample):
    body, offset = sample
    html = render_body(body, line_offset=offset).html
    # "###" alone is an empty h3; toc gives an empty slug the id "_1".
    assert '<h3 id="_1" data-line="54"></h3>' in html
    # Four spaces of indent make a code block, whatever the author meant.
    assert re.search(
        r'<div class="highlight" data-line="56"><pre><span></span><code>Referenceliste\n</code>', html
    )


def test_sample_hard_breaks_and_list(sample):
    body, offset = sample
    html = render_body(body, line_offset=offset).html
    assert "Asymptomatic Populations.<br />\n<a href=" in html
    assert html.count("<br />") == 5
    assert '<ol data-line="58">' in html


def test_sample_images_resolve_to_files(sample):
    body, offset = sample
    html = render_body(body, line_offset=offset, resolve_url=file_resolver).html
    assert (
        '<img src="file:///site/public/images/blog/mrscanning_konsekvenser_intro.png" '
        'alt="Illustration af MR-scanning" />'
    ) in html
    assert html.count("<img ") == 3


def test_every_block_has_its_first_line_as_data_line(sample):
    body, offset = sample
    rendered = render_body(body, line_offset=offset)
    lines = body.split("\n")
    for block in rendered.blocks:
        assert lines[block.source_start_line - 1].strip()
        first = re.match(r'<\w+[^>]*data-line="(\d+)"', block.html)
        assert first is not None, block.html
        assert int(first.group(1)) == block.source_start_line + offset


def test_missing_image_gets_a_visible_placeholder():
    html = render_body("![Et billede](/images/blog/x.png)", resolve_url=lambda url: None).html
    assert (
        '<span class="missing-image" data-src="/images/blog/x.png">Missing image: /images/blog/x.png</span>'
        in html
    )
    assert "<img" not in html


def test_remote_image_is_not_loaded():
    html = render_body("![Fjern](https://example.org/a.png)", resolve_url=lambda url: "file:///never").html
    assert "Remote image not loaded: https://example.org/a.png" in html
    assert "<img" not in html


def test_images_keep_their_url_without_a_resolver():
    html = render_body("![A](/images/a.png)").html
    assert '<img src="/images/a.png" alt="A" />' in html


def test_raw_html_image_is_resolved_too():
    html = render_body(
        '<p><img src="/x.png" alt="r" onerror="alert(1)"></p>', resolve_url=lambda u: "file:///s" + u
    ).html
    assert '<img src="file:///s/x.png" alt="r" />' in html


def test_duplicate_headings_get_unique_ids():
    html = render_body("## Intro\n\ntext\n\n## Intro\n\n## Intro\n").html
    assert re.findall(r'id="([^"]+)"', html) == ["intro", "intro_1", "intro_2"]


def test_pygments_uses_css_classes_not_inline_styles():
    html = render_body('```python\nprint("hej")\n```').html
    assert '<div class="highlight"' in html
    assert '<span class="nb">print</span>' in html
    assert "style=" not in html


def test_fence_with_yaml_separator_inside_stays_code():
    html = render_body("```yaml\n---\ntitle: x\n---\n```\n\nafter").html
    assert "---\ntitle" in html.replace('<span class="nn">---</span>', "---").replace(
        '<span class="nt">title</span><span class="p">:</span><span class="w"> </span><span class="l l-Scalar l-Scalar-Plain">x</span>',
        "title: x",
    )
    assert "<hr" not in html


def test_table_alignment_survives_sanitizing():
    html = render_body("| a | b |\n|:--|--:|\n| 1 | 2 |").html
    assert '<td style="text-align: left;">1</td>' in html
    assert '<td style="text-align: right;">2</td>' in html


def test_reference_links_resolve_wherever_defined():
    html = render_body("See [the site][s] and [S].\n\n[s]: https://example.org").html
    assert html.count('href="https://example.org"') == 2


def test_footnotes_number_by_first_reference_and_list_at_the_end():
    text = "One[^b] two[^a] again[^b].\n\n[^a]: Note a.\n\n[^b]: Note b.\n\nLast."
    html = render_body(text).html
    assert '<sup id="fnref:b"><a class="footnote-ref" href="#fn:b">1</a></sup>' in html
    assert '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">2</a></sup>' in html
    assert '<sup id="fnref2:b"><a class="footnote-ref" href="#fn:b">1</a></sup>' in html
    assert html.index(">Last.</p>") < html.index('<div class="footnote">')
    assert html.index('id="fn:b"') < html.index('id="fn:a"')
    assert 'href="#fnref2:b"' in html


def test_crlf_and_lf_render_the_same():
    text = "# T\n\nA  \nB\n\n- a\n  - b\n"
    assert render_body(text.replace("\n", "\r\n")).html == render_body(text).html


def test_empty_body():
    rendered = render_body("")
    assert rendered.html == ""
    assert rendered.blocks == []


def test_python_markdown_failure_shows_an_error_block_instead_of_raising():
    # Found by fuzzing: Python-Markdown itself raises on this text (a footnote definition turns up
    # while the footnote list is being built).
    text = (Path(__file__).parent / "cases" / "footnote-in-footnote-crash.md").read_text(encoding="utf-8")
    with pytest.raises(RuntimeError):
        render_whole_document(text)
    html = render_body(text).html
    assert '<div class="render-error"><p>This part could not be rendered (RuntimeError:' in html
    assert '<h2 id="overskrift-med-fodnote"' in html
