"""Real git repositories in temporary folders, made and read with the git program, for the review tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def clean_git_environment(home: Path) -> dict[str, str]:
    """os.environ for a git that reads no one's configuration, commits as a test user and has no hook env."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "ARTICLE_EDITOR_CHECK_ARGS")
    }
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
    )
    return env


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """This process's environment made clean for git (the code under test runs git in it too)."""
    home = tmp_path / "git-home"
    home.mkdir()
    env = clean_git_environment(home)
    for key in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        if os.environ.get(key) != value:
            monkeypatch.setenv(key, value)
    return env


def git(repo: Path, *arguments: str, stdin: str | None = None) -> str:
    """Run git in `repo`; its standard output as text, failing the test if git fails."""
    done = subprocess.run(
        ["git", *arguments], cwd=repo, input=stdin, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(arguments)}: {done.stderr}"
    return done.stdout


def new_repository(folder: Path) -> Path:
    """An empty repository (no commit) at `folder`, on branch main."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    return folder


def commit_all(repo: Path, message: str = "A commit") -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", message)


def git_short_status(repo: Path) -> dict[str, str]:
    """git's own short status (porcelain v1, NUL-separated): repository-relative path -> "XY"; a rename's
    old path maps to "<-" + the new path."""
    output = git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all").split("\0")
    found: dict[str, str] = {}
    index = 0
    while index < len(output):
        record = output[index]
        index += 1
        if not record:
            continue
        code, path = record[:2], record[3:]
        found[path] = code
        if code[0] in "RC":
            found[output[index]] = "<-" + path
            index += 1
    return found
