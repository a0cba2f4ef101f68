"""What the editor and its render worker say to each other, and how it is framed on the pipe; no Qt and
no Markdown here, so both ends import it cheaply."""

from __future__ import annotations

import pickle
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from editor.article.errors import ArticleError
from editor.render.header_labels import HeaderLabels
from editor.site.config import SiteConfig
from editor.ui.preview.text_delta import TextDelta

if TYPE_CHECKING:
    from editor.article.validation import Problem

# Messages are pickled dataclasses behind an 8-byte length; both ends are this program, so pickle is safe.
HEADER = struct.Struct(">Q")
WORKER_MODULE = "editor.ui.preview.render_worker"
# A frozen build has no python to run -m with; its entry point runs main() when given this argument.
WORKER_ARGUMENT = "--render-worker"


@dataclass(frozen=True)
class SiteMessage:
    """The site whose URLs the article's images resolve against (None: no site, images show as missing).

    The labels are the header's words in the user's language; the worker has no translator.
    """

    site: SiteConfig | None
    article_path: Path | None
    labels: HeaderLabels = field(default_factory=HeaderLabels)


@dataclass(frozen=True)
class RenderRequest:
    """Render `text` (front matter and body), or the previous request's text changed by a delta. With
    `reset` the page is empty: send every block."""

    request_id: int
    text: str | TextDelta
    reset: bool


@dataclass(frozen=True)
class RenderReply:
    """The JavaScript that brings the page up to date, or "" when nothing on it changes."""

    request_id: int
    script: str
    front_matter_error: ArticleError | None  # the window words it in its language
    block_count: int
    sent_blocks: int


@dataclass(frozen=True)
class ValidationRequest:
    """Check `text`, an article of `site` at `path`, as `check` does."""

    request_id: int
    text: str
    site: SiteConfig
    path: Path | None


@dataclass(frozen=True)
class ValidationReply:
    """The problems of the text of request `request_id`."""

    request_id: int
    problems: list[Problem]


@dataclass(frozen=True)
class TextLost:
    """The worker could not apply request `request_id`'s delta: the editor sends the whole text again."""

    request_id: int


@dataclass(frozen=True)
class RenderFailure:
    """The renderer raised: a bug, reported instead of killing the worker."""

    request_id: int
    message: str


def encode_message(message: object) -> bytes:
    """One framed message."""
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(payload)) + payload


class FrameBuffer:
    """Collects bytes as they arrive and returns each message once all of it is there."""

    def __init__(self) -> None:
        self._data = bytearray()

    def feed(self, data: bytes) -> list[object]:
        """The messages completed by `data`, in order."""
        self._data += data
        messages: list[object] = []
        start = 0
        while len(self._data) - start >= HEADER.size:
            (length,) = HEADER.unpack_from(self._data, start)
            end = start + HEADER.size + length
            if len(self._data) < end:
                break
            messages.append(pickle.loads(self._data[start + HEADER.size : end]))
            start = end
        del self._data[:start]
        return messages


@dataclass(frozen=True)
class SpellRequest:
    """Spell-check `text` in `language` (a SpellLanguage value), the words from document position
    visible[0] to visible[1] first. `known` are the site's words and those the writer ignores; `fields`
    the front-matter keys whose values are prose. `plain`: text of a form field, not an article."""

    request_id: int
    text: str
    language: str
    known: frozenset[str]
    fields: frozenset[str]
    visible: tuple[int, int]
    plain: bool = False


@dataclass(frozen=True)
class SpellReply:
    """Misspelled words as (start, end, word) in document positions (UTF-16, one per line break), sorted;
    `complete` is False for the first reply, which holds only the visible words."""

    request_id: int
    marks: list[tuple[int, int, str]]
    complete: bool


@dataclass(frozen=True)
class SuggestRequest:
    """Hunspell's suggestions for `word` in `language`."""

    request_id: int
    language: str
    word: str


@dataclass(frozen=True)
class SuggestReply:
    """The suggestions for the word of request `request_id`, best first."""

    request_id: int
    suggestions: list[str]


@dataclass(frozen=True)
class OutlineRequest:
    """The headings of an article's `text`."""

    request_id: int
    text: str


@dataclass(frozen=True)
class OutlineReply:
    """The headings (editor.render.outline.Heading) of the text of request `request_id`."""

    request_id: int
    headings: list[object]
