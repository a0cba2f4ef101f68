"""FrontMatterForm on real widgets: values shown, user input emitted, programmatic updates silent."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from editor.article.dates import format_date
from editor.article.field_edits import set_field
from editor.article.front_matter import read_front_matter
from editor.article.schema import DEFAULT_SCHEMA, FieldKind, FieldSpec, Schema
from editor.article.validation import Problem, Severity
from editor.ui.article.form_fields import (
    BooleanEditor,
    DateEditor,
    FieldEditor,
    ImageEditor,
    LineFieldEditor,
    LongTextEditor,
    ProblemList,
    TextFieldEditor,
    severity_color,
)
from editor.ui.article.front_matter_form import FrontMatterForm
from editor.ui.article.number_field_editor import NumberEditor

from ..conftest import EXAMPLE_SITE, SAMPLE_ARTICLE

pytestmark = pytest.mark.gui

SAMPLE_TITLE = "Har din MR-scanning skjulte konsekvenser?"


def resolve_image(url: str) -> Path | None:
    """The example site's own URL -> file mapping for "/..." URLs."""
    if not url.startswith("/"):
        return None
    path = EXAMPLE_SITE / "public" / url.lstrip("/")
    return path if path.is_file() else None


def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


def sample_values() -> dict[str, object]:
    return dict(read_front_matter(sample_text()).values())


class CoreWindow:
    """What the window does with the form, through the real core: edit the text, re-parse, show again."""

    def __init__(self, form: FrontMatterForm, text: str) -> None:
        self.form = form
        self.text = text
        self.edits: list[tuple[str, object]] = []
        form.field_edited.connect(self.on_field_edited)
        form.show_values(read_front_matter(text).values())

    def on_field_edited(self, key: str, value: object) -> None:
        self.edits.append((key, value))
        self.text = set_field(self.text, key, value).apply(self.text)  # type: ignore[arg-type]
        # Synchronously, inside the form's own signal, as the window's QTextDocument does.
        self.form.show_values(read_front_matter(self.text).values())


@pytest.fixture
def form(qtbot) -> FrontMatterForm:
    form = FrontMatterForm(DEFAULT_SCHEMA, resolve_image)
    qtbot.addWidget(form)
    form.resize(380, 700)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


@pytest.fixture
def edits(form: FrontMatterForm) -> list[tuple[str, object]]:
    """Every field_edited the form emits."""
    emitted: list[tuple[str, object]] = []
    form.field_edited.connect(lambda key, value: emitted.append((key, value)))
    return emitted


def editor(form: FrontMatterForm, key: str) -> FieldEditor:
    found = form.findChild(FieldEditor, f"field-{key}")
    assert found is not None, key
    return found


def line_edit(form: FrontMatterForm, key: str) -> QLineEdit:
    field = editor(form, key)
    if isinstance(field, LineFieldEditor):
        return field.line
    assert isinstance(field, ImageEditor)
    return field.url


def date_editor(form: FrontMatterForm, key: str) -> DateEditor:
    field = editor(form, key)
    assert isinstance(field, DateEditor)
    return field


def image_editor(form: FrontMatterForm, key: str = "previewImage") -> ImageEditor:
    field = editor(form, key)
    assert isinstance(field, ImageEditor)
    return field


