"""The preview's render process also checks the article (in a thread of its own), so no validation
process of its own is started while it runs: the window's Python workers are the render process and the
spelling one."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from editor.ui.article.spell_process import shared_spelling
from editor.ui.article.validation_process import shared_validation
from editor.ui.workspace.main_window import MainWindow


def _python_workers() -> list[int]:
    """This process's children that run the render worker module, as /proc tells, but the spelling one."""
    spelling = shared_spelling()._worker.pid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        if (
            parent == os.getpid()
            and b"editor.ui.preview.render_worker" in arguments
            and int(entry.name) != spelling
        ):
            found.append(int(entry.name))
    return found


def test_the_checks_run_in_the_preview_render_process(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: len(window.problems.problems()) == 2, timeout=10000)
    assert [problem.rule for problem in window.problems.problems()] == ["empty-heading", "indented-code"]
    assert _python_workers() == [window.preview.worker_pid()]


def test_a_check_sent_to_a_render_process_that_dies_is_still_answered(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: len(window.problems.problems()) == 2, timeout=10000)
    site = window.session.site
    assert site is not None
    answers: list[list[object]] = []
    shared_validation().check("---\ntitle: T\n---\n###\n", site, None, answers.append)
    before = window.preview.worker_pid()
    window.preview.worker.kill()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=10000)
    assert "empty-heading" in [problem.rule for problem in answers[0]]  # type: ignore[attr-defined]
    # The pane starts its render process again, and checks go there again.
    qtbot.waitUntil(lambda: window.preview.worker_pid() not in (0, before), timeout=10000)
    shared_validation().check("Tekst.\n\n###\n", site, None, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10000)
    assert _python_workers() == [window.preview.worker_pid()]
