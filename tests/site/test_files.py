"""Saving never loses bytes: atomic replace, change detection, exclusive creation, backups, clear errors."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.site.files import (
    BACKUPS_KEPT,
    STALE_TEMP_SECONDS,
    AlreadyExistsError,
    BackupError,
    ChangedOnDiskError,
    DiskFullError,
    FileAccessError,
    FileStamp,
    FileTooLargeError,
    MissingFileError,
    ReadOnlyFileError,
    SiteFileError,
    backup_folder,
    create_file,
    ensure_folder,
    has_changed,
    list_backups,
    read_file,
    restore_backup,
    save_file,
)


def permissions_bind(tmp_path: Path) -> bool:
    """Whether file modes stop us; root (with CAP_DAC_OVERRIDE) writes and reads through them."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o500)
    try:
        (probe / "x").write_bytes(b"")
    except PermissionError:
        return True
    finally:
        probe.chmod(0o700)
    return False


def require_binding_permissions(tmp_path: Path) -> None:
    if not permissions_bind(tmp_path):
        pytest.skip("running as root, where file modes do not stop reads or writes; other tests cover root")


def leftovers(folder: Path) -> list[str]:
    """Temp files our writer would leave behind after a crash or a bug."""
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- reading ---------------------------------------------------------------------------------------------


def test_read_gives_bytes_and_a_stamp_of_them(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"hello\r\nworld")
    data, stamp = read_file(path)
    assert data == b"hello\r\nworld"
    assert stamp == FileStamp(12, path.stat().st_mtime_ns, hashlib.sha256(data).hexdigest())


def test_read_refuses_a_file_over_the_limit_naming_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(FileTooLargeError) as caught:
        read_file(path, max_bytes=2 * 1024 * 1024)
    assert caught.value.message == f"Too large to open: {path} is 3 MB; the limit is 2 MB"


def test_read_of_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError) as caught:
        read_file(tmp_path / "gone.md")
    assert caught.value.message == f"File not found: {tmp_path / 'gone.md'}"


def test_read_of_a_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="Is a folder"):
        read_file(tmp_path)


def test_read_of_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("this platform has no FIFOs")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(FileAccessError, match="Not a regular file"):
        read_file(fifo)
    assert has_changed(fifo, FileStamp(0, 0, hashlib.sha256(b"").hexdigest()))


def test_read_without_permission_gives_a_human_message(tmp_path: Path) -> None:
    require_binding_permissions(tmp_path)
    path = tmp_path / "secret.md"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(FileAccessError) as caught:
        read_file(path)
    assert caught.value.message == f"Permission denied: {path}"


# --- saving ----------------------------------------------------------------------------------------------


def test_save_then_read_round_trips_and_returns_the_read_stamp(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"first", expected=None)
    assert read_file(path) == (b"first", stamp)
    second = save_file(path, b"second version", expected=stamp)
    assert read_file(path) == (b"second version", second)
    assert leftovers(tmp_path) == []


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=4096), st.binary(max_size=4096))
def test_any_bytes_survive_a_save(
    tmp_path_factory: pytest.TempPathFactory, first: bytes, second: bytes
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "article.md"
    stamp = save_file(path, first, expected=None)
    assert path.read_bytes() == first
    stamp = save_file(path, second, expected=stamp)
    assert path.read_bytes() == second
    assert stamp.sha256 == hashlib.sha256(second).hexdigest()
    assert not has_changed(path, stamp)


def test_a_new_file_gets_0644_less_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    save_file(path, b"x", expected=None)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~current_umask()


def test_the_mode_of_the_replaced_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "private.md"
    stamp = save_file(path, b"x", expected=None)
    path.chmod(0o600)
    save_file(path, b"y", expected=stamp)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_changed_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"mine")
    _, stamp = read_file(path)
    path.write_bytes(b"theirs, longer")
    with pytest.raises(ChangedOnDiskError) as caught:
        save_file(path, b"mine, edited", expected=stamp)
    assert caught.value.message == f"{path} was changed by another program since it was opened"
    assert path.read_bytes() == b"theirs, longer"
    save_file(path, b"mine, edited", expected=stamp, force=True)
    assert path.read_bytes() == b"mine, edited"


def test_a_change_of_same_size_and_mtime_is_still_caught(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"aaaa")
    _, stamp = read_file(path)
    path.write_bytes(b"bbbb")
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))
    assert path.stat().st_mtime_ns == stamp.mtime_ns
    assert has_changed(path, stamp)
    with pytest.raises(ChangedOnDiskError):
        save_file(path, b"cccc", expected=stamp)
    assert path.read_bytes() == b"bbbb"


