"""The review before a commit: the site's changed articles, each one's diff against HEAD and its rendered
before and after, the images git lacks with a Stage action, and a commit of the chosen articles."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.article.document import decode_article
from editor.article.errors import ArticleError
from editor.article.text_diff import LineKind, first_changed_words
from editor.site.article_files import open_article
from editor.site.config import SiteConfig
from editor.site.errors import SiteFileError
from editor.site.git_status import GitError, Repository
from editor.site.review import (
    ArticleReview,
    ImageReview,
    ImageState,
    SiteReview,
    review_site,
    shown_path,
)
from editor.ui.article.diff_view import DiffView
from editor.ui.core_texts import error_message
from editor.ui.review.commit_process import CommitProcess
from editor.ui.review.rendered_comparison import RenderedComparison
from editor.ui.review.status_words import change_label, image_state_label

__all__ = ["ReviewDialog"]

_PATH_ROLE = Qt.ItemDataRole.UserRole


class ReviewDialog(QDialog):
    """Review of one site's changes; opens on `current` (the article in the editor) when it changed."""

    committed = Signal()

    def __init__(
        self,
        site: SiteConfig,
        repository: Repository,
        current: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.site = site
        self.repository = repository
        self.review: SiteReview | None = None
        self.setWindowTitle(self.tr("Review Changes — {0}").format(site.root.name))
        self.summary = QLabel(self)
        self.articles = QListWidget(self)
        self.articles.setObjectName("reviewArticles")
        self.diff = DiffView(self)
        # Articles are prose: a paragraph is one long line, and its changed words must show without scrolling.
        self.diff.setLineWrapMode(DiffView.LineWrapMode.WidgetWidth)
        self.rendered = RenderedComparison(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.diff, self.tr("Source changes"))
        self.tabs.addTab(self.rendered, self.tr("Rendered before and after"))
        self.images = QTreeWidget(self)
        self.images.setObjectName("reviewImages")
        self.images.setHeaderLabels([self.tr("Image"), self.tr("Status"), self.tr("Used by")])
        self.images.setRootIsDecorated(False)
        self.images.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.stage_button = QPushButton(self.tr("&Stage Images"), self)
        self.message = QPlainTextEdit(self)
        self.message.setPlaceholderText(self.tr("Commit message"))
        self.message.setTabChangesFocus(True)
        self.commit_button = QPushButton(self.tr("&Commit Checked Articles"), self)
        self.output = QPlainTextEdit(self)
        self.output.setReadOnly(True)
        self.output.setPlaceholderText(self.tr("What git and the repository's hooks print shows here."))
        self.commit_process = CommitProcess(self)
        self._build_layout()
        self.articles.currentItemChanged.connect(lambda *_: self._show_current())
        self.articles.itemChanged.connect(lambda *_: self._update_buttons())
        self.message.textChanged.connect(self._update_buttons)
        self.stage_button.clicked.connect(self.stage_images)
        self.commit_button.clicked.connect(self.commit)
        self.commit_process.finished.connect(self._on_committed)
        self.refresh(current)
        self.resize(1400, 900)

    def _build_layout(self) -> None:
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.articles)
        top.addWidget(self.tabs)
        top.setStretchFactor(1, 1)
        top.setSizes([340, 1060])

        images_box = QGroupBox(self.tr("Images a commit would lack, and new images no article uses"), self)
        images_layout = QVBoxLayout(images_box)
        images_layout.addWidget(self.images)
        images_buttons = QHBoxLayout()
        images_buttons.addStretch(1)
        images_buttons.addWidget(self.stage_button)
        images_layout.addLayout(images_buttons)

        commit_box = QGroupBox(self.tr("Commit (never pushed)"), self)
        commit_layout = QVBoxLayout(commit_box)
        commit_layout.addWidget(self.message, 1)
        commit_buttons = QHBoxLayout()
        commit_buttons.addStretch(1)
        commit_buttons.addWidget(self.commit_button)
        commit_layout.addLayout(commit_buttons)
        commit_layout.addWidget(self.output, 1)

        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(images_box, 3)
        bottom_layout.addWidget(commit_box, 2)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setSizes([640, 260])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # git is watched for its index and HEAD only; an image copied into the site meanwhile needs a look.
        refresh = buttons.addButton(self.tr("&Refresh"), QDialogButtonBox.ButtonRole.ResetRole)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.clicked.connect(lambda: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    # ---- reading -----------------------------------------------------------------------------------

    def refresh(self, current: Path | None = None) -> None:
        """Read the site's review from git again, keeping the article shown and the ticks where possible."""
        if current is not None:
            # git names files by their real path; the editor may have opened the article through a link.
            current = Path(os.path.realpath(current))
        shown = current or self._current_path()
        checked = self.checked_articles() if self.review is not None else ({current} if current else set())
        try:
            self.review = review_site(self.site, self.repository)
        except GitError as error:
            self.review = None
            self.summary.setText(error_message(error))
            self.articles.clear()
            self.images.clear()
            self._update_buttons()
            return
        self._fill_articles(shown, checked)
        self._fill_images()
        self._show_summary()
        self._show_current()
        self._update_buttons()

    def _fill_articles(self, shown: Path | None, checked: set[Path]) -> None:
        assert self.review is not None
        self.articles.blockSignals(True)
        self.articles.clear()
        select = 0
        for index, article in enumerate(self.review.articles):
            item = QListWidgetItem(self._article_text(article), self.articles)
            item.setData(_PATH_ROLE, str(article.path))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = article.path in checked or (not checked and len(self.review.articles) == 1)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            if article.path == shown:
                select = index
        self.articles.blockSignals(False)
        if self.articles.count():
            self.articles.setCurrentRow(select)

    def _article_text(self, article: ArticleReview) -> str:
        text = f"{change_label(article.change.kind)}   {self._relative(article.path)}"
        if article.change.renamed_from is not None:
            text += "\n" + self.tr("    renamed from {0}").format(self._relative(article.change.renamed_from))
        if article.problems:
            text += "\n" + self.tr("    problems: {0}").format(len(article.problems))
        lacking = [image for image in self._images_of(article) if image.breaks_site]
        if lacking:
            text += "\n" + self.tr("    images git lacks: {0}").format(len(lacking))
        return text

    def _fill_images(self) -> None:
        assert self.review is not None
        self.images.clear()
        for image in self.review.images:
            users = ", ".join(self._relative(path) for path in image.articles) or self.tr("no article")
            item = QTreeWidgetItem([self._relative(image.path), image_state_label(image.state), users])
            item.setData(0, _PATH_ROLE, str(image.path))
            item.setToolTip(0, image.url)
            self.images.addTopLevelItem(item)
        for column in range(3):
            self.images.resizeColumnToContents(column)

    def _show_summary(self) -> None:
        assert self.review is not None
        status = self.review.status
        where = status.branch or self.tr("detached HEAD")
        if not status.has_commits:
            where = self.tr("{0}, no commit yet").format(where)
        count = len(self.review.articles)
        text = self.tr("Changed articles on {0}: {1}").format(where, count)
        broken = sum(image.breaks_site for image in self.review.images)
        if broken:
            text += " — " + self.tr("images the site would show broken: {0}").format(broken)
        self.summary.setText(text)

    def _show_current(self) -> None:
        article = self._current_article()
        if article is None:
            self.diff.setPlainText(self.tr("No changed articles"))
            return
        before = self._head_text(article)
        after = self._disk_text(article.path)
        label = self._relative(article.path)
        lines = self.diff.set_word_diff(before or "", after or "", f"HEAD:{label}", label)
        find = (first_changed_words(lines, LineKind.REMOVED), first_changed_words(lines, LineKind.ADDED))
        self.rendered.show_versions(self.site, article.path, before, after, find)

    def _head_text(self, article: ArticleReview) -> str | None:
        old = article.change.renamed_from or article.path
        data = self.repository.head_bytes(old)
        if data is None:
            return None
        try:
            return decode_article(data).text
        except ArticleError:
            return data.decode("utf-8", errors="replace")

    def _disk_text(self, path: Path) -> str | None:
        try:
            return open_article(path).text
        except (ArticleError, SiteFileError):
            return None

    # ---- acting ------------------------------------------------------------------------------------

    def stage_images(self) -> None:
        """Stage the selected images (all that can be, when none is selected); ignored ones by force."""
        if self.review is None:
            return
        chosen = {Path(item.data(0, _PATH_ROLE)) for item in self.images.selectedItems()}
        images = [image for image in self.review.images if not chosen or image.path in chosen]
        self._stage(
            [image.path for image in images if image.state is ImageState.UNTRACKED],
            [image.path for image in images if image.state is ImageState.IGNORED],
        )
        self.refresh()

    def commit(self) -> None:
        """Stage the checked articles with the images they use, then run git commit on exactly those."""
        if self.review is None or self.commit_process.running():
            return
        message = self.message.toPlainText().strip()
        articles = [article for article in self.review.articles if article.path in self.checked_articles()]
        if not message or not articles:
            return
        paths: list[Path] = []
        ignored: list[Path] = []
        for article in articles:
            paths.append(article.path)
            if article.change.renamed_from is not None:
                paths.append(article.change.renamed_from)
            for image in article.images:
                listed = next((entry for entry in self.review.images if entry.path == image), None)
                if not image.is_file():
                    continue
                if listed is not None and listed.state is ImageState.IGNORED:
                    ignored.append(image)
                elif listed is not None or self.review.status.change_of(image) is not None:
                    # New, or changed since HEAD: it goes with the article.
                    paths.append(image)
        if not self._stage(paths, ignored):
            return
        self.output.setPlainText(self.tr("Running git commit…"))
        self.commit_button.setEnabled(False)
        self.commit_process.start(self.repository, message, list(dict.fromkeys(paths + ignored)))

    def _stage(self, paths: list[Path], forced: list[Path]) -> bool:
        try:
            self.repository.stage(paths)
            self.repository.stage(forced, force=True)
        except GitError as error:
            self.output.setPlainText(error_message(error))
            return False
        return True

    def _on_committed(self, succeeded: bool, output: str) -> None:
        shown = output.strip() or self.tr("git printed nothing")
        verdict = self.tr("Committed.") if succeeded else self.tr("Not committed: git or a hook refused.")
        self.output.setPlainText(f"{verdict}\n\n{shown}")
        if succeeded:
            self.message.clear()
            self.committed.emit()
        self.refresh()

    # ---- helpers -----------------------------------------------------------------------------------

    def checked_articles(self) -> set[Path]:
        """The articles ticked for the commit."""
        return {
            Path(self.articles.item(row).data(_PATH_ROLE))
            for row in range(self.articles.count())
            if self.articles.item(row).checkState() == Qt.CheckState.Checked
        }

    def _current_path(self) -> Path | None:
        item = self.articles.currentItem()
        return Path(item.data(_PATH_ROLE)) if item is not None else None

    def _current_article(self) -> ArticleReview | None:
        path = self._current_path()
        if self.review is None or path is None:
            return None
        return next((article for article in self.review.articles if article.path == path), None)

    def _images_of(self, article: ArticleReview) -> list[ImageReview]:
        return [] if self.review is None else self.review.images_of(article.path)

    def _relative(self, path: Path) -> str:
        return shown_path(path, self.repository.root)

    def _update_buttons(self) -> None:
        can_stage = self.review is not None and any(
            image.state in (ImageState.UNTRACKED, ImageState.IGNORED) for image in self.review.images
        )
        self.stage_button.setEnabled(can_stage)
        ready = bool(self.message.toPlainText().strip()) and bool(self.checked_articles())
        self.commit_button.setEnabled(ready and not self.commit_process.running())
