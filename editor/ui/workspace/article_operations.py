"""The window's article commands: duplicate, rename (links follow, after showing the files), delete to
the trash, and the site search. Mixed into MainWindow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox

from editor.article.errors import ArticleError
from editor.article.front_matter import read_front_matter
from editor.article.slug import slugify
from editor.site.article_files import save_article_as
from editor.site.errors import AlreadyExistsError, SiteFileError
from editor.site.files import send_to_trash
from editor.site.rename import apply_rename, plan_rename
from editor.ui.core_texts import error_message

if TYPE_CHECKING:
    from editor.ui.article.article_view import ArticleView
    from editor.ui.workspace.site_search_dialog import SiteSearchDialog


class ArticleOperations(QMainWindow):
    """Duplicate, Rename, Delete and Find in Site, over the current tab's article."""

    _site_search: SiteSearchDialog | None = None

    if TYPE_CHECKING:
        from editor.ui.workspace.site_workspace import SiteWorkspace

        workspace: SiteWorkspace | None

        @property
        def view(self) -> ArticleView: ...

        def views(self) -> list[ArticleView]: ...

        def open_path(self, path: Path) -> bool: ...

        def close_tab(self, index: int) -> bool: ...

        def tab_of(self, path: Path) -> ArticleView | None: ...

        def _show_error(self, title: str, message: str) -> None: ...

        def _status(self, message: str, milliseconds: int) -> None: ...

    def _saved_article(self, action: str) -> Path | None:
        """The current article's file, when it has one and no unsaved edits (else says why, None)."""
        view = self.view
        path = view.session.path
        if path is None:
            self._show_error(action, QCoreApplication.translate("MainWindow", "Save the new article first."))
            return None
        if view.session.is_modified():
            self._show_error(
                action,
                QCoreApplication.translate(
                    "MainWindow", "{0} has unsaved changes: save or revert them first."
                ).format(path.name),
            )
            return None
        return path

    def duplicate_article(self) -> None:
        """Save a copy of the current article beside it (NAME-copy.md) and open it in a tab."""
        view = self.view
        source = view.session.path
        if source is None:
            self._show_error(
                QCoreApplication.translate("MainWindow", "Duplicate Article"),
                QCoreApplication.translate("MainWindow", "Save the new article first."),
            )
            return
        for number in range(1, 100):
            suffix = "-copy" if number == 1 else f"-copy-{number}"
            target = source.with_name(f"{source.stem}{suffix}{source.suffix}")
            try:
                save_article_as(target, view.session.text(), bom=False)
            except AlreadyExistsError:
                continue
            except SiteFileError as error:
                self._show_error(
                    QCoreApplication.translate("MainWindow", "Duplicate Article"), error_message(error)
                )
                return
            self.open_path(target)
            if self.workspace is not None:
                self.workspace.update([target])
            return

    def rename_article(self) -> None:
        """Give the current article a new slug (offered from its title): its file is renamed and the links
        in other articles follow, after the list of files it changes is shown."""
        title = QCoreApplication.translate("MainWindow", "Rename Article")
        path = self._saved_article(title)
        if path is None or self.workspace is None:
            if path is not None:
                self._show_error(
                    title,
                    QCoreApplication.translate("MainWindow", "Open the article's site folder to rename it."),
                )
            return
        try:
            values = read_front_matter(self.view.session.text()).values()
        except ArticleError:
            values = {}
        suggested = slugify(str(values.get("title") or "")) or path.stem
        slug, accepted = QInputDialog.getText(
            self,
            title,
            QCoreApplication.translate("MainWindow", "New slug (the file name and URL):"),
            text=suggested,
        )
        if not accepted or not slug.strip():
            return
        self.rename_to(path, slug.strip(), confirm=True)

    def rename_to(self, path: Path, slug: str, *, confirm: bool = True) -> bool:
        """Rename the article at `path` to `slug` (asking first when `confirm`); True when done."""
        title = QCoreApplication.translate("MainWindow", "Rename Article")
        assert self.workspace is not None
        try:
            plan = plan_rename(self.workspace.site, path, slug)
        except (ArticleError, SiteFileError) as error:
            self._show_error(title, error_message(error))
            return False
        busy = [
            edit.article.path.name
            for edit in plan.edits
            if (tab := self.tab_of(edit.article.path)) and tab.session.is_modified()
        ]
        if busy:
            self._show_error(
                title,
                QCoreApplication.translate("MainWindow", "Save these articles first: {0}").format(
                    ", ".join(busy)
                ),
            )
            return False
        root = self.workspace.site.root
        files = "\n".join(
            str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in plan.changed_files()
        )
        if confirm:
            answer = QMessageBox.question(
                self,
                title,
                QCoreApplication.translate(
                    "MainWindow", "Rename {0} to {1}? These files change:\n{2}"
                ).format(path.name, plan.target.name, files),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            apply_rename(plan)
        except (ArticleError, SiteFileError) as error:
            self._show_error(title, error_message(error))
            return False
        view = self.tab_of(path)
        if view is not None:
            view.session.load(plan.target)
        self.workspace.update([path, plan.target, *(edit.article.path for edit in plan.edits)])
        self._status(
            QCoreApplication.translate("MainWindow", "Renamed to {0}; {1} articles' links follow").format(
                plan.target.name, len(plan.edits)
            ),
            6000,
        )
        return True

    def delete_article(self, *, confirm: bool = True) -> bool:
        """Move the current article to the system trash (refused while it has unsaved edits)."""
        title = QCoreApplication.translate("MainWindow", "Delete Article")
        path = self._saved_article(title)
        if path is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                title,
                QCoreApplication.translate("MainWindow", "Move {0} to the trash?").format(path.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            send_to_trash(path)
        except SiteFileError as error:
            self._show_error(title, error_message(error))
            return False
        view = self.view
        view.session.document.setModified(False)
        self.close_tab(self.tabs.indexOf(view))  # type: ignore[attr-defined]
        if self.workspace is not None:
            self.workspace.update([path])
        return True

    def show_site_search(self) -> SiteSearchDialog:
        """The Find in Site dialog (one per window), with the current selection as the query."""
        from editor.ui.workspace.site_search_dialog import SiteSearchDialog

        if self._site_search is None:
            self._site_search = SiteSearchDialog(self)  # type: ignore[arg-type]
            self._site_search.result_activated.connect(self._open_result)
        selected = self.view.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self._site_search.find_field.setText(selected)
        self._site_search.show()
        self._site_search.raise_()
        self._site_search.find_field.setFocus()
        return self._site_search

    def _open_result(self, path: Path, line: int, column: int) -> None:
        if self.open_path(path):
            self.view.editor.go_to_line(line)
