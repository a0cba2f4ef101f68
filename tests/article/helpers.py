"""Shared look-ups for the article tests: the corpus folders, a reader of our output by js-yaml, and the check
that a field edit touched that field only."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from editor.article.document import line_of_offset
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


def file_lines(text: str) -> list[str]:
    """The lines of a text with their line breaks, broken only where editors and sites break them (CRLF, LF,
    CR); str.splitlines would also break at U+2028, NEL and form feeds, which are characters in a line."""
    return re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)


def lines_outside(text: str, start_line: int, end_line: int) -> tuple[list[str], list[str]]:
    """The lines before and after lines start_line..end_line (1-based, inclusive)."""
    lines = file_lines(text)
    return lines[: start_line - 1], lines[end_line:]


def field_span(text: str, key: str) -> tuple[int, int]:
    """The first and last file line of a field."""
    field = read_front_matter(text).field(key)
    assert field is not None
    return field.line, line_of_offset(text, field.value_end)


def check_single_field_change(before: str, after: str, key: str, value: object) -> None:
    """`after` is `before` with `key` set to `value`: other values (but those naming an alias, which follow
    their anchor), key order and other lines unchanged."""
    old_front = read_front_matter(before)
    front_before = old_front.values()
    front_after = read_front_matter(after).values()
    assert front_after[key] == value
    aliased = {field.key for field in old_front.fields if field.aliased}
    assert {k: v for k, v in front_after.items() if k != key and k not in aliased} == {
        k: v for k, v in front_before.items() if k != key and k not in aliased
    }
    assert list(front_after) == list(front_before)
    first, last = field_span(before, key)
    new_first, new_last = field_span(after, key)
    assert new_first == first
    head, tail = lines_outside(before, first, last)
    new_head, new_tail = lines_outside(after, new_first, new_last)
    assert new_head == head
    assert new_tail == tail
