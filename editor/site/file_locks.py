"""Advisory locks between processes: a file's lock (recovery entries) and a folder's lock (saves)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from editor.article.translatable import translatable
from editor.site.errors import FileAccessError, os_error

# A save holds its folder's lock for milliseconds (seconds for 16 MB on a slow disk); waiting longer than
# this means another process hangs, and the writer is better told than left with a frozen window.
SAVE_LOCK_WAIT_SECONDS = 15.0
_SAVE_LOCK_POLL_SECONDS = 0.005


class FileLock:
    """An exclusive advisory lock on a file, held until `release` or until the process ends (even killed)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        """Give the lock up; closing the descriptor is what releases it."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.release()


def lock_file(path: Path) -> FileLock | None:
    """Lock `path` (created, 0600, if missing) for this process; None while another process holds it.

    The operating system drops the lock when its holder dies, however it dies, so a lock that can be
    taken tells a live owner from a crashed one without trusting process ids, which get reused.
    """
    try:
        fd = os.open(
            path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0), 0o600
        )
    except OSError as err:
        raise os_error(err, path, writing=True) from None
    try:
        if _try_lock(fd):
            return FileLock(fd)
    except OSError as err:
        os.close(fd)
        raise os_error(err, path, writing=True) from None
    os.close(fd)
    return None


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        # flock, not fcntl's record locks: it belongs to this open file, so two stores in one process
        # (or two windows) exclude each other too, and a close elsewhere in the process cannot drop it.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def save_lock(target: Path, shown: Path) -> Iterator[None]:
    """Hold the lock under which a save of `target` checks the file on disk and replaces it.

    Two processes (two windows, a window and the command line) that both pass the "unchanged on disk"
    check before either replaces the file would lose one edit; under this lock the second one sees the
    first one's bytes and is refused instead. The lock is on the file's folder, which a replace does not
    change (the file itself becomes a new inode at every save); another process's save of the same file
    waits, up to SAVE_LOCK_WAIT_SECONDS.
    """
    if sys.platform == "win32":
        # Windows cannot open a folder for locking: lock a file named after the folder, in our data folder.
        from editor.site.files import ensure_folder, user_data_folder

        locks = user_data_folder() / "locks"
        ensure_folder(locks)
        key = hashlib.sha256(os.fsencode(os.path.realpath(target.parent))).hexdigest()[:16]
        fd = os.open(locks / key, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    else:
        try:
            fd = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
        except FileNotFoundError:
            # No folder, no file to lose: the save goes on to say what is missing ("deleted or moved").
            yield
            return
        except OSError as err:
            raise os_error(err, shown, writing=True) from None
    try:
        deadline = time.monotonic() + SAVE_LOCK_WAIT_SECONDS
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise FileAccessError.of(
                    translatable("SiteFileError", "Another program is saving {path}; try again"), path=shown
                )
            time.sleep(_SAVE_LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(fd)