def test_a_file_deleted_since_opening_is_not_silently_recreated(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"x", expected=None)
    path.unlink()
    assert has_changed(path, stamp)
    with pytest.raises(ChangedOnDiskError, match="deleted or moved"):
        save_file(path, b"y", expected=stamp)
    assert not path.exists()
    save_file(path, b"y", expected=stamp, force=True)
    assert path.read_bytes() == b"y"


def test_a_new_file_does_not_replace_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"already here")
    with pytest.raises(AlreadyExistsError) as caught:
        save_file(path, b"new", expected=None)
    assert caught.value.message == f"Already exists: {path}"
    assert path.read_bytes() == b"already here"
    save_file(path, b"new", expected=None, force=True)
    assert path.read_bytes() == b"new"


def test_a_read_only_file_needs_force_and_stays_read_only(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_bytes(b"x")
    path.chmod(0o444)
    _, stamp = read_file(path)
    with pytest.raises(ReadOnlyFileError, match="Read-only file"):
        save_file(path, b"y", expected=stamp)
    assert path.read_bytes() == b"x"
    save_file(path, b"y", expected=stamp, force=True)
    assert path.read_bytes() == b"y"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    link = tmp_path / "link.md"
    real.write_bytes(b"x")
    link.symlink_to(real)
    _, stamp = read_file(link)
    save_file(link, b"through the link", expected=stamp)
    assert link.is_symlink()
    assert real.read_bytes() == b"through the link"


def test_a_failed_save_leaves_no_temp_file_and_says_why(tmp_path: Path) -> None:
    # A parent that is a regular file makes the write fail for root too, where chmod would not.
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"x")
    with pytest.raises(FileAccessError) as caught:
        save_file(blocker / "a.md", b"y", expected=None)
    assert caught.value.message == f"Not a folder: part of {blocker / 'a.md'} is a file"
    assert leftovers(tmp_path) == []
    assert blocker.read_bytes() == b"x"


def test_a_save_removes_the_stale_temp_files_of_a_killed_save_of_that_file_only(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"old", expected=None)
    stale = time.time() - STALE_TEMP_SECONDS - 60
    killed = tmp_path / ".a.md.0123abcd.tmp"  # what a save killed between write and rename leaves
    in_progress = tmp_path / ".a.md.89abcdef.tmp"  # another process saving a.md right now
    others = [
        tmp_path / ".b.md.0123abcd.tmp",
        tmp_path / ".a.md.mine.tmp",
        tmp_path / ".a.md.0123abcd.tmp.md",
    ]
    for temp in [killed, in_progress, *others]:
        temp.write_bytes(b"partial")
    for temp in [killed, *others]:
        os.utime(temp, (stale, stale))
    save_file(path, b"new", expected=stamp)
    assert path.read_bytes() == b"new"
    assert not killed.exists()
    assert in_progress.exists()
    assert all(other.exists() for other in others)


def test_saving_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as caught:
        save_file(tmp_path / "missing" / "a.md", b"y", expected=None)
    assert caught.value.message == f"Folder not found: {tmp_path / 'missing'}"


def test_saving_onto_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.md").mkdir()
    with pytest.raises(FileAccessError, match="Is a folder"):
        save_file(tmp_path / "a.md", b"y", expected=None, force=True)
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_leaves_the_file_and_no_temp(tmp_path: Path) -> None:
    require_binding_permissions(tmp_path)
    folder = tmp_path / "site"
    folder.mkdir()
    path = folder / "a.md"
    stamp = save_file(path, b"x", expected=None)
    folder.chmod(0o500)
    try:
        with pytest.raises(FileAccessError) as caught:
            save_file(path, b"y", expected=stamp)
        assert caught.value.message == f"Permission denied: {path}"
        assert path.read_bytes() == b"x"
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o700)


# --- a full disk -----------------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs, so that a write really runs out of space."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a small disk with")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as err:
            assert err.errno == errno.ENOSPC


def test_a_full_disk_raises_disk_full_and_keeps_the_original(tiny_disk: Path) -> None:
    path = tiny_disk / "a.md"
    stamp = save_file(path, b"original", expected=None)
    fill(tiny_disk)
    with pytest.raises(DiskFullError) as caught:
        save_file(path, b"a much longer text " * 1000, expected=stamp)
    assert caught.value.message == f"The disk is full: could not write {path}"
    assert path.read_bytes() == b"original"
    assert leftovers(tiny_disk) == []
    with pytest.raises(DiskFullError):
        create_file(tiny_disk / "new.png", b"x" * 20_000)
    assert not (tiny_disk / "new.png").exists()
    assert leftovers(tiny_disk) == []


