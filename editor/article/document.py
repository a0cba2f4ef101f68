"""An article file split losslessly into BOM, front-matter fences and text, and body; joined back byte for byte."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from editor.article.errors import UnreadableArticleError
from editor.article.translatable import translatable

BOM = "\ufeff"
# Articles are a few kilobytes; the limit keeps a stray video or log file from freezing the editor.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024

_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class FrontMatterFormat(StrEnum):
    """The syntax between the fences."""

    YAML = "yaml"
    TOML = "toml"


# A fence is exactly three dashes (or pluses) with nothing but blanks after them, as Jekyll, Hugo and
# gray-matter read it. python-frontmatter's own boundary (`-{3,}`) would also take a `----` rule line, which
# gray-matter does not (its opening fence may not be followed by another dash), so a site would disagree.
FRONT_MATTER_FENCES: dict[FrontMatterFormat, re.Pattern[str]] = {
    FrontMatterFormat.YAML: re.compile(r"---[ \t]*"),
    FrontMatterFormat.TOML: re.compile(r"\+\+\+[ \t]*"),
}


@dataclass(frozen=True)
class ArticleParts:
    """The text of an article cut into pieces whose concatenation is exactly the text.

    Offsets are character offsets into the article text (BOM excluded); `body_line` is the 1-based file line on
    which the body starts.
    """

    text: str
    format: FrontMatterFormat | None
    # [fm_start, fm_end) is the front matter between the fences; body starts at body_start.
    fm_start: int
    fm_end: int
    body_start: int
    closed: bool

    @property
    def front_matter(self) -> str:
        """The front-matter text between the fences ("" when the article has none)."""
        return self.text[self.fm_start : self.fm_end]

    @property
    def body(self) -> str:
        """Everything after the closing fence."""
        return self.text[self.body_start :]

    @property
    def fm_first_line(self) -> int:
        """The file line of the first front-matter line (the line after the opening fence)."""
        return 2

    @property
    def body_line(self) -> int:
        """The file line on which the body starts."""
        return line_of_offset(self.text, self.body_start)


@dataclass(frozen=True)
class DecodedArticle:
    """An article's text and what must be restored to write the same bytes."""

    text: str
    bom: bool

    def encode(self, text: str | None = None) -> bytes:
        """The file bytes for `text` (default: the text as read), with the BOM restored."""
        return encode_article(self.text if text is None else text, self.bom)


def encode_article(text: str, bom: bool) -> bytes:
    """The file bytes of an article's text: UTF-8, with the BOM in front when the file had one."""
    return ((BOM if bom else "") + text).encode("utf-8")


def decode_article(data: bytes, max_bytes: int = MAX_ARTICLE_BYTES) -> DecodedArticle:
    """Decode article bytes strictly as UTF-8; refuse binary files and oversized ones with a clear message."""
    if len(data) > max_bytes:
        raise UnreadableArticleError.of(
            translatable(
                "ArticleError", "the file is {size} MB; articles larger than {limit} MB are not opened"
            ),
            size=f"{len(data) / 1e6:.1f}",
            limit=f"{max_bytes / 1e6:.0f}",
        )
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableArticleError.of(
            translatable(
                "ArticleError", "the file is binary (it contains a NUL byte), not a Markdown article"
            ),
            line,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UnreadableArticleError.of(
            translatable(
                "ArticleError",
                "the file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 in another editor first",
            ),
            line,
            column,
            byte=f"0x{data[error.start]:02x}",
        ) from None
    if text.startswith(BOM):
        return DecodedArticle(text[1:], bom=True)
    return DecodedArticle(text, bom=False)


def split_article(text: str) -> ArticleParts:
    """Find the front matter of `text` (BOM already removed). An unclosed block is reported as `closed=False`."""
    first_line = _LINE_BREAK.split(text, maxsplit=1)[0]
    fence = opening_fence(first_line)
    if fence is None:
        return ArticleParts(text, None, 0, 0, 0, closed=True)
    fmt, pattern = fence
    first_break = _LINE_BREAK.search(text)
    if first_break is None:
        return ArticleParts(text, fmt, len(text), len(text), len(text), closed=False)
    fm_start = position = first_break.end()
    while position < len(text):
        match = _LINE_BREAK.search(text, position)
        line_end = match.start() if match else len(text)
        if pattern.fullmatch(text, position, line_end):
            body_start = match.end() if match else len(text)
            return ArticleParts(text, fmt, fm_start, position, body_start, closed=True)
        if match is None:
            break
        position = match.end()
    return ArticleParts(text, fmt, fm_start, len(text), len(text), closed=False)


def opening_fence(first_line: str) -> tuple[FrontMatterFormat, re.Pattern[str]] | None:
    """The format a file's first line opens, and the pattern of the line that closes it; None for a body."""
    # The cut is ours: python-frontmatter's split strips whitespace and so cannot give the bytes back.
    for fmt, fence in FRONT_MATTER_FENCES.items():
        if fence.fullmatch(first_line):
            return fmt, fence
    return None


def line_of_offset(text: str, offset: int) -> int:
    """The 1-based line of character `offset`, counting CRLF, LF and CR as line breaks."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def newline_of(text: str) -> str:
    """The line break the text uses most (LF when it has none, or on a tie), for lines we add."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda newline: counts[newline])
