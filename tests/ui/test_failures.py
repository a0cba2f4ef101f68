"""Saving and inserting images when the disk says no: a clear message naming the file, the edits kept, nothing
half-written left behind, and the window still working.

The conditions are real, not simulated. As root (CI containers), file modes stop nothing, so a read-only
folder is a read-only bind mount, a full disk a 64 KB tmpfs, and "permission denied" comes from acting as
the user `nobody` for the duration of the save; as an ordinary user, file modes do the same job.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

from .dialogs import press, type_and_accept, when_dialog_opens
from .window_on_site import ARTICLE, window_on

pytestmark = pytest.mark.gui
IMAGES = Path("public/images/blog")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# --- real failing disks ------------------------------------------------------------------------------------


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, check=False)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` and all in it cannot be written: a read-only bind mount as root, file modes otherwise."""
    if IS_ROOT:
        if shutil.which("mount") is None:
            pytest.skip("no mount command to make a read-only folder with as root")
        bound = _run("mount", "--bind", folder, folder)
        if bound.returncode != 0:
            pytest.skip(f"cannot bind-mount here: {bound.stderr.strip()}")
        try:
            remounted = _run("mount", "-o", "remount,bind,ro", folder)
            if remounted.returncode != 0:
                pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")
            yield
        finally:
            _run("umount", folder)
        return
    entries = [folder, *folder.rglob("*")]
    modes = {entry: entry.stat().st_mode for entry in entries}
    for entry in entries:
        entry.chmod(0o555 if entry.is_dir() else 0o444)
    try:
        yield
    finally:
        for entry in reversed(entries):
            entry.chmod(modes[entry])


