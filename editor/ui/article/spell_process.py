"""Spell checking (and the outline's parse) in a worker process of its own, shared by every open article and form field: Hunspell
holds the GIL while it works (a third of a second for the suggestions of a long Danish word), which in a
thread of the editor would stall typing."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from editor.spelling.languages import SpellLanguage
from editor.ui.preview.render_process import RenderProcess, one_per_application
from editor.ui.preview.render_protocol import (
    OutlineReply,
    OutlineRequest,
    RenderFailure,
    SpellReply,
    SpellRequest,
    SuggestReply,
    SuggestRequest,
)

Marked = Callable[[list[tuple[int, int, str]], bool], None]
Suggested = Callable[[list[str]], None]
Outlined = Callable[[list[object]], None]
_request_ids = itertools.count(1)
# Where nothing releases the worker sooner (no preview renders), it starts this long after it was made.
RELEASE_AFTER_MS = 3000


class SpellProcess(QObject):
    """Sends texts to the spelling worker and calls back with the misspelled words' positions."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = RenderProcess(self)
        self._worker.replied.connect(self._on_reply)
        self._worker.died.connect(self._on_died)
        self._marked: dict[int, Marked] = {}
        self._suggested: dict[int, Suggested] = {}
        self._outlined: dict[int, Outlined] = {}
        self._warmed = False
        # Requests wait here until the window has shown its article: the worker's start (0.55 s of a core)
        # would otherwise compete with the window's and Chromium's on two cores, and start-up took twice as
        # long. None once released.
        self._waiting: list[object] | None = []
        QTimer.singleShot(RELEASE_AFTER_MS, self.release)

    def check(
        self,
        text: str,
        language: str,
        known: frozenset[str],
        fields: frozenset[str],
        visible: tuple[int, int],
        marked: Marked,
        *,
        plain: bool = False,
    ) -> int:
        """Check `text`; `marked(marks, complete)` runs on the GUI thread, first for the visible words."""
        request = SpellRequest(next(_request_ids), text, language, known, fields, visible, plain)
        self._marked[request.request_id] = marked
        self._send(request)
        return request.request_id

    def release(self) -> None:
        """Start the worker (if anything was asked, or to load the dictionaries) and send what waited."""
        if self._waiting is None:
            return
        waiting, self._waiting = self._waiting, None
        self.warm_up()
        for request in waiting:
            self._send(request)

    def warm_up(self) -> None:
        """Start the worker and load every dictionary now, while the window is still opening, so the
        first article is marked as soon as it shows (loading Danish takes 0.2 s)."""
        if self._warmed or self._waiting is not None:
            return
        self._warmed = True
        for language in SpellLanguage:
            self._send(SpellRequest(next(_request_ids), "", language.value, frozenset(), frozenset(), (0, 0)))

    def suggest(self, language: str, word: str, suggested: Suggested) -> None:
        """Ask for Hunspell's suggestions for `word`."""
        request = SuggestRequest(next(_request_ids), language, word)
        self._suggested[request.request_id] = suggested
        self._send(request)

    def outline(self, text: str, outlined: Outlined) -> None:
        """Ask for the headings of an article's text (parsing a long article would stall the window)."""
        request = OutlineRequest(next(_request_ids), text)
        self._outlined[request.request_id] = outlined
        self._send(request)

    def _send(self, request: object) -> None:
        if self._waiting is not None:
            self._waiting.append(request)
            return
        if not self._worker.running:
            self._worker.start()
        self._worker.send(request)

    def stop(self) -> None:
        """End the worker; answers still on their way are dropped."""
        self._marked.clear()
        self._suggested.clear()
        self._outlined.clear()
        self._worker.stop()

    def _on_reply(self, reply: object) -> None:
        if isinstance(reply, SpellReply):
            marked = self._marked.get(reply.request_id)
            if reply.complete:
                self._marked.pop(reply.request_id, None)
            if marked is not None:
                marked(reply.marks, reply.complete)
        elif isinstance(reply, SuggestReply):
            suggested = self._suggested.pop(reply.request_id, None)
            if suggested is not None:
                suggested(reply.suggestions)
        elif isinstance(reply, OutlineReply):
            outlined = self._outlined.pop(reply.request_id, None)
            if outlined is not None:
                outlined(reply.headings)
        elif isinstance(reply, RenderFailure):
            # A bug in the checker: no marks rather than a stuck request, and its traceback in the log.
            if reply.request_id in self._marked or reply.request_id in self._suggested:
                print(f"spelling worker: {reply.message}", file=sys.stderr)
            self._marked.pop(reply.request_id, None)
            self._suggested.pop(reply.request_id, None)

    def _on_died(self, _why: str) -> None:
        self._warmed = False
        # The next check starts a fresh worker; what was pending is asked again by its next edit.
        self._marked.clear()
        self._suggested.clear()
        self._outlined.clear()


def shared_spelling() -> SpellProcess:
    """The application's one spelling process, stopped when the application quits."""
    return one_per_application(SpellProcess)
