"""Autosave and crash recovery in the real window: the store gets the buffer after the interval and never
the article's file; save, discard, revert and undo remove it; and a killed editor's buffer is offered at
the next start, with what differs from the disk, and restored exactly while the file stays as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from editor.site.recovery import BufferInfo, RecoveryStore
from editor.ui.dialogs.preferences import AUTOSAVE_KEY
from editor.ui.dialogs.recovery_dialog import RecoveryDialog
from editor.ui.workspace.main_window import MainWindow

from .dialogs import press, type_and_accept, when_dialog_opens
from .window_on_site import ARTICLE, close_window, window_on

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, example_site: Path) -> Iterator[MainWindow]:
    """The real window autosaving every second, so a test need not wait long for the store."""
    with window_on(settings, example_site / ARTICLE, size=None, autosave_interval=1) as main:
        yield main


def type_at_end(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


def wait_for_autosave(qtbot: QtBot, window: MainWindow, ending: str) -> None:
    def kept() -> bool:
        entry = window.recovery_entry
        buffer = entry.read() if entry is not None else None
        return buffer is not None and buffer.text().endswith(ending)

    qtbot.waitUntil(kept, timeout=5000)


def test_the_interval_comes_from_the_settings_and_is_kept_there(qtbot: QtBot, settings: QSettings) -> None:
    settings.setValue(AUTOSAVE_KEY, 12)
    first = MainWindow(settings)
    assert first.autosave_interval() == 12
    first.set_autosave_interval(3)
    assert first.autosave_interval() == 3
    assert int(str(settings.value(AUTOSAVE_KEY))) == 3
    settings.setValue(AUTOSAVE_KEY, "not a number")
    second = MainWindow(settings)
    assert second.autosave_interval() == 5
    first.deleteLater()
    second.deleteLater()


def test_autosave_keeps_the_buffer_and_never_writes_the_article(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    article = example_site / ARTICLE
    before = article.read_bytes()
    stat_before = article.stat()
    type_at_end(qtbot, window, "Skrevet, ikke gemt. ")
    assert window.recovery_entry is None  # not yet: the interval has not passed
    wait_for_autosave(qtbot, window, "Skrevet, ikke gemt. ")
    entry = window.recovery_entry
    assert entry is not None
    buffer = entry.read()
    assert buffer is not None
    assert buffer.data == window.session.text().encode("utf-8")
    assert buffer.info.article == article
    assert buffer.info.site_root == example_site
    assert article.read_bytes() == before
    assert article.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert window.isWindowModified()


def test_someone_who_never_pauses_still_gets_a_copy_every_interval(window: MainWindow, qtbot: QtBot) -> None:
    # A key every 200 ms never leaves the 1 s interval quiet; a timer restarted per key would never fire.
    typed: list[str] = []

    def type_one() -> None:
        typed.append("x")
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.insertPlainText("x")

    typist = QTimer(window, interval=200)
    typist.timeout.connect(type_one)
    typist.start()
    try:
        qtbot.waitUntil(lambda: window.recovery_entry is not None, timeout=5000)
    finally:
        typist.stop()
    buffer = window.recovery_entry.read() if window.recovery_entry else None
    assert buffer is not None and buffer.text().endswith("x")


def test_a_file_deleted_by_another_program_is_kept_in_the_recovery_store_at_once(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    article = example_site / ARTICLE
    text = article.read_bytes()
    article.unlink()
    qtbot.waitUntil(lambda: window.disk_bar.isVisible(), timeout=5000)
    entry = window.recovery_entry
    buffer = entry.read() if entry is not None else None
    assert buffer is not None and buffer.data == text


def test_saving_removes_the_entry(window: MainWindow, example_site: Path, qtbot: QtBot) -> None:
    type_at_end(qtbot, window, "Gemmes nu.")
    wait_for_autosave(qtbot, window, "Gemmes nu.")
    assert window.recovery.entry_count() == 1
    assert window.save()
    assert window.recovery_entry is None
    assert window.recovery.entry_count() == 0
    assert (example_site / ARTICLE).read_text(encoding="utf-8").endswith("Gemmes nu.")


def test_discarding_at_the_prompt_removes_the_entry(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    article = example_site / ARTICLE
    before = article.read_bytes()
    type_at_end(qtbot, window, "Smides væk.")
    wait_for_autosave(qtbot, window, "Smides væk.")
    other = example_site / "content" / "blog" / "other.md"
    other.write_bytes(before)
    # Another article opens in a tab of its own: the edits stay in theirs, and so does their entry.
    assert window.open_path(other)
    assert window.tabs.count() == 2 and window.recovery.entry_count() == 1
    when_dialog_opens(press(QMessageBox.StandardButton.Discard))
    assert window.close_tab(0)
    assert window.recovery.entry_count() == 0
    assert article.read_bytes() == before


def test_revert_and_undo_remove_the_entry(window: MainWindow, qtbot: QtBot) -> None:
    type_at_end(qtbot, window, "x")
    wait_for_autosave(qtbot, window, "x")
    window.editor.undo()
    assert not window.session.is_modified()
    assert window.recovery.entry_count() == 0
    type_at_end(qtbot, window, "y")
    wait_for_autosave(qtbot, window, "y")
    when_dialog_opens(press(QMessageBox.StandardButton.Discard))
    window.revert()
    assert window.recovery.entry_count() == 0


def test_closing_with_discard_removes_the_entry(window: MainWindow, qtbot: QtBot) -> None:
    type_at_end(qtbot, window, "Lukkes.")
    wait_for_autosave(qtbot, window, "Lukkes.")
    when_dialog_opens(press(QMessageBox.StandardButton.Discard))
    assert window.close()
    assert window.recovery.entry_count() == 0


def test_a_never_saved_article_is_kept_too(window: MainWindow, qtbot: QtBot) -> None:
    when_dialog_opens(type_and_accept("Helt ny artikel"))
    window.new_article()
    assert window.session.path is None
    qtbot.waitUntil(lambda: window.recovery_entry is not None, timeout=5000)
    entry = window.recovery_entry
    assert entry is not None
    buffer = entry.read()
    assert buffer is not None
    assert buffer.info.article is None
    assert "Helt ny artikel" in buffer.text()


def test_a_running_editors_buffer_is_not_offered_to_a_second_window(
    window: MainWindow, settings: QSettings, qtbot: QtBot
) -> None:
    type_at_end(qtbot, window, "Stadig i gang.")
    wait_for_autosave(qtbot, window, "Stadig i gang.")
    second = MainWindow(settings)
    dialogs: list[QDialog] = []

    def answer(dialog: QDialog) -> None:
        dialogs.append(dialog)
        dialog.reject()

    when_dialog_opens(answer, attempts=20)
    # A dialog would block offer_recovery until answered, so by its return any dialog has been seen.
    second.offer_recovery()
    assert dialogs == []
    close_window(second)


# ---- a real crash -----------------------------------------------------------------------------------


def start_and_kill_editor(tmp_path: Path, article: Path, typed: str) -> None:
    """Start the window in a child process, let it type and autosave, then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.crash_driver", str(tmp_path / "child.ini"), str(article), typed],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),  # the same XDG_DATA_HOME, hence the same recovery store
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_after_a_crash_the_next_start_offers_the_buffer_and_restores_it_exactly(
    qtbot: QtBot, settings: QSettings, example_site: Path, tmp_path: Path
) -> None:
    article = example_site / ARTICLE
    disk_bytes = article.read_bytes()
    typed = "Skrevet lige før nedbruddet."
    start_and_kill_editor(tmp_path, article, typed)
    assert RecoveryStore().entry_count() == 1

    # The next start, as the composition root does it: the window on an article, then the offer.
    window = MainWindow(settings)
    window.show()
    assert window.open_path(article)
    seen: dict[str, object] = {}

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        seen["items"] = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        seen["diff"] = dialog.diff.toPlainText()
        seen["differs"] = dialog.diff.has_differences()
        dialog.restore_button.click()

    when_dialog_opens(answer)
    window.offer_recovery()
    items = seen["items"]
    assert isinstance(items, list) and len(items) == 1 and "mr-scanning.md" in items[0]
    assert seen["differs"] is True
    assert f"\n+{typed}\n" in str(seen["diff"])

    assert window.session.path == article
    assert window.session.text() == disk_bytes.decode("utf-8") + typed
    assert window.session.is_modified()
    assert article.read_bytes() == disk_bytes
    # The restored buffer is kept until it is saved, and saving then goes the normal way.
    assert window.recovery.entry_count() == 1
    assert window.save()
    assert article.read_bytes() == disk_bytes + typed.encode("utf-8")
    assert window.recovery.entry_count() == 0
    close_window(window)


