"""Scroll sync in the real window on a long article: the caret's block stays in view in the preview while
typing, and scrolling the preview as a user does scrolls the source; measured in the real page."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from benchmarks.corpus import large_article
from editor.ui.dialogs.preferences import Preferences
from editor.ui.workspace.main_window import MainWindow
from tests.conftest import EXAMPLE_SITE
from tests.ui.typing import type_text
from tests.ui.window_on_site import close_window, open_window

pytestmark = pytest.mark.gui

TIMEOUT_MS = 15_000
# A paragraph deep in the article, and one written as many source lines, taller than the preview.
DEEP_PARAGRAPH = "Men samtidig beskrev flere også"
TALL_LINES = 120


def tall_paragraph() -> str:
    return "\n".join(
        f"Linje{n:03d} af et langt afsnit skrevet med hårde linjeskift i kilden." for n in range(TALL_LINES)
    )


@pytest.fixture(scope="module")
def article_text() -> str:
    text = large_article(100_000)
    # The tall paragraph goes after the first third, well away from both ends.
    cut = text.index("\n## ", len(text) // 3)
    return text[:cut] + "\n\n" + tall_paragraph() + "\n" + text[cut:]


@pytest.fixture(scope="module")
def window(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory, article_text: str
) -> Iterator[MainWindow]:
    """One window for the module: opening a 100 kB article and its preview takes seconds."""
    folder = tmp_path_factory.mktemp("scroll")
    site = folder / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    article = site / "content" / "blog" / "long.md"
    article.write_text(article_text, encoding="utf-8")
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    main = open_window(settings, article, size=(1400, 900))
    main.activateWindow()
    yield main
    close_window(main)


def run_js(qtbot: QtBot, window: MainWindow, script: str) -> object:
    """The value of `script` in the preview page, through JSON."""
    with qtbot.waitCallback(timeout=TIMEOUT_MS) as callback:
        window.preview.page.runJavaScript(f"JSON.stringify({script})", 0, callback)
    result = callback.args[0]
    return json.loads(result) if result else None


def wait_rendered(qtbot: QtBot, window: MainWindow, needle: str) -> None:
    """Until the page shows `needle` in its body."""
    qtbot.waitUntil(
        lambda: run_js(qtbot, window, f"document.body.innerText.includes({json.dumps(needle)})") is True,
        timeout=TIMEOUT_MS,
    )


def block_box(qtbot: QtBot, window: MainWindow, line: int) -> dict[str, float]:
    """The viewport box of the block holding file line `line`, and the window's height."""
    box = run_js(
        qtbot,
        window,
        f"""(function () {{
            let found = null;
            for (const block of document.querySelectorAll('#article-body .md-block')) {{
                if (Number(block.dataset.start) <= {line}) {{ found = block; }}
            }}
            const box = found.getBoundingClientRect();
            return {{top: box.top, bottom: box.bottom, height: innerHeight, text: found.innerText}};
        }})()""",
    )
    assert isinstance(box, dict)
    return box


def in_view(box: dict[str, float]) -> bool:
    return box["top"] >= 0 and box["bottom"] <= box["height"]


def text_box(qtbot: QtBot, window: MainWindow, needle: str) -> dict[str, float]:
    """The viewport box of the first place the page's body shows `needle`."""
    box = run_js(
        qtbot,
        window,
        f"""(function () {{
            const walker = document.createTreeWalker(document.getElementById('article-body'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {{
                const at = walker.currentNode.data.indexOf({json.dumps(needle)});
                if (at >= 0) {{
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + {len(needle)});
                    const box = range.getBoundingClientRect();
                    return {{top: box.top, bottom: box.bottom, height: innerHeight}};
                }}
            }}
            return null;
        }})()""",
    )
    assert isinstance(box, dict)
    return box


def put_caret(window: MainWindow, line: int, *, at_end: bool = True) -> None:
    editor = window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    if at_end:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setFocus()
    editor.setTextCursor(cursor)


def line_of(window: MainWindow, prefix: str, after: int = 0) -> int:
    lines = window.editor.text().splitlines()
    return next(number for number in range(after, len(lines)) if lines[number].startswith(prefix)) + 1


def scroll_y(qtbot: QtBot, window: MainWindow) -> float:
    value = run_js(qtbot, window, "window.scrollY")
    assert isinstance(value, int | float)
    return value


