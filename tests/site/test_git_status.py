"""git_status on real repositories made by the git program, read back against what git itself reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.site.git_status import (
    ChangeKind,
    GitMissingError,
    NotARepositoryError,
    Repository,
    find_repository,
)

from .git_repos import commit_all, git, git_home, git_short_status, new_repository

__all__ = ["git_home"]

# Names a shell or a careless quoting would split or mangle; git -z hands them over as they are.
NAMES = ["plain.md", "with space.md", "æblegrød på ø.md", "quote'and\"dquote.md", "star*[x].md"]


def kind_from_short_status(code: str) -> ChangeKind:
    """What a commit of everything would do with a file, from git's own short XY code."""
    if code == "??":
        return ChangeKind.UNTRACKED
    if code[0] in "AR":
        return ChangeKind.ADDED
    if "D" in code:
        return ChangeKind.DELETED
    return ChangeKind.MODIFIED


def assert_agrees_with_git(repository: Repository) -> None:
    ours = {repository.relative(change.path): change for change in repository.status().changes}
    theirs = git_short_status(repository.root)
    renamed_to = {path for path, code in theirs.items() if code.startswith("<-")}
    assert set(ours) == set(theirs) - renamed_to
    for path, change in ours.items():
        assert change.kind is kind_from_short_status(theirs[path]), (path, theirs[path])
        assert change.staged == (theirs[path][0] not in " ?"), path
        assert change.unstaged == (theirs[path][1] not in " ?"), path
    for old in renamed_to:
        new = theirs[old][2:]
        assert ours[new].renamed_from == repository.root / old


