"""The commit hooks block a staged article that uses an image neither staged nor tracked: real `git commit`s
through the plain hook and the pre-commit framework's, on a git repository of the example site."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .test_precommit import (
    ARTICLE,
    Git,
    clean_sample,
    commit,
    commits,
    git,
    git_env,
    install_framework_hook,
    output,
    plain_hook,
    site_repo,
)

__all__ = ["git", "git_env", "plain_hook", "site_repo"]

IMAGE = "public/images/blog/nyt billede.png"
URL = "/images/blog/nyt%20billede.png"


def with_new_image(text: str, url: str = URL) -> str:
    return text.replace(
        "\n## Hvad er en MR-scanning?", f"\n![Et nyt billede]({url})\n\n## Hvad er en MR-scanning?"
    )


def line_of_image(text: str, url: str = URL) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if url in line)


@pytest.mark.usefixtures("plain_hook")
def test_plain_hook_blocks_an_article_whose_new_image_is_not_staged_then_takes_it_staged(
    site_repo: Path, git: Git, git_env: dict[str, str]
) -> None:
    (site_repo / IMAGE).write_bytes(b"\x89PNG\r\n\x1a\n new")
    text = with_new_image(clean_sample())
    (site_repo / ARTICLE).write_text(text, encoding="utf-8")
    blocked = commit(git, ARTICLE)
    assert blocked.returncode != 0
    shown = output(blocked)
    assert f"{ARTICLE}:{line_of_image(text)}:1: error: the image {URL} ({IMAGE}) is neither staged" in shown
    assert f"stage it with git add -- '{IMAGE}' [image-not-in-git]" in shown
    assert commits(git) == 1

    # Errors are what --fail-on error still blocks.
    lenient = {**git_env, "ARTICLE_EDITOR_CHECK_ARGS": "--fail-on error"}
    assert git("commit", "-m", "Lenient", env=lenient).returncode != 0
    assert commits(git) == 1

    # The command the message names is the one that lets the commit through.
    subprocess.run(["git", "add", "--", IMAGE], cwd=site_repo, env=git_env, check=True)
    passed = git("commit", "-m", "With its image")
    assert passed.returncode == 0, output(passed)
    assert git("ls-tree", "--name-only", "HEAD", "--", IMAGE).stdout.strip() == IMAGE


@pytest.mark.usefixtures("plain_hook")
def test_plain_hook_names_git_add_f_for_an_ignored_image(site_repo: Path, git: Git) -> None:
    (site_repo / ".gitignore").write_text("*.webp\n", encoding="utf-8")
    (site_repo / "public/images/blog/skjult.webp").write_bytes(b"RIFF webp")
    (site_repo / ARTICLE).write_text(with_new_image(clean_sample(), "/images/blog/skjult.webp"), "utf-8")
    blocked = commit(git, ARTICLE, ".gitignore")
    assert blocked.returncode != 0
    assert "is ignored by .gitignore" in output(blocked)
    assert "git add -f -- public/images/blog/skjult.webp" in output(blocked)


@pytest.mark.usefixtures("plain_hook")
def test_plain_hook_lets_a_tracked_image_through_and_checks_a_half_staged_article(
    site_repo: Path, git: Git
) -> None:
    # A tracked image, used anew: nothing to stage.
    tracked = "/images/blog/mrscanning_konsekvenser_svar.png"
    (site_repo / ARTICLE).write_text(with_new_image(clean_sample(), tracked), encoding="utf-8")
    passed = commit(git, ARTICLE)
    assert passed.returncode == 0, output(passed)

    # Half staged: the staged text uses the new image, the working tree does not; the staged text counts.
    (site_repo / IMAGE).write_bytes(b"\x89PNG\r\n\x1a\n new")
    (site_repo / ARTICLE).write_text(with_new_image(clean_sample()), encoding="utf-8")
    assert git("add", ARTICLE).returncode == 0
    (site_repo / ARTICLE).write_text(clean_sample(), encoding="utf-8")
    blocked = git("commit", "-m", "Half staged")
    assert blocked.returncode != 0
    assert f"stage it with git add -- '{IMAGE}'" in output(blocked)
    # The copy of the index lacks the image too, but the one message says why: it is not staged.
    assert "[image-missing]" not in output(blocked)
    assert (site_repo / ARTICLE).read_text(encoding="utf-8") == clean_sample()


@pytest.mark.usefixtures("plain_hook")
def test_plain_hook_in_a_linked_worktree(
    site_repo: Path, git: Git, git_env: dict[str, str], tmp_path: Path
) -> None:
    """git runs a linked worktree's hooks with GIT_DIR set: the image must still be looked up there."""
    linked = tmp_path / "linked"
    assert git("worktree", "add", "-q", str(linked)).returncode == 0

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *arguments], cwd=linked, env=git_env, capture_output=True, text=True)

    (linked / IMAGE).write_bytes(b"\x89PNG\r\n\x1a\n new")
    (linked / ARTICLE).write_text(with_new_image(clean_sample()), encoding="utf-8")
    assert run("add", ARTICLE).returncode == 0
    blocked = run("commit", "-m", "In the worktree")
    assert blocked.returncode != 0
    assert f"git add -- '{IMAGE}'" in output(blocked)
    assert run("add", IMAGE).returncode == 0
    passed = run("commit", "-m", "In the worktree")
    assert passed.returncode == 0, output(passed)


def test_pre_commit_framework_blocks_an_article_whose_image_is_not_staged(
    tmp_path: Path, site_repo: Path, git: Git, git_env: dict[str, str]
) -> None:
    install_framework_hook(tmp_path, site_repo, git, git_env, "        args: [--fail-on, error]\n")
    (site_repo / IMAGE).write_bytes(b"\x89PNG\r\n\x1a\n new")
    (site_repo / ARTICLE).write_text(with_new_image(clean_sample()), encoding="utf-8")
    blocked = commit(git, ARTICLE)
    assert blocked.returncode != 0
    assert f"error: the image {URL} ({IMAGE}) is neither staged nor tracked" in output(blocked)
    assert commits(git) == 2

    passed = commit(git, ARTICLE, IMAGE)
    assert passed.returncode == 0, output(passed)
    assert commits(git) == 3
