"""The whole window on a real site: form edits touch one line, typing reaches the preview, images are
imported and shown, unsaved edits are protected, and an unchanged article saves byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

from .dialogs import press, type_and_accept, when_dialog_opens
from .window_on_site import ARTICLE

pytestmark = pytest.mark.gui


def page_text(qtbot: QtBot, window: MainWindow, script: str) -> object:
    qtbot.waitUntil(lambda: window.preview.started, timeout=5000)
    result: list[object] = []
    window.preview.view.page().runJavaScript(script, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=5000)
    return result[0]


def wait_for_page(qtbot: QtBot, window: MainWindow, needle: str) -> None:
    def shows() -> bool:
        text = page_text(qtbot, window, "document.body ? document.body.innerText : ''")
        return isinstance(text, str) and needle in text

    qtbot.waitUntil(shows, timeout=20000)


def test_opening_and_saving_unchanged_gives_identical_bytes(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    data = (example_site / ARTICLE).read_bytes()
    assert window.session.text().encode("utf-8") == data
    window.session.document.setModified(True)  # a save a user forces with Ctrl+S after an undo
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (example_site / ARTICLE).read_bytes() == data


def test_a_form_edit_changes_exactly_that_line(window: MainWindow, example_site: Path, qtbot: QtBot) -> None:
    before = (example_site / ARTICLE).read_text(encoding="utf-8").splitlines(keepends=True)
    row = window.form.findChild(QWidget, "field-metaTitle")
    assert row is not None
    title = row.findChild(QLineEdit)
    assert title is not None
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " Ja!")
    assert window.isWindowModified()
    window.save()
    after = (example_site / ARTICLE).read_text(encoding="utf-8").splitlines(keepends=True)
    expected = before.copy()
    expected[2] = 'metaTitle: "Har din MR-scanning skjulte konsekvenser? Ja!"\n'
    assert after == expected


def test_typing_in_the_source_updates_the_preview(window: MainWindow, qtbot: QtBot) -> None:
    wait_for_page(qtbot, window, "Hvad er en MR-scanning?")
    window.editor.go_to_line(14)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.EndOfLine)
    qtbot.keyClicks(window.editor, " Nu med æøå")
    wait_for_page(qtbot, window, "Hvad er en MR-scanning? Nu med æøå")


def test_an_inserted_image_is_copied_into_the_site_and_shown(
    window: MainWindow, example_site: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    source = tmp_path / "Røntgen billede.png"
    Image.new("RGB", (40, 30), "purple").save(source)
    window.editor.go_to_line(12)
    when_dialog_opens(type_and_accept("Et røntgenbillede"))
    window.view._insert_images([source], None)
    copied = example_site / "public" / "images" / "blog" / "roentgen-billede.png"
    assert copied.read_bytes() == source.read_bytes()
    assert "![Et røntgenbillede](/images/blog/roentgen-billede.png)" in window.session.text()

    def loaded() -> bool:
        width = page_text(
            qtbot,
            window,
            "(function(){var i=document.querySelector('img[alt=\"Et røntgenbillede\"]');return i?i.naturalWidth:0})()",
        )
        return width == 40

    qtbot.waitUntil(loaded, timeout=20000)


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_them(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Ny tekst ")
    seen: list[str] = []
    when_dialog_opens(press(QMessageBox.StandardButton.Cancel, seen))
    window.close()
    assert window.isVisible() and window.session.is_modified()
    assert seen and "mr-scanning.md" in seen[0]
    when_dialog_opens(press(QMessageBox.StandardButton.Save))
    window.close()
    assert not window.isVisible()
    assert (example_site / ARTICLE).read_text(encoding="utf-8").endswith("2023.\nNy tekst ")


def test_opening_another_file_with_unsaved_edits_can_be_discarded(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    original = (example_site / ARTICLE).read_bytes()
    other = example_site / "content" / "blog" / "other.md"
    other.write_text("---\ntitle: Other\n---\nBody\n", encoding="utf-8")
    qtbot.keyClicks(window.editor, "Kladde ")
    when_dialog_opens(press(QMessageBox.StandardButton.Discard))
    assert window.open_path(other)
    assert window.session.path == other and not window.session.is_modified()
    assert (example_site / ARTICLE).read_bytes() == original


def test_a_script_in_the_article_does_not_run(window: MainWindow, qtbot: QtBot) -> None:
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    # QTest cannot type line breaks as characters; the editor takes them as a paste would.
    window.editor.insertPlainText(
        '\n\n<script>window.canary = 1</script>\n\n<img src="x" onerror="window.canary = 2">\n\n'
    )
    qtbot.keyClicks(window.editor, "Slut.")
    wait_for_page(qtbot, window, "Slut.")
    assert page_text(qtbot, window, "typeof window.canary") == "undefined"


def test_clicking_a_problem_goes_to_its_line(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: len(window.problems.problems()) == 2, timeout=5000)
    window.problems.problem_activated.emit(window.problems.problems()[0])
    assert window.editor.textCursor().blockNumber() + 1 == 54


def test_the_layout_is_remembered(qtbot: QtBot, tmp_path: Path, example_site: Path) -> None:
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    first.show()
    first.splitter.setSizes([700, 500])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(settings)
    second.show()
    # The offscreen platform does not apply a restored window size, so compare the panes' proportions.
    restored = second.splitter.sizes()
    assert settings.contains("window/geometry") and settings.contains("window/splitter")
    assert restored[0] / restored[1] == pytest.approx(sizes[0] / sizes[1], rel=0.03)
    first.preview.shut_down()
    second.preview.shut_down()
    for window in (first, second):
        window.deleteLater()
        QCoreApplication.sendPostedEvents(window, QEvent.Type.DeferredDelete)


def test_a_save_the_core_refuses_says_why_and_keeps_the_edits(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    article = example_site / ARTICLE
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Mine")
    article.write_text("Theirs\n", encoding="utf-8")
    seen: list[str] = []
    labels: list[str] = []
    when_dialog_opens(press(QMessageBox.StandardButton.Cancel, seen, labels))
    assert not window.save()
    assert "changed by another program" in seen[0]
    assert {"Overwrite", "Save As…", "Cancel"} <= set(labels) and "Save All" not in labels
    assert article.read_text(encoding="utf-8") == "Theirs\n" and window.session.is_modified()

    shutil.rmtree(article.parent)
    # Overwrite: the folder is gone too, so the error comes next (asked for once the first is answered:
    # a fixed delay raced a busy machine).
    overwrite = press(QMessageBox.StandardButton.Save)
    when_dialog_opens(
        lambda box: (overwrite(box), when_dialog_opens(press(QMessageBox.StandardButton.Ok, seen)))
    )
    assert not window.save()
    assert "Your edits are kept." in seen[-1]
    assert window.session.is_modified() and window.session.text().endswith("2023.\nMine")


def test_front_matter_written_as_one_map_is_read_only_and_says_why(
    window: MainWindow, example_site: Path
) -> None:
    article = example_site / "content" / "blog" / "flow.md"
    article.write_text("---\n{title: Flow, metaTitle: Flow}\n---\nBody\n", encoding="utf-8")
    assert window.open_path(article)
    note = window.form.findChild(QWidget, "read-only-note")
    assert note is not None and note.isVisibleTo(window)
    text = " ".join(label.text() for label in note.findChildren(QLabel))
    assert "{…} map" in text and "TOML" not in text
