"""Through the real window: an image written into a long article before its file exists shows in the
preview once the file is dropped in, in the blocks far above the drop as well as at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from .dialogs import type_and_accept, when_dialog_opens
from .window_on_site import window_on

pytestmark = pytest.mark.gui
WAIT_MS = 20_000


def shown_images(qtbot: QtBot, window) -> list[str]:
    """What each image of the article body is on the page: its src, or the placeholder's text."""
    script = (
        "JSON.stringify(Array.from(document.querySelectorAll('#article-body img, #article-body .missing-image'),"
        " e => e.tagName === 'IMG' ? e.getAttribute('src') : e.textContent))"
    )
    if not hasattr(window.preview, "page"):
        return []  # the page is built once the pane is first shown
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        window.preview.page.runJavaScript(script, 0, callback)
    return json.loads(callback.args[0]) if callback.args[0] else []


def test_an_image_dropped_after_it_was_written_shows_everywhere(
    settings: QSettings, example_site: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    # 300 blocks: the preview takes over the blocks before a change at the end from the last render.
    paragraphs = "\n\n".join(f"Paragraph {n}." for n in range(300))
    article = example_site / "content" / "blog" / "long.md"
    article.write_text(
        f"---\ntitle: Long\n---\n![Drawn](/images/blog/drawn.png)\n\n{paragraphs}\n", encoding="utf-8"
    )
    drawn = tmp_path / "drawn.png"
    Image.new("RGB", (20, 10), "teal").save(drawn)
    with window_on(settings, article) as window:
        qtbot.waitUntil(
            lambda: shown_images(qtbot, window) == ["Missing image: /images/blog/drawn.png"], timeout=WAIT_MS
        )
        when_dialog_opens(type_and_accept("Drawn"))
        window.editor.image_files_dropped.emit([drawn], window.editor.document().characterCount() - 1)
        target = example_site / "public" / "images" / "blog" / "drawn.png"
        qtbot.waitUntil(lambda: "](/images/blog/drawn.png)" in window.editor.text()[-40:], timeout=WAIT_MS)
        assert target.is_file()
        qtbot.waitUntil(lambda: shown_images(qtbot, window) == [target.as_uri()] * 2, timeout=WAIT_MS)
