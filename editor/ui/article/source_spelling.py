"""Misspelled words underlined in the source pane, checked in the spelling process, with suggestions, Add
to Site Dictionary and Ignore in the context menu."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from editor.article.schema import DEFAULT_SCHEMA
from editor.site.errors import SiteFileError
from editor.site.site_words import add_site_word, read_site_words
from editor.spelling.languages import SpellLanguage, article_language
from editor.spelling.prose_fields import prose_fields
from editor.ui.article.article_session import ArticleSession
from editor.ui.article.source_editor import SourceEditor
from editor.ui.article.spell_process import SpellProcess, shared_spelling

# Typing pauses this long before the text is checked again; opening an article checks at once.
CHECK_DELAY_MS = 250
# Misspellings past this many in view are not drawn: a page of them is already a page of red.
MAX_DRAWN = 400
Mark = tuple[int, int, str]


def add_spelling_actions(
    menu: QMenu,
    word: str,
    *,
    add: Callable[[], object] | None,
    ignore: Callable[[], object],
    replace: Callable[[str], object],
    suggest: Callable[[str, Callable[[list[str]], None]], None],
) -> None:
    """Put the suggestions for `word`, Add to Site Dictionary (disabled when `add` is None) and Ignore at
    the top of `menu`, a standard context menu (the source pane's and the form fields'). The suggestions
    come later, from `suggest(word, fill)`: a placeholder stands in until they do."""

    # In the source pane's translation context, where lupdate finds these literal strings.
    translate = QCoreApplication.translate
    # A standard menu always starts with Undo.
    first = menu.actions()[0]
    placeholder = QAction(translate("SourceSpelling", "Looking for suggestions…"), menu)
    placeholder.setEnabled(False)
    menu.insertAction(first, placeholder)
    add_action = QAction(translate("SourceSpelling", "Add “{0}” to Site Dictionary").format(word), menu)
    add_action.setEnabled(add is not None)
    if add is not None:
        add_action.triggered.connect(add)
    ignore_action = QAction(translate("SourceSpelling", "Ignore “{0}”").format(word), menu)
    ignore_action.triggered.connect(ignore)
    for action in (add_action, ignore_action):
        menu.insertAction(first, action)
    menu.insertSeparator(first)

    def fill(suggestions: list[str]) -> None:
        if not shiboken6.isValid(placeholder):
            return  # the menu closed before the suggestions came
        if not suggestions:
            placeholder.setText(translate("SourceSpelling", "No suggestions"))
            return
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _=False, s=suggestion: replace(s))
            menu.insertAction(placeholder, action)
        menu.removeAction(placeholder)

    suggest(word, fill)


class SourceSpelling(QObject):
    """Keeps the source pane's misspelled words underlined as the writer types and scrolls."""

    marked = Signal(bool)
    """Marks arrived (True once the whole text is checked)."""
    failed = Signal(str)
    """The site's word list could not be written; the message says why."""

    def __init__(
        self, editor: SourceEditor, session: ArticleSession, process: SpellProcess | None = None
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.session = session
        self.process = process if process is not None else shared_spelling()
        self.enabled = True
        self.language: SpellLanguage | None = None
        self.marks: list[Mark] = []
        self.ignored: set[str] = set()
        self._site_words: frozenset[str] = frozenset()
        self._revision = 0
        self._asked_revision = -1
        self._suggestions: dict[str, list[str]] = {}
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor("#d0312d"))
        editor.document().contentsChange.connect(self._on_contents_change)
        # Drawn on the next turn of the event loop: setting extra selections while the editor scrolls
        # (inside its scroll bar's signal) crashes Qt, and a burst of scroll steps draws once.
        self._draw_timer = QTimer(self, singleShot=True, interval=0)
        self._draw_timer.timeout.connect(self.show_visible)
        editor.verticalScrollBar().valueChanged.connect(self._draw_timer.start)
        session.loaded.connect(self._on_loaded)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self.show_context_menu)

    # ---- checking ----------------------------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        """Turn the underlines on or off."""
        self.enabled = enabled
        if enabled:
            self.check_now()
        else:
            self.marks = []
            self.show_visible()

    def _on_loaded(self) -> None:
        site = self.session.site
        try:
            self._site_words = read_site_words(site.root) if site is not None else frozenset()
        except SiteFileError:
            self._site_words = frozenset()
        self.marks = []
        self._suggestions.clear()
        self.check_now()

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        self._revision += 1
        if self.marks:
            # Marks after the edit move with it; a mark the edit touches goes until the next check.
            shift = added - removed
            self.marks = [
                (start + shift, end + shift, word) if start >= position + removed else (start, end, word)
                for start, end, word in self.marks
                if end < position or start >= position + removed
            ]
            self.show_visible()
        if self.enabled:
            self._timer.start()

    def spell_language(self) -> SpellLanguage | None:
        """The article's language: the site's, else its `lang`, else the window's."""
        site = self.session.site
        front = self.session.front_matter
        lang = front.values().get("lang") if front is not None else None
        return article_language(site.language if site is not None else None, lang, QLocale().name())

    def known_words(self) -> frozenset[str]:
        """The site's words and the ones the writer ignores."""
        return self._site_words | frozenset(self.ignored)

    def check_now(self) -> None:
        """Send the text to be checked, the part in view first."""
        self._timer.stop()
        self.language = self.spell_language()
        if not self.enabled or self.language is None:
            self.marks = []
            self.show_visible()
            return
        site = self.session.site
        fields = prose_fields(site.schema if site is not None else DEFAULT_SCHEMA)
        revision = self._revision
        self._asked_revision = revision
        self.process.check(
            self.editor.text(),
            self.language.value,
            self.known_words(),
            fields,
            self.visible_range(),
            lambda marks, complete: self._on_marked(revision, marks, complete),
        )

    def _on_marked(self, revision: int, marks: list[Mark], complete: bool) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.editor):
            return  # the window closed while the text was being checked
        if revision != self._revision or not self.enabled:
            return  # the text changed meanwhile: its own check is coming
        if complete:
            self.marks = marks
        else:
            # The visible words' marks, while the rest is still being checked.
            first, last = self.visible_range()
            kept = [mark for mark in self.marks if not first <= mark[0] < last]
            self.marks = sorted(kept + marks)
        self.show_visible()
        self.marked.emit(complete)

    # ---- drawing -----------------------------------------------------------------------------------

    def visible_range(self) -> tuple[int, int]:
        """The document positions from the first to past the last character in view."""
        viewport = self.editor.viewport()
        first = self.editor.cursorForPosition(QPoint(0, 0)).block().position()
        bottom = self.editor.cursorForPosition(QPoint(viewport.width(), viewport.height())).block()
        return first, bottom.position() + bottom.length()

    def show_visible(self) -> None:
        """Underline the marks in view (only those: a long article may hold thousands)."""
        first, last = self.visible_range()
        starts = [mark[0] for mark in self.marks]
        begin = bisect.bisect_left(starts, first)
        end = bisect.bisect_left(starts, last)
        selections = []
        length = self.editor.document().characterCount()
        for start, stop, _word in self.marks[begin : min(end, begin + MAX_DRAWN)]:
            if stop >= length:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = self._format  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.set_marks(selections)

    def mark_at(self, position: int) -> Mark | None:
        """The misspelled word at document position `position`, if any."""
        index = bisect.bisect_right([mark[0] for mark in self.marks], position) - 1
        if index >= 0 and self.marks[index][0] <= position <= self.marks[index][1]:
            return self.marks[index]
        return None

    # ---- context menu ------------------------------------------------------------------------------

    def context_menu(self, position: QPoint) -> QMenu:
        """The editor's menu, with the suggestions and word-list actions first when a mark is there."""
        menu = self.editor.createStandardContextMenu(position)
        mark = self.mark_at(self.editor.cursorForPosition(position).position())
        if mark is None or self.language is None:
            return menu
        word = mark[2]

        def suggest(word: str, fill: Callable[[list[str]], None]) -> None:
            def keep(suggestions: list[str]) -> None:
                self._suggestions[word] = suggestions
                fill(suggestions)

            language = self.language
            if word in self._suggestions:
                fill(self._suggestions[word])
            elif language is not None:
                self.process.suggest(language.value, word, keep)

        add_spelling_actions(
            menu,
            word,
            add=(lambda: self.add_to_site_dictionary(word)) if self.session.site is not None else None,
            ignore=lambda: self.ignore(word),
            replace=lambda replacement: self.replace(mark, replacement),
            suggest=suggest,
        )
        return menu

    def show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.editor.viewport().mapToGlobal(position))

    def replace(self, mark: Mark, replacement: str) -> None:
        """Put `replacement` in place of the marked word, as one undo step."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(mark[0])
        cursor.setPosition(mark[1], QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() == mark[2]:
            cursor.insertText(replacement)

    def ignore(self, word: str) -> None:
        """Take `word` as right in every article until the editor quits."""
        self.ignored.add(word)
        self.marks = [mark for mark in self.marks if mark[2] != word]
        self.show_visible()

    def add_to_site_dictionary(self, word: str) -> Path | None:
        """Add `word` to the site's word list; the path written, or None when there is no site."""
        site = self.session.site
        if site is None:
            return None
        try:
            self._site_words = add_site_word(site.root, word)
        except SiteFileError as error:
            self.failed.emit(error.message)
            return None
        self.marks = [mark for mark in self.marks if mark[2] != word]
        self.show_visible()
        return site.root