def problems(form: FrontMatterForm, key: str) -> ProblemList:
    found = form.findChild(ProblemList, f"problems-{key}")
    assert found is not None, key
    return found


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def text_color(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


# ---- showing values ------------------------------------------------------------------------------------


def test_the_sample_articles_values_are_shown_in_their_fields(form, edits):
    form.show_values(sample_values())

    assert line_edit(form, "title").text() == SAMPLE_TITLE
    assert line_edit(form, "metaTitle").text() == SAMPLE_TITLE
    assert date_editor(form, "datePublished").mode == "date"
    assert date_editor(form, "datePublished").date_edit.date() == QDate(2025, 6, 1)
    assert date_editor(form, "datePublished").date_edit.displayFormat() == "dd-MM-yyyy"
    assert date_editor(form, "datePublished").date_edit.text() == "01-06-2025"
    assert date_editor(form, "lastUpdated").date_edit.date() == QDate(2025, 6, 4)
    assert line_edit(form, "previewImage").text() == "/images/blog/mrscanning_konsekvenser_intro.png"
    assert line_edit(form, "previewImageAlt").text() == "Illustration af MR-scanning"
    assert not form.findChild(QWidget, "other-fields").isVisible()
    assert edits == []


def test_labels_mark_required_fields_name_their_buddies_and_carry_help(form):
    title_label = form.findChild(QLabel, "label-title")
    assert title_label.text() == "Title *"
    assert title_label.font().bold()
    assert title_label.buddy() is editor(form, "title")
    assert title_label.toolTip() == "The article's heading."
    updated = form.findChild(QLabel, "label-lastUpdated")
    assert updated.text() == "Last updated"
    assert not updated.font().bold()
    help_line = form.findChild(QLabel, "help-metaTitle")
    assert help_line.isVisible()
    assert "60 characters" in help_line.text()
    # The alt text is labelled as such and sits right under its image.
    assert form.findChild(QLabel, "label-previewImageAlt").text() == "Alt text"
    assert form.field_keys().index("previewImageAlt") == form.field_keys().index("previewImage") + 1
    assert line_edit(form, "previewImageAlt").accessibleName() == "Preview image text"


def test_clicking_a_label_puts_the_caret_in_its_field(qtbot, form):
    form.show_values(sample_values())
    label = form.findChild(QLabel, "label-metaTitle")
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(line_edit(form, "metaTitle").hasFocus)


def test_programmatic_updates_never_emit(form, edits):
    values = sample_values()
    form.show_values(values)
    form.show_values({**values, "title": "Another title", "lastUpdated": None, "previewImage": ""})
    form.show_values({**values, "datePublished": "31-02-2025", "author": "Jens"})
    form.show_values(None, error="line 2: broken")
    form.show_values(values, editable=False)
    assert edits == []


# ---- typing ----------------------------------------------------------------------------------------------


def test_typing_in_the_title_emits_the_whole_text_for_each_keystroke(qtbot, form, edits):
    form.show_values(sample_values())
    title = line_edit(form, "title")
    focus(qtbot, title)
    qtbot.keyClick(title, Qt.Key.Key_End)

    qtbot.keyClicks(title, " på ø")

    expected = [SAMPLE_TITLE + " på ø"[:count] for count in range(1, 6)]
    assert edits == [("title", text) for text in expected]


def test_values_shown_back_while_typing_leave_the_caret_and_focus_alone(qtbot, form):
    window = CoreWindow(form, sample_text())
    title = line_edit(form, "title")
    focus(qtbot, title)
    qtbot.keyClick(title, Qt.Key.Key_Home)
    for _ in range(len("Har din ")):
        qtbot.keyClick(title, Qt.Key.Key_Right)

    qtbot.keyClicks(title, "nye ")

    assert title.text() == "Har din nye MR-scanning skjulte konsekvenser?"
    assert title.cursorPosition() == len("Har din nye ")
    assert title.hasFocus()
    assert window.edits[-1] == ("title", "Har din nye MR-scanning skjulte konsekvenser?")
    assert len(window.edits) == 4
    # Only the title's line changed in the article.
    assert 'title: "Har din nye MR-scanning skjulte konsekvenser?"\n' in window.text
    assert window.text.replace(" nye", "", 1) == sample_text()


def test_a_different_value_shown_while_typing_keeps_the_caret_where_it_was(qtbot, form):
    form.show_values(sample_values())
    title = line_edit(form, "title")
    focus(qtbot, title)
    title.setCursorPosition(7)
    form.show_values({**sample_values(), "title": "Har din MR-scanning nu skjulte konsekvenser?"})
    assert title.text() == "Har din MR-scanning nu skjulte konsekvenser?"
    assert title.cursorPosition() == 7
    assert title.hasFocus()


def test_the_meta_title_counter_counts_and_turns_amber_past_the_limit(qtbot, form, edits):
    form.show_values(sample_values())
    counter = form.findChild(QLabel, "counter-metaTitle")
    assert counter.text() == "41 / 60"
    assert counter.property("overLimit") is False
    assert text_color(counter) != severity_color(Severity.WARNING, form.palette()).name()
    meta = line_edit(form, "metaTitle")
    focus(qtbot, meta)
    qtbot.keyClick(meta, Qt.Key.Key_End)

    qtbot.keyClicks(meta, " - og hvad kan du selv gøre")

    assert counter.text() == "68 / 60"
    assert counter.property("overLimit") is True
    assert text_color(counter) == severity_color(Severity.WARNING, form.palette()).name()
    # Not blocked: the writer may go over and decide later.
    assert edits[-1] == ("metaTitle", SAMPLE_TITLE + " - og hvad kan du selv gøre")
    assert len(meta.text()) == 68


def test_a_list_field_emits_its_items(qtbot, form, edits):
    form.set_schema(Schema((FieldSpec("tags", "Tags", FieldKind.LIST),), "DD-MM-YYYY"))
    form.show_values({"tags": ["ryg", "smerter"]})
    tags = line_edit(form, "tags")
    assert tags.text() == "ryg, smerter"
    focus(qtbot, tags)
    qtbot.keyClick(tags, Qt.Key.Key_End)

    qtbot.keyClicks(tags, ", MR")

    assert edits[-1] == ("tags", ["ryg", "smerter", "MR"])
    # While the writer is between items, the same list shown back does not eat the comma they typed.
    qtbot.keyClicks(tags, ",")
    form.show_values({"tags": ["ryg", "smerter", "MR"]})
    assert tags.text() == "ryg, smerter, MR,"


def test_a_list_with_a_comma_in_an_item_is_left_to_the_source(form):
    form.set_schema(Schema((FieldSpec("tags", "Tags", FieldKind.LIST),), "DD-MM-YYYY"))
    form.show_values({"tags": ["ryg, lænd", "smerter"]})
    assert line_edit(form, "tags").isReadOnly()


def test_boolean_and_long_text_fields_emit_what_the_user_did(qtbot, form, edits):
    form.set_schema(
        Schema(
            (
                FieldSpec("draft", "Draft", FieldKind.BOOLEAN),
                FieldSpec("description", "Description", FieldKind.LONG_TEXT),
            ),
            "DD-MM-YYYY",
        )
    )
    form.show_values({"draft": True, "description": "En kort tekst."})
    draft = editor(form, "draft")
    assert isinstance(draft, BooleanEditor)
    assert draft.box.isChecked()
    assert draft.box.text() == "Draft"
    qtbot.mouseClick(draft.box, Qt.MouseButton.LeftButton)
    assert edits == [("draft", False)]

    description = editor(form, "description")
    assert isinstance(description, LongTextEditor)
    assert description.text.toPlainText() == "En kort tekst."
    focus(qtbot, description.text)
    qtbot.keyClick(description.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(description.text, " Æ")
    assert edits[-1] == ("description", "En kort tekst. Æ")
    # Tab leaves the box instead of typing a tab into the article.
    qtbot.keyClick(description.text, Qt.Key.Key_Tab)
    assert edits[-1] == ("description", "En kort tekst. Æ")


def test_a_value_that_is_not_true_or_false_is_shown_half_ticked_and_fixed_by_a_click(qtbot, form, edits):
    form.set_schema(Schema((FieldSpec("draft", "Draft", FieldKind.BOOLEAN),), "DD-MM-YYYY"))
    form.show_values({"draft": "maybe"})
    draft = editor(form, "draft")
    assert isinstance(draft, BooleanEditor)
    assert draft.box.checkState() == Qt.CheckState.PartiallyChecked
    assert "maybe" in draft.box.toolTip()
    qtbot.mouseClick(draft.box, Qt.MouseButton.LeftButton)
    assert edits == [("draft", True)]


# ---- dates -----------------------------------------------------------------------------------------------


def test_typing_a_day_in_the_date_edit_emits_the_date_in_the_sites_format(qtbot, form, edits):
    form.show_values(sample_values())
    published = date_editor(form, "datePublished").date_edit
    focus(qtbot, line_edit(form, "metaTitle"))
    # Tabbing into a date edit selects its first section, the day, so typing replaces it.
    qtbot.keyClick(line_edit(form, "metaTitle"), Qt.Key.Key_Tab)
    assert published.hasFocus()

    qtbot.keyClicks(published, "05")

    assert edits[-1] == ("datePublished", "05-06-2025")
    assert all(re.fullmatch(r"\d\d-\d\d-\d{4}", value) for _, value in edits)


def test_picking_a_day_in_the_calendar_popup_emits_it(qtbot, form, edits):
    form.show_values(sample_values())
    updated = date_editor(form, "lastUpdated").date_edit
    arrow = QPoint(updated.width() - 6, updated.height() // 2)
    qtbot.mouseClick(updated, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = updated.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    table = calendar.focusWidget() or calendar
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert edits[-1] == ("lastUpdated", "05-06-2025")


def test_an_optional_date_can_be_cleared_and_set_again(qtbot, form, edits):
    form.show_values(sample_values())
    updated = date_editor(form, "lastUpdated")
    assert not date_editor(form, "datePublished").clear_button.isVisibleTo(form)
    qtbot.mouseClick(updated.clear_button, Qt.MouseButton.LeftButton)
    assert edits == [("lastUpdated", None)]
    assert updated.mode == "empty"

    form.show_values({**sample_values(), "lastUpdated": None})
    assert updated.mode == "empty"
    qtbot.mouseClick(updated.set_button, Qt.MouseButton.LeftButton)
    today = format_date(dt.date.today(), "DD-MM-YYYY")
    assert edits[-1] == ("lastUpdated", today)
    assert updated.mode == "date"
    assert updated.date_edit.hasFocus()


@pytest.mark.parametrize(
    ("value", "shown"),
    [("31-02-2025", "31-02-2025"), (dt.date(2025, 6, 1), "2025-06-01"), ("1. juni 2025", "1. juni 2025")],
)
def test_a_value_that_is_not_a_date_of_the_site_is_shown_raw_with_its_problem(form, edits, value, shown):
    form.show_values({**sample_values(), "datePublished": value})
    form.show_problems(
        [
            Problem(
                3,
                1,
                Severity.ERROR,
                f"datePublished: {shown!r} is not a date",
                "date-format",
                "datePublished",
            )
        ]
    )
    published = date_editor(form, "datePublished")
    assert published.mode == "raw"
    assert published.raw_edit.text() == shown
    assert published.raw_edit.isVisible()
    assert problems(form, "datePublished").messages() == [f"datePublished: {shown!r} is not a date"]
    assert edits == []


def test_use_calendar_offers_an_iso_date_in_the_sites_format(qtbot, form, edits):
    form.show_values({**sample_values(), "datePublished": dt.date(2025, 6, 1)})
    published = date_editor(form, "datePublished")
    qtbot.mouseClick(published.pick_button, Qt.MouseButton.LeftButton)
    assert edits == [("datePublished", "01-06-2025")]
    assert published.mode == "date"


def test_fixing_raw_date_text_returns_the_calendar_once_the_writer_leaves_it(qtbot, form):
    window = CoreWindow(form, sample_text().replace("datePublished: 01-06-2025", "datePublished: 31-02-2025"))
    published = date_editor(form, "datePublished")
    raw = published.raw_edit
    focus(qtbot, raw)
    raw.selectAll()

    qtbot.keyClicks(raw, "28-02-2025")

    # Still the text the writer is typing in, although it is a date now.
    assert published.mode == "raw"
    assert raw.hasFocus()
    assert read_front_matter(window.text).values()["datePublished"] == "28-02-2025"
    qtbot.keyClick(raw, Qt.Key.Key_Return)
    assert published.mode == "date"
    assert published.date_edit.date() == QDate(2025, 2, 28)
    assert published.date_edit.hasFocus()


def test_another_date_format_is_displayed_and_written_in_that_format(qtbot, form, edits):
    form.set_schema(Schema((FieldSpec("date", "Date", FieldKind.DATE, required=True),), "YYYY/MM/DD"))
    form.show_values({"date": "2025/06/01"})
    date = date_editor(form, "date").date_edit
    assert date.displayFormat() == "yyyy/MM/dd"
    focus(qtbot, date)
    qtbot.keyClick(date, Qt.Key.Key_End)
    for _ in range(4):
        qtbot.keyClick(date, Qt.Key.Key_Up)
    assert edits == [("date", f"2025/06/0{day}") for day in range(2, 6)]


# ---- images ----------------------------------------------------------------------------------------------


def test_an_existing_image_shows_its_thumbnail(form):
    form.show_values(sample_values())
    thumbnail = image_editor(form).thumbnail
    assert thumbnail.property("missing") is False
    assert not thumbnail.pixmap().isNull()
    assert thumbnail.size().width() == 120
    assert thumbnail.size().height() == 63
    assert thumbnail.toolTip().endswith("mrscanning_konsekvenser_intro.png")


def test_a_missing_image_shows_a_placeholder(form):
    form.show_values({**sample_values(), "previewImage": "/images/blog/gone.png"})
    thumbnail = image_editor(form).thumbnail
    assert thumbnail.property("missing") is True
    assert thumbnail.text() == "Image not found"
    assert thumbnail.pixmap().isNull()
    form.show_values({**sample_values(), "previewImage": ""})
    assert thumbnail.text() == "No image"


def test_typing_another_image_url_updates_the_thumbnail_through_the_shown_value(qtbot, form):
    window = CoreWindow(form, sample_text())
    url = line_edit(form, "previewImage")
    thumbnail = image_editor(form).thumbnail
    focus(qtbot, url)
    url.selectAll()
    qtbot.keyClicks(url, "/images/blog/nope.png")
    assert thumbnail.property("missing") is True
    url.selectAll()
    qtbot.keyClicks(url, "/images/blog/mrscanning_konsekvenser_svar.png")
    assert thumbnail.property("missing") is False
    assert thumbnail.toolTip().endswith("mrscanning_konsekvenser_svar.png")
    assert url.hasFocus()
    assert "previewImage: /images/blog/mrscanning_konsekvenser_svar.png\n" in window.text


def test_choose_asks_the_window_for_an_image(qtbot, form):
    form.show_values(sample_values())
    with qtbot.waitSignal(form.image_choose_requested) as blocker:
        qtbot.mouseClick(image_editor(form).choose_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["previewImage"]


# ---- keys the schema does not know ------------------------------------------------------------------


def test_an_unknown_text_key_is_shown_and_editable(qtbot, form, edits):
    form.show_values({**sample_values(), "author": "Søren Ålund"})
    assert form.findChild(QWidget, "other-fields").isVisible()
    assert form.findChild(QLabel, "label-author").text() == "author"
    author = line_edit(form, "author")
    assert author.text() == "Søren Ålund"
    assert not author.isReadOnly()
    focus(qtbot, author)
    qtbot.keyClick(author, Qt.Key.Key_End)
    qtbot.keyClicks(author, "s")
    assert edits == [("author", "Søren Ålunds")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (
            {"keywords": ["ryg", "smerter"], "noindex": False},
            '{"keywords": ["ryg", "smerter"], "noindex": false}',
        ),
        ([{"name": "Jens"}], '[{"name": "Jens"}]'),
        ([1, [2]], "[1, [2]]"),
    ],
)
def test_an_unknown_key_with_another_value_is_read_only_text(qtbot, form, edits, value, shown):
    form.show_values({**sample_values(), "seo": value})
    seo = line_edit(form, "seo")
    assert seo.text() == shown
    assert seo.isReadOnly()
    assert seo.toolTip() == "Edit this field in the source."
    focus(qtbot, seo)
    qtbot.keyClicks(seo, "x")
    assert seo.text() == shown
    assert edits == []


def test_an_unknown_key_gets_a_number_box_or_a_check_box_while_its_value_is_one(qtbot, form, edits):
    form.show_values({**sample_values(), "weight": 3, "draft": False})
    assert isinstance(editor(form, "weight"), NumberEditor)
    assert isinstance(editor(form, "draft"), BooleanEditor)
    weight = line_edit(form, "weight")
    focus(qtbot, weight)
    weight.end(False)
    qtbot.keyClicks(weight, "5")
    assert edits == [("weight", 35)]
    # The source made it text: the row becomes a text row, and back.
    form.show_values({**sample_values(), "weight": "tung", "draft": False})
    assert not isinstance(editor(form, "weight"), NumberEditor)
    form.show_values({**sample_values(), "weight": 2.5, "draft": False})
    assert isinstance(editor(form, "weight"), NumberEditor)
    assert line_edit(form, "weight").text() == "2.5"


def test_unknown_keys_follow_the_source_and_keep_the_row_being_typed_in(qtbot, form):
    form.show_values({**sample_values(), "author": "Jens", "weight": 3})
    author = line_edit(form, "author")
    form.show_values({**sample_values(), "category": "Ryg", "author": "Jens", "weight": 3})
    assert line_edit(form, "author") is author
    assert form.field_keys()[-3:] == ["category", "author", "weight"]
    form.show_values(sample_values())
    assert not form.findChild(QWidget, "other-fields").isVisible()


def test_a_multi_line_text_value_is_left_to_the_source(form):
    form.show_values({**sample_values(), "title": "Første linje\nanden linje\n"})
    title = line_edit(form, "title")
    assert title.isReadOnly()
    assert "several lines" in title.toolTip()


# ---- errors, read-only, problems ------------------------------------------------------------------------


def test_an_unreadable_front_matter_shows_the_error_and_disables_the_fields(form):
    form.show_values(sample_values())
    error = "line 4: the front matter is not valid YAML: mapping values are not allowed here"
    form.show_values(None, editable=False, error=error)

    banner = form.findChild(QWidget, "error-banner")
    assert banner.isVisible()
    assert error in [label.text() for label in banner.findChildren(QLabel)]
    title = line_edit(form, "title")
    assert not title.isEnabled()
    assert title.text() == SAMPLE_TITLE
    assert not image_editor(form).choose_button.isEnabled()

    form.show_values(sample_values())
    assert not banner.isVisible()
    assert title.isEnabled()


def test_toml_front_matter_is_read_only_with_a_note(qtbot, form, edits):
    form.show_values(sample_values(), editable=False)
    note = form.findChild(QWidget, "read-only-note")
    assert note.isVisible()
    assert "TOML front matter is shown read-only; edit it in the source." in [
        label.text() for label in note.findChildren(QLabel)
    ]
    title = line_edit(form, "title")
    assert title.isReadOnly()
    assert date_editor(form, "datePublished").date_edit.isReadOnly()
    assert not image_editor(form).choose_button.isEnabled()
    focus(qtbot, title)
    qtbot.keyClicks(title, "x")
    assert edits == []
    form.show_values(sample_values())
    assert not note.isVisible()
    assert not title.isReadOnly()


def test_problems_are_shown_under_their_own_field_coloured_by_severity(form):
    form.show_values(sample_values())
    form.show_problems(
        [
            Problem(
                3, 1, Severity.WARNING, "metaTitle is 65 characters; keep it to 60", "max-length", "metaTitle"
            ),
            Problem(5, 1, Severity.ERROR, "lastUpdated is before datePublished", "date-order", "lastUpdated"),
            Problem(7, 1, Severity.INFO, "a note on the alt text", "test", "previewImageAlt"),
            Problem(12, 1, Severity.WARNING, "empty heading", "empty-heading"),
        ]
    )

    assert problems(form, "metaTitle").messages() == ["metaTitle is 65 characters; keep it to 60"]
    assert problems(form, "lastUpdated").messages() == ["lastUpdated is before datePublished"]
    assert problems(form, "previewImageAlt").messages() == ["a note on the alt text"]
    assert not problems(form, "title").isVisible()
    assert problems(form, "metaTitle").isVisible()
    for key, severity in (
        ("metaTitle", Severity.WARNING),
        ("lastUpdated", Severity.ERROR),
        ("previewImageAlt", Severity.INFO),
    ):
        label = problems(form, key).findChild(QLabel, f"problem-{severity}")
        assert label is not None
        assert text_color(label) == severity_color(severity, form.palette()).name()
    every_message = [label.text() for label in form.findChildren(QLabel)]
    assert "empty heading" not in every_message

    form.show_problems([])
    assert not problems(form, "metaTitle").isVisible()


def test_problems_of_other_keys_reach_rows_that_appear_later(form):
    info = Problem(8, 1, Severity.INFO, "author is not in the site's schema", "unknown-key", "author")
    form.show_problems([info])
    form.show_values({**sample_values(), "author": "Jens"})
    assert problems(form, "author").messages() == ["author is not in the site's schema"]


# ---- focus and rebuilding ------------------------------------------------------------------------------


def test_focus_field_gives_focus_and_reports_it(qtbot, form):
    form.show_values(sample_values())
    with qtbot.waitSignal(form.field_focused) as blocker:
        assert form.focus_field("lastUpdated")
    assert blocker.args == ["lastUpdated"]
    assert date_editor(form, "lastUpdated").date_edit.hasFocus()
    assert not form.focus_field("nonsense")


def test_tab_follows_the_form_order(qtbot, form):
    form.show_values({**sample_values(), "author": "Jens"})
    focus(qtbot, line_edit(form, "title"))
    order: list[QWidget] = []
    # Tab steps through a date's day, month and year before leaving it, so count each widget once.
    for _ in range(20):
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
        if not order or order[-1] is not form.focusWidget():
            order.append(form.focusWidget())
        if form.focusWidget() is line_edit(form, "author"):
            break
    assert order == [
        line_edit(form, "metaTitle"),
        date_editor(form, "datePublished").date_edit,
        date_editor(form, "lastUpdated").date_edit,
        date_editor(form, "lastUpdated").clear_button,
        line_edit(form, "previewImage"),
        image_editor(form).choose_button,
        line_edit(form, "previewImageAlt"),
        line_edit(form, "author"),
    ]


def test_set_schema_rebuilds_the_fields_and_keeps_the_values(form):
    form.show_values({**sample_values(), "tags": ["ryg"]})
    # Unknown to the default schema, and not text: read-only until a schema says it is a list.
    assert line_edit(form, "tags").isReadOnly()
    schema = Schema(
        (
            FieldSpec("title", "Overskrift", FieldKind.TEXT, required=True),
            FieldSpec("tags", "Emner", FieldKind.LIST),
        ),
        "YYYY-MM-DD",
    )
    form.set_schema(schema)
    assert form.findChild(QLabel, "label-title").text() == "Overskrift *"
    assert not line_edit(form, "tags").isReadOnly()
    assert line_edit(form, "title").text() == SAMPLE_TITLE
    assert line_edit(form, "tags").text() == "ryg"
    assert isinstance(editor(form, "title"), TextFieldEditor)
    # The sample's dates and image are keys this schema does not know: other fields now.
    assert "datePublished" in form.field_keys()
    assert form.findChild(QLabel, "label-metaTitle").text() == "metaTitle"


def test_switching_sites_leaves_no_empty_field_groups_behind(form: FrontMatterForm) -> None:
    other = Schema((FieldSpec("title", "Titel", FieldKind.TEXT),), "YYYY-MM-DD")

    def switch_twice() -> int:
        form.set_schema(other)
        form.set_schema(DEFAULT_SCHEMA)
        # What the event loop does with the rows given up by deleteLater.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(form.findChildren(QWidget))

    widgets = switch_twice()
    assert [switch_twice() for _ in range(3)] == [widgets] * 3
    # The same schema again (every article of a site sets it) keeps the rows it has.
    title = line_edit(form, "title")
    form.set_schema(DEFAULT_SCHEMA)
    assert line_edit(form, "title") is title
