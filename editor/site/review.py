"""What a commit of a site needs: its changed articles with their problems, and the images they use that git
does not have, which is how a site that works locally breaks once deployed."""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from editor.article.errors import ArticleError
from editor.article.translatable import translatable
from editor.article.validation import ImageReference, Problem, Severity, image_references
from editor.site.article_files import check_article, linked_path, open_article
from editor.site.config import SiteConfig
from editor.site.errors import SiteFileError
from editor.site.git_status import (
    ChangeKind,
    FileChange,
    NotARepositoryError,
    Repository,
    RepositoryStatus,
    find_repository,
)
from editor.site.image_import import IMAGE_SUFFIXES

__all__ = [
    "ArticleReview",
    "ImageReview",
    "ImageState",
    "SiteReview",
    "article_changes",
    "path_namer",
    "review_as_json",
    "review_as_text",
    "review_site",
    "shown_path",
    "stage_hint",
    "unstaged_image_problems",
]

UNSTAGED_IMAGE_RULE = "image-not-in-git"
# Spells a path for the person reading the output.
PathNamer = Callable[[Path], str]


class ImageState(StrEnum):
    """Why an image is listed: git does not have it (untracked, ignored), the disk does not (missing), or it
    is new, staged, and no article uses it (added)."""

    UNTRACKED = "untracked"
    IGNORED = "ignored"
    MISSING = "missing"
    ADDED = "added"


@dataclass(frozen=True)
class ArticleReview:
    """A changed article: its change, its problems as `check` finds them (none for a deleted one), and the
    files of the images it uses."""

    change: FileChange
    problems: tuple[Problem, ...]
    images: tuple[Path, ...]

    @property
    def path(self) -> Path:
        """The article's file."""
        return self.change.path


@dataclass(frozen=True)
class ImageReview:
    """An image a commit would lack, or a new one no article uses (`articles` empty): its file, the URL the
    first article writes for it, and the changed articles that use it."""

    path: Path
    url: str
    state: ImageState
    articles: tuple[Path, ...]

    @property
    def breaks_site(self) -> bool:
        """Whether a changed article would show it broken once committed and deployed."""
        return bool(self.articles) and self.state is not ImageState.ADDED


@dataclass(frozen=True)
class SiteReview:
    """The review of a site in a git repository: what `git status` says, the changed articles, the images."""

    repository: Repository
    status: RepositoryStatus
    articles: tuple[ArticleReview, ...]
    images: tuple[ImageReview, ...]

    @property
    def breaks_site(self) -> bool:
        """Whether a changed article uses an image that is untracked, ignored or missing."""
        return any(image.breaks_site for image in self.images)

    def images_of(self, article: Path) -> list[ImageReview]:
        """The listed images the article uses."""
        return [image for image in self.images if article in image.articles]


def article_changes(site: SiteConfig, status: RepositoryStatus) -> dict[Path, FileChange]:
    """The changes of `status` that are articles of `site`, by path: what a list of articles marks."""
    return {
        change.path: change
        for change in status.changes
        if site.is_article(change.path)
        or (change.renamed_from is not None and site.is_article(change.renamed_from))
    }


def review_site(site: SiteConfig, repository: Repository | None = None) -> SiteReview:
    """Review every changed article of `site`; NotARepositoryError or GitMissingError when git cannot say."""
    repository = repository or find_repository(site.root)
    status = repository.status(site.root)
    articles: list[ArticleReview] = []
    uses: dict[Path, list[tuple[Path, str]]] = {}
    for change in article_changes(site, status).values():
        exists = change.kind is not ChangeKind.DELETED and change.path.is_file()
        used = _images_used(site, change.path) if exists else []
        for path, url in used:
            uses.setdefault(path, []).append((change.path, url))
        problems = _problems(site, change.path) if exists else ()
        articles.append(ArticleReview(change, problems, tuple(path for path, _ in used)))
    images = _lacking_images(repository, uses)
    images.extend(_unused_new_images(site, status, uses))
    return SiteReview(repository, status, tuple(articles), tuple(images))


