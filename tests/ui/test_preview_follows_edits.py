"""Through the real window: after every kind of edit the preview page shows what a fresh render of the
document's own text shows, while the render worker is sent only what changed.

The truth is document_text() rendered by a fresh renderer; the page's text is read back from QtWebEngine
(textContent without whitespace: the page joins blocks without the line breaks a render puts between).
"""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.article.front_matter import read_front_matter
from editor.render.export import file_url_resolver
from editor.render.flavours import make_renderer
from editor.ui.article.document_text import document_text
from editor.ui.article.form_fields import FieldEditor, LineFieldEditor
from editor.ui.workspace.main_window import MainWindow

from .typing import type_text
from .window_on_site import window_on

pytestmark = pytest.mark.gui
WAIT_MS = 20_000
_SPACES = re.compile(r"\s+")


def _run_js(qtbot: QtBot, window: MainWindow, script: str) -> str | None:
    if not hasattr(window.preview, "page"):
        return None  # the page is built once the pane is first shown
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        window.preview.page.runJavaScript(script, 0, callback)
    result = callback.args[0]
    return _SPACES.sub("", json.loads(result)) if result else None


def page_body(qtbot: QtBot, window: MainWindow) -> str | None:
    return _run_js(qtbot, window, "JSON.stringify(document.getElementById('article-body').textContent)")


def fresh_body(qtbot: QtBot, window: MainWindow) -> str | None:
    """The text a fresh render of the document's text shows, laid out by the same page."""
    text = document_text(window.editor.document()).removeprefix("\ufeff")
    site = window.session.site
    assert site is not None
    front = read_front_matter(text)
    renderer = make_renderer(
        site.markdown.flavour, file_url_resolver(site, window.session.path), site.markdown.loaded_extensions()
    )
    html = renderer.render(front.parts.body, front.parts.body_line - 1).html
    script = (
        f"(() => {{ const d = document.createElement('div'); d.innerHTML = {json.dumps(html)};"
        " return JSON.stringify(d.textContent); })()"
    )
    return _run_js(qtbot, window, script)


def assert_shows_fresh_render(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: (shown := page_body(qtbot, window)) is not None and shown == fresh_body(qtbot, window),
        timeout=WAIT_MS,
    )


def at(window: MainWindow, fraction: float) -> None:
    """Put the text cursor `fraction` of the way through the text, never inside an astral character."""
    cursor = window.editor.textCursor()
    cursor.setPosition(int(fraction * (window.editor.document().characterCount() - 1)))
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus(Qt.FocusReason.OtherFocusReason)


def long_article(blog: Path) -> Path:
    """A long article with every line break but LF, a BOM, astral characters, U+2028 and U+0085, and the
    blocks whose rendering reaches across the document: footnotes, references, repeated headings,
    comments and fences."""
    kinds = [
        "## Same",
        "Paragraph {n} with a note[^n{m}] and a [reference].",
        "<!-- comment {n}",
        "-->",
        "```\ncode {n}\n```",
        "- item {n}\n- item",
        "Line\u2028separated \x85 and 😀 {n}",
    ]
    parts = [kinds[n % len(kinds)].format(n=n, m=n % 5) for n in range(420)]
    parts += [f"[^n{m}]: Note {m}." for m in range(5)] + ["[reference]: /elsewhere"]
    article = blog / "long.md"
    text = "\ufeff---\r\ntitle: Long\r\n---\r\n" + "\r\n\r\n".join(parts) + "\r\n"
    article.write_bytes(text.encode("utf-8"))
    return article


@pytest.mark.parametrize("flavour", ["commonmark", "python-markdown"])
def test_the_preview_follows_every_kind_of_edit(
    settings: QSettings, example_site: Path, qtbot: QtBot, flavour: str
) -> None:
    config = example_site / "article-editor.toml"
    config.write_text(f'markdown = "{flavour}"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    blog = example_site / "content" / "blog"
    article = long_article(blog)
    other = blog / "other.md"
    other.write_bytes("---\rtitle: Other\r---\rA CR file 😀\r\rwith \u2028 more.\r".encode())

    with window_on(settings, article) as window:
        editor = window.editor
        assert window.session.site is not None and window.session.site.markdown.flavour.value == flavour

        def find_and_replace_all() -> None:
            window.find_bar.show_replace()
            window.find_bar.find_field.setText("item")
            window.find_bar.replace_field.setText("𝐢tem")
            assert window.find_bar.replace_all() > 0

        def kill_the_worker_mid_typing() -> None:
            type_text(qtbot, editor, "ab")
            os.kill(window.preview.worker_pid(), signal.SIGKILL)
            type_text(qtbot, editor, "cd")

        def paste() -> None:
            QApplication.clipboard().setText("Pasted\r\n\r\n## Same\r\n\r\nwith 😀[^n1]\r\n" * 30)
            editor.paste()

        def change_on_disk() -> None:
            window.session.save()
            article.write_bytes(article.read_bytes().replace(b"Paragraph 8 ", b"Paragraph eight "))
            qtbot.waitUntil(lambda: "Paragraph eight" in editor.text(), timeout=WAIT_MS)

        def edit_the_title() -> None:
            # The form rewrites the front matter in the document: the line offset of every block moves.
            field = window.form.findChild(FieldEditor, "field-title")
            assert isinstance(field, LineFieldEditor)
            field.line.setFocus(Qt.FocusReason.OtherFocusReason)
            field.line.end(False)
            type_text(qtbot, field.line, ": a longer title 😀")
            qtbot.waitUntil(lambda: "longer title" in editor.text().split("---")[1], timeout=WAIT_MS)

        steps: list[tuple[float, Callable[[], None]]] = [
            (0.5, lambda: type_text(qtbot, editor, "x😀\u2028y")),
            (0.5, lambda: qtbot.keyClick(editor, Qt.Key.Key_Return)),
            (0.5, lambda: qtbot.keyClick(editor, Qt.Key.Key_Return)),
            (0.2, lambda: type_text(qtbot, editor, "## Same\n\n")),
            (0.7, lambda: type_text(qtbot, editor, "[^n3]")),
            (0.3, lambda: type_text(qtbot, editor, "\n\n<!--\n\n")),
            (0.0, editor.undo),
            (0.0, editor.undo),
            (0.0, editor.redo),
            (0.6, lambda: type_text(qtbot, editor, "\n\n```\n")),
            (0.0, editor.undo),
            (0.0, edit_the_title),
            (0.0, editor.undo),
            (0.0, editor.redo),
            (0.4, find_and_replace_all),
            (0.0, editor.undo),
            (0.5, kill_the_worker_mid_typing),
            (0.9, paste),
            (0.1, lambda: qtbot.keyClick(editor, Qt.Key.Key_Backspace)),
            (0.0, change_on_disk),
            (0.0, lambda: window.open_path(other)),
            (0.5, lambda: type_text(qtbot, editor, "😀 and\n\nmore")),
            (0.0, editor.undo),
        ]
        assert_shows_fresh_render(qtbot, window)
        for fraction, step in steps:
            at(window, fraction)
            step()
            assert_shows_fresh_render(qtbot, window)
