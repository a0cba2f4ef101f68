"""Splits an article into top-level chunks that Python-Markdown parses the same alone as in the document."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import markdown
from markdown.htmlparser import HTMLExtractor

from editor.article.text_changes import common_prefix_length, common_suffix_length

_LIST_MARKER_RE = re.compile(r" {0,3}(?:[*+-]|\d+[.)])(?:[ \t]|$)")
_QUOTE_RE = re.compile(r" {0,3}>")
_COMMENT_RE = re.compile(r" {0,3}<!--")
_FENCE_RE = re.compile(r"(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})")


class Chunk(NamedTuple):
    """Lines [start, end) of the text (0-based) that render together.

    A tuple, so that lists of chunks compare in C: the renderer compares a long article's 5,000 chunks
    with the last render's on every keystroke."""

    start: int
    end: int


@dataclass(frozen=True)
class FenceScan:
    """Where fenced code is, and where an unclosed fence stops superfences looking for more."""

    regions: list[tuple[int, int]]
    unclosed_at: int | None = None


def fence_regions(lines: list[str], is_opener: Callable[[str], bool]) -> FenceScan:
    """Line ranges [start, end] of fenced code as pymdownx.superfences finds them.

    One pass like superfences': a fence that is never closed is not code, and the lines after its
    opening are not searched for other fences. `is_opener` says whether superfences accepts an
    opening line (its language and options), given the line without its indentation.
    """
    regions: list[tuple[int, int]] = []
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        match = _FENCE_RE.match(line) if ("``" in line or "~~" in line) else None
        if match is None or not is_opener(line[match.end("prefix") :]):
            index += 1
            continue
        prefix = match.group("prefix").expandtabs(4)
        fence = match.group("fence")
        closing = re.compile(re.escape(fence) + r"[ \t]*")
        end = None
        probe = index + 1
        while probe < count:
            candidate = lines[probe].expandtabs(4)
            if not candidate.strip():
                probe += 1
                continue
            head = len(candidate) - len(candidate.lstrip(" >"))
            if prefix and head < len(prefix):
                # Content less indented than a nested fence's opening: superfences abandons the fence
                # and goes on looking from the next line.
                break
            if closing.fullmatch(candidate[len(prefix) :]):
                end = probe
                break
            probe += 1
        if end is None:
            if probe < count:
                index = probe + 1
                continue
            return FenceScan(regions, index)
        regions.append((index, end))
        index = end + 1
    return FenceScan(regions)


_DANGLING_TAG_RE = re.compile(r"<[A-Za-z/!?][^>]*\Z")


class _HtmlTracker:
    """Feeds lines to Python-Markdown's own raw-HTML extractor to see where a raw HTML block ends."""

    def __init__(self, md: markdown.Markdown) -> None:
        self.md = md
        self.extractor: HTMLExtractor | None = None
        self.fed: list[str] = []
        self.dangling = False

    def feed(self, text: str) -> None:
        """Feed more of the document, from where tracking started."""
        self.fed.append(text)
        if self.extractor is None or self.dangling:
            # The extractor reads a tag left open at the end of its input as text, where the whole
            # document would have continued it; so after such an end, parse everything again.
            self.extractor = HTMLExtractor(self.md)
            self.extractor.feed("".join(self.fed))
        else:
            self.extractor.feed(text)
        self.dangling = _DANGLING_TAG_RE.search(text.rstrip("\n")) is not None

    @property
    def is_open(self) -> bool:
        """True while the extractor is inside raw HTML, holds unparsed input or a tag is unfinished."""
        extractor = self.extractor
        if extractor is None:
            return False
        if extractor.inraw or extractor.intail or extractor.rawdata or self.dangling:
            return True
        self.extractor = None
        self.fed = []
        # The stash only fills while tracking; nothing reads it.
        self.md.htmlStash.reset()
        return False


class _Piece:
    """A run of non-blank lines [start, end)."""

    __slots__ = ("end", "indented", "lines", "start")

    def __init__(self, lines: list[str], start: int, end: int, indented: bool) -> None:
        self.lines = lines
        self.start = start
        self.end = end
        self.indented = indented

    def has_list_marker(self) -> bool:
        return any(_LIST_MARKER_RE.match(line) for line in self.lines[self.start : self.end])

    def has_quote(self) -> bool:
        return any(_QUOTE_RE.match(line) for line in self.lines[self.start : self.end])


