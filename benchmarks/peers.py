"""The editor beside its peers, on one private X server: start-up, first preview, memory and typing of
Article Editor, ghostwriter and ReText (its own preview and its WebEngine one) on the same three documents,
in interleaved rounds. `python -m benchmarks.peers` (or `make bench-peers`); installs nothing, and leaves
out a peer that is not installed (Debian: apt-get install xvfb ghostwriter retext).

Everything is seen from the X server, the same way for every editor: a window mapped (MapNotify on the
root), every repaint (the DAMAGE extension), and the pixels of a region when a repaint touches it. Keys go
in through XTEST as from a keyboard. Each run starts the editor afresh with an empty home folder of its
own (so no settings, sessions or caches from the last run), on a fresh copy of the example site.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import itertools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops

from benchmarks.corpus import repeated_article
from benchmarks.harness import process_tree, tree_memory
from benchmarks.x11 import Screen

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "resources" / "example-site"
BLOG = Path("content") / "blog"
SCREEN_SIZE = (1600, 1000)
# Letters Danish prose rarely has, as in window_bench.
TYPED = "qzx "
Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the window
# A region that repainted is looked at again after at most this long (seconds).
GRAB_INTERVAL = 0.04


@dataclass(frozen=True)
class App:
    """An editor under test: how to start it on a document, and where its source and preview are."""

    name: str
    program: str
    arguments: Callable[[Path], list[str]]
    preview: Box
    source: Box
    configure: Callable[[Path], None] = lambda _config: None
    cwd: Path = ROOT

    def available(self) -> bool:
        return shutil.which(self.program) is not None


def _retext_config(web_engine: bool) -> Callable[[Path], None]:
    def configure(config: Path) -> None:
        # ReText opens without a preview unless told; live preview is the side-by-side mode.
        folder = config / "ReText project"
        folder.mkdir(parents=True)
        engine = "true" if web_engine else "false"
        (folder / "ReText.conf").write_text(
            f"[General]\ndefaultPreviewState=live-preview\nuseWebEngine={engine}\n", encoding="utf-8"
        )

    return configure


APPS = (
    App(
        "us",
        sys.executable,
        lambda path: ["-m", "editor", str(path)],
        preview=(0.63, 0.05, 0.97, 0.70),
        source=(0.25, 0.05, 0.58, 0.70),
    ),
    # ghostwriter opens with its HTML preview beside the text.
    App(
        "ghostwriter",
        "ghostwriter",
        lambda path: [str(path)],
        (0.62, 0.08, 0.97, 0.88),
        (0.22, 0.08, 0.58, 0.88),
    ),
    App(
        "ReText",
        "retext",
        lambda path: [str(path)],
        (0.53, 0.18, 0.97, 0.97),
        (0.02, 0.18, 0.47, 0.97),
        _retext_config(web_engine=False),
    ),
    App(
        "ReText+WebEngine",
        "retext",
        lambda path: [str(path)],
        (0.53, 0.18, 0.97, 0.97),
        (0.02, 0.18, 0.47, 0.97),
        _retext_config(web_engine=True),
    ),
)

# The peers that preview through QtWebEngine, as we do (ReText's own preview is a QTextBrowser).
WEB_ENGINE = ("ghostwriter", "ReText+WebEngine")
# (row key, label, unit); every row is "less is better".
ROWS = (
    ("mapped", "window mapped", "s"),
    ("painted", "first paint", "s"),
    ("preview", "first preview with content", "s"),
    ("settled", "settled (last repaint of start-up)", "s"),
    ("maps", "top-level windows mapped", ""),
    ("rss", "RSS of the process tree", "MB"),
    ("pss", "PSS of the process tree", "MB"),
    ("own", "own pages of the tree (each once)", "MB"),
    ("lag", "typing lag: last key to all keys handled", "s"),
    ("gap", "longest repaint gap while typing", "s"),
    ("preview_after", "last preview repaint after the last key", "s"),
    ("rss_typed", "RSS of the tree after typing", "MB"),
)


@dataclass
class Options:
    rounds: int = 3
    sizes: tuple[int, ...] = (1, 20, 200)
    keys: int = 200
    key_interval: float = 0.02
    quiet: float = 2.0
    timeout: float = 60.0
    apps: tuple[str, ...] = tuple(app.name for app in APPS)


# ---- one run ----------------------------------------------------------------------------------------


def _content(image: Image.Image) -> float:
    """The share of an image's pixels that differ clearly from its commonest shade: 0 for an empty or
    one-colour area, a few per cent for a page of text, light or dark."""
    histogram = image.convert("L").histogram()
    commonest = max(range(256), key=histogram.__getitem__)
    near = sum(histogram[max(0, commonest - 40) : commonest + 41])
    return 1 - near / (image.width * image.height)


def _changed(before: Image.Image | None, after: Image.Image) -> bool:
    """Whether the pixels changed by more than a blinking caret (a change at most 4 pixels wide)."""
    if before is None or before.size != after.size:
        return True
    box = ImageChops.difference(before, after).getbbox()
    return box is not None and box[2] - box[0] > 4


def _share_changed(before: Image.Image, after: Image.Image) -> float:
    """The share of pixels that changed clearly between two grabs of one region."""
    histogram = ImageChops.difference(before, after).convert("L").histogram()
    return 1 - sum(histogram[:25]) / (after.width * after.height)


@dataclass
class Watch:
    """What the screen did since the editor started, seen from the X server.

    A repaint (damage) only says that a region was drawn: an editor whose window is composited with
    OpenGL redraws all of it to blink its caret. So each region a repaint touches is grabbed (at most
    every GRAB_INTERVAL) and compared with its last grab; a change counts at the time of the repaint.
    """

    screen: Screen
    app: App
    started: float
    main: int | None = None
    geometry: tuple[int, int, int, int] | None = None
    maps: int = 0
    marks: dict[str, float] = field(default_factory=dict)
    # Regions looked at: the whole window only during start-up (it is the largest grab).
    watched: tuple[str, ...] = ("window", "source", "preview")
    changes: dict[str, list[float]] = field(
        default_factory=lambda: {"window": [], "source": [], "preview": []}
    )
    _dirty: dict[str, float] = field(default_factory=dict)
    _images: dict[str, Image.Image] = field(default_factory=dict)
    _grabbed: dict[str, float] = field(default_factory=dict)

    def box(self, region: str) -> tuple[int, int, int, int]:
        assert self.geometry is not None
        fractions = {"window": (0.0, 0.0, 1.0, 1.0), "source": self.app.source, "preview": self.app.preview}[
            region
        ]
        x, y, width, height = self.geometry
        left, top = max(0, x + int(width * fractions[0])), max(0, y + int(height * fractions[1]))
        right = min(SCREEN_SIZE[0], x + int(width * fractions[2]))
        bottom = min(SCREEN_SIZE[1], y + int(height * fractions[3]))
        return left, top, max(1, right - left), max(1, bottom - top)

    def pump(self, timeout: float) -> None:
        """Read what happened (waiting up to `timeout`), and look at the pixels where it matters."""
        for event in self.screen.events(timeout):
            if event.kind == "map" and not event.override_redirect:
                geometry = self.screen.geometry(event.window)
                if geometry is None or geometry[2] < 200 or geometry[3] < 200:
                    continue
                self.maps += 1
                self.marks.setdefault("mapped", event.at)
                self.main, self.geometry = event.window, geometry
                self._images.clear()
            elif event.kind == "configure" and event.window == self.main:
                self.geometry = (event.x, event.y, event.width, event.height)
                self._images.clear()
            elif event.kind == "damage" and self.geometry is not None:
                rectangle = (event.x, event.y, event.width, event.height)
                for region in self.watched:
                    if _overlaps(rectangle, self.box(region)):
                        self._dirty[region] = event.at
        now = time.monotonic()
        for region, at in list(self._dirty.items()):
            if now - self._grabbed.get(region, 0.0) >= GRAB_INTERVAL:
                del self._dirty[region]
                self._grabbed[region] = now
                self._look(region, at)

    def _look(self, region: str, at: float) -> None:
        x, y, width, height = self.box(region)
        data, stride = self.screen.grab(x, y, width, height)
        if not data:
            return
        image = Image.frombuffer("RGB", (width, height), data, "raw", "BGRX", stride, 1).copy()
        before = self._images.get(region)
        selecting = region == "source" and "select_all" in self.marks and "selected" not in self.marks
        if (
            selecting
            and before is not None
            and before.size == image.size
            and _share_changed(before, image) > 0.2
        ):
            self.marks["selected"] = at
        if _changed(before, image):
            self.changes[region].append(at)
            if region == "window" and "painted" not in self.marks and _content(image) > 0.005:
                self.marks["painted"] = at
            if region == "preview" and "preview" not in self.marks and _content(image) > 0.01:
                self.marks["preview"] = at
        self._images[region] = image

    def last_change(self, regions: tuple[str, ...]) -> float:
        return max([self.started, *(self.changes[region][-1] for region in regions if self.changes[region])])

    def settle(
        self, regions: tuple[str, ...], quiet: float, deadline: float, marks: tuple[str, ...] = ()
    ) -> float | None:
        """Wait until `regions` have not changed (but for a caret) for `quiet` seconds, and `marks` are
        reached (a slow preview may start after a quiet while); the time of their last change."""
        while time.monotonic() < deadline:
            self.pump(0.02)
            last = self.last_change(regions)
            reached = all(mark in self.marks for mark in marks)
            if time.monotonic() - last >= quiet and reached and not self._dirty:
                return last
        return None


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _environment(home: Path, display: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "QTWEBENGINE_", "XDG_", "DBUS_", "WAYLAND_")) and key != "DISPLAY"
    }
    environment.update(
        HOME=str(home),
        DISPLAY=display,
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        LANG="C.UTF-8",
        LANGUAGE="en",
    )
    (home / "runtime").mkdir(mode=0o700, parents=True)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run as root with its sandbox; the same for every editor that embeds it.
        environment["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return environment


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the editor and everything it started, also helpers that left its process group."""
    pids, _ = process_tree(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(10)


def run_once(app: App, document: Path, screen: Screen, display: str, options: Options) -> dict[str, Any]:
    """Start `app` on `document`, measure its start-up, memory and typing; every time from the start."""
    # Chromium may still be writing its cache as the tree is killed.
    with tempfile.TemporaryDirectory(prefix=f"peers-{app.name}-", ignore_cleanup_errors=True) as folder:
        home = Path(folder) / "home"
        site = Path(folder) / "site"
        shutil.copytree(EXAMPLE_SITE, site)
        path = site / BLOG / document.name
        shutil.copyfile(document, path)
        environment = _environment(home, display)
        app.configure(home / ".config")
        screen.events(0)  # what an editor before this one left
        started = time.monotonic()
        process = subprocess.Popen(
            [app.program, *app.arguments(path)],
            cwd=app.cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        watch = Watch(screen, app, started)
        result: dict[str, Any] = {}
        try:
            settled = watch.settle(
                ("window",), options.quiet, started + options.timeout, ("mapped", "preview")
            )
            result.update({mark: at - started for mark, at in watch.marks.items()})
            result["maps"] = watch.maps
            if settled is None:
                result["error"] = f"no preview with content after {options.timeout:g} s, or still repainting"
                return result
            result["settled"] = settled - started
            memory = tree_memory(process.pid)
            result.update(rss=memory["rss_mb"], pss=memory["pss_mb"], own=memory["own_mb"])
            result["processes"] = memory["parts"]
            result["window"] = watch.geometry
            result.update(_type(watch, options))
            result["rss_typed"] = tree_memory(process.pid)["rss_mb"]
            return result
        finally:
            _stop(process)


def _type(watch: Watch, options: Options) -> dict[str, Any]:
    """Click into the source text, type `options.keys` characters, and wait until the screen is still."""
    watch.watched = ("source", "preview")
    x, y, width, height = watch.box("source")
    watch.screen.click(x + width // 2, y + height // 2)
    watch.settle(("source", "preview"), 0.5, time.monotonic() + options.timeout)
    first = time.monotonic()
    for index in range(options.keys):
        due = first + index * options.key_interval
        while (wait := due - time.monotonic()) > 0:
            watch.pump(wait)
        character = TYPED[index % len(TYPED)]
        watch.screen.key("space" if character == " " else character)
    last_key = time.monotonic()
    # Then Ctrl+A: selecting all the text changes most of the source region, once the editor has worked
    # through every key before it. An editor that froze looks still; this tells it from one that is done.
    watch.marks["select_all"] = time.monotonic()
    watch.screen.key("a", "Control_L")
    deadline = last_key + options.timeout * 1.5
    while "selected" not in watch.marks and time.monotonic() < deadline:
        watch.pump(0.02)
    if "selected" not in watch.marks:
        return {"error": f"the typed keys were not all handled after {options.timeout * 1.5:g} s"}
    selected = watch.marks["selected"]
    # The preview may still be catching up; it is done once it has not changed for the quiet period.
    watch.settle(("preview",), options.quiet, deadline)
    source = [at for at in watch.changes["source"] if first <= at < selected]
    preview = [at for at in watch.changes["preview"] if at >= first]
    moments = [first, *source, selected]
    return {
        "lag": max(0.0, selected - last_key),
        "gap": max(b - a for a, b in itertools.pairwise(moments)),
        "preview_after": max(0.0, preview[-1] - last_key) if preview else None,
    }


# ---- the rounds and the table -------------------------------------------------------------------------


def _start_server() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    width, height = SCREEN_SIZE
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-br"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as announced:
        number = announced.readline().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def _label(size: int) -> str:
    return f"{size / 1000:.0f} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def _versions(apps: list[App]) -> str:
    import PySide6

    found = [f"Article Editor on PySide6 {PySide6.__version__}"]
    for package in ("ghostwriter", "retext"):
        if any(app.program == package for app in apps):
            version = subprocess.run(
                ["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True, check=False
            ).stdout
            found.append(f"{package} {version or '?'}")
    return ", ".join(found)


def _machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model}, {os.cpu_count()} cores, load {load:.1f} at the start; Python {platform.python_version()}"
    )


def _figure(values: list[float], unit: str, spread: bool) -> str:
    if not values:
        return "—"
    median = statistics.median(values)
    digits = (3 if median < 1 else 2) if unit == "s" else 0
    text = f"{median:.{digits}f}"
    if spread and len(values) > 1:
        text += f" ({min(values):.{digits}f}–{max(values):.{digits}f})"
    return f"{text} {unit}".strip()


def _ratio(values: dict[str, list[float]], peers: list[str]) -> str:
    best = [statistics.median(values[peer]) for peer in peers if values[peer]]
    if not values.get("us") or not best or min(best) <= 0:
        return "—"
    return f"{statistics.median(values['us']) / min(best):.2f}"


def table(results: dict[str, dict[str, list[dict[str, Any]]]], apps: list[App], markdown: bool) -> str:
    """Medians (with min–max) per row and editor, and ours against the best peer."""
    lines = []
    peers = [app.name for app in apps if not app.name.startswith("us")]
    for label, by_app in results.items():
        header = [label, *[app.name for app in apps], "us / best peer", "us / best WebEngine peer"]
        rows = []
        for key, name, unit in ROWS:
            values = {
                app.name: [run[key] for run in by_app[app.name] if run.get(key) is not None] for app in apps
            }
            ratios = [_ratio(values, peers), _ratio(values, [peer for peer in peers if peer in WEB_ENGINE])]
            rows.append([name, *[_figure(values[app.name], unit, markdown) for app in apps], *ratios])
        failures = sum(1 for app in apps for run in by_app[app.name] if "error" in run)
        if markdown:
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
            lines += [
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) for line in [header, *rows]
            ]
        if failures:
            lines.append(f"({failures} run(s) did not finish; their missing figures are left out)")
        lines.append("")
    return "\n".join(lines)


def main(
    options: Options, markdown: bool = False, save: Path | None = None, before: Path | None = None
) -> None:
    if shutil.which("Xvfb") is None:
        raise SystemExit("needs Xvfb (Debian: apt-get install xvfb)")
    apps = [app for app in APPS if app.name in options.apps and app.available()]
    if before is not None:
        # The same editor from another checkout (e.g. main), measured in the same rounds.
        apps.insert(1, dataclasses.replace(APPS[0], name="us before", cwd=before.resolve()))
    missing = [app.name for app in APPS if app.name in options.apps and not app.available()]
    print(f"machine: {_machine()}")
    print(
        f"editors: {_versions(apps)}"
        + (f"; not installed, left out: {', '.join(missing)}" if missing else "")
    )
    print(
        f"{options.rounds} interleaved round(s); {options.keys} keys at {options.key_interval * 1000:.0f} ms; "
        f"settled = no repaint but a caret's for {options.quiet:g} s; times from the start of the process"
    )
    server, display = _start_server()
    results: dict[str, dict[str, list[dict[str, Any]]]] = {}
    try:
        screen = Screen(display)
        with tempfile.TemporaryDirectory(prefix="peers-") as folder:
            documents = []
            for times in options.sizes:
                document = Path(folder) / f"peers-x{times}.md"
                document.write_text(repeated_article(times), encoding="utf-8")
                label = f"body ×{times}, {_label(document.stat().st_size)}"
                documents.append((label, document))
                results[label] = {app.name: [] for app in apps}
            for round_number in range(options.rounds):
                for label, document in documents:
                    # A different editor goes first each round, so none always runs after the same one.
                    shift = round_number % len(apps)
                    for app in apps[shift:] + apps[:shift]:
                        result = run_once(app, document, screen, display, options)
                        results[label][app.name].append(result)
                        summary = ", ".join(
                            f"{key} {value:.2f}" for key, value in result.items() if isinstance(value, float)
                        )
                        print(
                            f"round {round_number + 1}, {label}, {app.name}: {result.get('error', '')} {summary}"
                        )
                        sys.stdout.flush()
        screen.close()
    finally:
        server.terminate()
        server.wait(10)
    if save is not None:
        save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print()
    print(table(results, apps, markdown))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = Options()
    parser.add_argument("--rounds", type=int, default=defaults.rounds)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, defaults.sizes)),
        help="copies of the sample's body, e.g. 1,20,200",
    )
    parser.add_argument("--apps", default=",".join(defaults.apps), help="which editors, e.g. us,ghostwriter")
    parser.add_argument("--keys", type=int, default=defaults.keys, help="characters typed per run")
    parser.add_argument(
        "--key-interval", type=float, default=defaults.key_interval, help="seconds between keys"
    )
    parser.add_argument(
        "--quiet", type=float, default=defaults.quiet, help="seconds without a repaint = settled"
    )
    parser.add_argument("--timeout", type=float, default=defaults.timeout, help="seconds per start-up")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown, with min–max")
    parser.add_argument("--save", type=Path, help="also write every run's figures to this JSON file")
    parser.add_argument("--before", type=Path, help="also run the editor of this checkout, as 'us before'")
    arguments = parser.parse_args()
    main(
        Options(
            rounds=arguments.rounds,
            sizes=tuple(int(size) for size in arguments.sizes.split(",")),
            keys=arguments.keys,
            key_interval=arguments.key_interval,
            quiet=arguments.quiet,
            timeout=arguments.timeout,
            apps=tuple(arguments.apps.split(",")),
        ),
        markdown=arguments.markdown,
        save=arguments.save,
        before=arguments.before,
    )
