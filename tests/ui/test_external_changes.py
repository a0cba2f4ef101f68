"""Another program changes the open article's file: the window reloads it, asks, or keeps the text safe."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from editor.ui.article.article_session import ArticleSession
from editor.ui.article.diff_view import DiffDialog
from editor.ui.article.file_watcher import DiskState
from editor.ui.workspace.main_window import MainWindow

from .dialogs import press, when_dialog_opens
from .window_on_site import ARTICLE, window_on

pytestmark = pytest.mark.gui
WAIT_MS = 5000


@pytest.fixture
def article(example_site: Path) -> Path:
    """The example article made long enough to scroll."""
    path = example_site / ARTICLE
    filler = "".join(
        f"\nParagraph {number} of the filler that makes the article scroll.\n" for number in range(200)
    )
    path.write_text(path.read_text(encoding="utf-8") + filler, encoding="utf-8")
    return path


@pytest.fixture
def window(article: Path, settings: QSettings) -> Iterator[MainWindow]:
    with window_on(settings, article, size=(1200, 800)) as main:
        yield main


def put_cursor_at_line(window: MainWindow, line: int, column: int) -> None:
    window.editor.go_to_line(line)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, column)
    window.editor.setTextCursor(cursor)


def atomic_replace(path: Path, text: str) -> None:
    """What vim, git and most editors do: write a new file beside it and rename it over the old one."""
    temp = path.with_name(path.name + ".new~")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def type_into_body(qtbot: QtBot, window: MainWindow, words: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, words)
    assert window.session.is_modified()


def replace_under_my_edits(qtbot: QtBot, window: MainWindow, article: Path) -> str:
    """Type "My own words.", let another program add "Their words." to the file, and wait for the bar to ask.

    Returns the file's new text.
    """
    type_into_body(qtbot, window, "My own words.")
    theirs = article.read_text(encoding="utf-8") + "\nTheir words.\n"
    atomic_replace(article, theirs)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    return theirs


def test_a_rewrite_in_place_without_edits_reloads_keeping_cursor_and_scroll(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    put_cursor_at_line(window, 120, 4)
    window.editor.verticalScrollBar().setValue(90)
    position = window.editor.textCursor().position()
    scroll = window.editor.verticalScrollBar().value()
    assert scroll == 90
    before = article.read_text(encoding="utf-8")
    after = before.replace("Paragraph 150 of", "Paragraph one hundred and fifty of")
    with open(article, "w", encoding="utf-8") as handle:  # truncate and write, as some tools do
        handle.write(after)

    qtbot.waitUntil(lambda: "one hundred and fifty" in window.editor.text(), timeout=WAIT_MS)
    assert window.editor.text() == after
    assert window.editor.textCursor().position() == position
    assert window.editor.verticalScrollBar().value() == scroll
    assert not window.session.is_modified()
    assert not window.disk_bar.isVisible()
    assert "Reloaded mr-scanning.md" in window.statusBar().currentMessage()
    # The reload is one undo step: nothing the editor held is lost.
    window.editor.undo()
    assert window.editor.text() == before
    assert window.session.is_modified()


def test_a_reload_that_replaces_the_cursors_line_keeps_its_place(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    put_cursor_at_line(window, 100, 10)
    position = window.editor.textCursor().position()
    text = article.read_text(encoding="utf-8")
    line = text.splitlines(keepends=True)[99]
    atomic_replace(article, text.replace(line, line.upper(), 1))
    qtbot.waitUntil(lambda: line.upper() in window.editor.text(), timeout=WAIT_MS)
    assert window.editor.textCursor().position() == position


def test_an_atomic_replace_reloads_and_the_new_file_stays_watched(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    text = article.read_text(encoding="utf-8")
    atomic_replace(article, text + "\nFirst outside edit.\n")
    qtbot.waitUntil(lambda: "First outside edit." in window.editor.text(), timeout=WAIT_MS)
    # The rename ended the old file's watch; the second replace is only seen if the new file is watched.
    atomic_replace(article, text + "\nSecond outside edit.\n")
    qtbot.waitUntil(lambda: "Second outside edit." in window.editor.text(), timeout=WAIT_MS)
    assert "First outside edit." not in window.editor.text()
    assert not window.session.is_modified()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_git_checkout_reloads(window: MainWindow, article: Path, example_site: Path, qtbot: QtBot) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=example_site,
            check=True,
            capture_output=True,
        )

    original = article.read_text(encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    git("checkout", "-q", "-b", "rewrite")
    article.write_text(original.replace("Paragraph 3 of", "Paragraph three of"), encoding="utf-8")
    qtbot.waitUntil(lambda: "Paragraph three of" in window.editor.text(), timeout=WAIT_MS)
    git("commit", "-q", "-am", "rewrite")
    git("checkout", "-q", "-")
    qtbot.waitUntil(lambda: window.editor.text() == original, timeout=WAIT_MS)
    assert not window.session.is_modified()


def test_with_local_edits_the_bar_asks_and_keep_mine_still_guards_the_save(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    theirs = replace_under_my_edits(qtbot, window, article)
    assert "mr-scanning.md was changed by another program" in window.disk_bar.message.text()
    assert "My own words." in window.editor.text()
    assert "Their words." not in window.editor.text()

    window.disk_bar.keep_button.click()
    assert not window.disk_bar.isVisible()
    assert window.session.is_modified()
    seen: list[str] = []
    when_dialog_opens(press(QMessageBox.StandardButton.Cancel, seen))
    assert not window.save()
    assert seen and "changed by another program" in seen[0]
    assert article.read_text(encoding="utf-8") == theirs


def test_keep_mine_is_asked_again_when_the_file_changes_again(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    type_into_body(qtbot, window, "Mine.")
    text = article.read_text(encoding="utf-8")
    atomic_replace(article, text + "\nOnce.\n")
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    window.disk_bar.keep_button.click()
    with qtbot.waitSignal(window.file_watcher.changed_on_disk, timeout=WAIT_MS):
        atomic_replace(article, text + "\nTwice.\n")
    assert window.disk_bar.isVisible()


def test_show_differences_compares_the_disk_with_the_editor(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    replace_under_my_edits(qtbot, window, article)
    window.disk_bar.differences_button.click()
    dialog = window.findChild(DiffDialog)
    assert dialog is not None and dialog.isVisible()
    lines = dialog.view.toPlainText().split("\n")
    assert lines[:2] == ["--- On disk: mr-scanning.md", "+++ In the editor"]
    assert "-Their words." in lines
    assert any(line.startswith("+") and line.endswith("My own words.") for line in lines)
    assert window.disk_bar.isVisible()  # the choice is still to be made
    dialog.close()


def test_reload_from_the_bar_takes_the_disk_and_undo_gives_mine_back(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    type_into_body(qtbot, window, "My own words.")
    mine = window.editor.text()
    theirs = article.read_text(encoding="utf-8") + "\nTheir words.\n"
    atomic_replace(article, theirs)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    window.disk_bar.reload_button.click()
    assert window.editor.text() == theirs
    assert not window.session.is_modified()
    assert not window.disk_bar.isVisible()
    window.editor.undo()
    assert window.editor.text() == mine


def test_a_deleted_file_keeps_the_text_marked_modified_until_it_returns(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    data = article.read_bytes()
    text = window.editor.text()
    article.unlink()
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    assert "mr-scanning.md was deleted or moved" in window.disk_bar.message.text()
    assert window.disk_bar.save_as_button.isVisible()
    assert not window.disk_bar.reload_button.isVisible()
    assert window.editor.text() == text
    assert window.session.is_modified()
    assert window.isWindowModified()
    assert "mr-scanning.md was deleted or moved" in window.statusBar().currentMessage()

    article.write_bytes(data)
    qtbot.waitUntil(lambda: not window.disk_bar.isVisible(), timeout=WAIT_MS)
    assert not window.session.is_modified()
    assert window.file_watcher.state is DiskState.SAME


def test_a_moved_file_is_missing_and_save_puts_it_back_after_asking(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    data = article.read_bytes()
    article.rename(article.with_name("moved-away.md"))
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    assert window.session.is_modified()
    seen: list[str] = []
    when_dialog_opens(press(QMessageBox.StandardButton.Save, seen))  # "Overwrite": write it back
    assert window.save()
    assert "was deleted or moved" in seen[0]
    assert article.read_bytes() == data
    assert not window.disk_bar.isVisible()
    assert not window.session.is_modified()


def test_a_deleted_folder_is_noticed_and_its_return_too(
    window: MainWindow, article: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = article.parent
    kept = tmp_path / "kept-folder"
    shutil.move(folder, kept)
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    assert window.session.is_modified()
    shutil.move(kept, folder)
    # The folder's watch died with it: only the poll while missing can see it come back.
    qtbot.waitUntil(lambda: not window.disk_bar.isVisible(), timeout=WAIT_MS)
    assert not window.session.is_modified()


def test_a_file_recreated_with_other_bytes_counts_as_changed(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    text = article.read_text(encoding="utf-8")
    article.unlink()
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    article.write_text(text + "\nRecreated.\n", encoding="utf-8")
    # The buffer is marked modified since the deletion, so the writer is asked rather than overruled.
    qtbot.waitUntil(
        lambda: "was changed by another program" in window.disk_bar.message.text(), timeout=WAIT_MS
    )
    assert "Recreated." not in window.editor.text()


def test_our_own_save_does_not_look_like_an_outside_change(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    type_into_body(qtbot, window, "Saved by us.")
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Saved by us." in article.read_text(encoding="utf-8")
    # The check at the save itself is over; this waits for the one the save's rename triggers.
    with qtbot.waitSignal(window.file_watcher.checked, timeout=WAIT_MS):
        pass
    assert not window.disk_bar.isVisible()
    assert not window.session.is_modified()
    assert window.file_watcher.state is DiskState.SAME
    assert "Reloaded" not in window.statusBar().currentMessage()


def test_a_touch_without_new_bytes_changes_nothing(window: MainWindow, article: Path, qtbot: QtBot) -> None:
    type_into_body(qtbot, window, "Unsaved.")
    with qtbot.waitSignal(window.file_watcher.checked, timeout=WAIT_MS):
        atomic_replace(article, article.read_text(encoding="utf-8"))
    assert not window.disk_bar.isVisible()
    assert "Unsaved." in window.editor.text()


# --- the session's reload itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "---\ntitle: 😀 Smil\n---\n\nEn 😀 linje.\nTo.\n",
            "---\ntitle: 😀 Smil\n---\n\nEn 😀 linje 🎉.\nTo.\n",
        ),
        ("---\r\ntitle: A\r\n---\r\n\r\nOne.\r\nTwo.\r\n", "---\r\ntitle: A\r\n---\r\n\r\nOne!\r\nTwo.\r\n"),
        ("\ufeff---\ntitle: A\n---\n\nOne.\n", "\ufeff---\ntitle: B\n---\n\nOne.\n"),
        ("---\ntitle: A\n---\n\nSame start, then x", "---\ntitle: A\n---\n\nSame start, then y and more"),
        ("---\ntitle: A\n---\n\nabc\n", "---\ntitle: A\n---\n\n"),
    ],
)
def test_a_reload_gives_the_disk_bytes_exactly(
    example_site: Path, qtbot: QtBot, before: str, after: str
) -> None:
    path = example_site / "content" / "blog" / "reload.md"
    path.write_bytes(before.encode("utf-8"))
    session = ArticleSession(QTextDocument())
    session.load(path)
    path.write_bytes(after.encode("utf-8"))
    assert session.reload() is not None
    assert session.text().encode("utf-8") == after.removeprefix("\ufeff").encode("utf-8")
    session.document.setModified(True)  # a forced save rewrites from the document, not the cached text
    session.save()
    assert path.read_bytes() == after.encode("utf-8")
    session.document.undo()
    assert session.text() == before.removeprefix("\ufeff")


def test_the_save_question_can_show_the_differences_before_choosing(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    theirs = replace_under_my_edits(qtbot, window, article)
    window.disk_bar.keep_button.click()
    shown: list[str] = []
    labels: list[str] = []

    def look_then_cancel(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        labels.extend(button.text().replace("&", "") for button in box.buttons())
        # The question comes back after the differences are closed: then Cancel.
        when_dialog_opens(close_differences)
        next(button for button in box.buttons() if button.text() == "Show &Differences").click()

    def close_differences(dialog: QDialog) -> None:
        assert isinstance(dialog, DiffDialog)
        shown.append(dialog.view.toPlainText())
        when_dialog_opens(press(QMessageBox.StandardButton.Cancel))
        dialog.reject()

    when_dialog_opens(look_then_cancel)
    assert not window.save()
    assert "Show Differences" in labels
    assert shown and "-Their words." in shown[0].split("\n")
    assert article.read_text(encoding="utf-8") == theirs
    assert window.session.is_modified()


def test_a_new_version_that_cannot_be_read_is_reported_and_the_text_kept(
    window: MainWindow, article: Path, qtbot: QtBot
) -> None:
    text = window.editor.text()
    article.write_bytes(b"---\ntitle: \xff\xfe broken\n---\n\nBody.\n")
    qtbot.waitUntil(window.disk_bar.isVisible, timeout=WAIT_MS)
    message = window.disk_bar.message.text()
    assert "mr-scanning.md was changed by another program, and the new version cannot be opened" in message
    assert window.editor.text() == text
    assert not window.disk_bar.differences_button.isVisible()
