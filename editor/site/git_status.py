"""What git says of a site's files: their status against HEAD and the index, which are tracked or ignored,
and HEAD's version of one, read from git's own command line.

Why the git command line and not pygit2 (libgit2): it is the git the writer commits with, so status, ignore
rules, `core.*` settings, attributes, hooks, worktrees and sparse checkouts mean exactly what they mean in a
terminal, and it needs no compiled dependency in the app or the frozen build. Its porcelain output
(`status --porcelain=v2 -z`, `ls-files -z`, `check-ignore -z`) is documented as stable for scripts, and -z
keeps names with spaces, quotes, newlines and letters like æøå as they are. The cost, a process per
question, is a few milliseconds, and every function here asks once for any number of files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from editor.article.translatable import translatable
from editor.site.errors import SiteFileError

__all__ = [
    "ChangeKind",
    "FileChange",
    "GitError",
    "GitMissingError",
    "NotARepositoryError",
    "Repository",
    "RepositoryStatus",
    "find_repository",
]

GIT = "git"
# Long enough for a big repository's first status on a cold disk, short enough that a hung git (a lock held
# by a crashed process, a network file system) gives an answer rather than a frozen editor.
TIMEOUT_SECONDS = 60


class GitError(SiteFileError):
    """git could not answer (a broken repository, a lock, a git too old); the message is git's first line."""


class GitMissingError(GitError):
    """There is no git program to ask."""


class NotARepositoryError(GitError):
    """The folder is in no git repository."""


class ChangeKind(StrEnum):
    """How a file differs from HEAD, counting what is staged and what is not, as a commit of it would see."""

    MODIFIED = "modified"
    ADDED = "added"
    UNTRACKED = "untracked"
    DELETED = "deleted"


@dataclass(frozen=True)
class FileChange:
    """One changed file; `staged`: the index differs from HEAD for it, `unstaged`: the working tree differs
    from the index (an untracked file is neither). A rename staged in the index is an ADDED file with
    `renamed_from`, the old path, as `git status` shows it."""

    path: Path
    kind: ChangeKind
    staged: bool
    unstaged: bool
    renamed_from: Path | None = None


@dataclass(frozen=True)
class RepositoryStatus:
    """`git status` of a folder: the branch (None when HEAD is detached), whether HEAD has a commit yet,
    and the changed files, in git's order."""

    branch: str | None
    has_commits: bool
    changes: tuple[FileChange, ...]

    def change_of(self, path: Path) -> FileChange | None:
        """The change of the file at `path` (absolute, as the changes hold it), or None when unchanged."""
        return next((change for change in self.changes if change.path == path), None)


@dataclass(frozen=True)
class Repository:
    """A git work tree: `root` is its top folder (symlinks resolved, as git gives it)."""

    root: Path
    git_dir: Path

    def run(self, arguments: Sequence[str], stdin: bytes | None = None, *, ok: Iterable[int] = (0,)) -> bytes:
        """git's standard output for `arguments`, run in the work tree's top folder; GitError when git exits
        with a status outside `ok`."""
        return _run([GIT, *arguments], self.root, stdin, ok=ok)

    def relative(self, path: Path) -> str:
        """`path` as git names it: relative to the top folder, with forward slashes."""
        return Path(os.path.relpath(_real(path), self.root)).as_posix()

    def contains(self, path: Path) -> bool:
        """Whether `path` lies in this work tree (and not in its .git folder)."""
        real = _real(path)
        return real.is_relative_to(self.root) and not real.is_relative_to(self.git_dir)

    def status(self, folder: Path | None = None) -> RepositoryStatus:
        """What `git status` says of the files under `folder` (default: the whole work tree), each untracked
        file on its own rather than its folder."""
        spec = [self.relative(folder) if folder is not None else "."]
        output = self.run(
            ["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--", *spec]
        )
        return _parse_status(self.root, output)

    def tracked(self, paths: Iterable[Path]) -> set[Path]:
        """Those of `paths` that are in the index (staged or committed): a commit made now would hold them."""
        named = {self.relative(path): path for path in paths if self.contains(path)}
        if not named:
            return set()
        # Literal: a name holding `*` or `[` is that name, not a pattern.
        output = self.run(["--literal-pathspecs", "ls-files", "-z", "--cached", "--full-name", "--", *named])
        return {named[name] for name in _nul_split(output) if name in named}

    def ignored(self, paths: Iterable[Path]) -> set[Path]:
        """Those of `paths` that the .gitignore files (or info/exclude, core.excludesFile) leave out."""
        named = {self.relative(path): path for path in paths if self.contains(path)}
        if not named:
            return set()
        # Exit status 1 means "none of them is ignored", which is an answer.
        output = self.run(["check-ignore", "-z", "--stdin"], _nul_joined(named), ok=(0, 1))
        return {named[name] for name in _nul_split(output) if name in named}

    def head_bytes(self, path: Path) -> bytes | None:
        """The file as HEAD has it, or None when HEAD has no such file (or no commit yet)."""
        if not self.contains(path):
            return None
        try:
            return self.run(["cat-file", "blob", f"HEAD:{self.relative(path)}"])
        except GitError:
            return None

    def stage_command(self, paths: Iterable[Path], *, force: bool = False) -> list[str]:
        """The `git add` arguments that stage `paths` (`force` also stages ignored files), run in `root`."""
        names = [self.relative(path) for path in paths]
        return [GIT, "--literal-pathspecs", "add", *(["--force"] if force else []), "--", *names]

    def stage(self, paths: Sequence[Path], *, force: bool = False) -> None:
        """Stage `paths` as `git add` does (new, changed and deleted files alike)."""
        if paths:
            _run(self.stage_command(paths, force=force), self.root, None)

    def commit_command(self, paths: Iterable[Path]) -> list[str]:
        """The `git commit` arguments that commit exactly `paths` (already staged, or tracked) with the
        message read from standard input; run in `root`, git runs the repository's hooks and signs as set."""
        names = [self.relative(path) for path in paths]
        return [GIT, "--literal-pathspecs", "commit", "--file=-", "--", *names]