@pytest.mark.usefixtures("git_home")
def test_every_kind_of_change_with_awkward_names_reads_as_git_reports_it(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    for name in [*NAMES, "renamed.md", "deleted.md", "removed.md", "both.md"]:
        (repo / name).write_text(f"{name}\n", encoding="utf-8")
    commit_all(repo)
    for name in NAMES:
        with (repo / name).open("a", encoding="utf-8") as file:
            file.write("more\n")
    git(repo, "add", "--", "with space.md")
    git(repo, "mv", "renamed.md", "nyt navn æ.md")
    (repo / "deleted.md").unlink()
    git(repo, "rm", "-q", "removed.md")
    (repo / "both.md").write_text("staged\n", encoding="utf-8")
    git(repo, "add", "both.md")
    (repo / "both.md").write_text("and then edited\n", encoding="utf-8")
    (repo / "ny fil ø.md").write_text("new\n", encoding="utf-8")
    (repo / "added.md").write_text("added\n", encoding="utf-8")
    git(repo, "add", "added.md")
    (repo / "deep" / "er").mkdir(parents=True)
    (repo / "deep" / "er" / "untracked.md").write_text("u\n", encoding="utf-8")

    repository = find_repository(repo)
    assert_agrees_with_git(repository)
    status = repository.status()
    assert status.branch == "main"
    assert status.has_commits
    rename = status.change_of(repo / "nyt navn æ.md")
    assert rename is not None and rename.renamed_from == repo / "renamed.md"
    # Each untracked file on its own, not its folder.
    assert status.change_of(repo / "deep" / "er" / "untracked.md") is not None


@pytest.mark.usefixtures("git_home")
def test_a_folder_of_the_repository_is_read_alone_with_paths_from_the_top(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    (repo / "site" / "content").mkdir(parents=True)
    (repo / "site" / "content" / "a.md").write_text("a\n", encoding="utf-8")
    (repo / "other.md").write_text("o\n", encoding="utf-8")
    commit_all(repo)
    (repo / "site" / "content" / "a.md").write_text("changed\n", encoding="utf-8")
    (repo / "other.md").write_text("changed\n", encoding="utf-8")

    repository = find_repository(repo / "site" / "content")
    assert repository.root == Path(os.path.realpath(repo))
    changes = repository.status(repo / "site").changes
    assert [change.path for change in changes] == [repository.root / "site" / "content" / "a.md"]
    assert len(repository.status().changes) == 2


@pytest.mark.usefixtures("git_home")
def test_a_detached_head_has_no_branch_and_the_same_changes(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    (repo / "a.md").write_text("a\n", encoding="utf-8")
    commit_all(repo)
    (repo / "a.md").write_text("b\n", encoding="utf-8")
    commit_all(repo, "Second")
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    (repo / "a.md").write_text("edited while detached\n", encoding="utf-8")

    repository = find_repository(repo)
    status = repository.status()
    assert status.branch is None
    assert status.has_commits
    assert_agrees_with_git(repository)
    assert repository.head_bytes(repo / "a.md") == b"a\n"


@pytest.mark.usefixtures("git_home")
def test_an_empty_repository_has_no_commit_and_every_file_is_new(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    (repo / "staged æ.md").write_text("s\n", encoding="utf-8")
    git(repo, "add", "--", "staged æ.md")
    (repo / "loose.md").write_text("l\n", encoding="utf-8")

    repository = find_repository(repo)
    status = repository.status()
    assert not status.has_commits
    assert status.branch == "main"
    assert_agrees_with_git(repository)
    assert repository.head_bytes(repo / "staged æ.md") is None
    assert repository.tracked([repo / "staged æ.md", repo / "loose.md"]) == {repo / "staged æ.md"}


@pytest.mark.usefixtures("git_home")
def test_tracked_and_ignored_match_ls_files_and_check_ignore(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    (repo / ".gitignore").write_text("*.tmp\nbuild/\n", encoding="utf-8")
    (repo / "build").mkdir()
    names = ["kept.png", "new å.png", "x.tmp", "build/out.png", "star*.png"]
    for name in names:
        (repo / name).write_bytes(b"png")
    git(repo, "add", "--", ".gitignore", "kept.png")
    git(repo, "commit", "-q", "-m", "Some")
    paths = [repo / name for name in names]

    repository = find_repository(repo)
    listed = set(git(repo, "ls-files", "-z").split("\0")) - {""}
    assert {repository.relative(path) for path in repository.tracked(paths)} == listed & set(names)
    ignored = {name for name in names if subprocess_ok(repo, "check-ignore", "-q", "--", name)}
    assert {repository.relative(path) for path in repository.ignored(paths)} == ignored
    assert ignored == {"x.tmp", "build/out.png"}
    # A name with * is that file alone, not a pattern matching the others.
    assert repository.tracked([repo / "star*.png"]) == set()


def subprocess_ok(repo: Path, *arguments: str) -> bool:
    import subprocess

    return subprocess.run(["git", *arguments], cwd=repo, capture_output=True).returncode == 0


@pytest.mark.usefixtures("git_home")
def test_head_bytes_are_git_shows_and_staging_is_git_add(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "repo")
    (repo / "a b.md").write_bytes(b"one\r\ntwo\n")
    commit_all(repo)
    (repo / "a b.md").write_bytes(b"changed\n")
    repository = find_repository(repo)
    assert repository.head_bytes(repo / "a b.md") == b"one\r\ntwo\n"
    assert repository.head_bytes(repo / "never.md") is None

    (repo / "ny ø.png").write_bytes(b"img")
    repository.stage([repo / "ny ø.png", repo / "a b.md"])
    assert git_short_status(repo) == {"ny ø.png": "A ", "a b.md": "M "}


@pytest.mark.usefixtures("git_home")
def test_outside_a_repository_and_without_git_the_reason_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    # A repository above the temporary folder would make this a test of that repository.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(NotARepositoryError) as raised:
        find_repository(folder)
    assert "not in a git repository" in raised.value.message
    assert "\n" not in raised.value.message

    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(GitMissingError) as missing:
        find_repository(folder)
    assert missing.value.message == "git is not installed (no git program on PATH)"


@pytest.mark.usefixtures("git_home")
def test_a_hooks_relative_index_and_a_worktrees_git_dir_mean_what_they_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As git runs a pre-commit hook in a linked worktree: GIT_DIR set, no GIT_WORK_TREE, cwd the top."""
    repo = new_repository(tmp_path / "repo")
    (repo / "a.md").write_text("a\n", encoding="utf-8")
    commit_all(repo)
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", str(linked))
    (linked / "site").mkdir()
    (linked / "site" / "new.png").write_bytes(b"png")
    git(linked, "add", "site/new.png")
    git_dir = git(linked, "rev-parse", "--absolute-git-dir").strip()
    monkeypatch.chdir(linked)
    monkeypatch.setenv("GIT_DIR", git_dir)
    monkeypatch.setenv("GIT_INDEX_FILE", os.path.relpath(Path(git_dir) / "index", linked))

    repository = find_repository(linked / "site")
    assert repository.root == Path(os.path.realpath(linked))
    assert repository.tracked([linked / "site" / "new.png"]) == {repository.root / "site" / "new.png"}
