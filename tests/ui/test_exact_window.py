"""Issue 10 through the real window: form edits after astral characters, line breaks of every kind, number
boxes, a folder in the article's place, and a preview that never shows the article before."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.article.document import split_article
from editor.site.errors import ChangedOnDiskError
from editor.ui.article.form_fields import BooleanEditor, FieldEditor, LineFieldEditor
from editor.ui.article.number_field_editor import NumberEditor
from editor.ui.workspace.main_window import MainWindow

from ..site.test_exact_saves import answer, start_saver, tell
from .typing import type_text
from .window_on_site import ARTICLE, window_on

pytestmark = pytest.mark.gui
WAIT_MS = 10_000


@pytest.fixture
def window(settings: QSettings, example_site: Path) -> Iterator[MainWindow]:
    with window_on(settings, size=(1300, 850)) as main:
        yield main


def open_bytes(window: MainWindow, example_site: Path, data: bytes, name: str = "exact.md") -> Path:
    path = example_site / "content" / "blog" / name
    path.write_bytes(data)
    assert window.open_path(path)
    return path


def field_editor(window: MainWindow, key: str) -> FieldEditor:
    found = window.form.findChild(FieldEditor, f"field-{key}")
    assert found is not None, key
    return found


def type_at_end(qtbot: QtBot, window: MainWindow, key: str, typed: str) -> None:
    editor = field_editor(window, key)
    assert isinstance(editor, LineFieldEditor)
    editor.line.setFocus(Qt.FocusReason.OtherFocusReason)
    editor.line.end(False)
    type_text(qtbot, editor.line, typed)


def type_over(qtbot: QtBot, editor: FieldEditor, typed: str) -> None:
    """Select all of a one-line field and type `typed` over it."""
    assert isinstance(editor, LineFieldEditor)
    editor.line.setFocus(Qt.FocusReason.OtherFocusReason)
    editor.line.selectAll()
    qtbot.keyClicks(editor.line, typed)


def save(window: MainWindow) -> None:
    assert window.save()


def test_a_form_edit_after_an_emoji_writes_exactly_that_edit(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, "---\ntitle: Hej 😀\nmetaTitle: Meta\n---\nbody\n".encode())
    type_at_end(qtbot, window, "metaTitle", "!")
    save(window)
    assert path.read_bytes() == "---\ntitle: Hej 😀\nmetaTitle: Meta!\n---\nbody\n".encode()


def test_astral_letters_of_every_kind_before_the_field_keep_the_edit_in_place(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    head = "---\r\ntitle: 👩‍👩‍👧 🇩🇰 𝐀𝐁 𠀀 e\u0301\r\n"
    path = open_bytes(window, example_site, f"\ufeff{head}metaTitle: M 😀\r\n---\r\n😀 body\r\n".encode())
    type_at_end(qtbot, window, "metaTitle", "ø😀")
    save(window)
    assert path.read_bytes() == f"\ufeff{head}metaTitle: M 😀ø😀\r\n---\r\n😀 body\r\n".encode()


MIXED = (
    "---\r\ntitle: T\r\nmetaTitle: M\ndatePublished: 01-06-2025\r\n---\n"
    "Line one\r\nLine two\rLine three\u2029Line four\nLine five\r\n"
).encode()


def test_a_form_edit_in_a_file_with_mixed_line_breaks_changes_that_line_only(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, MIXED)
    type_at_end(qtbot, window, "title", "x")
    save(window)
    assert path.read_bytes() == MIXED.replace(b"title: T\r\n", b"title: Tx\r\n")


def test_typing_and_deleting_a_character_gives_the_same_bytes_back(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, MIXED)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, "z")
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert window.session.is_modified()
    save(window)
    assert path.read_bytes() == MIXED


def test_a_new_line_typed_in_the_body_takes_the_break_of_the_line_it_splits(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, MIXED)
    window.editor.go_to_line(7)  # "Line two", which ends in a lone CR
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "new")
    save(window)
    assert path.read_bytes() == MIXED.replace(b"Line two\r", b"Line two\rnew\r")


def test_a_reload_then_an_edit_keeps_the_new_files_breaks(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, MIXED)
    changed = MIXED.replace(b"Line three", b"Line 3")
    path.write_bytes(changed)
    qtbot.waitUntil(lambda: window.session.text().encode() == changed, timeout=WAIT_MS)
    type_at_end(qtbot, window, "metaTitle", "!")
    save(window)
    assert path.read_bytes() == changed.replace(b"metaTitle: M\n", b"metaTitle: M!\n")


def test_a_number_field_gets_a_number_box_and_stays_a_number(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    text = "---\ntitle: T\norder: 4\nratio: 1.5\ndraft: false\nnums: [1, 2]\n---\nbody\n"
    path = open_bytes(window, example_site, text.encode())
    order = field_editor(window, "order")
    assert isinstance(order, NumberEditor) and order.line.text() == "4"
    assert isinstance(field_editor(window, "draft"), BooleanEditor)
    type_over(qtbot, order, "-12")
    ratio = field_editor(window, "ratio")
    assert isinstance(ratio, NumberEditor)
    type_over(qtbot, ratio, "2,5")  # a Danish decimal comma
    draft = field_editor(window, "draft")
    assert isinstance(draft, BooleanEditor)
    draft.box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(draft.box, Qt.Key.Key_Space)
    save(window)
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: T\norder: -12\nratio: 2.5\ndraft: true\nnums: [1, 2]\n---\nbody\n"
    )
    values = yaml.safe_load(split_article(path.read_text(encoding="utf-8")).front_matter)
    assert values == {"title": "T", "order": -12, "ratio": 2.5, "draft": True, "nums": [1, 2]}


def test_text_that_is_no_number_is_not_written_and_the_box_says_so(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, b"---\ntitle: T\norder: 4\n---\n")
    order = field_editor(window, "order")
    assert isinstance(order, NumberEditor)
    type_over(qtbot, order, "abc")
    assert not order.is_number()
    assert "Not a number" in order.line.toolTip()
    assert window.session.text() == "---\ntitle: T\norder: 4\n---\n"
    window.editor.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: order.line.text() == "4", timeout=WAIT_MS)
    assert path.read_bytes() == b"---\ntitle: T\norder: 4\n---\n"


def test_list_items_typed_over_numbers_stay_numbers(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    config = example_site / "article-editor.toml"
    config.write_text(config.read_text() + '\n[[fields]]\nname = "tags"\nkind = "list"\n', encoding="utf-8")
    path = open_bytes(window, example_site, b"---\ntitle: T\ntags: [1, 2]\n---\n")
    type_at_end(qtbot, window, "tags", ", 3")
    save(window)
    assert path.read_bytes() == b"---\ntitle: T\ntags: [1, 2, 3]\n---\n"


def test_an_article_replaced_by_a_folder_shows_the_bar_and_keeps_the_text(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = example_site / ARTICLE
    assert window.open_path(path)
    text = window.session.text()
    path.unlink()
    path.mkdir()
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    assert window.disk_bar.save_as_button.isVisible()
    assert window.session.text() == text
    assert window.session.is_modified()
    shutil.rmtree(path)


def page_text(qtbot: QtBot, window: MainWindow, element: str) -> str:
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        window.preview.page.runJavaScript(
            f"JSON.stringify(document.getElementById({json.dumps(element)}).innerText)", 0, callback
        )
    return str(json.loads(callback.args[0]))


def test_opening_another_article_never_shows_the_one_before(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    first = example_site / "content" / "blog" / "first.md"
    first.write_text("---\ntitle: Første artikel\n---\nFørste tekst om æbler.\n", encoding="utf-8")
    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        assert window.open_path(first)
    qtbot.waitUntil(lambda: "æbler" in page_text(qtbot, window, "article-body"), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.problems.tree.topLevelItemCount() > 0, timeout=WAIT_MS
    )  # title, date missing
    second = example_site / "content" / "blog" / "second.md"
    second.write_text("---\ntitle: Anden\n---\nAnden tekst om pærer.\n" * 1, encoding="utf-8")
    assert window.open_path(second)
    assert window.problems.tree.topLevelItemCount() == 0  # the first article's problems went with it
    # Asked before the event loop runs again: the new render cannot have arrived yet.
    body = page_text(qtbot, window, "article-body")
    assert "æbler" not in body and "Første" not in page_text(qtbot, window, "article-header")
    assert "second.md" in body
    qtbot.waitUntil(lambda: "pærer" in page_text(qtbot, window, "article-body"), timeout=WAIT_MS)
    assert "second.md" not in page_text(qtbot, window, "article-body")


def test_a_window_and_another_process_saving_at_once_never_both_win(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    """The window's save and another process's, released together: one saves, the other is refused
    (the window keeps its edits), and the file holds the winner's bytes whole."""
    article = example_site / ARTICLE
    original = article.read_bytes()
    saver = start_saver(article, "alpha")
    outcomes = {"window": 0, "other": 0}
    try:
        for number in range(20):
            article.write_bytes(original)
            window.session.load(article)
            window.editor.moveCursor(QTextCursor.MoveOperation.End)
            qtbot.keyClicks(window.editor, f"Ord {number}.")
            mine = window.session.text()
            tell([saver], f"read alpha{number}\n")
            assert answer(saver) == "ready"
            tell([saver], "go\n")
            try:
                window.session.save()
            except ChangedOnDiskError:
                window_saved = False
            else:
                window_saved = True
            reply = answer(saver)
            on_disk = article.read_bytes()
            if window_saved:
                assert reply.startswith("refused"), f"round {number}: both saved; the file kept one"
                assert on_disk == mine.encode("utf-8")
                outcomes["window"] += 1
            else:
                assert reply == "saved", f"round {number}: neither saved: {reply}"
                assert b"alpha: alpha" in on_disk and f"Ord {number}.".encode() not in on_disk
                assert window.session.is_modified() and window.session.text() == mine
                outcomes["other"] += 1
            window.session.document.setModified(False)
    finally:
        assert saver.stdin is not None
        saver.stdin.close()
        saver.wait(timeout=30)
    print(f"\nwindow against another process, 20 rounds: {outcomes}")
    assert sum(outcomes.values()) == 20, outcomes


