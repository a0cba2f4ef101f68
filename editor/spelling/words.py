"""The words of an article that are prose: found through markdown-it's tokens, never inside code, URLs,
link and image targets, HTML tags, front-matter keys or footnote labels."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.gfm import gfm_plugin

from editor.article.document import split_article
from editor.article.errors import ArticleError
from editor.article.front_matter import read_front_matter

# Letters and digits joined by the hyphens, apostrophes and dots that Hunspell dictionaries hold inside
# words (MR-scanning, don't, f.eks); a word with a digit or an underscore is a name or a number, not prose.
_WORD = re.compile(r"\w+(?:[-.'’]\w+)*")
# What a writer pastes that is no word even where Markdown did not make it a link.
_NOT_PROSE = re.compile(
    r"\S*(?:://|@|\\|/\w)\S*|www\.\S+"
    r"|\b(?:[\w-]+\.)+(?:com|org|net|dk|io|de|uk|eu|se|no|nu|fi|fr|nl|edu|gov|info|dev|app)\b",
    re.IGNORECASE,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Word:
    """A word at [start, end) of the text; `checked` is what Hunspell reads (with a trailing dot, which
    lets it accept abbreviations such as "f.eks.")."""

    start: int
    end: int
    text: str
    checked: str


def _is_checkable(word: str) -> bool:
    # All capitals are acronyms (MR, NASA), which most writers' spell checkers skip by default.
    return not any(char.isdigit() or char == "_" for char in word) and not (len(word) > 1 and word.isupper())


def prose_words(text: str, start: int = 0, end: int | None = None) -> Iterator[Word]:
    """The words of plain text (a form field, or a stretch of Markdown already known to be prose)."""
    stop = len(text) if end is None else end
    skipped = [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text, start, stop)]
    gap = 0
    for match in _WORD.finditer(text, start, stop):
        while gap < len(skipped) and skipped[gap][1] <= match.start():
            gap += 1
        if gap < len(skipped) and skipped[gap][0] < match.end():
            continue
        word = match.group()
        if not _is_checkable(word):
            continue
        after = match.end()
        checked = word + "." if after < stop and text[after] == "." else word
        yield Word(match.start(), after, word, checked)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # The commonmark flavour's parser without its renderer's steps: GFM tables, autolinks and footnotes
    # decide what is prose for a python-markdown site too, closely enough for spelling.
    return MarkdownIt("commonmark", {"html": True}).use(gfm_plugin)


def article_words(text: str, checked_fields: Collection[str]) -> list[Word]:
    """The prose words of an article's text: the values of `checked_fields` in its front matter, then its
    Markdown body. Offsets are into `text`."""
    words: list[Word] = []
    parts = split_article(text)
    if parts.format is not None:
        try:
            fields = read_front_matter(text).fields
        except ArticleError:
            fields = ()
        for field in fields:
            if field.key in checked_fields and isinstance(field.value, str):
                words.extend(prose_words(text, field.value_start, field.value_end))
    words.extend(markdown_words(text, parts.body_start))
    return words


# Past this size a body is read in chunks between blank lines, each remembered until the next text, so
# an edit re-reads its own chunk only: markdown-it takes 0.8 s over 1 MB. A chunk cut from the reference
# definitions it names may read a `[label]` as text; an article that long can live with that.
CHUNKED_FROM = 64_000
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_chunk_words: dict[str, list[Word]] = {}


def markdown_words(text: str, body_start: int = 0) -> list[Word]:
    """The prose words of the Markdown in text[body_start:]; offsets are into `text`."""
    if len(text) - body_start <= CHUNKED_FROM:
        return _parsed_words(text, body_start)
    global _chunk_words
    seen: dict[str, list[Word]] = {}
    words: list[Word] = []
    for start, end in _chunks(text, body_start):
        chunk = text[start:end]
        found = seen.get(chunk)
        if found is None:
            found = _chunk_words.get(chunk)
            if found is None:
                found = _parsed_words(chunk, 0)
            seen[chunk] = found
        words.extend(Word(w.start + start, w.end + start, w.text, w.checked) for w in found)
    _chunk_words = seen
    return words


def _chunks(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Stretches of text[start:] that end at a blank line outside a fence, before a line that starts at
    the margin (an indented one may continue a list item or a code block)."""
    fence: str | None = None
    chunk_start = start
    position = start
    blank_before = False
    for match in _LINE_BREAK.finditer(text, start):
        line = text[position : match.start()]
        next_position = match.end()
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        else:
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
            elif blank_before and line[:1] not in ("", " ", "\t") and position - chunk_start > 2000:
                yield chunk_start, position
                chunk_start = position
        blank_before = fence is None and not line.strip()
        position = next_position
    yield chunk_start, len(text)


