"""The session over a real QTextDocument: exact round trips, one-line field edits, undo, refused saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from editor.site.errors import ChangedOnDiskError
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.document_text import document_text
from editor.ui.article.validation_process import shared_validation

from ..article.helpers import ROUNDTRIP

pytestmark = pytest.mark.gui
ARTICLE = Path("content/blog/mr-scanning.md")


@pytest.fixture
def session(qtbot: QtBot) -> ArticleSession:
    return ArticleSession(QTextDocument())


@pytest.mark.parametrize(
    "name", ["mr-scanning.md", "crlf.md", "bom-crlf.md", "mixed-newlines.md", "no-final-newline.md"]
)
def test_open_and_save_unchanged_gives_identical_bytes(
    session: ArticleSession, example_site: Path, name: str
) -> None:
    target = example_site / "content" / "blog" / name
    data = (ROUNDTRIP / name).read_bytes()
    target.write_bytes(data)
    session.load(target)
    session.save(force=False)
    assert target.read_bytes() == data


def test_no_break_spaces_and_line_separators_survive_an_edit(
    session: ArticleSession, example_site: Path
) -> None:
    target = example_site / ARTICLE
    text = target.read_text(encoding="utf-8").replace(
        "Men er det fornuftigt?", "Men\u00a0er det\u2028fornuftigt?"
    )
    target.write_text(text, encoding="utf-8")
    session.load(target)
    session.edit_field("lastUpdated", "05-06-2025")
    session.save()
    assert target.read_text(encoding="utf-8") == text.replace(
        "lastUpdated: 04-06-2025", "lastUpdated: 05-06-2025"
    )


def test_a_field_edit_in_a_crlf_file_changes_that_line_only(
    session: ArticleSession, example_site: Path
) -> None:
    target = example_site / ARTICLE
    data = (ROUNDTRIP / "bom-crlf.md").read_bytes()
    target.write_bytes(data)
    session.load(target)
    session.edit_field("title", "Ny titel: med kolon")
    session.save()
    expected = data.replace(
        b'title: "Har din MR-scanning skjulte konsekvenser?"\r\n', b'title: "Ny titel: med kolon"\r\n', 1
    )
    assert target.read_bytes() == expected


def test_a_field_edit_is_one_undo_step(session: ArticleSession, example_site: Path) -> None:
    session.load(example_site / ARTICLE)
    before = document_text(session.document)
    session.edit_field("previewImageAlt", "yes")
    assert 'previewImageAlt: "yes"' in document_text(session.document)
    assert session.is_modified()
    session.document.undo()
    assert document_text(session.document) == before
    assert not session.is_modified()


def test_the_form_hears_about_front_matter_changes_and_breakage(
    session: ArticleSession, example_site: Path, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(session.front_matter_changed) as changed:
        session.load(example_site / ARTICLE)
    values, error, editable = changed.args
    assert values["datePublished"] == "01-06-2025" and error is None and editable
    with qtbot.waitSignal(session.front_matter_changed) as changed:
        session.edit_field("title", "x")
    assert changed.args[0]["title"] == "x"
    cursor = session.document.find("lastUpdated:")
    with qtbot.waitSignal(session.front_matter_changed) as changed:
        cursor.insertText("lastUpdated: [")
    assert changed.args[0] is None and "line 5" in changed.args[1]


def test_problems_arrive_from_the_background(
    session: ArticleSession, example_site: Path, qtbot: QtBot
) -> None:
    found: list[list[object]] = []
    session.problems_found.connect(found.append)
    session.load(example_site / ARTICLE)
    # At once the last article's problems are cleared; the checks of this one come from the background.
    assert found == [[]]
    qtbot.waitUntil(lambda: len(found) == 2, timeout=5000)
    assert [problem.rule for problem in found[1]] == ["empty-heading", "indented-code"]  # type: ignore[attr-defined]


def test_checks_run_in_a_process_of_their_own_and_survive_its_death(
    session: ArticleSession, example_site: Path, qtbot: QtBot
) -> None:
    """A 1 MB article takes a few hundred ms of Python to check: not under the GUI thread's GIL."""
    checker = shared_validation()
    found: list[list[object]] = []
    session.problems_found.connect(found.append)
    session.load(example_site / ARTICLE)
    qtbot.waitUntil(lambda: len(found) == 2, timeout=10000)
    worker = checker._worker.pid()
    assert worker not in (0, os.getpid())
    assert Path(f"/proc/{worker}/cmdline").read_bytes().split(b"\0")[1:3] == [
        b"-m",
        b"editor.ui.preview.render_worker",
    ]
    # Killed while a check is on its way, the check is still answered (in a thread here), and the
    # next check starts a new process.
    assert session.site is not None
    answers: list[list[object]] = []
    checker.check("---\ntitle: T\n---\n###\n", session.site, None, answers.append)
    checker._worker.kill()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10000)
    assert "empty-heading" in [problem.rule for problem in answers[0]]  # type: ignore[attr-defined]
    checker.check("Tekst.\n", session.site, None, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10000)
    assert checker._worker.pid() not in (0, worker)


def test_a_save_over_a_file_changed_on_disk_is_refused_and_keeps_the_edits(
    session: ArticleSession, example_site: Path
) -> None:
    target = example_site / ARTICLE
    session.load(target)
    session.edit_field("title", "Mine")
    target.write_text(target.read_text(encoding="utf-8") + "\nTheirs\n", encoding="utf-8")
    with pytest.raises(ChangedOnDiskError):
        session.save()
    assert session.is_modified()
    assert target.read_text(encoding="utf-8").endswith("Theirs\n")
    session.save(force=True)
    saved = target.read_text(encoding="utf-8")
    assert 'title: "Mine"\n' in saved and "Theirs" not in saved


def test_problems_follow_the_site_flavour(session: ArticleSession, example_site: Path, qtbot: QtBot) -> None:
    config = example_site / "article-editor.toml"
    config.write_text('markdown = "python-markdown"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    article = example_site / "content" / "blog" / "lists.md"
    article.write_text(
        "---\ntitle: T\nmetaTitle: T\ndatePublished: 01-01-2025\n---\n- one\n  - under one\n",
        encoding="utf-8",
    )
    found: list[list[object]] = []
    session.problems_found.connect(found.append)
    session.load(article)
    qtbot.waitUntil(lambda: len(found) == 2, timeout=5000)
    assert [(problem.line, problem.rule) for problem in found[1]] == [(7, "list-will-not-nest")]  # type: ignore[attr-defined]
