"""Generated articles edited through the real window's form: astral characters (emoji with ZWJ, flags,
mathematical letters, CJK Extension B), combining marks, a BOM and every line break, mixed, before and
inside the front matter. A field is typed into as a person types; after Save the file differs in that
field's lines only, and PyYAML, js-yaml and gray-matter read back exactly the text the field shows.

CI runs WINDOW_EXAMPLES (500) derandomised examples; one window serves them all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from editor.article.document import decode_article, split_article
from editor.article.front_matter import read_front_matter
from editor.ui.article.form_fields import FieldEditor, LineFieldEditor
from editor.ui.article.text_positions import utf16_length
from editor.ui.workspace.main_window import MainWindow

from ..article.helpers import check_single_field_change, js_readers_missing, read_with_js
from .typing import type_text
from .window_on_site import window_on

pytestmark = pytest.mark.gui
WINDOW_EXAMPLES = int(os.environ.get("WINDOW_EXAMPLES", "500"))

# Letters that are two UTF-16 units, or several code points one glyph: the seam between Python and Qt.
ASTRAL = ["😀", "👩\u200d👩\u200d👧", "🇩🇰", "🇬🇱", "𝐀", "𝒳", "𠀀", "𪜀", "🏳️\u200d🌈", "👍🏽"]
COMBINING = ["e\u0301", "a\u030a", "\u0301"]
PLAIN = [*"abcæøåÆØÅ xyz019-.,!?()/'\"#:@&*%`~|>[]{}", "\u00a0", "\u200b"]
piece = st.one_of(st.sampled_from(ASTRAL), st.sampled_from(COMBINING), st.sampled_from(PLAIN))
typed_text = st.lists(piece, min_size=1, max_size=8).map("".join)
line_value = st.lists(piece, max_size=10).map("".join)
breaks = st.sampled_from(["\n", "\r\n", "\r"])


def plain_or_quoted(draw: st.DrawFn, value: str) -> str:
    style = draw(st.sampled_from(["double", "single", "plain"]))
    if style == "single" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if (
        style == "plain"
        and value
        and value.strip() == value
        and value[0].isalnum()
        and not any(mark in value for mark in (": ", " #"))
        and not value.endswith(":")
        and yaml.safe_load(f"k: {value}") == {"k": value}
    ):
        return value
    return json.dumps(value, ensure_ascii=draw(st.booleans()))


@dataclass(frozen=True)
class Article:
    data: bytes
    editable: tuple[str, ...]  # keys whose value is one line of text, so the form can type into them


@st.composite
def articles(draw: st.DrawFn) -> Article:
    lines: list[str] = []
    keys = ["title", "metaTitle", "previewImageAlt", "note"]
    editable = []
    for key in draw(st.permutations(keys)):
        if draw(st.integers(0, 5)) == 0:
            continue
        lines += draw(st.sampled_from([[], [], ["# " + draw(line_value).replace("\n", " ")], [""]]))
        anchor = draw(st.sampled_from(["", "", "", " &a" + key]))
        value = draw(line_value)
        lines.append(f"{key}:{anchor} {plain_or_quoted(draw, value)}{draw(st.sampled_from(['', '  # c😀']))}")
        editable.append(key)
        if anchor and draw(st.booleans()):
            lines.append(f"alias_{key}: *a{key}")
    lines += draw(
        st.sampled_from(
            [
                [],
                ["datePublished: 01-06-2025"],
                ["tags: [en, to, 😀]"],
                ["order: 4", "ratio: 1.5"],
                ["map:", "  k: v"],
            ]
        )
    )
    body = draw(st.lists(st.lists(piece, max_size=6).map("".join), max_size=4))
    all_lines = ["---", *lines, "---", *body]
    ends = draw(st.lists(breaks, min_size=len(all_lines), max_size=len(all_lines)))
    if draw(st.booleans()):
        ends = [ends[0]] * len(ends)  # one kind of break throughout, as most files
    text = "".join(line + end for line, end in zip(all_lines, ends, strict=True))
    if body and draw(st.booleans()):
        text += "\u2029" + draw(line_value)  # a paragraph separator in the body: a line break to Qt only
    bom = "\ufeff" if draw(st.booleans()) else ""
    return Article((bom + text).encode("utf-8"), tuple(editable))


@dataclass(frozen=True)
class Typing:
    how: str  # "append", "replace" or "insert"
    text: str
    at: int  # for "insert": a character index into the current value


typings = st.builds(Typing, st.sampled_from(["append", "replace", "insert"]), typed_text, st.integers(0, 40))


@pytest.fixture
def window(settings: QSettings, example_site: Path) -> Iterator[MainWindow]:
    with window_on(settings, size=(1300, 850)) as main:
        yield main


def line_editor(window: MainWindow, key: str) -> LineFieldEditor:
    found = window.form.findChild(FieldEditor, f"field-{key}")
    assert isinstance(found, LineFieldEditor), key
    return found


def type_into_field(qtbot: QtBot, window: MainWindow, key: str, typing: Typing) -> str:
    """Type as `typing` says into the field's line; returns the text the line then shows."""
    line = line_editor(window, key).line
    line.setFocus(Qt.FocusReason.OtherFocusReason)
    if typing.how == "replace":
        line.selectAll()
    elif typing.how == "append":
        line.end(False)
    else:
        current = line.text()
        index = min(typing.at, len(current))
        line.setCursorPosition(utf16_length(current[:index]))
    type_text(qtbot, line, typing.text)
    return line.text()