def unstaged_image_problems(site: SiteConfig, article: Path, work_tree: Path | None = None) -> list[Problem]:
    """For a commit hook: an error for each image of `article` (as written on disk) that exists but is
    neither staged nor tracked, naming the `git add` command that stages it. None outside a git work tree,
    and none for a missing image, which the check reports already.

    `work_tree`: the article is in a copy of the index (the hook's snapshot), and this is the real work tree,
    where an image missing from the copy may be waiting to be staged.
    """
    try:
        repository = find_repository(article.parent)
        text = open_article(article).text
    except (NotARepositoryError, ArticleError, SiteFileError):
        return []

    def on_disk(path: Path) -> bool:
        if path.is_file():
            return True
        return work_tree is not None and (work_tree / repository.relative(path)).is_file()

    references = [
        (reference, path)
        for reference in image_references(text, site.schema)
        if (path := linked_path(site, article, reference.url)) is not None
        and repository.contains(path)
        and on_disk(path)
    ]
    paths = {path for _, path in references}
    lacking = paths - repository.tracked(paths)
    ignored = repository.ignored(lacking)
    return [
        _unstaged_problem(reference, path, path in ignored)
        for reference, path in references
        if path in lacking
    ]


def shown_path(path: Path, cwd: Path | None = None) -> str:
    """`path` as a command run in `cwd` (default: the current folder) names it: relative below it, else
    absolute, as `git status` shows paths."""
    here = Path(os.path.realpath(cwd or Path.cwd()))
    real = Path(os.path.realpath(path.parent)) / path.name
    return str(real.relative_to(here)) if real.is_relative_to(here) else str(real)


def path_namer(site_root: Path, given: Path | None) -> PathNamer:
    """How `review` spells paths: below the site folder as given on the command line (`--site web` gives
    web/content/x.md, `--site /abs` absolute ones), as `check` prints the paths it is given; when the folder
    given is not the site's root (a folder inside it), as shown_path does."""
    root = Path(os.path.realpath(site_root))
    if given is None or Path(os.path.realpath(given)) != root:
        return shown_path

    def name(path: Path) -> str:
        real = Path(os.path.realpath(path.parent)) / path.name
        return str(given / real.relative_to(root)) if real.is_relative_to(root) else shown_path(path)

    return name


def stage_hint(paths: Sequence[Path], *, force: bool = False) -> str:
    """The `git add` command line that stages `paths`, to run from the current folder."""
    names = [shown_path(path) for path in paths]
    return shlex.join(["git", "add", *(["-f"] if force else []), "--", *names])


def _problems(site: SiteConfig, article: Path) -> tuple[Problem, ...]:
    try:
        return tuple(check_article(site, article))
    except (ArticleError, SiteFileError) as error:
        # As `check` reports an article it cannot read: one error.
        line = getattr(error, "line", None) or 1
        column = getattr(error, "column", None) or 1
        return (Problem(line, column, Severity.ERROR, error.message, "unreadable"),)


def _images_used(site: SiteConfig, article: Path, needles: set[str] | None = None) -> list[tuple[Path, str]]:
    """The local files (existing or not) of the images `article` uses, each once, with the URL written;
    with `needles`, none unless its text holds one of them."""
    try:
        text = open_article(article).text
    except (ArticleError, SiteFileError):
        return []
    if needles is not None and not any(needle in text for needle in needles):
        return []
    found: dict[Path, str] = {}
    for reference in image_references(text, site.schema):
        path = linked_path(site, article, reference.url)
        if path is not None:
            found.setdefault(Path(os.path.abspath(path)), reference.url)
    return list(found.items())


def _lacking_images(repository: Repository, uses: dict[Path, list[tuple[Path, str]]]) -> list[ImageReview]:
    inside = {path for path in uses if repository.contains(path)}
    on_disk = {path for path in inside if path.is_file()}
    untracked = on_disk - repository.tracked(on_disk)
    ignored = repository.ignored(untracked)
    images: list[ImageReview] = []
    for path in sorted(inside):
        if path not in on_disk:
            state = ImageState.MISSING
        elif path in ignored:
            state = ImageState.IGNORED
        elif path in untracked:
            state = ImageState.UNTRACKED
        else:
            continue
        users = uses[path]
        images.append(ImageReview(path, users[0][1], state, tuple(dict.fromkeys(a for a, _ in users))))
    return images


