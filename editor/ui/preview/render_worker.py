"""The preview's render process (`python -m editor.ui.preview.render_worker`): article text in, page patches out."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from editor.article.document import BOM
from editor.article.errors import ArticleError
from editor.article.front_matter import read_front_matter
from editor.article.schema import DEFAULT_SCHEMA
from editor.article.text_changes import common_prefix_length, common_suffix_length
from editor.render.export import article_page_url, file_url_resolver
from editor.render.flavours import Flavour, make_renderer
from editor.render.page import render_header, search_description
from editor.site.markdown_extensions import NO_EXTENSIONS
from editor.ui.preview.render_protocol import (
    HEADER,
    OutlineReply,
    OutlineRequest,
    RenderFailure,
    RenderReply,
    RenderRequest,
    SiteMessage,
    SpellReply,
    SpellRequest,
    SuggestReply,
    SuggestRequest,
    TextLost,
    ValidationReply,
    ValidationRequest,
    encode_message,
)
from editor.ui.preview.text_delta import TextDelta, TextOutOfStep, WorkerText

# Room for a 1 MB article's request (the largest the editor is built for) in one write.
PIPE_SIZE = 4 << 20
# A check waits until no render has been asked for this long (seconds): opening an article asks for its
# first render and its checks together, and the render is what the author waits for.
RENDERS_FIRST_S = 0.1

if TYPE_CHECKING:
    from editor.spelling.checker import SpellChecker
    from editor.spelling.words import Word
    from editor.ui.article.text_positions import TextPositions

# The checker of the last language and word list asked for; it remembers each word's verdict.
_checkers: dict[tuple[str, frozenset[str]], SpellChecker] = {}


# This module runs in its own process and must not import Qt: it starts faster and keeps no GUI state.
class PagePatcher:
    """Turns article texts into scripts that patch the preview page, sending only blocks the page lacks.

    It models what the page holds after the previous script ran; the pane asks for a reset whenever the
    page was reloaded or a script was not run.
    """

    def __init__(self) -> None:
        self._site_message = SiteMessage(None, None)
        self._renderer = make_renderer(Flavour.COMMONMARK, file_url_resolver(None))
        self._page_keys: list[str] = []
        self._page_starts: list[int] = []
        self._page_header: str | None = None
        self._text = WorkerText()

    def set_site(self, message: SiteMessage) -> None:
        """Resolve images against a new site; a fresh renderer also forgets images that were missing."""
        self._site_message = message
        site = message.site
        flavour = site.markdown.flavour if site is not None else Flavour.COMMONMARK
        extensions = site.markdown.loaded_extensions() if site is not None else NO_EXTENSIONS
        self._renderer = make_renderer(flavour, file_url_resolver(site, message.article_path), extensions)
        self.reset_page()

    def start_over(self) -> None:
        """Drop every cache, e.g. after the renderer raised halfway through a render."""
        self.set_site(self._site_message)

    def reset_page(self) -> None:
        """The page is empty: the next patch sends everything."""
        self._page_keys = []
        self._page_starts = []
        self._page_header = None

    def patch(self, request: RenderRequest) -> RenderReply | TextLost:
        """The reply to `request`."""
        if isinstance(request.text, TextDelta):
            try:
                text = self._text.apply(request.text)
            except TextOutOfStep:
                return TextLost(request.request_id)
        else:
            text = self._text.replace(request.text)
        if request.reset:
            self.reset_page()
        text = text.removeprefix(BOM)
        error: ArticleError | None = None
        values: dict[str, object] = {}
        try:
            front = read_front_matter(text)
            body, line_offset, values = front.parts.body, front.parts.body_line - 1, front.values()
        except ArticleError as err:
            # Unreadable front matter is shown as Markdown, so the author sees where it goes wrong.
            body, line_offset, error = text, 0, err
        rendered = self._renderer.render(body, line_offset)
        site = self._site_message.site
        schema = site.schema if site is not None else DEFAULT_SCHEMA
        header = ""
        # Without readable front matter there is nothing true to show as title or search card.
        if error is None:
            header = render_header(
                values,
                self._renderer.resolve_url,
                description=search_description(rendered.html),
                page_url=article_page_url(site, self._site_message.article_path),
                labels=self._site_message.labels,
                date_format=schema.date_format,
            )
        calls = []
        if header != self._page_header:
            calls.append(f"window.articleEditor.setHeader({_js(header)});")
        keys, starts = rendered.keys, rendered.data_lines()
        # Diffed here rather than in the editor, so only the HTML of new blocks crosses the pipe.
        known = set(self._page_keys)
        new_html = {block.key: block.html for block in rendered.blocks if block.key not in known}
        if new_html or keys != self._page_keys or starts != self._page_starts:
            # Both return the keys they had no HTML for; the pane then resets the page. As JSON: Qt
            # hands a script's array result over as an empty string.
            if self._page_keys:
                call = block_patch(self._page_keys, self._page_starts, keys, starts, new_html)
            else:
                call = f"window.articleEditor.setBlocks({_js(keys)}, {_js(new_html)}, {_js(starts)})"
            calls.append(f"JSON.stringify({call})")
        self._page_keys, self._page_starts, self._page_header = keys, starts, header
        return RenderReply(
            request.request_id,
            ";".join(calls),
            error,
            len(keys),
            len(new_html),
        )


def block_patch(
    old_keys: list[str], old_starts: list[int], keys: list[str], starts: list[int], new_html: dict[str, str]
) -> str:
    """A patchBlocks call that turns the page's blocks `old_keys` into `keys`: the unchanged blocks at
    either end stay, those at the end moved by one line shift, and only the run between is sent. A long
    article then costs a script of a few blocks per keystroke, not one listing all of its blocks."""
    old_blocks, blocks = list(zip(old_keys, old_starts, strict=True)), list(zip(keys, starts, strict=True))
    prefix = common_prefix_length(old_blocks, blocks)
    # The blocks at the end stay where they are moved by one shift: the last block's.
    shift = starts[-1] - old_starts[-1] if keys and old_keys else 0
    shifted = [(key, start + shift) for key, start in old_blocks]
    suffix = common_suffix_length(shifted, blocks, min(len(old_keys), len(keys)) - prefix)
    middle = slice(prefix, len(keys) - suffix)
    sent = {key: new_html[key] for key in keys[middle] if key in new_html}
    removed = len(old_keys) - suffix - prefix
    arguments = [len(old_keys), prefix, removed, keys[middle], sent, starts[middle], shift if suffix else 0]
    return f"window.articleEditor.patchBlocks({', '.join(_js(argument) for argument in arguments)})"


def _js(value: object) -> str:
    # JSON is a JavaScript expression; escaping "</" and non-ASCII keeps the script plain and inert.
    return json.dumps(value, ensure_ascii=True).replace("</", "<\\/")


def _validate(request: ValidationRequest) -> ValidationReply:
    # Imported on first use: a worker that only renders does not load the checks.
    from editor.article.validation import validate_text
    from editor.site.article_files import validation_rules

    problems = validate_text(request.text, validation_rules(request.site, request.path))
    return ValidationReply(request.request_id, list(problems))


def _spell(request: SpellRequest) -> Iterator[SpellReply]:
    """The visible misspellings first, then all of them: a 6 KB article is marked in a few milliseconds,
    a 1 MB one shows its visible marks long before the rest is checked."""
    # Imported on first use: only a worker that spells loads Hunspell and its dictionaries.
    from editor.spelling.checker import SpellChecker
    from editor.spelling.languages import SpellLanguage
    from editor.spelling.words import article_words, prose_words
    from editor.ui.article.text_positions import TextPositions

    checker = _checkers.get((request.language, request.known))
    if checker is None:
        checker = SpellChecker(SpellLanguage(request.language), request.known)
        _checkers.clear()
        _checkers[(request.language, request.known)] = checker
    words = list(prose_words(request.text)) if request.plain else article_words(request.text, request.fields)
    positions = TextPositions(request.text)
    first, last = (positions.text_offset(position) for position in request.visible)
    visible = [word for word in words if first <= word.start < last]
    if visible and len(visible) < len(words):
        yield SpellReply(request.request_id, _marks(checker.wrong_words(visible), positions), complete=False)
    yield SpellReply(request.request_id, _marks(checker.wrong_words(words), positions), complete=True)


def _marks(words: list[Word], positions: TextPositions) -> list[tuple[int, int, str]]:
    return [(positions.qt_position(word.start), positions.qt_position(word.end), word.text) for word in words]


def _suggest(request: SuggestRequest) -> SuggestReply:
    from editor.spelling.checker import SpellChecker
    from editor.spelling.languages import SpellLanguage

    return SuggestReply(
        request.request_id, SpellChecker(SpellLanguage(request.language)).suggest(request.word)
    )


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


class Replies:
    """The reply pipe, written whole message by whole message by the render loop and the checks' thread."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, reply: object) -> None:
        data = encode_message(reply)
        with self._lock:
            self._stream.write(data)
            self._stream.flush()


