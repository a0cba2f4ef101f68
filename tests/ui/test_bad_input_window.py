"""Every article of the core's bad-input corpus, opened in the real window: one clear message (with its line),
the file's bytes untouched, and a window that still opens and edits the next article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

from ..article.helpers import BAD
from .dialogs import press, when_dialog_opens
from .window_on_site import ARTICLE

pytestmark = pytest.mark.gui

EXPECTED = {
    name: (int(line), message)
    for name, line, message in (
        row.split("\t") for row in (BAD / "expected.tsv").read_text(encoding="utf-8").splitlines()
    )
}
# Bytes that are not text cannot be shown at all: these are refused with a dialog. Text whose front matter is
# broken opens, so it can be mended in the source, with the error above the disabled form.
REFUSED = {"binary.md", "latin1.md"}


def banner_texts(window: MainWindow) -> list[str]:
    banner = window.form.findChild(QWidget, "error-banner")
    assert banner is not None
    return [label.text() for label in banner.findChildren(QLabel) if label.isVisibleTo(window)]


def test_every_bad_article_gets_a_clear_message_and_stays_untouched(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    folder = example_site / "content" / "blog"
    assert sorted(EXPECTED) == sorted(path.name for path in BAD.glob("*.md"))
    for name, (line, message) in sorted(EXPECTED.items()):
        path = folder / name
        shutil.copyfile(BAD / name, path)
        before = path.read_bytes()
        if name in REFUSED:
            shown_before = window.session.path
            seen: list[str] = []
            when_dialog_opens(press(QMessageBox.StandardButton.Ok, seen))
            assert not window.open_path(path)
            assert seen == [f"Line {line}: {message}"], name
            assert window.session.path == shown_before  # the article that was open stays open
        else:
            assert window.open_path(path), name
            assert window.session.path == path
            shown = f"line {line}: {message}"
            qtbot.waitUntil(lambda shown=shown: shown in banner_texts(window), timeout=5000)
            assert not window.form.findChild(QWidget, "field-title").isEnabled()  # type: ignore[union-attr]
        assert not any("Traceback" in text for text in banner_texts(window))
        assert not window.isWindowModified(), name
        assert path.read_bytes() == before, name

    # Still usable: the example article opens, its form reads again, and typing reaches the document.
    assert window.open_path(example_site / ARTICLE)
    qtbot.waitUntil(lambda: not banner_texts(window), timeout=5000)
    title = window.form.findChild(QWidget, "field-title")
    assert title is not None and title.isEnabled()
    assert title.findChild(QLineEdit).text() == "Har din MR-scanning skjulte konsekvenser?"  # type: ignore[union-attr]
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "Stadig brugbar")
    assert window.session.text().endswith("Stadig brugbar")
    assert window.isWindowModified()
    assert window.save()
    assert (example_site / ARTICLE).read_text(encoding="utf-8").endswith("Stadig brugbar")
