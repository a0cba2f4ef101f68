"""Raw HTML in an article cannot run script or load anything in the preview."""

from __future__ import annotations

import re

import pytest

from editor.render import render_body
from editor.render.sanitize import is_safe_link, sanitize_html


def rendered(text: str) -> str:
    return render_body(text).html


def test_script_is_removed_with_its_content():
    html = rendered('<script>alert("x")</script>\n\ntext')
    assert "<script" not in html
    assert "alert" not in html
    assert (
        '<span class="removed-html" data-line="1">&lt;script&gt; is not shown in the preview</span>' in html
    )


def test_inline_script_in_a_paragraph():
    html = rendered("a <script>alert(1)</script> b")
    assert "<script" not in html and "alert" not in html


def test_event_handler_attributes_are_dropped():
    html = rendered('<img src="x.png" onerror="alert(1)">\n\n<p onclick="alert(2)" class="k">p</p>')
    assert "onerror" not in html and "onclick" not in html and "alert" not in html
    assert '<p class="k" data-line="3">p</p>' in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:x",
        "data:text/html,x",
    ],
)
def test_dangerous_link_urls_are_dropped(href):
    html = rendered(f'<a href="{href}">raw</a> and [md]({href.strip()})')
    assert "href" not in html
    assert ">raw</a>" in html


def test_safe_links_are_kept():
    html = rendered("[a](https://example.org) [b](/blog/x) [c](#top) [d](mailto:x@example.org)")
    for href in ("https://example.org", "/blog/x", "#top", "mailto:x@example.org"):
        assert f'href="{href}"' in html


def test_iframe_object_and_embed_are_replaced_by_a_note():
    html = rendered(
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n'
        '<object data="x.swf"><param name="a" value="b"></object>\n\n<embed src="x.swf">'
    )
    for tag in ("iframe", "object", "embed", "param"):
        assert f"<{tag}" not in html
    assert "&lt;iframe&gt; is not shown in the preview" in html
    assert "&lt;object&gt; is not shown" in html and "&lt;embed&gt; is not shown" in html


def test_meta_refresh_base_link_and_style_are_removed():
    html = rendered(
        '<meta http-equiv="refresh" content="0;url=https://evil.example">\n\n'
        '<base href="https://evil.example/">\n\n'
        '<link rel="stylesheet" href="https://evil.example/x.css">\n\n'
        "<style>@import url(https://evil.example/y.css); body { color: red }</style>"
    )
    for tag in ("<meta", "<base", "<link", "<style", "evil.example", "@import"):
        assert tag not in html


def test_style_attributes_other_than_table_alignment_are_dropped():
    html = rendered('<p style="background: url(https://evil.example/x.png)">x</p>')
    assert "style" not in html and "evil" not in html


def test_svg_with_script_is_removed():
    html = rendered('<svg><script>alert(1)</script><circle r="1"/></svg>')
    assert "<svg" not in html and "alert" not in html


def test_comments_are_dropped():
    assert "secret" not in rendered("<!-- secret -->\n\ntext")


def test_article_html_cannot_fake_data_line():
    html = rendered('<div data-line="999">x</div>')
    assert 'data-line="999"' not in html
    assert 'data-line="1"' in html


def test_unclosed_tags_are_closed_so_blocks_stay_separate():
    result = sanitize_html("<div><p>open")
    assert result.html == "<div><p>open</p></div>"


def test_stray_end_tags_are_ignored():
    assert sanitize_html("</div>text</span>").html == "text"


def test_text_is_escaped():
    assert sanitize_html("<p>a &lt;b&gt; &amp; c</p>").html == "<p>a &lt;b&gt; &amp; c</p>"


def test_is_safe_link():
    assert is_safe_link("/x") and is_safe_link("https://x") and is_safe_link("#a")
    assert not is_safe_link("javascript:x") and not is_safe_link("file:///etc/passwd")


@pytest.mark.parametrize("faithful", [False, True])
@pytest.mark.parametrize("markup", ["<![CD", "a <![CD x> b", "<div><![CD\n</div>", "<![if x]><p>y</p>"])
def test_a_broken_marked_section_is_a_bogus_comment_not_a_crash(markup, faithful):
    # html.parser raises AssertionError on `<![CD` (typed halfway to `<![CDATA[`); a browser reads a bogus
    # comment up to the first `>`, and so do we.
    html = sanitize_html(markup, faithful=faithful).html
    # What a browser shows: comments and bogus comments (which `faithful` keeps, inert) are not text.
    shown = re.sub(r"<!--.*?-->|<!\[[^>]*>", "", html, flags=re.DOTALL)
    assert "CD x" not in shown and "if x" not in shown


def test_typing_cdata_halfway_renders_in_both_flavours():
    from editor.render.commonmark_renderer import render_commonmark

    assert "&lt;![CD" in render_commonmark("<![CD\n")
    assert "&lt;![CD" in render_body("<![CD\n").html
