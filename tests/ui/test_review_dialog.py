"""The review before a commit in the real window, on a real git repository of the example site: the status
bar's git state, the Review Changes window's diff, renders, images, Stage and Commit with the repo's hook."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

from ..site.git_repos import commit_all, git, git_home, git_short_status, new_repository
from .window_on_site import ARTICLE, window_on

__all__ = ["git_home"]

NEW_IMAGE = "public/images/blog/ventesal.png"
UNUSED_IMAGE = "public/images/blog/udkast.png"


@pytest.fixture
def repo(example_site: Path, git_home: dict[str, str]) -> Path:
    """The example site committed, then its article edited to use a new image that is not in git."""
    new_repository(example_site)
    commit_all(example_site, "The site")
    article = example_site / ARTICLE
    text = article.read_text(encoding="utf-8").replace(
        "Men er det fornuftigt?",
        "Men er det altid fornuftigt?\n\n![Ventesalen](/images/blog/ventesal.png)",
    )
    article.write_text(text, encoding="utf-8")
    images = example_site / "public/images/blog"
    shutil.copy(images / "mrscanning_konsekvenser_svar.png", example_site / NEW_IMAGE)
    shutil.copy(images / "mrscanning_konsekvenser_intro.png", example_site / UNUSED_IMAGE)
    return example_site


@pytest.fixture
def main(qtbot: QtBot, settings: QSettings, repo: Path) -> Iterator[MainWindow]:
    with window_on(settings, repo / ARTICLE) as window:
        yield window


def install_hook(repo: Path, script: str) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    hook.chmod(0o755)


def wait_for_page_text(qtbot: QtBot, page: object, needle: str) -> str:
    """The page's text once it holds `needle` (the page loads on its own time)."""
    found: list[str] = []

    def holds() -> bool:
        page.toPlainText(found.append)  # type: ignore[attr-defined]
        return any(needle in text for text in found)

    qtbot.waitUntil(holds, timeout=15_000)
    return next(text for text in found if needle in text)


def test_the_status_bar_follows_saves_and_the_repository(qtbot: QtBot, main: MainWindow, repo: Path) -> None:
    label = main.review.label
    qtbot.waitUntil(lambda: label.text() == "git: modified")
    git(repo, "add", "--", str(ARTICLE))
    git(repo, "commit", "-q", "--no-verify", "-m", "Edited")
    # Nothing told the window: it saw .git/index and HEAD change.
    qtbot.waitUntil(lambda: label.text() == "git: unchanged", timeout=5000)

    main.editor.setPlainText(main.editor.toPlainText() + "\nEt afsnit mere.\n")
    assert main.save()
    qtbot.waitUntil(lambda: label.text() == "git: modified")
    assert git_short_status(repo)[str(ARTICLE)] == " M"

    # Another article of the same site shows its own state at once.
    other = repo / "content/blog/ny.md"
    other.write_text((repo / ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    assert main.open_path(other)
    assert label.text() == "git: untracked"
    assert git_short_status(repo)["content/blog/ny.md"] == "??"


def test_review_shows_the_change_and_stages_and_commits_the_article_with_its_image(
    qtbot: QtBot, main: MainWindow, repo: Path
) -> None:
    install_hook(repo, 'echo "hook saw: $(git diff --cached --name-only | tr "\\n" " ")"\n')
    main.review_action.trigger()
    dialog = main.review.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)

    assert dialog.articles.count() == 1
    assert dialog.articles.item(0).checkState() == Qt.CheckState.Checked
    diff = dialog.diff.toPlainText()
    assert "-Men er det fornuftigt?" in diff
    assert "+Men er det altid fornuftigt?" in diff
    assert "+![Ventesalen](/images/blog/ventesal.png)" in diff
    # The word that changed is marked within its line, the unchanged words are not.
    marked = dialog.diff._highlighter.words
    added = next(number for number, line in enumerate(diff.splitlines()) if line.startswith("+Men er"))
    line = diff.splitlines()[added]
    assert [line[start:end] for start, end in marked[added]] == ["altid "]

    rows = {
        dialog.images.topLevelItem(row).text(0): dialog.images.topLevelItem(row).text(1)
        for row in range(dialog.images.topLevelItemCount())
    }
    assert rows == {NEW_IMAGE: "not in git", UNUSED_IMAGE: "not in git"}
    # An image copied in while the window is open shows after Refresh.
    shutil.copy(repo / NEW_IMAGE, repo / "public/images/blog/sent.png")
    next(button for button in dialog.findChildren(QPushButton) if button.text() == "&Refresh").click()
    assert dialog.images.topLevelItemCount() == 3
    (repo / "public/images/blog/sent.png").unlink()
    dialog.refresh()
    assert "images the site would show broken: 1" in dialog.summary.text()

    after = wait_for_page_text(qtbot, dialog.rendered.after.page, "Men er det altid fornuftigt?")
    before = wait_for_page_text(qtbot, dialog.rendered.before.page, "Men er det fornuftigt?")
    assert "altid" not in before
    assert "Har din MR-scanning skjulte konsekvenser?" in after

    # Stage only the unused image: git says it is staged, and nothing else is.
    unused = next(
        dialog.images.topLevelItem(row)
        for row in range(dialog.images.topLevelItemCount())
        if dialog.images.topLevelItem(row).text(0) == UNUSED_IMAGE
    )
    unused.setSelected(True)
    dialog.stage_button.click()
    assert git_short_status(repo) == {str(ARTICLE): " M", NEW_IMAGE: "??", UNUSED_IMAGE: "A "}

    qtbot.keyClicks(dialog.message, "Ventesalen, med sit billede")
    dialog.commit_button.click()
    qtbot.waitUntil(lambda: "Committed." in dialog.output.toPlainText(), timeout=20_000)
    output = dialog.output.toPlainText()
    assert f"hook saw: {ARTICLE} {NEW_IMAGE}" in output
    assert git(repo, "log", "-1", "--format=%s").strip() == "Ventesalen, med sit billede"
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(committed) == sorted([str(ARTICLE), NEW_IMAGE])
    # The image staged apart stays staged, out of this commit, as `git commit -- PATHS` leaves it.
    assert git_short_status(repo) == {UNUSED_IMAGE: "A "}
    qtbot.waitUntil(lambda: dialog.articles.count() == 0)
    qtbot.waitUntil(lambda: main.review.label.text() == "git: unchanged", timeout=5000)


def test_a_hook_that_refuses_shows_why_and_nothing_is_committed(
    qtbot: QtBot, main: MainWindow, repo: Path
) -> None:
    install_hook(repo, 'echo "pre-commit: the image is too large" >&2\nexit 1\n')
    before = git(repo, "rev-parse", "HEAD")
    main.review.open_review()
    dialog = main.review.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.message.setPlainText("Try")
    dialog.commit_button.click()
    qtbot.waitUntil(lambda: "Not committed" in dialog.output.toPlainText(), timeout=20_000)
    assert "pre-commit: the image is too large" in dialog.output.toPlainText()
    assert git(repo, "rev-parse", "HEAD") == before
    assert dialog.articles.count() == 1
    # Staged for the commit, as a terminal's `git add` then `git commit` would have left them.
    assert subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=repo).returncode == 1
