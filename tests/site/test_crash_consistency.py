"""A save killed at any moment leaves the old article or the new one on disk, never a mix, never nothing.

A child process saves a growing article in a loop through the real writer (backups included) and says on
stdout when each save starts and ends; the parent kills it with SIGKILL at a random moment and compares the
file with the versions that save could have left. 200 kills take about 20 s; CRASH_KILLS=20 shortens a
development loop.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from editor.site.article_files import open_article, save_article
from editor.site.config import load_site
from editor.site.files import STALE_TEMP_SECONDS, backup_folder, list_backups

from .growing_article import version_of, version_text

KILLS = int(os.environ.get("CRASH_KILLS", "200"))
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# The child imports only the writer (files.py), so a new process is ready in a twentieth of a second; it saves
# as save_article does: the bytes read are the expected stamp, and the previous version goes to the backups.
CHILD = """
import os
import sys
from pathlib import Path
from editor.site.files import read_file, save_file
sys.path.insert(0, sys.argv[2])
from growing_article import version_of, version_text

path = Path(sys.argv[1])
data, stamp = read_file(path)
number = version_of(data.decode("utf-8"))
os.write(1, b"ready\\n")
while True:
    number += 1
    os.write(1, b"start %d\\n" % number)  # one write each, so a kill cannot cut a line in two
    stamp = save_file(path, version_text(number).encode("utf-8"), expected=stamp)
    os.write(1, b"saved %d\\n" % number)
"""


def temp_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.name.endswith(".tmp"))


def save_until_killed(article: Path, delay: float) -> tuple[int | None, int | None]:
    """Run a saving child and SIGKILL it `delay` s after it is ready: the last version it started and saved."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(article), str(HERE)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline() == "ready\n"
        time.sleep(delay)  # the crash comes at a random moment: there is nothing to wait for, by design
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
        started = saved = None
        for line in child.stdout.read().splitlines():
            word, number = line.split()
            if word == "start":
                started = int(number)
            else:
                saved = int(number)
    return started, saved


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_version(example_site: Path) -> None:
    article = example_site / "content" / "blog" / "crash.md"
    article.write_text(version_text(0), encoding="utf-8")
    chance = random.Random(20261125)
    outcomes = {"between saves": 0, "mid-save, old kept": 0, "mid-save, new in place": 0}
    began = time.perf_counter()
    for kill in range(KILLS):
        before = version_of(article.read_text(encoding="utf-8"))
        started, saved = save_until_killed(article, chance.uniform(0.0, 0.03))
        old = before if saved is None else saved
        new = old if started is None else started
        data = article.read_bytes()
        if data == version_text(new).encode("utf-8"):
            outcomes["between saves" if new == old else "mid-save, new in place"] += 1
        else:
            assert data == version_text(old).encode("utf-8"), (
                f"kill {kill}: the {len(data)} bytes on disk are neither version {old} nor {new}"
            )
            outcomes["mid-save, old kept"] += 1
    elapsed = time.perf_counter() - began
    left = temp_files(article.parent)
    print(f"\n{KILLS} kills in {elapsed:.1f} s: {outcomes}; {len(left)} temp files left beside the article")
    assert outcomes["mid-save, old kept"] > 0, "no kill landed inside a save: the test proved nothing"

    # What a crash leaves is ignored by everything that reads: the article opens, the site lists no temp file.
    reopened = open_article(article)
    assert version_of(reopened.text) >= version_of(version_text(0))
    assert not [path for path in load_site(example_site).articles() if path.name.endswith(".tmp")]
    assert list_backups(article)

    # ... and the next save removes it once it is older than any save could take.
    stale = time.time() - STALE_TEMP_SECONDS - 60
    for path in left + temp_files(backup_folder(article)):
        os.utime(path, (stale, stale))
    saved_again = save_article(reopened, version_text(version_of(reopened.text) + 1))
    assert article.read_bytes() == saved_again.encode(saved_again.text)
    assert temp_files(article.parent) == []
    assert temp_files(backup_folder(article)) == []
