"""The examples of the CommonMark and GFM specs (vendored in spec/, with their licences), and the spec's own
HTML normaliser, so the commonmark flavour is judged by the spec's test, not by our reading of it."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

SPEC = Path(__file__).resolve().parent / "spec"
_FENCE = "`" * 32

sys.path.insert(0, str(SPEC))
from normalize import normalize_html  # noqa: E402  (the spec's test/normalize.py, BSD-2)

sys.path.remove(str(SPEC))


@dataclass(frozen=True)
class Example:
    """One spec example: its number (as the spec's test runner counts), section, Markdown and HTML."""

    number: int
    extension: str
    markdown: str
    html: str


def examples(name: str) -> list[Example]:
    """The examples of spec file `name`, read line by line as the spec's own test/spec_tests.py reads them
    (a `.` line ends the Markdown; tabs are written `→`); `extension` is the word after `example` in the
    GFM spec (table, strikethrough, autolink, tagfilter), "" for CommonMark's own examples."""
    found: list[Example] = []
    state = 0  # 0 prose, 1 Markdown, 2 HTML
    extension = ""
    markdown: list[str] = []
    output: list[str] = []
    for line in (SPEC / name).read_text(encoding="utf-8").splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(_FENCE + " example"):
            state = 1
            extension = stripped.removeprefix(_FENCE + " example").strip()
        elif state == 2 and stripped == _FENCE:
            state = 0
            found.append(
                Example(
                    len(found) + 1,
                    extension,
                    "".join(markdown).replace("→", "\t"),
                    "".join(output).replace("→", "\t"),
                )
            )
            markdown, output = [], []
        elif stripped == ".":
            state = 2
        elif state == 1:
            markdown.append(line)
        elif state == 2:
            output.append(line)
    return found


# What the preview adds to a renderer's output, as the site's own pipeline does (rehype-slug, a
# highlighter): heading ids and pygments' colour spans. The spec's renderer adds neither.
_HEADING_ID = re.compile(r'(<h[1-6]) id="[^"]*"')
_HIGHLIGHTED = re.compile(r'<pre class="highlight">(<code[^>]*>)(.*?)</code></pre>', re.DOTALL)
_SPAN = re.compile(r"</?span[^>]*>")


def without_additions(ours: str) -> str:
    """Our HTML without the heading ids and code colouring the spec's renderer does not write."""
    ours = _HEADING_ID.sub(r"\1", ours)
    return _HIGHLIGHTED.sub(
        lambda match: f"<pre>{match.group(1)}{_SPAN.sub('', match.group(2))}</code></pre>", ours
    )


def same_html(ours: str, theirs: str) -> bool:
    """Equal after the spec's normalisation (attribute order, whitespace between block tags)."""
    return normalize_html(without_additions(ours)) == normalize_html(theirs)
