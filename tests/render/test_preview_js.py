"""preview.js in a real QtWebEngine page: blocks are patched in place, lines shift, scrolling follows."""

from __future__ import annotations

import json

import pytest

from editor.render import IncrementalRenderer
from editor.render.shell import preview_page_html

pytestmark = pytest.mark.gui

QtWebEngineCore = pytest.importorskip("PySide6.QtWebEngineCore")


@pytest.fixture
def page(qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent, QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    view.resize(800, 400)
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.setHtml(preview_page_html(), QUrl("file:///preview/"))
    yield view
    # Deleted now: a page still alive when the web engine shuts down at exit makes Qt warn.
    view.deleteLater()
    QCoreApplication.sendPostedEvents(view, QEvent.Type.DeferredDelete)


def run(qtbot, page, script: str) -> object:
    results: list[object] = []
    page.page().runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    return results[0]


def send(qtbot, page, rendered, known: set[str]) -> object:
    html = {block.key: block.html for block in rendered.blocks if block.key not in known}
    call = f"window.articleEditor.setBlocks({json.dumps(rendered.keys)}, {json.dumps(html)}, {json.dumps(rendered.data_lines())})"
    return run(qtbot, page, f"JSON.stringify({call})")


def test_set_blocks_keeps_unchanged_nodes_and_shifts_lines(qtbot, page):
    renderer = IncrementalRenderer()
    text = "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n"
    first = renderer.render(text, line_offset=5)
    assert send(qtbot, page, first, set()) == "[]"
    run(qtbot, page, "document.querySelectorAll('.md-block')[2].firstElementChild.dataset.mark = 'kept'; 1")

    second = renderer.render("New line.\n\n" + text.replace("First", "Changed"), line_offset=5)
    assert send(qtbot, page, second, set(first.keys)) == "[]"
    state = json.loads(
        run(
            qtbot,
            page,
            """JSON.stringify(Array.from(document.querySelectorAll('[data-line]'))
        .map(e => [e.tagName, e.dataset.line, e.dataset.mark || '', e.textContent]))""",
        )
    )
    assert state == [
        ["P", "6", "", "New line."],
        ["H1", "8", "", "Title"],
        ["P", "10", "", "Changed paragraph."],
        ["P", "12", "kept", "Second paragraph."],
    ]


def test_set_blocks_reports_keys_it_has_no_html_for(qtbot, page):
    assert run(qtbot, page, "JSON.stringify(window.articleEditor.setBlocks(['nope'], {}))") == '["nope"]'


def test_header_scroll_and_top_line(qtbot, page):
    renderer = IncrementalRenderer()
    text = "\n\n".join(f"Paragraph {n}." for n in range(1, 200))
    send(qtbot, page, renderer.render(text), set())
    run(qtbot, page, "window.articleEditor.setHeader('<h1>Header</h1>'); 1")
    assert run(qtbot, page, "document.getElementById('article-header').textContent") == "Header"
    run(qtbot, page, "window.articleEditor.scrollToLine(201); 1")
    assert run(qtbot, page, "window.articleEditor.topLine()") == 201
    run(qtbot, page, "window.articleEditor.scrollToLine(1); 1")
    assert run(qtbot, page, "window.scrollY") == 0


PAGE_STATE = """JSON.stringify(Array.from(document.getElementById('article-body').children)
    .map(w => [w.dataset.key, w.dataset.start, w.innerHTML]))"""


def test_patches_after_edits_give_the_page_a_fresh_render_gives(qtbot, page):
    """Each edit is sent as patchBlocks against what the page holds; the page then holds exactly what
    setBlocks of the whole render puts on an empty page."""
    from editor.render.commonmark_renderer import CommonMarkRenderer
    from editor.ui.preview.render_worker import block_patch

    paragraphs = [f"Afsnit {n} med [et link](/side-{n})." for n in range(40)]
    text = "# Titel\n\n" + "\n\n".join(paragraphs) + "\n"
    edits = [
        lambda t: t.replace("Afsnit 20 ", "Afsnit tyve "),  # one block changes
        lambda t: "Ny første linje.\n\n" + t,  # every block below moves two lines
        lambda t: t.replace("Afsnit 5 ", "Afsnit 5\n\nDelt i to "),  # one block becomes two
        lambda t: t.replace("\n\nAfsnit 6 ", " Afsnit 6 "),  # two blocks become one
        lambda t: t.replace("Afsnit 39", "- punkt\n- Afsnit 39"),  # the last block changes kind
        lambda t: t.replace("# Titel\n\n", ""),  # the first block goes, lines shift up
        lambda t: t + "\n> citat til sidst\n",  # a block is added at the end
        lambda t: t.replace("Afsnit 10 ", "Afsnit 3 med [et link](/side-3).\n\nAfsnit 10 "),  # a duplicate
        lambda t: "",  # everything goes
        lambda t: "Igen.\n",
    ]
    renderer = CommonMarkRenderer()
    rendered = renderer.render(text, 4)
    old_keys, old_starts = rendered.keys, rendered.data_lines()
    assert send(qtbot, page, rendered, set()) == "[]"
    for edit in edits:
        text = edit(text)
        rendered = renderer.render(text, 4)
        known = set(old_keys)
        html = {block.key: block.html for block in rendered.blocks if block.key not in known}
        call = block_patch(old_keys, old_starts, rendered.keys, rendered.data_lines(), html)
        assert len(call) < 2000  # a few blocks, not the list of all of them
        assert run(qtbot, page, f"JSON.stringify({call})") == "[]"
        patched = json.loads(run(qtbot, page, PAGE_STATE))
        run(qtbot, page, "window.articleEditor.clear(''); 1")
        send(qtbot, page, rendered, set())
        assert patched == json.loads(run(qtbot, page, PAGE_STATE))
        old_keys, old_starts = rendered.keys, rendered.data_lines()


def test_a_patch_for_another_page_state_asks_for_a_reset(qtbot, page):
    renderer = IncrementalRenderer()
    send(qtbot, page, renderer.render("Et.\n\nTo.\n"), set())
    assert (
        run(qtbot, page, "JSON.stringify(window.articleEditor.patchBlocks(5, 0, 0, [], {}, [], 0))")
        == '["*"]'
    )


def _patch_edit_sequences():
    from hypothesis import strategies as st

    from tests.render.test_commonmark_incremental import LINES

    # Repeated blocks (the same paragraph, empty headings), blocks that merge and split at blank lines,
    # and edits that shift every line below them.
    lines = [*LINES, "Samme afsnit.", "Samme afsnit.", "", ""]
    edit = st.tuples(
        st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 40), st.sampled_from(lines)
    )
    return st.lists(st.sampled_from(lines), max_size=30), st.lists(edit, min_size=1, max_size=8)