@contextmanager
def tiny_disk(folder: Path) -> Iterator[None]:
    """A full 64 KB tmpfs mounted over `folder`, holding the files `folder` had."""
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("a small disk needs root and mount; as a user there is no honest way to fill one")
    kept = folder.with_name(folder.name + ".kept")
    shutil.copytree(folder, kept)
    mounted = _run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        shutil.copytree(kept, folder, dirs_exist_ok=True)
        with open(folder / ".filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass
        yield
    finally:
        _run("umount", folder)


class OtherUser:
    """Acting as an unprivileged user, so that file modes refuse us: as root, `nobody`; otherwise, ourselves."""

    def __init__(self) -> None:
        self.active = False
        self._groups: list[int] = []

    def enter(self) -> None:
        if not IS_ROOT or self.active:
            return
        try:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
        except KeyError:
            uid = gid = 65534
        self._groups = os.getgroups()
        os.setgroups([])
        os.setegid(gid)
        os.seteuid(uid)
        self.active = True

    def leave(self) -> None:
        if not self.active:
            return
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(self._groups)
        self.active = False


@pytest.fixture
def other_user() -> Iterator[OtherUser]:
    user = OtherUser()
    try:
        yield user
    finally:
        user.leave()


@pytest.fixture
def shared_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example site where another user can reach it (pytest's own temp folders are private to us)."""
    top = Path(tempfile.mkdtemp(prefix="article-editor-"))
    top.chmod(0o755)
    site = top / "site"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "example-site", site)
    # Backups go where that user may write, so the save fails at the article, as it would for them.
    data_home = top / "data"
    data_home.mkdir(mode=0o777)
    data_home.chmod(0o777)
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    try:
        yield site
    finally:
        shutil.rmtree(top, ignore_errors=True)


# --- helpers -----------------------------------------------------------------------------------------------


def answer_and_note(seen: list[str]) -> None:
    """Press OK in the next message box, noting its text in `seen`."""
    when_dialog_opens(press(QMessageBox.StandardButton.Ok, seen))


def press_then(first: QMessageBox.StandardButton, seen: list[str]) -> Callable[[QDialog], None]:
    """Press `first` in this message box, then OK in the one that follows it."""

    def answer(dialog: QDialog) -> None:
        when_dialog_opens(press(QMessageBox.StandardButton.Ok, seen))
        press(first, seen)(dialog)

    return answer


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes, to show nothing was added, removed or half-written."""
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir())
        if entry.is_file() and entry.name != ".filler"
    }


def edit(qtbot: QtBot, window: MainWindow, words: str) -> str:
    window.editor.go_to_line(12)
    qtbot.keyClicks(window.editor, words)
    assert window.session.is_modified()
    return window.editor.text()


def assert_still_working(window: MainWindow, qtbot: QtBot, text: str) -> None:
    assert window.isVisible()
    assert window.session.is_modified()
    assert window.isWindowModified()
    assert window.editor.text() == text
    qtbot.keyClicks(window.editor, "!")
    assert window.editor.text() != text


def make_png(folder: Path, name: str = "Nyt billede.png") -> Path:
    source = folder / name
    Image.new("RGB", (20, 10), "teal").save(source)
    return source


def drop(window: MainWindow, source: Path) -> None:
    window.editor.image_files_dropped.emit([source], 0)


def drop_and_note(window: MainWindow, source: Path) -> list[str]:
    """Drop `source` on the editor and press OK in the message box that follows; returns the box's text."""
    seen: list[str] = []
    answer_and_note(seen)
    drop(window, source)
    return seen


@pytest.fixture
def window(example_site: Path, settings: QSettings) -> Iterator[MainWindow]:
    with window_on(settings, example_site / ARTICLE, size=(1200, 800)) as main:
        yield main


# --- the article ------------------------------------------------------------------------------------------


def test_a_read_only_article_is_not_saved_and_the_edits_stay(
    window: MainWindow, example_site: Path, qtbot: QtBot
) -> None:
    article = example_site / ARTICLE
    text = edit(qtbot, window, "Nye ord. ")
    with read_only(article.parent):
        before = folder_state(article.parent)
        seen: list[str] = []
        answer_and_note(seen)
        assert not window.save()
        assert folder_state(article.parent) == before
    # As root the folder is a read-only mount, which is named as such: "save anyway" could not help there.
    reason = f"The disk is read-only: could not write {article}" if IS_ROOT else f"Read-only file: {article}"
    assert seen == [f"{reason}\n\nYour edits are kept."]
    assert_still_working(window, qtbot, text)


def test_a_deleted_folder_is_not_recreated_by_a_save(
    window: MainWindow, example_site: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    article = example_site / ARTICLE
    text = edit(qtbot, window, "Nye ord. ")
    shutil.rmtree(article.parent)
    seen: list[str] = []
    when_dialog_opens(press_then(QMessageBox.StandardButton.Save, seen))  # "Overwrite", then OK
    assert not window.save()
    assert "was deleted or moved" in seen[0]
    assert seen[1] == f"Folder not found: {article.parent}\n\nYour edits are kept."
    assert not article.parent.exists()
    assert_still_working(window, qtbot, text)


def test_a_full_disk_fails_the_save_whole(window: MainWindow, example_site: Path, qtbot: QtBot) -> None:
    article = example_site / ARTICLE
    folder = article.parent
    data = article.read_bytes()
    # Reopened on the small disk, so the session's file is the one on it.
    with tiny_disk(folder):
        assert window.open_path(article)
        # Pasted, not typed: 34 000 key presses would take minutes.
        window.editor.textCursor().insertText("Et langt afsnit. " * 2000)
        text = window.editor.text()
        before = folder_state(folder)
        seen: list[str] = []
        answer_and_note(seen)
        assert not window.save()
        assert folder_state(folder) == before
        assert article.read_bytes() == data
        assert seen == [f"The disk is full: could not write {article}\n\nYour edits are kept."]
        assert_still_working(window, qtbot, text)
        window.session.document.setModified(False)


def test_permission_denied_on_save_names_the_file(
    shared_site: Path, settings: QSettings, qtbot: QtBot, other_user: OtherUser
) -> None:
    article = shared_site / ARTICLE
    data = article.read_bytes()
    with window_on(settings, article, size=(1200, 800)) as window:
        text = edit(qtbot, window, "Nye ord. ")
        folder = article.parent
        mode = folder.stat().st_mode
        if not IS_ROOT:
            folder.chmod(0o555)
        before = folder_state(folder)
        seen: list[str] = []

        def answer(dialog: QDialog) -> None:
            other_user.leave()  # the refusal has happened; the rest of the test runs as ourselves
            press(QMessageBox.StandardButton.Ok, seen)(dialog)

        when_dialog_opens(answer)
        other_user.enter()
        try:
            assert not window.save()
        finally:
            other_user.leave()
            folder.chmod(mode)
        assert seen == [f"Permission denied: {article}\n\nYour edits are kept."]
        assert folder_state(folder) == before
        assert article.read_bytes() == data
        assert_still_working(window, qtbot, text)


def test_permission_denied_on_open_keeps_the_open_article(
    shared_site: Path, settings: QSettings, qtbot: QtBot, other_user: OtherUser
) -> None:
    article = shared_site / ARTICLE
    locked = article.with_name("locked.md")
    shutil.copyfile(article, locked)
    locked.chmod(0)
    with window_on(settings, article, size=(1200, 800)) as window:
        text = window.editor.text()
        seen: list[str] = []

        def answer(dialog: QDialog) -> None:
            other_user.leave()
            press(QMessageBox.StandardButton.Ok, seen)(dialog)

        when_dialog_opens(answer)
        other_user.enter()
        try:
            assert not window.open_path(locked)
        finally:
            other_user.leave()
        assert seen == [f"Permission denied: {locked}"]
        assert window.session.path == article
        assert window.editor.text() == text
        assert window.isVisible()


# --- images -----------------------------------------------------------------------------------------------


def test_a_read_only_image_folder_refuses_the_image_and_keeps_the_text(
    window: MainWindow, example_site: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    images = example_site / IMAGES
    source = make_png(tmp_path)
    text = edit(qtbot, window, "Nye ord. ")
    with read_only(images):
        before = folder_state(images)
        seen = drop_and_note(window, source)
        assert folder_state(images) == before
    target = images / "nyt-billede.png"
    assert seen[0] in (
        f"The disk is read-only: could not write {target}",
        f"Permission denied: {target}",
    )
    assert_still_working(window, qtbot, text)


def test_a_missing_image_folder_is_created(
    window: MainWindow, example_site: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    images = example_site / IMAGES
    shutil.rmtree(images)
    source = make_png(tmp_path)
    when_dialog_opens(type_and_accept("Et billede"))
    drop(window, source)
    assert (images / "nyt-billede.png").read_bytes() == source.read_bytes()
    assert window.editor.text().startswith("![Et billede](/images/blog/nyt-billede.png)")


def test_an_image_folder_that_cannot_be_created_is_named(
    window: MainWindow, example_site: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    images = example_site / IMAGES
    shutil.rmtree(images)
    source = make_png(tmp_path)
    text = edit(qtbot, window, "Nye ord. ")
    with read_only(images.parent):
        seen = drop_and_note(window, source)
    assert seen[0] in (f"The disk is read-only: could not write {images}", f"Permission denied: {images}")
    assert not images.exists()
    assert_still_working(window, qtbot, text)


def test_a_full_image_disk_leaves_no_half_image(
    window: MainWindow, example_site: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    images = example_site / IMAGES
    source = tmp_path / "big.png"
    Image.effect_noise((200, 200), 80).convert("RGB").save(source)  # ~120 KB: more than the disk holds
    text = edit(qtbot, window, "Nye ord. ")
    with tiny_disk(images):
        before = folder_state(images)
        seen = drop_and_note(window, source)
        assert folder_state(images) == before
        assert [name for name in os.listdir(images) if name.endswith(".tmp")] == []
    assert seen == [f"The disk is full: could not write {images / 'big.png'}"]
    assert_still_working(window, qtbot, text)