@dataclass(frozen=True)
class _Split:
    """A text's lines, its chunks and fences, as the splitter found them last."""

    lines: list[str]
    chunks: list[Chunk]
    scan: FenceScan


class ChunkSplitter:
    """Finds the chunks of a text; keeps a Markdown instance for its raw-HTML checks, and the previous
    split, so that a text that changed in one place is split again only around that place."""

    def __init__(self) -> None:
        self._previous: _Split | None = None
        self._md = markdown.Markdown()
        self._fence_md = markdown.Markdown(extensions=["pymdownx.superfences"])
        self._openers: dict[str, bool] = {}
        self.unclosed_fence_at: int | None = None

    def _is_opener(self, line: str) -> bool:
        # Superfences decides from the language and options whether a fence opens; ask it.
        known = self._openers.get(line)
        if known is None:
            fence = line[: len(line) - len(line.lstrip(line[0]))]
            self._fence_md.reset()
            known = "<pre" in self._fence_md.convert(f"{line}\ncode\n{fence}")
            if len(self._openers) > 1000:
                self._openers.clear()
            self._openers[line] = known
        return known

    def split(self, lines: list[str]) -> list[Chunk]:
        """The chunks of `lines`, covering every non-blank line once, in order.

        A chunk boundary is a blank line followed by a line that no Python-Markdown block processor
        connects to what came before: not indented (code, list and footnote continuation), not a list
        item after a list, not a quote after a quote, and not inside fenced code or raw HTML.

        After the first call, only the stretch around what changed since the previous call is split
        again (see `_resplit`); the chunks are the same as a fresh splitter's.
        """
        scan = fence_regions(lines, self._is_opener)
        self.unclosed_fence_at = scan.unclosed_at
        previous = self._previous
        chunks = self._resplit(previous, lines, scan) if previous is not None else None
        if chunks is None:
            chunks = [chunk for chunk, _ in self._chunks_from(lines, scan, 0)]
        self._previous = _Split(lines, chunks, scan)
        return chunks

    def _resplit(self, previous: _Split, lines: list[str], scan: FenceScan) -> list[Chunk] | None:
        """The chunks of `lines` from the previous split's: those before the change are kept, the lines
        from the last of them on are split again until a boundary in the unchanged end meets a boundary
        of the previous split, and the previous chunks after it are kept, moved. None: split it all.

        At a boundary the split starts afresh (no fence, raw HTML or list runs across it), so what
        follows depends only on the lines and fences from there on. One look reaches back: a comment
        opened earlier that a later "-->" closes, so a change with "-->" in it is split whole.
        """
        old_lines, old_chunks = previous.lines, previous.chunks
        if scan.unclosed_at is not None or previous.scan.unclosed_at is not None:
            return None
        prefix = common_prefix_length(old_lines, lines)
        suffix = common_suffix_length(old_lines, lines, min(len(old_lines), len(lines)) - prefix)
        changed = lines[prefix : len(lines) - suffix] + old_lines[prefix : len(old_lines) - suffix]
        if any("-->" in line for line in changed):
            return None
        # The last chunk that ends before the change (the blank line after it unchanged too) may still
        # gain a continuation: the split starts again at its first line, after the chunks before it.
        kept = 0
        while kept + 1 < len(old_chunks) and old_chunks[kept + 1].end < prefix:
            kept += 1
        restart = old_chunks[kept].start if old_chunks and old_chunks[kept].end < prefix else 0
        kept = kept if restart else 0
        shift = len(lines) - len(old_lines)
        unchanged_from = len(lines) - suffix
        old_starts = {chunk.start: index for index, chunk in enumerate(old_chunks)}
        regions = scan.regions
        old_regions = previous.scan.regions
        chunks = old_chunks[:kept]
        for chunk, next_start in self._chunks_from(lines, scan, restart):
            chunks.append(chunk)
            if next_start is None or next_start < unchanged_from:
                continue
            old_index = old_starts.get(next_start - shift)
            if old_index is None:
                continue
            later = [region for region in regions if region[0] >= next_start]
            old_later = [region for region in old_regions if region[0] >= next_start - shift]
            if later != [(start + shift, end + shift) for start, end in old_later]:
                continue
            return chunks + [Chunk(c.start + shift, c.end + shift) for c in old_chunks[old_index:]]
        return chunks

    def _chunks_from(
        self, lines: list[str], scan: FenceScan, index: int
    ) -> Iterator[tuple[Chunk, int | None]]:
        """The chunks from line `index` (a chunk boundary), each with the first line of the next one."""
        regions = scan.regions
        in_fence = {start: end for start, end in regions}
        html = _HtmlTracker(self._md)
        pieces: list[_Piece] = []
        count = len(lines)
        open_until = -1  # a fence that started in the current chunk runs to this line
        # Python-Markdown blanks lines of spaces (tabs expanded) only; this loop runs for many lines of
        # every render, so it uses str methods rather than a regex per line.
        while index < count:
            if not lines[index].strip(" \t"):
                if html.extractor is not None:
                    html.extractor.feed("\n")
                    html.fed.append("\n")
                index += 1
                continue
            end = index
            while end < count and lines[end].strip(" \t"):
                end += 1
            first = lines[index]
            piece = _Piece(lines, index, end, first[0] in " \t")
            joins = bool(pieces) and (
                index <= open_until
                or html.is_open
                or piece.indented
                or (_LIST_MARKER_RE.match(first) is not None and self._ends_in(pieces, "list"))
                or (first.startswith(">") and self._ends_in(pieces, "quote"))
            )
            if not joins and pieces:
                yield Chunk(pieces[0].start, pieces[-1].end), index
                pieces = []
            pieces.append(piece)
            if in_fence:
                for line_index in range(index, end):
                    fence_end = in_fence.get(line_index)
                    if fence_end is not None:
                        open_until = max(open_until, fence_end)
            if html.extractor is not None or any("<" in line for line in lines[index:end]):
                # Fences are stashed before raw HTML is looked for, so fenced lines never open HTML.
                self._track_html(html, lines, index, end, regions)
                open_until = max(open_until, self._comment_end(lines, index, end, in_fence))
            index = end
        if pieces:
            yield Chunk(pieces[0].start, pieces[-1].end), None

    @staticmethod
    def _ends_in(pieces: list[_Piece], kind: str) -> bool:
        """Whether the chunk so far may end in a list (or quote) that a following item would extend."""
        for piece in reversed(pieces):
            if piece.has_list_marker() if kind == "list" else piece.has_quote():
                return True
            if not piece.indented:
                return False
        return False

    @staticmethod
    def _comment_end(lines: list[str], start: int, end: int, in_fence: dict[int, int]) -> int:
        """The last line of a raw HTML comment opened in lines [start, end), or -1.

        Python-Markdown sees a comment only once it is closed, which fed line by line the extractor
        can't know; so look for the close here.
        """
        last = -1
        for index in range(start, end):
            if index in in_fence:
                break
            opening = _COMMENT_RE.match(lines[index])
            if opening is None:
                continue
            for probe in range(index, len(lines)):
                search_from = opening.end() if probe == index else 0
                if "-->" in lines[probe][search_from:]:
                    if probe >= end:
                        last = max(last, probe)
                    break
        return last

    @staticmethod
    def _track_html(
        html: _HtmlTracker, lines: list[str], start: int, end: int, regions: list[tuple[int, int]]
    ) -> None:
        text_lines: list[str] = []
        index = start
        covering = [region for region in regions if region[0] < end and region[1] >= start]
        while index < end:
            region = next((r for r in covering if r[0] <= index <= r[1]), None)
            if region is not None:
                # Superfences leaves one placeholder line where the fence was.
                if index == region[0] or index == start:
                    text_lines.append("fenced")
                index = region[1] + 1
                continue
            text_lines.append(lines[index])
            index += 1
        html.feed("\n".join(text_lines) + "\n")