def test_patches_after_random_edits_give_the_page_a_fresh_render_gives(qtbot, page):
    from hypothesis import HealthCheck, given, settings

    from editor.render.commonmark_renderer import CommonMarkRenderer
    from editor.ui.preview.render_worker import block_patch

    documents, edit_lists = _patch_edit_sequences()

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(start=documents, edits=edit_lists)
    def patches_follow(start: list[str], edits: list[tuple[str, int, str]]) -> None:
        lines = list(start)
        renderer = CommonMarkRenderer(min_stretch=1)
        rendered = renderer.render("\n".join(lines), 4)
        run(qtbot, page, "window.articleEditor.clear(''); 1")
        assert send(qtbot, page, rendered, set()) == "[]"
        for kind, where, line in edits:
            where = min(where, len(lines))
            if kind == "insert":
                lines.insert(where, line)
            elif where < len(lines):
                lines[where : where + 1] = [line] if kind == "replace" else []
            old_keys, old_starts = rendered.keys, rendered.data_lines()
            rendered = renderer.render("\n".join(lines), 4)
            assert len(set(rendered.keys)) == len(rendered.keys)
            html = {block.key: block.html for block in rendered.blocks if block.key not in set(old_keys)}
            call = block_patch(old_keys, old_starts, rendered.keys, rendered.data_lines(), html)
            assert run(qtbot, page, f"JSON.stringify({call})") == "[]"
            patched = json.loads(run(qtbot, page, PAGE_STATE))
            run(qtbot, page, "window.articleEditor.clear(''); 1")
            send(qtbot, page, rendered, set())
            assert patched == json.loads(run(qtbot, page, PAGE_STATE))

    patches_follow()
