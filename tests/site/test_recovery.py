"""The recovery store: exact bytes kept privately, a live editor's entries never offered, a dead one's are,
and an autosave killed midway leaves the previous entry whole."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.site.recovery import BufferInfo, RecoveryStore, recovery_folder

INFO = BufferInfo(Path("/site/content/blog/a.md"), Path("/site"), "ab" * 32)

# A stand-in for a crashing editor: keeps writing its buffer, two versions in turn, until it is killed.
WRITER = """
import sys
from pathlib import Path
from editor.site.recovery import BufferInfo, RecoveryStore

entry = RecoveryStore(Path(sys.argv[1])).create_entry()
info = BufferInfo(Path("/site/a.md"), Path("/site"), None)
versions = [b"A" * 2_000_000, b"B" * 1_000_000]
entry.write(versions[0], info)
print("ready", flush=True)
count = 0
while True:
    count += 1
    entry.write(versions[count % 2], info)
"""


@pytest.fixture
def store(tmp_path: Path) -> RecoveryStore:
    return RecoveryStore(tmp_path / "recovery")


def start_writer(folder: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()
    if child.stdout is not None:
        child.stdout.close()


@pytest.fixture
def writer(store: RecoveryStore) -> Iterator[subprocess.Popen[str]]:
    child = start_writer(store.folder)
    yield child
    if child.poll() is None:
        kill(child)


def test_the_store_lives_in_the_user_data_folder(private_user_data: Path) -> None:
    assert recovery_folder().is_relative_to(private_user_data)
    assert RecoveryStore().folder == recovery_folder()


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=2000))
def test_an_entry_gives_back_exactly_the_bytes_written(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    store = RecoveryStore(tmp_path_factory.mktemp("store"))
    entry = store.create_entry()
    entry.write(b"first version", INFO)
    entry.write(data, INFO)
    buffer = entry.read()
    assert buffer is not None
    assert buffer.data == data
    assert buffer.info == INFO
    assert buffer.owner_pid == os.getpid()
    entry.discard()


def test_entries_are_private_to_the_user(store: RecoveryStore) -> None:
    entry = store.create_entry()
    entry.write(b"secret draft", INFO)
    files = list(entry.folder.iterdir())
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(entry.folder.stat().st_mode) & 0o077 == 0
    entry.discard()


def test_a_never_saved_buffer_has_no_article(store: RecoveryStore) -> None:
    entry = store.create_entry()
    entry.write("Ny artikel, æøå\r\n".encode(), BufferInfo(None, None, None))
    buffer = entry.read()
    assert buffer is not None
    assert buffer.info.article is None
    assert buffer.text() == "Ny artikel, æøå\r\n"
    entry.discard()


def test_discard_leaves_nothing_behind(store: RecoveryStore) -> None:
    entry = store.create_entry()
    entry.write(b"draft", INFO)
    entry.discard()
    assert store.entry_count() == 0
    assert list(store.folder.iterdir()) == []
    with pytest.raises(ValueError, match="no longer held"):
        entry.write(b"again", INFO)


def test_a_live_editors_entries_are_not_offered(store: RecoveryStore) -> None:
    entry = store.create_entry()
    entry.write(b"still typing", INFO)
    # A second instance: its own store object over the same folder.
    assert RecoveryStore(store.folder).claim_abandoned() == []
    assert entry.read() is not None
    entry.discard()


def test_a_killed_editors_entry_is_offered_once(store: RecoveryStore, writer: subprocess.Popen[str]) -> None:
    assert store.claim_abandoned() == []  # still running
    kill(writer)
    abandoned = store.claim_abandoned()
    assert len(abandoned) == 1
    assert abandoned[0].buffer.owner_pid == writer.pid
    assert abandoned[0].buffer.info.article == Path("/site/a.md")
    # Held by the first instance to restart, so a second one starting meanwhile does not offer it too.
    assert RecoveryStore(store.folder).claim_abandoned() == []
    abandoned[0].entry.release()
    again = RecoveryStore(store.folder).claim_abandoned()
    assert [item.buffer.data for item in again] == [abandoned[0].buffer.data]
    again[0].entry.discard()
    assert store.entry_count() == 0


@pytest.mark.parametrize("delay", [0.0, 0.01, 0.05, 0.2])
def test_an_autosave_killed_midway_leaves_a_whole_entry(store: RecoveryStore, delay: float) -> None:
    child = start_writer(store.folder)
    time.sleep(delay)  # a moment to kill the writer in: any moment must do
    kill(child)
    abandoned = store.claim_abandoned()
    assert len(abandoned) == 1
    assert abandoned[0].buffer.data in (b"A" * 2_000_000, b"B" * 1_000_000)
    abandoned[0].entry.discard()
    assert list(store.folder.iterdir()) == []


def test_a_damaged_entry_is_not_offered_and_not_deleted(store: RecoveryStore) -> None:
    entry = store.create_entry()
    entry.write(b"draft text", INFO)
    buffer_file = entry.folder / "buffer"
    entry.release()
    buffer_file.write_bytes(buffer_file.read_bytes().replace(b"draft", b"DRAFT"))
    assert store.claim_abandoned() == []
    assert buffer_file.exists()


def test_an_owner_that_died_before_its_first_autosave_leaves_nothing_after_a_while(
    store: RecoveryStore,
) -> None:
    entry = store.create_entry()
    entry.release()
    assert store.claim_abandoned() == []
    assert store.entry_count() == 1  # could be a live editor setting up: too young to remove
    old = time.time() - 3600
    os.utime(entry.folder, (old, old))
    assert store.claim_abandoned() == []
    assert store.entry_count() == 0
