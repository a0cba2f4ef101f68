"""Shared look-ups for the article tests: the corpus folders and a reader of our output by js-yaml."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDTRIP = HERE / "roundtrip"
BAD = HERE / "bad"
JS = HERE.parent / "js"


def js_readers_missing() -> str | None:
    """Why the js-yaml read-back cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed, so js-yaml cannot read our output back"
    if not (JS / "node_modules" / "js-yaml").is_dir() or not (JS / "node_modules" / "gray-matter").is_dir():
        return "js-yaml/gray-matter are not installed: run `npm ci --prefix tests/js` (make test does)"
    return None


def read_with_js(texts: list[str]) -> list[dict[str, object]]:
    """What js-yaml 4 and gray-matter (js-yaml 3) read from each article text."""
    result = subprocess.run(
        ["node", str(JS / "readback.js")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return list(json.loads(result.stdout))