def _unused_new_images(
    site: SiteConfig, status: RepositoryStatus, uses: dict[Path, list[tuple[Path, str]]]
) -> list[ImageReview]:
    new = [
        change
        for change in status.changes
        if change.kind in (ChangeKind.UNTRACKED, ChangeKind.ADDED)
        and change.path.suffix.lower() in IMAGE_SUFFIXES
        and change.path not in uses
    ]
    if not new:
        return []
    # An article committed before may use a new image: only images no article of the site uses are unused.
    used = set(uses)
    changed = {article for users in uses.values() for article, _ in users}
    # Only an article whose text names a new image's file can use it: the others are not parsed (a site
    # of 1,000 articles with a new image: `review` 1.7 s when all are parsed, 0.3 s so).
    names = {change.path.name for change in new}
    needles = {spelling for name in names for spelling in (name, quote(name), quote(name).lower())}
    for article in site.articles():
        if article not in changed:
            used.update(path for path, _ in _images_used(site, article, needles))
    images: list[ImageReview] = []
    for change in new:
        if change.path in used:
            continue
        state = ImageState.UNTRACKED if change.kind is ChangeKind.UNTRACKED else ImageState.ADDED
        images.append(ImageReview(change.path, _url_of(site, change.path), state, ()))
    return images


def _url_of(site: SiteConfig, path: Path) -> str:
    try:
        return site.path_to_url(path)
    except ValueError:
        return ""


def _unstaged_problem(reference: ImageReference, path: Path, ignored: bool) -> Problem:
    command = stage_hint([path], force=ignored)
    if ignored:
        template = translatable(
            "Problem",
            "the image {url} ({path}) is ignored by .gitignore, so this commit would not hold it: "
            "stage it with {command}",
        )
    else:
        template = translatable(
            "Problem",
            "the image {url} ({path}) is neither staged nor tracked, so this commit would not hold it: "
            "stage it with {command}",
        )
    values = {"url": reference.url, "path": shown_path(path), "command": command}
    return Problem(
        reference.line,
        reference.column,
        Severity.ERROR,
        template.format(**values),
        UNSTAGED_IMAGE_RULE,
        reference.field,
        template,
        tuple(values.items()),
    )


def review_as_json(review: SiteReview, name: PathNamer = shown_path) -> dict[str, object]:
    """The review as `review --json` prints it, each path as `name` spells it (see path_namer)."""
    articles: list[dict[str, object]] = []
    for article in review.articles:
        entry: dict[str, object] = {
            "path": name(article.path),
            "status": str(article.change.kind),
            "problems": len(article.problems),
            "staged": article.change.staged,
        }
        if article.change.renamed_from is not None:
            entry["renamed_from"] = name(article.change.renamed_from)
        articles.append(entry)
    images = [
        {
            "path": name(image.path),
            "url": image.url,
            "status": str(image.state),
            "articles": [name(path) for path in image.articles],
        }
        for image in review.images
    ]
    return {"articles": articles, "images": images}


def review_as_text(review: SiteReview, name: PathNamer = shown_path) -> list[str]:
    """The review as `review` prints it: a line per changed article, then per image, then what to run."""
    lines: list[str] = []
    for article in review.articles:
        shown = name(article.path)
        line = f"{article.change.kind:<9} {shown}"
        if article.change.renamed_from is not None:
            line += f" (renamed from {name(article.change.renamed_from)})"
        if article.problems:
            worst = min(article.problems, key=lambda problem: list(Severity).index(problem.severity))
            count = len(article.problems)
            line += f": {count} problem{'s' if count > 1 else ''} (worst: {worst.severity})"
        lines.append(line)
    if not review.articles:
        lines.append("no changed articles")
    for image in review.images:
        shown = name(image.path)
        if image.articles:
            users = ", ".join(name(path) for path in image.articles)
            lines.append(f"image {image.state}: {shown} ({image.url}), used by {users}")
        else:
            lines.append(f"image {image.state}, used by no article: {shown}")
    untracked = [
        image.path for image in review.images if image.breaks_site and image.state is ImageState.UNTRACKED
    ]
    ignored = [
        image.path for image in review.images if image.breaks_site and image.state is ImageState.IGNORED
    ]
    if untracked:
        lines.append(f"to stage the images: {stage_hint(untracked)}")
    if ignored:
        lines.append(f"to stage the ignored images: {stage_hint(ignored, force=True)}")
    return lines