def test_a_recovered_buffer_comes_back_with_its_own_line_breaks(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(window, example_site, MIXED)
    recovered = MIXED.decode().replace("Line two\r", "Line 2 😀\r\n").replace("Line five\r\n", "Line five\r")
    window.session.replace_all(recovered)
    assert window.session.text() == recovered
    window.session.document.undo()  # the file as it is on disk, breaks and all
    assert not window.session.is_modified() and window.session.text() == MIXED.decode()
    window.session.replace_all(recovered)
    save(window)
    assert path.read_bytes() == recovered.encode()


def test_find_and_replace_after_astral_letters_and_crlf_replaces_the_match(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    path = open_bytes(
        window, example_site, "---\r\ntitle: 😀\r\n---\r\n𝐀 æble 👩\u200d👩\u200d👧 æble\r\n".encode()
    )
    window.find_bar.find_field.setText("æble")
    window.find_bar.replace_field.setText("pære")
    assert window.find_bar.replace_all() == 2
    save(window)
    assert path.read_bytes() == "---\r\ntitle: 😀\r\n---\r\n𝐀 pære 👩\u200d👩\u200d👧 pære\r\n".encode()


def test_typing_in_the_source_after_emoji_in_the_front_matter_reaches_the_form(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    """The form hears of a source edit just before the body even when emoji make positions and offsets
    differ; else its next edit would write the field as it was before (found by an adversarial test)."""
    text = "---\ntitle: 🇩🇰🇸🇪 Sommer 🌞🍦\nmetaTitle: Sommer\ndatePublished: 01-06-2025\npreviewImageAlt: Strand\n---\nbody\n"
    path = open_bytes(window, example_site, text.encode())
    window.editor.go_to_line(5)
    window.editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClicks(window.editor, "en")
    type_at_end(qtbot, window, "previewImageAlt", "!")
    save(window)
    assert path.read_text(encoding="utf-8") == text.replace("Strand", "Stranden!")


def test_undo_of_form_edits_in_a_mixed_file_gives_each_line_its_own_break(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    text = "---\ntitle: x\r\nlit: |\r\n  a\n  b\r\n---\r\nbody\n"
    path = open_bytes(window, example_site, text.encode())
    window.session.remove_field("lit")
    save(window)
    window.session.document.undo()
    save(window)
    assert path.read_bytes() == text.encode()


def test_the_preview_and_the_status_bar_follow_the_sites_flavour(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    text = b"---\ntitle: T\n---\n> a\n\n> b\n"
    open_bytes(window, example_site, text)
    assert window.flavour_label.text() == "CommonMark + GFM"
    count = "document.querySelectorAll('#article-body blockquote').length"
    qtbot.waitUntil(lambda: page_value(qtbot, window, count) == 2, timeout=WAIT_MS)
    config = example_site / "article-editor.toml"
    config.write_text('markdown = "python-markdown"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    open_bytes(window, example_site, text, "other.md")
    assert window.flavour_label.text() == "Python-Markdown"
    qtbot.waitUntil(lambda: page_value(qtbot, window, count) == 1, timeout=WAIT_MS)


def test_the_preview_renders_the_sites_extensions_and_the_status_bar_names_what_it_left_out(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    config = example_site / "article-editor.toml"
    config.write_text(
        'markdown = "python-markdown"\nmarkdown_extensions = ["admonition", "evil.module"]\n'
        + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    open_bytes(window, example_site, b"---\ntitle: T\n---\n!!! note\n    Careful.\n")
    assert "evil.module is not loaded" in window.flavour_label.toolTip()
    count = "document.querySelectorAll('#article-body div.admonition.note').length"
    qtbot.waitUntil(lambda: page_value(qtbot, window, count) == 1, timeout=WAIT_MS)


def page_value(qtbot: QtBot, window: MainWindow, script: str) -> object:
    qtbot.waitUntil(lambda: window.preview.started, timeout=WAIT_MS)
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        window.preview.page.runJavaScript(f"JSON.stringify({script})", 0, callback)
    return json.loads(callback.args[0]) if callback.args[0] else None