# --- creating --------------------------------------------------------------------------------------------


def test_create_writes_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "img.png"
    stamp = create_file(path, b"png bytes")
    assert read_file(path) == (b"png bytes", stamp)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~current_umask()
    assert leftovers(tmp_path) == []


def test_create_never_overwrites_and_cleans_up_its_temp(tmp_path: Path) -> None:
    path = tmp_path / "img.png"
    path.write_bytes(b"someone else's")
    with pytest.raises(AlreadyExistsError):
        create_file(path, b"mine")
    assert path.read_bytes() == b"someone else's"
    # The refusal comes after our temp file was written; it must be gone.
    assert leftovers(tmp_path) == []


def test_create_does_not_follow_a_dangling_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    (tmp_path / "img.png").symlink_to(outside)
    with pytest.raises(AlreadyExistsError):
        create_file(tmp_path / "img.png", b"x")
    assert not outside.exists()


def test_ensure_folder_makes_parents_and_refuses_a_file(tmp_path: Path) -> None:
    ensure_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(FileAccessError, match="Not a folder"):
        ensure_folder(tmp_path / "file")


def test_every_error_is_a_site_file_error_with_a_one_line_message(tmp_path: Path) -> None:
    with pytest.raises(SiteFileError) as caught:
        read_file(tmp_path / "gone.md")
    assert "\n" not in caught.value.message
    assert str(caught.value) == caught.value.message


# --- backups ---------------------------------------------------------------------------------------------


def test_saving_keeps_the_previous_bytes_as_a_backup(tmp_path: Path, private_user_data: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"one", expected=None)
    stamp = save_file(path, b"two", expected=stamp)
    save_file(path, b"three", expected=stamp)
    backups = list_backups(path)
    assert [backup.path.read_bytes() for backup in backups] == [b"two", b"one"]
    assert backups[0].created > backups[1].created
    assert backups[0].size == 3
    folder = backup_folder(path)
    assert folder.is_relative_to(private_user_data)
    assert folder.name == hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:16]
    assert (folder / "origin.txt").read_text(encoding="utf-8") == f"{os.path.realpath(path)}\n"
    assert stat.S_IMODE(backups[0].path.stat().st_mode) == 0o600


def test_backups_are_pruned_to_the_newest_twenty(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"version 0", expected=None)
    for number in range(1, 26):
        stamp = save_file(path, f"version {number}".encode(), expected=stamp)
    backups = list_backups(path)
    assert len(backups) == BACKUPS_KEPT
    assert backups[0].path.read_bytes() == b"version 24"
    assert backups[-1].path.read_bytes() == b"version 5"


def test_saving_unchanged_bytes_adds_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"one", expected=None)
    stamp = save_file(path, b"one", expected=stamp)
    assert list_backups(path) == []
    stamp = save_file(path, b"two", expected=stamp)
    assert len(list_backups(path)) == 1


def test_no_backup_when_the_caller_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"one", expected=None)
    save_file(path, b"two", expected=stamp, keep_backup=False)
    assert list_backups(path) == []


def test_restoring_a_backup_is_itself_undoable(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"good", expected=None)
    stamp = save_file(path, b"broken", expected=stamp)
    (good,) = list_backups(path)
    restored = restore_backup(path, good, expected=stamp)
    assert read_file(path) == (b"good", restored)
    assert list_backups(path)[0].path.read_bytes() == b"broken"


def test_restoring_refuses_a_backup_of_another_file(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    stamp = save_file(other, b"a", expected=None)
    save_file(other, b"b", expected=stamp)
    (backup,) = list_backups(other)
    path = tmp_path / "a.md"
    stamp = save_file(path, b"x", expected=None)
    with pytest.raises(ValueError, match="not a backup of"):
        restore_backup(path, backup, expected=stamp)
    assert path.read_bytes() == b"x"


def test_a_backup_that_cannot_be_written_stops_the_save_before_it_replaces_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    stamp = save_file(path, b"one", expected=None)
    blocker = tmp_path / "data-home-is-a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(BackupError, match="Could not keep a backup of"):
        save_file(path, b"two", expected=stamp)
    assert path.read_bytes() == b"one"
    assert leftovers(tmp_path) == []
    save_file(path, b"two", expected=stamp, keep_backup=False)
    assert path.read_bytes() == b"two"
