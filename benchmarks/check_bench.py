"""How long `article-editor check` takes over 1,000 generated articles and over one 1 MB article."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import SAMPLE, large_article, sample_text

EXAMPLE_SITE = SAMPLE.parent.parent.parent


def _time_check(arguments: list[str], repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "editor", "check", *arguments], capture_output=True, check=False
        )
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    """Print a table of check timings (whole process, start-up included)."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(EXAMPLE_SITE, site)
        blog = site / "content" / "blog"
        text = sample_text()
        for number in range(1, 1000):
            (blog / f"artikel-{number:04d}.md").write_text(
                text.replace("Har din", f"Nr. {number}: Har din"), encoding="utf-8"
            )
        big = Path(folder) / "big.md"
        big.write_text(large_article(1_000_000), encoding="utf-8")
        rows = [
            ("check, 1 sample article (start-up cost)", _time_check([str(blog / "mr-scanning.md")], 5)),
            ("check, 1,000 articles", _time_check([str(site)], 3)),
            (
                f"check, one {big.stat().st_size / 1e6:.1f} MB article",
                _time_check(["--site", str(site), str(big)], 5),
            ),
        ]
    print(f"{'what':45} {'median':>9} {'min':>9}")
    for name, timings in rows:
        print(f"{name:45} {statistics.median(timings):8.3f}s {min(timings):8.3f}s")


if __name__ == "__main__":
    main()
