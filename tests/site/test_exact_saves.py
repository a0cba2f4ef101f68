"""Saves that stay exact under pressure: two processes saving one file at once, hard links, size limits and
read-only disks, all through real files and real processes.

Two saves racing must not both pass the unchanged-on-disk check: one wins, the other is told the file
changed, and no edit reported as saved is missing from the file. The race runs twice: as two `set`
commands started together (what a writer does from two terminals), and as two long-lived children that
read the file, wait for one shared "go" on stdin and save at the same instant, so the saves really overlap.
Both races together take about 15 s on 2 cores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from editor.article.document import MAX_ARTICLE_BYTES
from editor.site.article_files import open_article, save_article
from editor.site.errors import FileAccessError, FileTooLargeError, ReadOnlyFileError
from editor.site.files import ChangedOnDiskError, list_backups, read_file, save_file

ROUNDS = 50
ARTICLE = Path("content/blog/mr-scanning.md")
ROOT = Path(__file__).resolve().parent.parent.parent
CHANGED = "was changed by another program since it was opened"

# A saver that stays alive for all rounds, so a round costs no interpreter start-up. For each "read VALUE"
# it reads the article, adds `KEY: VALUE` under the opening fence and says "ready"; on "go" (written to both
# savers together) it saves with the stamp it read, as an editor window does, and says what happened.
SAVER = """
import sys
from pathlib import Path
from editor.site.errors import SiteFileError
from editor.site.files import read_file, save_file

path, key = Path(sys.argv[1]), sys.argv[2]
while command := sys.stdin.readline():
    value = command.split()[1]
    data, stamp = read_file(path)
    fence, _, rest = data.partition(b"\\n")
    edited = fence + b"\\n" + f"{key}: {value}\\n".encode() + rest
    print("ready", flush=True)
    assert sys.stdin.readline() == "go\\n"
    try:
        save_file(path, edited, expected=stamp)
    except SiteFileError as error:
        print("refused", error.message, flush=True)
    else:
        print("saved", flush=True)
"""


def front_matter_of(path: Path) -> dict[str, object]:
    """The front matter of `path` as PyYAML reads it, independently of the editor's own reader."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    values = yaml.safe_load(text.removeprefix("---\n").split("\n---\n", 1)[0])
    assert isinstance(values, dict)
    return values


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


# --- two saves at once -----------------------------------------------------------------------------------


def start_set(article: Path, assignment: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "editor", "set", str(article), assignment],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_set_commands_started_together_never_lose_an_edit(example_site: Path) -> None:
    article = example_site / ARTICLE
    original = article.read_bytes()
    original_keys = set(front_matter_of(article))
    lost: list[str] = []
    refused = 0
    for number in range(ROUNDS):
        article.write_bytes(original)
        edits = {"alpha": f"a{number}", "beta": f"b{number}"}
        processes = {key: start_set(article, f"{key}={value}") for key, value in edits.items()}
        results = {
            key: (process.communicate(timeout=60)[1], process.returncode)
            for key, process in processes.items()
        }
        front = front_matter_of(article)
        assert original_keys <= set(front), f"round {number}: fields went missing: {front}"
        for key, (err, status) in results.items():
            if status == 0:
                if front.get(key) != edits[key]:
                    lost.append(f"round {number}: `set {key}=...` exited 0, the file has {front.get(key)!r}")
            else:
                assert status == 2, f"round {number}: `set {key}=...` exited {status}: {err}"
                assert CHANGED in err, f"round {number}: `set {key}=...` failed otherwise: {err}"
                refused += 1
        assert any(status == 0 for _, status in results.values()), f"round {number}: no set saved: {results}"
    print(
        f"\n{ROUNDS} rounds of two set commands: {refused} refused as changed on disk, {len(lost)} edits lost"
    )
    assert lost == [], f"{len(lost)} edits reported as saved are not in the file: {lost}"


def start_saver(article: Path, key: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(article), key],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def tell(savers: list[subprocess.Popen[str]], line: str) -> None:
    """Write `line` to every saver, then send them all at once."""
    for saver in savers:
        assert saver.stdin is not None
        saver.stdin.write(line)
    for saver in savers:
        assert saver.stdin is not None
        saver.stdin.flush()


def answer(saver: subprocess.Popen[str]) -> str:
    assert saver.stdout is not None
    return saver.stdout.readline().removesuffix("\n")