def _parsed_words(text: str, body_start: int) -> list[Word]:
    body = text[body_start:]
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(body)]
    line_starts.append(len(body) + 1)
    words: list[Word] = []
    footnote_label: str | None = None
    for token in _parser().parse(body):
        if token.type == "footnote_open":
            footnote_label = str(token.meta.get("label", ""))
        if token.type != "inline" or token.map is None or not token.children:
            continue
        first, last = token.map
        start = line_starts[min(first, len(line_starts) - 1)]
        end = min(line_starts[min(last, len(line_starts) - 1)], len(body))
        walk = _InlineWalk(body, start, end)
        if footnote_label is not None:
            walk.skip_past(f"[^{footnote_label}]:")
            footnote_label = None
        walk.children(token.children)
        words.extend(Word(w.start + body_start, w.end + body_start, w.text, w.checked) for w in walk.words)
    # Footnote definitions come last in markdown-it's tokens, wherever they stand.
    words.sort(key=lambda word: word.start)
    return words


class _InlineWalk:
    """Follows an inline token's children through its source lines with a cursor, so each word found in
    a text child is placed where it stands (markdown-it's children carry no offsets)."""

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source = source
        self.cursor = start
        self.end = end
        self.words: list[Word] = []

    def skip_past(self, literal: str) -> None:
        found = self.source.find(literal, self.cursor, self.end)
        if found != -1:
            self.cursor = found + len(literal)

    def children(self, tokens: list[Token]) -> None:
        skipping_link = False
        for token in tokens:
            kind = token.type
            if skipping_link:
                if kind == "link_close":
                    skipping_link = False
                elif kind == "text":
                    self.skip_past(token.content)
                continue
            if kind == "text":
                self.text(token.content)
            elif kind == "code_inline":
                self.code_span()
            elif kind == "html_inline":
                self.skip_past(token.content)
            elif kind == "footnote_ref":
                self.skip_past(f"[^{token.meta.get('label', '')}]")
            elif kind == "link_open" and token.markup in ("autolink", "linkify"):
                # The text of an autolink is its URL.
                skipping_link = True
            elif kind == "link_close":
                self.destination()
            elif kind == "image":
                self.children(token.children or [])
                self.destination()

    def text(self, content: str) -> None:
        for word in prose_words(content):
            found = self._find_word(word.text)
            if found == -1:
                continue  # written with an entity or escape: not where the text says, so not marked
            after = found + len(word.text)
            checked = word.text + "." if self.source.startswith(".", after) else word.text
            self.words.append(Word(found, after, word.text, checked))
            self.cursor = after

    def _find_word(self, word: str) -> int:
        position = self.cursor
        while True:
            found = self.source.find(word, position, self.end)
            if found == -1:
                return -1
            before = self.source[found - 1] if found > 0 else " "
            after = self.source[found + len(word)] if found + len(word) < len(self.source) else " "
            if not (before.isalnum() or after.isalnum()):
                return found
            position = found + 1

    def code_span(self) -> None:
        opening = self.source.find("`", self.cursor, self.end)
        if opening == -1:
            return
        run = opening
        while run < self.end and self.source[run] == "`":
            run += 1
        fence = self.source[opening:run]
        position = run
        while True:
            closing = self.source.find(fence, position, self.end)
            if closing == -1:
                return
            after = closing + len(fence)
            if after >= len(self.source) or self.source[after] != "`":
                self.cursor = after
                return
            position = after
            while position < self.end and self.source[position] == "`":
                position += 1

    def destination(self) -> None:
        """Past the `](target "title")` or `][label]` that closes a link or image."""
        bracket = self.source.find("]", self.cursor, self.end)
        if bracket == -1:
            return
        position = bracket + 1
        if position < self.end and self.source[position] in "([":
            closing = ")" if self.source[position] == "(" else "]"
            depth = 0
            while position < self.end:
                char = self.source[position]
                if char == "\\":
                    position += 2
                    continue
                if char == self.source[bracket + 1]:
                    depth += 1
                elif char == closing:
                    depth -= 1
                    if depth == 0:
                        position += 1
                        break
                position += 1
        self.cursor = position
