"""What a new user tripped over: the image after a quote, its alt text, the calendar, a field's place,
an edit typed back, and messages that name fields by their keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from PIL import Image
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.article.validation import Problem, validate_text
from editor.site.article_files import validation_rules
from editor.site.config import load_site
from editor.ui.article.form_fields import DateEditor
from editor.ui.core_texts import problem_message
from editor.ui.workspace.main_window import MainWindow

from .dialogs import type_and_accept, when_dialog_opens

pytestmark = pytest.mark.gui


def test_an_image_inserted_after_a_quote_is_its_own_paragraph_with_its_name_as_alt(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    source = tmp_path / "Rød Øl.png"
    Image.new("RGB", (8, 8), "red").save(source)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "> Et citat")
    offered: list[str] = []

    def accept(dialog: object) -> None:
        offered.append(dialog.textValue())  # type: ignore[attr-defined]
        type_and_accept(dialog.textValue())(dialog)  # type: ignore[attr-defined]

    when_dialog_opens(accept)
    window._insert_images([source], None)
    assert offered == ["Rød Øl"]  # the original name, not the safe file name "roed-oel"
    tokens = MarkdownIt("commonmark").parse(window.session.text())
    image = next(index for index, token in enumerate(tokens) if "![Rød Øl]" in token.content)
    assert tokens[image - 1].type == "paragraph_open" and tokens[image - 1].level == 0


def test_typing_back_to_the_saved_text_clears_the_unsaved_mark(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.editor, "x")
    assert window.isWindowModified()
    qtbot.keyClick(window.editor, "\b")
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=2000)
    window.session.edit_field("title", "Midlertidig")
    assert window.isWindowModified()
    window.editor.undo()
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=2000)


def test_a_field_added_through_the_form_goes_where_the_schema_puts_it(window: MainWindow) -> None:
    text = window.session.text()
    assert "previewImage:" in text
    window.session.remove_field("metaTitle")
    window.session.edit_field("metaTitle", "Ny metatitel")
    keys = [field.key for field in window.session.front_matter.fields]  # type: ignore[union-attr]
    schema = [name for name in window.session.site.schema.names() if name in keys]  # type: ignore[union-attr]
    assert keys == schema


def test_the_calendar_has_today_marked_a_today_button_and_whole_danish_day_names(qtbot: QtBot) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    try:
        editor = DateEditor("DD-MM-YYYY", optional=True)
        qtbot.addWidget(editor)
        editor.set_value("01-06-2025")
        calendar = editor.date_edit.calendarWidget()
        assert calendar.dateTextFormat(QDate.currentDate()).fontUnderline()
        calendar.today_button.click()  # type: ignore[attr-defined]
        assert editor.date_edit.date() == QDate.currentDate()
        calendar.show()
        metrics = calendar.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(QLocale().dayName(day, QLocale.FormatType.ShortFormat))
            for day in range(1, 8)
        )
        # Seven columns, each wider than the widest short day name ("tirs."): nothing is cut to "m…".
        assert calendar.width() / 7 > widest
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_messages_name_fields_by_their_labels(example_site: Path) -> None:
    site = load_site(example_site)
    text = "---\ntitle: A\nmetaTitle: " + "x" * 70 + "\n---\nBody\n"
    problems: list[Problem] = validate_text(text, validation_rules(site, None))
    shown = [problem_message(problem) for problem in problems]
    assert any(message.startswith("Meta title is 70 characters") for message in shown), shown
    assert any("Published" in message and "required" in message for message in shown), shown
    assert not any("metaTitle" in message for message in shown)
    # The command line keeps the keys, which are what a writer greps the file for.
    assert any(problem.message.startswith("metaTitle is 70") for problem in problems)