def test_a_crashed_buffer_left_for_later_is_offered_again_and_discard_removes_it(
    qtbot: QtBot, settings: QSettings, example_site: Path, tmp_path: Path
) -> None:
    article = example_site / ARTICLE
    start_and_kill_editor(tmp_path, article, "Senere.")
    article.write_bytes(article.read_bytes() + b"Gemt af en anden.\n")
    window = MainWindow(settings)
    labels: list[str] = []

    def later(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        labels.extend(dialog.list.item(row).text() for row in range(dialog.list.count()))
        dialog.later_button.click()

    when_dialog_opens(later)
    window.offer_recovery()
    assert len(labels) == 1 and "changed on disk" in labels[0]
    assert window.recovery.entry_count() == 1
    assert not window.session.is_modified()

    def discard_all(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        dialog.discard_all_button.click()

    when_dialog_opens(discard_all)
    window.offer_recovery()
    assert window.recovery.entry_count() == 0
    assert not window.session.is_modified()
    close_window(window)


def test_a_never_saved_buffer_comes_back_as_a_new_article_and_a_second_one_in_its_own_window(
    qtbot: QtBot, settings: QSettings, example_site: Path
) -> None:
    article = example_site / ARTICLE
    store = RecoveryStore()
    # Two buffers of an editor that is gone: its entries are no longer locked by anyone.
    new_text = "---\ntitle: Aldrig gemt\n---\n\nKun i gendannelsen.\n"
    draft = store.create_entry()
    draft.write(new_text.encode("utf-8"), BufferInfo(None, example_site, None))
    draft.release()
    edited = article.read_text(encoding="utf-8") + "Også gendannet.\n"
    other = store.create_entry()
    other.write(edited.encode("utf-8"), BufferInfo(article, example_site, None))
    other.release()

    window = MainWindow(settings)
    window.show()
    names: list[str] = []

    def restore_both(dialog: QDialog) -> None:
        assert isinstance(dialog, RecoveryDialog)
        names.extend(dialog.list.item(row).text() for row in range(dialog.list.count()))
        dialog.restore_button.click()

    when_dialog_opens(restore_both)
    window.offer_recovery()
    assert len(names) == 2 and "New article" in names[0] and "mr-scanning.md" in names[1]
    assert window.session.path is None
    assert window.session.text() == new_text
    assert window.session.is_modified()
    assert len(window.recovered_windows) == 1
    second = window.recovered_windows[0]
    assert second.session.path == article
    assert second.session.text() == edited
    assert second.session.is_modified()
    assert store.entry_count() == 2  # both kept until saved or discarded
    close_window(second)
    close_window(window)
    assert store.entry_count() == 0