def turn_wheel(target: QWidget, steps: int) -> None:
    """Turn the mouse wheel `steps` notches down over the middle of `target`, as a user does."""
    centre = QPointF(target.width() / 2, target.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(target.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


def wheel(window: MainWindow, steps: int) -> None:
    """Turn the mouse wheel over the preview: Qt delivers it to Chromium's widget."""
    target = window.preview.view.focusProxy() or window.preview.view
    # Chromium scrolls what is under the pointer, so the pointer comes over the page first.
    QTest.mouseMove(target, QPoint(target.width() // 2, target.height() // 2))
    turn_wheel(target, steps)


@pytest.fixture(autouse=True)
def sync_on(window: MainWindow, qtbot: QtBot) -> Iterator[None]:
    window.sync_action.setChecked(True)
    qtbot.waitUntil(lambda: window.preview.started, timeout=TIMEOUT_MS)
    wait_rendered(qtbot, window, DEEP_PARAGRAPH)
    yield
    window.sync_action.setChecked(True)


def test_typing_deep_in_the_article_keeps_the_caret_block_in_view(window: MainWindow, qtbot: QtBot) -> None:
    line = line_of(window, DEEP_PARAGRAPH, after=len(window.editor.text().splitlines()) // 2)
    put_caret(window, line)
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    assert scroll_y(qtbot, window) > 10_000

    type_text(qtbot, window.editor, " Skrevet nu")
    wait_rendered(qtbot, window, "Skrevet nu")
    box = block_box(qtbot, window, line)
    assert "Skrevet nu" in box["text"]
    assert in_view(box), box

    # A new paragraph: Enter twice and words, which used to land just above the visible area.
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    type_text(qtbot, window.editor, "Et nyt afsnit")
    wait_rendered(qtbot, window, "Et nyt afsnit")
    qtbot.waitUntil(lambda: "Et nyt afsnit" in block_box(qtbot, window, line + 2)["text"], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line + 2)), timeout=TIMEOUT_MS)
    window.editor.undo()
    window.editor.undo()


def test_front_matter_shows_the_top_of_the_page_and_a_long_title_whole(
    window: MainWindow, qtbot: QtBot
) -> None:
    put_caret(window, line_of(window, DEEP_PARAGRAPH, after=200))
    qtbot.waitUntil(lambda: scroll_y(qtbot, window) > 0, timeout=TIMEOUT_MS)
    put_caret(window, line_of(window, "title:"))
    qtbot.waitUntil(lambda: scroll_y(qtbot, window) == 0, timeout=TIMEOUT_MS)
    title = "document.querySelector('#article-header h1')"
    one_line = run_js(qtbot, window, f"{title}.getBoundingClientRect().height")
    assert isinstance(one_line, int | float)

    # The title grows to two lines (and more) while typed: it stays whole at the top.
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    window.editor.moveCursor(QTextCursor.MoveOperation.Left)  # inside the closing quote
    type_text(qtbot, window.editor, " og hvad kan man selv gøre ved det i hverdagen")
    wait_rendered(qtbot, window, "i hverdagen")
    qtbot.waitUntil(
        lambda: run_js(qtbot, window, f"{title}.getBoundingClientRect().height") > 1.5 * one_line,
        timeout=TIMEOUT_MS,
    )
    assert scroll_y(qtbot, window) == 0
    assert run_js(qtbot, window, f"{title}.getBoundingClientRect().top") >= 0
    put_caret(window, 1, at_end=False)
    qtbot.waitUntil(lambda: scroll_y(qtbot, window) == 0, timeout=TIMEOUT_MS)
    window.editor.undo()


def test_a_paragraph_taller_than_the_preview_shows_the_caret_line(window: MainWindow, qtbot: QtBot) -> None:
    first = line_of(window, "Linje000")
    assert (
        block_box(qtbot, window, first)["bottom"] - block_box(qtbot, window, first)["top"]
        > (block_box(qtbot, window, first)["height"])
    )
    for number in (100, 20, 60):
        put_caret(window, first + number)
        qtbot.waitUntil(
            lambda number=number: in_view(text_box(qtbot, window, f"Linje{number:03d}")), timeout=TIMEOUT_MS
        )


def top_line(qtbot: QtBot, window: MainWindow) -> int:
    value = run_js(qtbot, window, "window.articleEditor.topLine()")
    assert isinstance(value, int)
    return value


def test_scrolling_the_preview_scrolls_the_source_without_bouncing_back(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_caret(window, line_of(window, DEEP_PARAGRAPH, after=300))
    qtbot.waitUntil(lambda: scroll_y(qtbot, window) > 0, timeout=TIMEOUT_MS)
    editor = window.editor
    before = editor.firstVisibleBlock().blockNumber() + 1
    # The page scrolled by a script, with no wheel, key or pointer in it, is layout, not the user.
    with qtbot.assertNotEmitted(window.preview.user_scrolled, wait=300):
        run_js(qtbot, window, "window.scrollTo(0, window.scrollY + 3000)")
    assert editor.firstVisibleBlock().blockNumber() + 1 == before
    # Anything the sync asks of the preview while the user scrolls it would be a bounce.
    requests: list[object] = []
    monkeypatch.setattr(window.preview, "reveal_line", requests.append)
    monkeypatch.setattr(window.preview, "scroll_to_line", requests.append)

    with qtbot.waitSignal(window.preview.user_scrolled, timeout=TIMEOUT_MS):
        wheel(window, 10)
    qtbot.waitUntil(
        lambda: editor.firstVisibleBlock().blockNumber() + 1 == top_line(qtbot, window), timeout=TIMEOUT_MS
    )
    assert editor.firstVisibleBlock().blockNumber() + 1 > before
    settled = scroll_y(qtbot, window)
    # A round trip through the page later nothing has moved it back.
    assert top_line(qtbot, window) == editor.firstVisibleBlock().blockNumber() + 1
    assert scroll_y(qtbot, window) == settled
    assert requests == []


def test_typing_after_scrolling_the_preview_away_brings_the_caret_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    line = line_of(window, DEEP_PARAGRAPH, after=400)
    put_caret(window, line)
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    with qtbot.waitSignal(window.preview.user_scrolled, timeout=TIMEOUT_MS):
        wheel(window, -15)
    qtbot.waitUntil(lambda: not in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    type_text(qtbot, window.editor, " Tilbageskrevet")
    wait_rendered(qtbot, window, "Tilbageskrevet")
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    assert "Tilbageskrevet" in block_box(qtbot, window, line)["text"]
    window.editor.undo()


def wheel_source(window: MainWindow, steps: int) -> None:
    """Turn the mouse wheel over the source editor."""
    turn_wheel(window.editor.viewport(), steps)


def test_scrolling_the_source_away_from_the_caret_scrolls_the_preview(
    window: MainWindow, qtbot: QtBot
) -> None:
    put_caret(window, line_of(window, DEEP_PARAGRAPH, after=100))
    editor = window.editor
    qtbot.waitUntil(lambda: scroll_y(qtbot, window) > 0, timeout=TIMEOUT_MS)
    for _ in range(5):
        wheel_source(window, 20)
    qtbot.waitUntil(lambda: not editor.viewport().rect().intersects(editor.cursorRect()), timeout=TIMEOUT_MS)
    # The preview puts the source's first visible line at its top.
    qtbot.waitUntil(
        lambda: abs(top_line(qtbot, window) - (editor.firstVisibleBlock().blockNumber() + 1)) <= 2,
        timeout=TIMEOUT_MS,
    )


def test_sync_can_be_turned_off_and_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    line = line_of(window, DEEP_PARAGRAPH, after=500)
    put_caret(window, line)
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    window.sync_action.setChecked(False)
    assert Preferences.load(window.settings).sync_scrolling is False
    put_caret(window, line_of(window, DEEP_PARAGRAPH, after=100))
    type_text(qtbot, window.editor, " Uafhængigt")
    wait_rendered(qtbot, window, "Uafhængigt")
    # The caret went far up and typed there; the preview stayed with the paragraph.
    assert in_view(block_box(qtbot, window, line))
    before = window.editor.firstVisibleBlock().blockNumber()
    with qtbot.waitSignal(window.preview.user_scrolled, timeout=TIMEOUT_MS):
        wheel(window, 10)
    assert window.editor.firstVisibleBlock().blockNumber() == before
    window.editor.undo()
    window.sync_action.setChecked(True)
    assert Preferences.load(window.settings).sync_scrolling is True


def test_in_a_long_article_blocks_out_of_view_are_skipped_and_the_caret_block_still_shows(
    window: MainWindow, qtbot: QtBot, article_text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Past 1,000 blocks the page first lays out only what is near the view (the rest once it is idle);
    heights are estimates until shown, and the caret's block must still end up fully in view."""
    assert window.session.path is not None
    original = window.session.path
    # The tests before typed and undid: saved, opening another article asks nothing.
    window.session.save(force=True)
    long_article = original.with_name("very-long.md")
    paragraphs = [f"Afsnit {n}: " + "ord " * (5 + n % 40) for n in range(2500)]
    long_article.write_text(
        article_text.split("\n---\n", 1)[0] + "\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    assert window.open_path(long_article)
    # innerText leaves out what is not laid out: the text is asked for as the DOM holds it.
    qtbot.waitUntil(
        lambda: run_js(qtbot, window, "document.body.textContent.includes('Afsnit 2499:')") is True,
        timeout=TIMEOUT_MS,
    )
    assert (
        run_js(qtbot, window, "document.getElementById('article-body').dataset.firstLayout")
        == "near the view"
    )
    for number in (1800, 600, 2400):
        line = line_of(window, f"Afsnit {number}:")
        put_caret(window, line)
        qtbot.waitUntil(lambda line=line: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    type_text(qtbot, window.editor, " Skrevet her")
    qtbot.waitUntil(lambda: "Skrevet her" in block_box(qtbot, window, line)["text"], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: in_view(block_box(qtbot, window, line)), timeout=TIMEOUT_MS)
    window.session.save(force=True)
    assert window.open_path(original)
    wait_rendered(qtbot, window, DEEP_PARAGRAPH)