def test_two_saves_released_at_the_same_instant_are_serialised(example_site: Path) -> None:
    article = example_site / ARTICLE
    original = article.read_bytes()
    keys = ["alpha", "beta"]
    savers = [start_saver(article, key) for key in keys]
    lost: list[str] = []
    winners: list[list[str]] = []
    try:
        for number in range(ROUNDS):
            article.write_bytes(original)
            for key, saver in zip(keys, savers, strict=True):
                tell([saver], f"read {key}{number}\n")
            assert [answer(saver) for saver in savers] == ["ready", "ready"], f"round {number}"
            tell(savers, "go\n")
            replies = dict(zip(keys, [answer(saver) for saver in savers], strict=True))
            front = front_matter_of(article)
            saved = [key for key, reply in replies.items() if reply == "saved"]
            for key, reply in replies.items():
                if reply != "saved":
                    assert reply == f"refused {article} {CHANGED}", f"round {number}: {key}: {reply}"
            lost += [f"round {number}: {key}" for key in saved if front.get(key) != f"{key}{number}"]
            winners.append(saved)
    finally:
        for saver in savers:
            assert saver.stdin is not None
            saver.stdin.close()
        statuses = [saver.wait(timeout=30) for saver in savers]
        for saver in savers:
            assert saver.stdout is not None
            saver.stdout.close()
    assert lost == [], f"{len(lost)} of {2 * ROUNDS} saves reported success and were overwritten: {lost}"
    # Both read the same bytes before either saved: exactly one may save, the other must be refused.
    assert all(len(saved) == 1 for saved in winners), winners
    assert statuses == [0, 0]


# --- hard links ------------------------------------------------------------------------------------------


def test_a_hard_linked_file_is_rewritten_in_place_and_its_names_stay_joined(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    other = tmp_path / "same-article.md"
    path.write_bytes(b"the old text\n")
    os.link(path, other)
    _, stamp = read_file(path)
    saved = save_file(path, b"the new, longer text\n", expected=stamp)
    assert path.read_bytes() == other.read_bytes() == b"the new, longer text\n"
    assert os.stat(path).st_ino == os.stat(other).st_ino
    assert os.stat(path).st_nlink == 2
    assert read_file(path) == (b"the new, longer text\n", saved)
    assert [backup.path.read_bytes() for backup in list_backups(path)] == [b"the old text\n"]
    assert leftovers(tmp_path) == []

    # Through the other name, shorter: the tail of the longer text must not survive.
    _, stamp = read_file(other)
    save_file(other, b"short\n", expected=stamp)
    assert path.read_bytes() == other.read_bytes() == b"short\n"
    assert os.stat(path).st_ino == os.stat(other).st_ino
    assert [backup.path.read_bytes() for backup in list_backups(other)] == [b"the new, longer text\n"]

    # A change through one name is still a change for a save through the other.
    with pytest.raises(ChangedOnDiskError):
        save_file(path, b"stale\n", expected=saved)
    assert path.read_bytes() == b"short\n"


# --- size limits -----------------------------------------------------------------------------------------


def test_data_over_max_bytes_is_refused_and_the_file_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"kept", expected=None)
    with pytest.raises(FileTooLargeError) as caught:
        save_file(path, b"x" * 11, expected=stamp, max_bytes=10)
    assert str(path) in caught.value.message
    assert read_file(path) == (b"kept", stamp)
    assert list_backups(path) == []
    assert leftovers(tmp_path) == []
    with pytest.raises(FileTooLargeError):
        save_file(tmp_path / "new.md", b"x" * 11, expected=None, max_bytes=10)
    assert not (tmp_path / "new.md").exists()
    save_file(path, b"x" * 10, expected=stamp, max_bytes=10)
    assert path.read_bytes() == b"x" * 10


def test_an_article_over_the_open_limit_is_not_saved(example_site: Path) -> None:
    article = example_site / ARTICLE
    original = article.read_bytes()
    opened = open_article(article)
    too_big = opened.text + "x" * (MAX_ARTICLE_BYTES + 1 - len(opened.encode(opened.text)))
    assert len(opened.encode(too_big)) == MAX_ARTICLE_BYTES + 1
    with pytest.raises(FileTooLargeError) as caught:
        save_article(opened, too_big)
    assert str(article) in caught.value.message
    assert article.read_bytes() == original
    assert list_backups(article) == []
    assert leftovers(article.parent) == []
    # One byte less can be opened again, so it is saved.
    fits = too_big[:-1]
    save_article(opened, fits)
    assert open_article(article).text == fits


# --- a read-only disk ------------------------------------------------------------------------------------


def _mount(*arguments: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *map(str, arguments)], capture_output=True, text=True, check=False)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding article.md (mode 0644), bind-mounted read-only over itself; needs root."""
    folder = tmp_path / "mounted"
    folder.mkdir()
    (folder / "article.md").write_bytes(b"on a read-only disk\n")
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a read-only folder with")
    bound = _mount("--bind", folder, folder)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.strip()}")
    try:
        remounted = _mount("-o", "remount,bind,ro", folder)
        if remounted.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_disk_is_named_as_such_not_as_a_read_only_file(read_only_folder: Path) -> None:
    path = read_only_folder / "article.md"
    data, stamp = read_file(path)
    # "Save anyway" cannot help on a read-only disk, so forcing gives the same answer.
    for force in (False, True):
        with pytest.raises(FileAccessError) as caught:
            save_file(path, b"edited\n", expected=stamp, force=force)
        assert not isinstance(caught.value, ReadOnlyFileError)
        assert caught.value.message == f"The disk is read-only: could not write {path}"
    assert path.read_bytes() == data
    assert list_backups(path) == []
    assert leftovers(read_only_folder) == []