class Checks:
    """Validation in a thread of the render process (one process less: 27 MB with the sample, 67 MB
    with a 1 MB article, when it had its own). A check waits while renders come in, so it never holds
    the GIL a render waits for, except one that comes while it runs."""

    def __init__(self, replies: Replies) -> None:
        self._replies = replies
        self._requests: queue.SimpleQueue[ValidationRequest] = queue.SimpleQueue()
        self.last_render = 0.0  # time.monotonic() of the last render asked for, or of its reply
        self._thread: threading.Thread | None = None

    def put(self, request: ValidationRequest) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="checks", daemon=True)
            self._thread.start()
        self._requests.put(request)

    def _run(self) -> None:
        while True:
            request = self._requests.get()
            while (wait := self.last_render + RENDERS_FIRST_S - time.monotonic()) > 0:
                time.sleep(wait)
            try:
                reply: object = _validate(request)
            except Exception:
                reply = RenderFailure(request.request_id, traceback.format_exc())
            with contextlib.suppress(OSError, ValueError):
                self._replies.send(reply)


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Answer messages from `requests` until it closes (the editor quit or let go of the worker)."""
    patcher = PagePatcher()
    out = Replies(replies)
    checks = Checks(out)
    while True:
        header = _read_exactly(requests, HEADER.size)
        if header is None:
            return
        (length,) = HEADER.unpack(header)
        payload = _read_exactly(requests, length)
        if payload is None:
            return
        message = pickle.loads(payload)
        reply: object | None = None
        if isinstance(message, SpellRequest):
            _answer_spelling(message, out)
            continue
        try:
            if isinstance(message, SiteMessage):
                patcher.set_site(message)
            elif isinstance(message, RenderRequest):
                checks.last_render = time.monotonic()
                reply = patcher.patch(message)
            elif isinstance(message, ValidationRequest):
                checks.put(message)
            elif isinstance(message, SuggestRequest):
                reply = _suggest(message)
            elif isinstance(message, OutlineRequest):
                from editor.render.outline import outline

                reply = OutlineReply(message.request_id, list(outline(message.text)))
            else:
                print(f"render worker: unknown message {type(message).__name__}", file=sys.stderr)
        except Exception:
            request_id = getattr(message, "request_id", -1)
            reply = RenderFailure(request_id, traceback.format_exc())
            # The renderer's caches may be half updated: start over with a full page.
            patcher.start_over()
        if reply is not None:
            out.send(reply)
            checks.last_render = time.monotonic()


def widen_pipes(*streams: BinaryIO) -> None:
    """Let each pipe hold a whole long article (Linux; elsewhere nothing changes).

    With the default 64 KB pipe, the editor writes a 1 MB request in sixteen pieces, each when its event
    loop next comes round while the user types: the worker waited 20 to 60 ms per keystroke for its text.
    """
    if sys.platform == "win32":
        return
    import fcntl

    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is None:
        return
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    except (OSError, ValueError):
        limit = 1 << 20
    for stream in streams:
        # Not a pipe (a test's file), or a kernel that refuses: the default size still works.
        with contextlib.suppress(OSError, ValueError):
            fcntl.fcntl(stream.fileno(), set_size, min(PIPE_SIZE, limit))


def _answer_spelling(request: SpellRequest, replies: Replies) -> None:
    try:
        for reply in _spell(request):
            replies.send(reply)
    except Exception:
        replies.send(RenderFailure(request.request_id, traceback.format_exc()))


def main() -> None:
    """Entry point of the worker process."""
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    widen_pipes(requests, replies)
    # A stray print in a library must not corrupt the replies.
    sys.stdout = sys.stderr
    try:
        serve(requests, replies)
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        # Skip interpreter teardown: the editor may be waiting for this process to end.
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: its message classes are the ones the editor pickles.
    from editor.ui.preview import render_worker

    render_worker.main()