def test_typing_into_the_form_of_generated_articles_changes_only_that_field(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    folder = example_site / "content" / "blog"
    saved: list[tuple[str, str, str]] = []

    @settings(
        max_examples=WINDOW_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(article=articles(), pick=st.integers(min_value=0), typing=typings)
    def check(article: Article, pick: int, typing: Typing) -> None:
        if not article.editable:
            return
        key = article.editable[pick % len(article.editable)]
        path = folder / f"generated-{len(saved)}.md"
        path.write_bytes(article.data)
        assert window.open_path(path)
        shown = type_into_field(qtbot, window, key, typing)
        if window.session.is_modified():
            assert window.save(), window.statusBar().currentMessage()
        after = path.read_bytes()
        before_text = decode_article(article.data).text
        after_text = decode_article(after).text
        assert after.startswith(b"\xef\xbb\xbf") == article.data.startswith(b"\xef\xbb\xbf")
        check_single_field_change(before_text, after_text, key, shown)
        assert yaml.safe_load(split_article(after_text).front_matter)[key] == shown
        saved.append((after_text, key, shown))
        # Closed before its file goes, as a writer would: a tab per example, left open, made each later
        # example slower (every open tab has its watcher, session and form).
        assert window.close_tab(window.tabs.currentIndex())
        path.unlink()

    check()
    assert len(saved) > WINDOW_EXAMPLES // 2, "most generated articles should have a field to type into"
    if js_readers_missing() is not None:
        pytest.skip(js_readers_missing() or "")
    texts = [text for text, _, _ in saved]
    for (text, key, shown), reading in zip(saved, read_with_js(texts), strict=True):
        lone_cr = "\r" in text.replace("\r\n", "")
        # gray-matter finds no front matter in a file of lone CRs; only js-yaml reads those.
        for reader in ("jsyaml",) if lone_cr else ("jsyaml", "graymatter"):
            assert f"{reader}_error" not in reading, f"{reader} cannot read:\n{text!r}\n{reading}"
            assert reading[reader][key] == shown, f"{reader} reads {reading[reader][key]!r} in:\n{text!r}"


def test_the_generator_makes_what_it_promises() -> None:
    """The articles hold astral letters, mixed breaks, BOMs and anchors often enough to matter."""
    seen = {"astral": 0, "mixed": 0, "bom": 0, "anchor": 0, "cr": 0}

    @settings(max_examples=200, deadline=None, database=None)
    @given(article=articles())
    def count(article: Article) -> None:
        text = article.data.decode("utf-8")
        seen["astral"] += any(ord(char) > 0xFFFF for char in text)
        seen["mixed"] += (
            len({"\r\n" in text, "\n" in text.replace("\r\n", ""), "\r" in text.replace("\r\n", "")}) > 1
        )
        seen["bom"] += text.startswith("\ufeff")
        seen["anchor"] += " &a" in text
        seen["cr"] += "\r" in text.replace("\r\n", "")
        assert read_front_matter(decode_article(article.data).text).format is not None

    count()
    assert all(number >= 20 for number in seen.values()), seen
