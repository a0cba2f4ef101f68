"""Shared look-ups for the article tests: the corpus folders, a reader of our output by js-yaml, and the check
that a field edit touched that field only."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from editor.article.front_matter import read_front_matter

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


def lines_outside(text: str, start_line: int, end_line: int) -> tuple[list[str], list[str]]:
    """The lines before and after lines start_line..end_line (1-based, inclusive)."""
    lines = text.splitlines(keepends=True)
    return lines[: start_line - 1], lines[end_line:]


def field_span(text: str, key: str) -> tuple[int, int]:
    """The first and last file line of a field."""
    field = read_front_matter(text).field(key)
    assert field is not None
    return field.line, text.count("\n", 0, field.value_end) + 1


def check_single_field_change(before: str, after: str, key: str, value: object) -> None:
    """`after` is `before` with `key` set to `value`: other values, key order and other lines unchanged."""
    front_before = read_front_matter(before).values()
    front_after = read_front_matter(after).values()
    assert front_after[key] == value
    assert {k: v for k, v in front_after.items() if k != key} == {
        k: v for k, v in front_before.items() if k != key
    }
    assert list(front_after) == list(front_before)
    first, last = field_span(before, key)
    new_first, new_last = field_span(after, key)
    assert new_first == first
    head, tail = lines_outside(before, first, last)
    new_head, new_tail = lines_outside(after, new_first, new_last)
    assert new_head == head
    assert new_tail == tail
