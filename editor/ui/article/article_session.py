"""One open article: its document, where it lives, whether it is saved, and every change to its file."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from editor.article.errors import ArticleError
from editor.article.field_edits import TextEdit, remove_field, set_field
from editor.article.front_matter import FrontMatter, read_front_matter
from editor.article.text_changes import LineBreaks, changed_span, remember_breaks
from editor.article.validation import Problem
from editor.article.yaml_scalars import FieldValue
from editor.site.article_files import (
    OpenedArticle,
    linked_file,
    open_article,
    save_article,
    save_article_as,
)
from editor.site.config import SiteConfig, load_site
from editor.site.files import FileStamp
from editor.site.image_import import ImportedImage, import_image, import_image_bytes
from editor.ui.article.document_text import document_lines
from editor.ui.article.text_positions import TextPositions, qt_position, utf16_length
from editor.ui.article.validation_process import shared_validation
from editor.ui.core_texts import error_message

# Checks run once typing pauses this long, in the validation process: ~1 ms on a normal article, a few
# hundred on 1 MB.
VALIDATION_DELAY_MS = 250


class ArticleSession(QObject):
    """The open article. Widgets connect to its signals; all file work goes through the core."""

    loaded = Signal()
    front_matter_changed = Signal(object, object, bool)  # values or None, error message or None, editable
    problems_found = Signal(list)
    saved = Signal(Path)
    modified_changed = Signal(bool)
    path_changed = Signal(object)

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path: Path | None = None
        self.site: SiteConfig | None = None
        self._opened: OpenedArticle | None = None
        # The text whose line breaks the document's lines carry (a Qt document keeps lines, not the CRLF,
        # LF, CR or U+2029 that ended each): the file as read or saved, or as the last edit of ours left it.
        self._known_breaks: dict[str, str] = {}
        self._breaks = LineBreaks("", self._known_breaks)
        # Where the body starts, in document positions (see _on_contents_change).
        self._body_position = 0
        # text(), kept until the document or the breaks change.
        self._text: str | None = None
        self._front: FrontMatter | None = None
        self._generation = 0
        self._replacing = False
        self._validation_timer = QTimer(self, singleShot=True, interval=VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self._start_validation)
        # Edits that bring the text back to the saved one (a letter typed and deleted, a field changed and
        # changed back) make it unmodified, as an undo to it does; checked after the edit, not inside it.
        self._clean_check = QTimer(self, singleShot=True, interval=0)
        self._clean_check.timeout.connect(self._clean_if_saved)
        self._length_of: tuple[OpenedArticle | None, int] = (None, 0)
        # Qt reports contentsChange only for a document with a layout; an editor's document has one already.
        document.documentLayout()
        document.contentsChange.connect(self._on_contents_change)
        document.modificationChanged.connect(self._on_modification_changed)
        document.modificationChanged.connect(self.modified_changed)

    # ---- reading -----------------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Open `path` (and its site); raises ArticleError or SiteFileError, leaving the session as it was."""
        opened = open_article(path)
        site = load_site(path)
        self._show(opened.text, site, opened)

    def load_text(self, text: str, site: SiteConfig) -> None:
        """Start an unsaved article (from a template) in `site`; it gets a path at its first save."""
        self._show(text, site, None)

    def _show(self, text: str, site: SiteConfig, opened: OpenedArticle | None) -> None:
        self._known_breaks.clear()
        self._breaks = LineBreaks("", self._known_breaks)
        self._opened = opened
        self.site = site
        self.path = opened.path if opened is not None else None
        self._set_breaks_from(text)
        self._replace_text(text)
        self.document.clearUndoRedoStacks()
        # A new article is unsaved work from the start; an opened one is what is on disk.
        self.document.setModified(opened is None)
        self.path_changed.emit(self.path)
        self.loaded.emit()
        self._refresh_front_matter()
        # The article before's problems must not stand beside this one while its checks run.
        self.problems_found.emit([])
        self._start_validation()

    def _replace_text(self, text: str) -> None:
        # One parse after the whole text is in, not one for each change setPlainText reports on its way.
        self._replacing = True
        try:
            self.document.setPlainText(text)
        finally:
            self._replacing = False

    def reload(self) -> tuple[int, int] | None:
        """Read the file again into the document in place, as one undoable step that keeps the cursors.

        Only the characters that differ are replaced, so cursors outside them stay on their text, and Undo
        brings back the text from before the reload: nothing the writer had is lost. Returns the document
        positions (start, end before the reload) that were replaced, None if none. Raises SiteFileError or
        ArticleError, leaving the document as it was.
        """
        if self.path is None:
            return None
        opened = open_article(self.path)
        self._replacing = True
        try:
            replaced = self._replace_changed(opened.text)
        finally:
            self._replacing = False
        self._opened = opened
        self.document.setModified(False)
        self._refresh_front_matter()
        self._start_validation()
        return replaced

    def _replace_changed(self, new: str) -> tuple[int, int] | None:
        """Replace what differs between the text and `new`, as one undo step; the document positions
        (start, end before) of the replaced part, None when nothing differs."""
        old = self.text()
        if old == new:
            return None
        start, old_end, new_end = changed_span(old, new)
        # Never cut a CRLF in two: the document holds it as one break.
        if start > 0 and old[start - 1] == "\r":
            start -= 1
        if old_end < len(old) and old[old_end] == "\n" and old_end > start and old[old_end - 1] == "\r":
            old_end, new_end = old_end + 1, new_end + 1
        positions = TextPositions(old)
        first, last = positions.qt_position(start), positions.qt_position(old_end)
        # Before the change, so what reacts to it already reads `new` from text().
        self._set_breaks_from(new)
        self._replace_positions(first, last, new[start:new_end])
        return first, last

    def _replace_positions(self, first: int, last: int, replacement: str) -> None:
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        cursor.endEditBlock()

    def read_disk_text(self) -> str:
        """The article's text as it is on disk now."""
        assert self.path is not None
        return open_article(self.path).text

    def matches_saved_text(self) -> bool:
        """Whether the document holds exactly the text last read or saved."""
        if self._opened is None:
            return False
        return self.text() == self._opened.text

    @property
    def stamp(self) -> FileStamp | None:
        """The stamp of the bytes last read or saved, or None for an article not yet saved."""
        return self._opened.stamp if self._opened is not None else None

    def text(self) -> str:
        """The article text to write: the document with the file's own line breaks."""
        if self._text is None:
            # Each line keeps the break it had; a typed or changed line takes the one of the line it
            # replaced. Unedited, that is exactly the text read: Qt changes nothing in a line.
            self._text = self._breaks.join(document_lines(self.document))
        return self._text

    def is_modified(self) -> bool:
        """Whether the document has changes not on disk."""
        return self.document.isModified()

    @property
    def base_sha256(self) -> str | None:
        """SHA-256 of the file's bytes as last read or saved; None for an article never saved."""
        return self._opened.stamp.sha256 if self._opened is not None else None

    @property
    def front_matter(self) -> FrontMatter | None:
        """The last front matter parsed from the document, or None while it is broken."""
        return self._front

    # ---- writing -----------------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> None:
        """Save to the article's path; raises SiteFileError (e.g. ChangedOnDiskError) and keeps the edits."""
        if self.path is None:
            raise ValueError("an unsaved article needs save_as")
        text = self.text()
        if self._opened is None:
            self._opened = save_article_as(self.path, text, bom=False, force=force)
        else:
            self._opened = save_article(self._opened, text, force=force)
        self._set_breaks_from(text)
        self.document.setModified(False)
        self.saved.emit(self.path)

    def save_as(self, path: Path, *, force: bool = False) -> None:
        """Save under a new name: `force` replaces an existing file (the dialog asked already)."""
        bom = self._opened.bom if self._opened is not None else False
        text = self.text()
        self._opened = save_article_as(path, text, bom=bom, force=force)
        self._set_breaks_from(text)
        self.path = path
        self.site = load_site(path)
        self.document.setModified(False)
        self.path_changed.emit(path)
        self.saved.emit(path)
        self._start_validation()

    def revert(self) -> None:
        """Reload the file from disk, dropping the edits."""
        if self.path is not None:
            self.load(self.path)

    def replace_all(self, text: str) -> None:
        """Make the text `text` as one undoable edit (a recovered buffer over the file it came from); only
        what differs is replaced, and `text` comes back from text() byte for byte."""
        self._replace_changed(text)

    # ---- field edits -------------------------------------------------------------------------------

    def edit_field(self, key: str, value: FieldValue) -> None:
        """Set a front-matter field by replacing only its characters in the document, as one undo step."""
        # A new key goes where the site's schema puts it, as the form shows it.
        order = self.site.schema.names() if self.site is not None else ()
        self.apply_edit(set_field(self.text(), key, value, order))

    def remove_field(self, key: str) -> None:
        """Remove a front-matter field's lines, as one undo step."""
        self.apply_edit(remove_field(self.text(), key))

    def apply_edit(self, edit: TextEdit) -> None:
        """Apply a core TextEdit (offsets into text()) as one undoable step; text() then gives exactly
        edit.apply(text) back, the line breaks the edit wrote included."""
        if edit.start == edit.end and not edit.replacement:
            return
        text = self.text()
        positions = TextPositions(text)
        # Before the change, so the form, reacting to it, already reads the edited text from text().
        self._set_breaks_from(edit.apply(text))
        self._replace_positions(
            positions.qt_position(edit.start), positions.qt_position(edit.end), edit.replacement
        )

    # ---- images ------------------------------------------------------------------------------------

    def import_image_file(self, source: Path) -> ImportedImage:
        """Copy an image into the site (safe name, never overwriting); raises ImageImportError."""
        assert self.site is not None
        return import_image(self.site, source)

    def import_image_data(self, data: bytes, name: str) -> ImportedImage:
        """Store pasted image bytes in the site; raises ImageImportError."""
        assert self.site is not None
        return import_image_bytes(self.site, data, name)

    def resolve_url(self, url: str) -> Path | None:
        """The file a site URL names, for thumbnails and the preview; None when remote or outside the site."""
        return None if self.site is None else linked_file(self.site, self.path, url)

    # ---- keeping the form and the problems current ----------------------------------------------------

    def _on_modification_changed(self, modified: bool) -> None:
        if not modified and self._opened is not None:
            # Back at the text last read or saved (an undo, say): its lines are that text's, breaks too.
            self._set_breaks_from(self._opened.text)

    def _set_breaks_from(self, text: str) -> None:
        if text == self._breaks.original:
            return  # a save, then the clean state it causes, both say so: the lines are read once
        remember_breaks(text, self._known_breaks)
        self._breaks = LineBreaks(text, self._known_breaks)
        self._text = None

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        self._text = None
        if self._replacing:
            return
        front = self._front
        # Typing in the body cannot change the front matter; re-reading it on every keystroke would. The
        # body's start as a document position: an emoji in the front matter is one offset, two positions.
        if front is None or front.parts.format is None or position <= self._body_position:
            self._refresh_front_matter()
        self._validation_timer.start()
        if self.document.isModified() and self._opened is not None:
            self._clean_check.start()

    def _clean_if_saved(self) -> None:
        opened = self._opened
        # The length first: comparing a long article's text on every keystroke would cost milliseconds.
        if (
            opened is not None
            and self.document.isModified()
            and self.document.characterCount() == self._saved_length(opened) + 1
            and self.matches_saved_text()
        ):
            self.document.setModified(False)

    def _saved_length(self, opened: OpenedArticle) -> int:
        if self._length_of[0] is not opened:
            self._length_of = (opened, utf16_length(opened.text))
        return self._length_of[1]

    def _refresh_front_matter(self) -> None:
        text = self.text()
        try:
            self._front = read_front_matter(text)
            self._body_position = qt_position(text, self._front.parts.body_start)
        except ArticleError as error:
            self._front = None
            message = error_message(error)
            shown = self.tr("line {0}: {1}").format(error.line, message) if error.line else message
            self.front_matter_changed.emit(None, shown, False)
            return
        # TOML and one-line {…} front matter are read-only in the form (read_front_matter says which).
        self.front_matter_changed.emit(self._front.values(), None, self._front.editable)

    def _start_validation(self) -> None:
        if self.site is None:
            return
        self._generation += 1
        generation = self._generation
        shared_validation().check(
            self.text(), self.site, self.path, lambda problems: self._on_validated(generation, problems)
        )

    def _on_validated(self, generation: int, problems: list[Problem]) -> None:
        if generation == self._generation and shiboken6.isValid(self):
            self.problems_found.emit(problems)