def find_repository(folder: Path) -> Repository:
    """The git work tree holding `folder`; NotARepositoryError when none does, GitMissingError without git."""
    start = _real(folder)
    while not start.is_dir() and start != start.parent:
        start = start.parent
    try:
        output = _run([GIT, "rev-parse", "--show-toplevel", "--absolute-git-dir"], start, None)
    except GitError as error:
        if isinstance(error, GitMissingError) or "not a git repository" not in error.message.lower():
            raise
        raise NotARepositoryError.of(
            translatable("SiteFileError", "{folder} is not in a git repository"), folder=folder
        ) from None
    lines = os.fsdecode(output).splitlines()
    if len(lines) < 2 or not lines[0]:
        # A bare repository, or a .git folder itself: there is no work tree to review.
        raise NotARepositoryError.of(
            translatable("SiteFileError", "{folder} is not in a git work tree"), folder=folder
        )
    return Repository(_real(Path(lines[0])), _real(Path(lines[1])))


def _run(command: Sequence[str], cwd: Path, stdin: bytes | None, *, ok: Iterable[int] = (0,)) -> bytes:
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            # Plain English messages to recognise, and no pager, editor or credential prompt to wait for.
            env=_environment(),
        )
    except FileNotFoundError:
        raise GitMissingError.of(
            translatable("SiteFileError", "git is not installed (no git program on PATH)")
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(
            f"git {_subcommand(command)} gave no answer within {TIMEOUT_SECONDS} seconds"
        ) from None
    except OSError as error:
        raise GitError(f"could not run git: {error.strerror or error}") from None
    if done.returncode not in tuple(ok):
        reason = os.fsdecode(done.stderr).strip().splitlines()
        first = reason[0] if reason else f"exit status {done.returncode}"
        raise GitError(f"git {_subcommand(command)}: {first.removeprefix('fatal: ')}")
    return done.stdout


def _environment() -> dict[str, str]:
    """Our environment for git, with the repository git itself named to us made absolute.

    A hook runs with GIT_INDEX_FILE=.git/index (relative to the work tree's top, our folder) and, in a linked
    worktree, GIT_DIR without GIT_WORK_TREE (meaning: the current folder is the top). Read from another folder
    those would name another index and another top, so they are pinned to what they meant here.
    """
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}
    here = os.getcwd()
    if env.get("GIT_DIR") and not env.get("GIT_WORK_TREE"):
        env["GIT_WORK_TREE"] = here
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        if env.get(name):
            env[name] = os.path.join(here, env[name])
    return env


def _subcommand(command: Sequence[str]) -> str:
    return next((word for word in command[1:] if not word.startswith("-")), "")


def _parse_status(root: Path, output: bytes) -> RepositoryStatus:
    """Reads `git status --porcelain=v2 -z --branch` (git-status(1), "Porcelain Format Version 2")."""
    branch: str | None = None
    has_commits = True
    changes: list[FileChange] = []
    records = iter(_nul_split(output))
    for record in records:
        kind, _, rest = record.partition(" ")
        if kind == "#":
            header, _, value = rest.partition(" ")
            if header == "branch.oid":
                has_commits = value != "(initial)"
            elif header == "branch.head":
                branch = None if value == "(detached)" else value
        elif kind == "?":
            changes.append(FileChange(root / rest, ChangeKind.UNTRACKED, staged=False, unstaged=False))
        elif kind in ("1", "2", "u"):
            # "1 XY sub mH mI mW hH hI path", "2 ... Xscore path" then the old path as its own record,
            # "u XY sub m1 m2 m3 mW h1 h2 h3 path" (unmerged).
            fields = rest.split(" ", {"1": 7, "2": 8, "u": 9}[kind])
            state, path = fields[0], fields[-1]
            old = root / next(records) if kind == "2" else None
            changes.append(_change(root / path, state, old, unmerged=kind == "u"))
    return RepositoryStatus(branch, has_commits, tuple(changes))


def _change(path: Path, state: str, renamed_from: Path | None, *, unmerged: bool) -> FileChange:
    staged, unstaged = state[0], state[1]
    if unmerged:
        kind = ChangeKind.MODIFIED
    elif renamed_from is not None and staged in "RC":
        kind = ChangeKind.ADDED
    elif "D" in (staged, unstaged) and staged != "A":
        kind = ChangeKind.DELETED
    elif staged == "A":
        kind = ChangeKind.ADDED
    else:
        kind = ChangeKind.MODIFIED
    return FileChange(
        path,
        kind,
        staged=staged != ".",
        unstaged=unstaged != ".",
        renamed_from=renamed_from if staged == "R" else None,
    )


def _nul_split(output: bytes) -> list[str]:
    return [os.fsdecode(part) for part in output.split(b"\0") if part]


def _nul_joined(names: Iterable[str]) -> bytes:
    return b"".join(os.fsencode(name) + b"\0" for name in names)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))
