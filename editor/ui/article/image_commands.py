"""The article view's image commands: insert images from files, drops and the clipboard, with alt text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from editor.article.block_insertion import as_own_paragraph
from editor.site.errors import SiteFileError
from editor.site.image_import import ImportedImage
from editor.ui.article.text_positions import text_offset
from editor.ui.core_texts import error_message

if TYPE_CHECKING:
    from editor.ui.article.article_session import ArticleSession
    from editor.ui.article.front_matter_form import FrontMatterForm
    from editor.ui.article.source_editor import SourceEditor


def markdown_image(alt: str, url: str) -> str:
    """`![alt](url)` with the characters that would end the alt text or the URL escaped."""
    escaped_alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = f"<{url}>" if any(char in url for char in " ()") else url
    return f"![{escaped_alt}]({target})"


def _alt_from_name(name: str) -> str:
    stem = Path(name).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:]


class ImageCommands(QWidget):
    """Mixed into ArticleView: the image commands of one article."""

    editor: SourceEditor
    session: ArticleSession
    form: FrontMatterForm

    if TYPE_CHECKING:

        def _show_error(self, title: str, message: str) -> None: ...

    def insert_image_dialog(self) -> None:
        """Choose image files, import them into the site and insert them at the cursor."""
        names, _ = QFileDialog.getOpenFileNames(
            self,
            QCoreApplication.translate("ArticleView", "Insert Image"),
            str(Path.home()),
            QCoreApplication.translate(
                "ArticleView", "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)"
            ),
        )
        self._insert_images([Path(name) for name in names], None)

    def _on_image_files_dropped(self, paths: list[Path], position: int) -> None:
        self._insert_images(paths, position)

    def _insert_images(self, paths: list[Path], position: int | None) -> None:
        if self.session.site is None:
            return
        if position is not None:
            cursor = self.editor.textCursor()
            cursor.setPosition(position)
            self.editor.setTextCursor(cursor)
        for path in paths:
            try:
                imported = self.session.import_image_file(path)
            except SiteFileError as error:
                self._show_error(
                    QCoreApplication.translate("ArticleView", "Cannot insert {0}").format(path.name),
                    error_message(error),
                )
                continue
            self._insert_imported(imported, _alt_from_name(path.name))

    def _on_image_pasted(self, image: QImage) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, b"PNG")
        name = f"pasted-image-{dt.datetime.now():%Y%m%d-%H%M%S}.png"
        try:
            imported = self.session.import_image_data(bytes(buffer.data().data()), name)
        except SiteFileError as error:
            self._show_error(
                QCoreApplication.translate("ArticleView", "Cannot paste the image"), error_message(error)
            )
            return
        self._insert_imported(imported, "")

    def _insert_imported(self, imported: ImportedImage, suggested_alt: str) -> None:
        alt = self.ask_alt_text(imported.url, suggested_alt)
        if alt is None:
            return
        # A paragraph of its own: typed after a quote or inside a paragraph, it would join them.
        text, cursor = self.editor.text(), self.editor.textCursor()
        start = text_offset(text, cursor.selectionStart())
        end = text_offset(text, cursor.selectionEnd())
        image = markdown_image(alt, imported.url)
        self.editor.insert_text_at_cursor(as_own_paragraph(text[:start], image, text[end:]))

    def ask_alt_text(self, url: str, suggested: str) -> str | None:
        """Ask what the image shows, for readers who cannot see it; None when cancelled."""
        alt, accepted = QInputDialog.getText(
            self,
            QCoreApplication.translate("ArticleView", "Describe the image"),
            QCoreApplication.translate(
                "ArticleView", "Alt text for {0} (what the image shows, for readers who cannot see it):"
            ).format(url),
            text=suggested,
        )
        return alt.strip() if accepted else None

    def _choose_field_image(self, key: str) -> None:
        if self.session.site is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ArticleView", "Choose Image"),
            str(self.session.site.image_dir),
            QCoreApplication.translate(
                "ArticleView", "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)"
            ),
        )
        if not name:
            return
        try:
            imported = self.session.import_image_file(Path(name))
        except SiteFileError as error:
            self._show_error(
                QCoreApplication.translate("ArticleView", "Cannot use {0}").format(Path(name).name),
                error_message(error),
            )
            return
        self.session.edit_field(key, imported.url)
        alt_spec = next((spec for spec in self.session.site.schema.fields if spec.alt_for == key), None)
        if alt_spec is not None:
            values = self.session.front_matter.values() if self.session.front_matter else {}
            current = values.get(alt_spec.name)
            alt = self.ask_alt_text(
                imported.url, str(current) if current else _alt_from_name(Path(name).name)
            )
            if alt is not None:
                self.session.edit_field(alt_spec.name, alt)
