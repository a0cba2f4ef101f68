"""The site index on a generated 5,000-article site: listed cold and warm, searched, one article re-indexed.

`python -m benchmarks.index_bench [--articles N]`. Each figure is the median of several runs; the cold
and warm listings also run as the `list --json` command in a fresh process, start-up included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generated_site import generate_site
from editor.site.config import load_site
from editor.site.site_index import SiteIndex

TARGETS = {"cold": 8.0, "warm": 1.0, "search": 0.050, "reindex": 0.050}


def _median(run: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _list_command(site: Path, cache_home: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "editor", "list", "--json", "--site", str(site)],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )
    return time.perf_counter() - started


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    count = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else []).articles
    with tempfile.TemporaryDirectory() as folder:
        root = generate_site(Path(folder) / "site", count)
        site = load_site(root)
        cache = Path(folder) / "index.sqlite3"

        def cold() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(cache) + suffix).unlink(missing_ok=True)
            index = SiteIndex(site, cache)
            index.refresh()
            index.articles()
            index.close()

        def warm() -> None:
            index = SiteIndex(load_site(root), cache)
            index.refresh()
            index.articles()
            index.close()

        rows = [("listed, cold (index built)", _median(cold, 3), TARGETS["cold"])]
        rows.append(("listed, warm (files stat'ed, nothing read)", _median(warm, 5), TARGETS["warm"]))
        cache_home = Path(folder) / "cache-home"
        rows.append(("`list --json`, cold, fresh process", _list_command(root, cache_home), TARGETS["cold"]))
        rows.append(
            (
                "`list --json`, warm, fresh process",
                statistics.median(_list_command(root, cache_home) for _ in range(3)),
                TARGETS["warm"],
            )
        )
        index = SiteIndex(site, cache)
        index.refresh()
        for query, what in (
            ("findes-ikke-1011", "a rare word"),
            ("Østerbro mobility", "a phrase"),
            ("ryggen", "common word"),
        ):
            hits = len(index.search(query))
            rows.append(
                (
                    f"search {what}: {query!r}, {hits} hits",
                    _median(lambda q=query: index.search(q), 7),
                    TARGETS["search"],
                )
            )
        target = root / index.articles()[count // 2].relative
        text = target.read_text(encoding="utf-8")

        def touch_and_update() -> None:
            target.write_text(text + "\nEt nyt afsnit.\n", encoding="utf-8")
            index.update([target])

        def touch_and_refresh() -> None:
            target.write_text(text + "\nEt andet afsnit.\n", encoding="utf-8")
            index.refresh()

        rows.append(
            (
                "one changed article re-indexed (watcher: update)",
                _median(touch_and_update, 9),
                TARGETS["reindex"],
            )
        )
        rows.append(
            ("one changed article found and re-indexed (refresh)", _median(touch_and_refresh, 5), None)
        )
    print(f"{count:,} generated articles, {os.cpu_count()} cores")
    print("| measure | target | median | |\n| --- | ---: | ---: | --- |")
    for name, seconds, target_seconds in rows:
        limit = "—" if target_seconds is None else _shown(target_seconds)
        verdict = "" if target_seconds is None else ("pass" if seconds <= target_seconds else "**miss**")
        print(f"| {name} | {limit} | {_shown(seconds)} | {verdict} |")


def _shown(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
