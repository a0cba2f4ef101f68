"""`article-editor review` on real git repositories of the example site, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_SITE
from .site.git_repos import clean_git_environment, commit_all, git, new_repository

PROJECT = Path(__file__).resolve().parent.parent
ARTICLE = "content/blog/mr-scanning.md"
IMAGES = "public/images/blog"
NEW_ARTICLE = "content/blog/ny artikel på ø.md"


def article_text(*urls: str, preview: str = "/images/blog/mrscanning_konsekvenser_intro.png") -> str:
    body = "".join(f"\n![Billede {number}]({url})\n" for number, url in enumerate(urls))
    return (
        "---\ntitle: Ny artikel\nmetaTitle: Ny artikel\ndatePublished: 01-06-2025\n"
        f"previewImage: {preview}\npreviewImageAlt: Et billede\n---\n\nTekst.\n{body}"
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    # `python -m editor` in another folder must still import this checkout's editor.
    return {**clean_git_environment(home), "PYTHONPATH": str(PROJECT)}


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example site as the top of a repository, committed."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    site = tmp_path / "repo"
    shutil.copytree(EXAMPLE_SITE, site)
    new_repository(site)
    commit_all(site, "The site")
    return site


def review(cwd: Path, *arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "review", *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def review_json(cwd: Path, *arguments: str, env: dict[str, str]) -> tuple[int, dict[str, list[dict]]]:
    done = review(cwd, "--json", *arguments, env=env)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def check_count(site: Path, path: str, env: dict[str, str]) -> int:
    """How many problems `check` reports for the article: the independent count `review` must match."""
    done = subprocess.run(
        [sys.executable, "-m", "editor", "check", "--format", "json", path],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    return len(json.loads(done.stdout))


def test_a_clean_repository_needs_nothing(repo: Path, env: dict[str, str]) -> None:
    status, report = review_json(repo, env=env)
    assert (status, report) == (0, {"articles": [], "images": []})


def test_a_new_article_with_untracked_ignored_and_missing_images_fails_until_they_are_staged(
    repo: Path, env: dict[str, str]
) -> None:
    (repo / ".gitignore").write_text("*.webp\n", encoding="utf-8")
    commit_all(repo, "Ignore webp")
    (repo / IMAGES / "nyt billede æ.png").write_bytes(b"\x89PNG new")
    (repo / IMAGES / "skjult.webp").write_bytes(b"RIFF webp")
    (repo / IMAGES / "ubrugt.png").write_bytes(b"\x89PNG unused")
    (repo / NEW_ARTICLE).write_text(
        article_text(
            "/images/blog/nyt%20billede%20%C3%A6.png",
            "/images/blog/skjult.webp",
            "/images/blog/findes-ikke.png",
            preview="/images/blog/nyt billede æ.png",
        ),
        encoding="utf-8",
    )
    (repo / ARTICLE).write_text((repo / ARTICLE).read_text(encoding="utf-8") + "\nMere.\n", encoding="utf-8")

    status, report = review_json(repo, env=env)
    assert status == 1
    assert sorted(report["articles"], key=lambda entry: entry["path"]) == [
        {"path": ARTICLE, "status": "modified", "problems": check_count(repo, ARTICLE, env), "staged": False},
        {
            "path": NEW_ARTICLE,
            "status": "untracked",
            "problems": check_count(repo, NEW_ARTICLE, env),
            "staged": False,
        },
    ]
    # check counts the missing image as an error, so the count is not zero by accident.
    assert check_count(repo, NEW_ARTICLE, env) >= 1
    images = {entry["path"]: entry for entry in report["images"]}
    assert images == {
        f"{IMAGES}/nyt billede æ.png": {
            "path": f"{IMAGES}/nyt billede æ.png",
            # The first use writes it so (the preview image field comes first).
            "url": "/images/blog/nyt billede æ.png",
            "status": "untracked",
            "articles": [NEW_ARTICLE],
        },
        f"{IMAGES}/skjult.webp": {
            "path": f"{IMAGES}/skjult.webp",
            "url": "/images/blog/skjult.webp",
            "status": "ignored",
            "articles": [NEW_ARTICLE],
        },
        f"{IMAGES}/findes-ikke.png": {
            "path": f"{IMAGES}/findes-ikke.png",
            "url": "/images/blog/findes-ikke.png",
            "status": "missing",
            "articles": [NEW_ARTICLE],
        },
        f"{IMAGES}/ubrugt.png": {
            "path": f"{IMAGES}/ubrugt.png",
            "url": "/images/blog/ubrugt.png",
            "status": "untracked",
            "articles": [],
        },
    }
    # What git says of the images, independently.
    ignored = subprocess.run(
        ["git", "check-ignore", "--", f"{IMAGES}/skjult.webp"], cwd=repo, env=env, capture_output=True
    )
    assert ignored.returncode == 0

    text = review(repo, env=env)
    assert text.returncode == 1
    assert f"git add -- '{IMAGES}/nyt billede æ.png'" in text.stdout
    assert f"git add -f -- {IMAGES}/skjult.webp" in text.stdout

    git(repo, "add", "--", f"{IMAGES}/nyt billede æ.png", NEW_ARTICLE)
    git(repo, "add", "-f", "--", f"{IMAGES}/skjult.webp")
    (repo / NEW_ARTICLE).write_text(
        article_text("/images/blog/skjult.webp", preview="/images/blog/nyt%20billede%20%C3%A6.png"),
        encoding="utf-8",
    )
    status, report = review_json(repo, env=env)
    assert status == 0
    added = next(entry for entry in report["articles"] if entry["path"] == NEW_ARTICLE)
    assert added["status"] == "added" and added["staged"]
    assert [entry["path"] for entry in report["images"]] == [f"{IMAGES}/ubrugt.png"]


def test_an_image_an_unchanged_article_uses_is_not_unused(repo: Path, env: dict[str, str]) -> None:
    """The commonest broken deploy, a commit later: the article went in, its image did not."""
    (repo / "content/blog/old.md").write_text(
        article_text("/images/blog/late.png", "/images/blog/sen%20%C3%B8.png"), encoding="utf-8"
    )
    git(repo, "add", "content/blog/old.md")
    git(repo, "commit", "-q", "--no-verify", "-m", "Without its images")
    (repo / IMAGES / "late.png").write_bytes(b"\x89PNG late")
    (repo / IMAGES / "sen ø.png").write_bytes(b"\x89PNG late")
    (repo / IMAGES / "truly unused.png").write_bytes(b"\x89PNG")
    status, report = review_json(repo, env=env)
    assert status == 0
    assert report == {
        "articles": [],
        "images": [
            {
                "path": f"{IMAGES}/truly unused.png",
                "url": "/images/blog/truly%20unused.png",
                "status": "untracked",
                "articles": [],
            }
        ],
    }


def test_renamed_and_deleted_articles(repo: Path, env: dict[str, str]) -> None:
    git(repo, "mv", ARTICLE, "content/blog/omdøbt artikel.md")
    (repo / "content/blog/second.md").write_text(article_text(), encoding="utf-8")
    commit_all(repo, "Second")
    git(repo, "rm", "-q", "content/blog/second.md")
    git(repo, "mv", "content/blog/omdøbt artikel.md", "content/blog/igen.md")
    status, report = review_json(repo, env=env)
    assert status == 0
    assert sorted(report["articles"], key=lambda entry: entry["path"]) == [
        {
            "path": "content/blog/igen.md",
            "status": "added",
            "problems": check_count(repo, "content/blog/igen.md", env),
            "staged": True,
            "renamed_from": "content/blog/omdøbt artikel.md",
        },
        {"path": "content/blog/second.md", "status": "deleted", "problems": 0, "staged": True},
    ]


def test_a_site_in_a_subfolder_from_the_top_and_from_inside(tmp_path: Path, env: dict[str, str]) -> None:
    top = new_repository(tmp_path / "mono")
    shutil.copytree(EXAMPLE_SITE, top / "web site")
    (top / "README.md").write_text("# Mono\n", encoding="utf-8")
    commit_all(top)
    (top / "web site" / NEW_ARTICLE).write_text(article_text("/images/blog/ny.png"), encoding="utf-8")
    (top / "web site" / IMAGES / "ny.png").write_bytes(b"\x89PNG")
    (top / "README.md").write_text("# Changed, and no article\n", encoding="utf-8")

    status, report = review_json(top, "--site", "web site", env=env)
    assert status == 1
    assert [entry["path"] for entry in report["articles"]] == [f"web site/{NEW_ARTICLE}"]
    assert report["images"][0]["path"] == f"web site/{IMAGES}/ny.png"
    assert report["images"][0]["articles"] == [f"web site/{NEW_ARTICLE}"]

    status, inside = review_json(top / "web site", env=env)
    assert status == 1
    assert [entry["path"] for entry in inside["articles"]] == [NEW_ARTICLE]


def test_a_detached_head_and_an_empty_repository(tmp_path: Path, repo: Path, env: dict[str, str]) -> None:
    (repo / ARTICLE).write_text((repo / ARTICLE).read_text(encoding="utf-8") + "\nTo.\n", encoding="utf-8")
    commit_all(repo, "Two")
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    (repo / NEW_ARTICLE).write_text(article_text("/images/blog/ny.png"), encoding="utf-8")
    status, report = review_json(repo, env=env)
    assert status == 1
    assert [entry["status"] for entry in report["images"]] == ["missing"]

    empty = tmp_path / "empty"
    shutil.copytree(EXAMPLE_SITE, empty)
    new_repository(empty)
    status, report = review_json(empty, env=env)
    # Nothing is committed: the article and its three images are all untracked, and it uses them.
    assert status == 1
    assert report["articles"] == [
        {
            "path": ARTICLE,
            "status": "untracked",
            "problems": check_count(empty, ARTICLE, env),
            "staged": False,
        }
    ]
    assert sorted(entry["path"] for entry in report["images"]) == sorted(
        f"{IMAGES}/{name.name}" for name in (EXAMPLE_SITE / IMAGES).iterdir()
    )
    git(empty, "add", ".")
    status, report = review_json(empty, env=env)
    assert status == 0
    assert [entry["status"] for entry in report["articles"]] == ["added"]


def test_no_repository_and_no_git_exit_2_with_one_line(tmp_path: Path, env: dict[str, str]) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    no_repo = review(site, env={**env, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert no_repo.returncode == 2
    assert no_repo.stdout == ""
    assert no_repo.stderr.count("\n") == 1 and "not in a git repository" in no_repo.stderr

    new_repository(site)
    bin_folder = tmp_path / "bin-without-git"
    bin_folder.mkdir()
    no_git = review(site, env={**env, "PATH": str(bin_folder)})
    assert no_git.returncode == 2
    assert no_git.stderr == "article-editor: git is not installed (no git program on PATH)\n"
    assert shutil.which("git", path=os.environ.get("PATH")) is not None


def test_paths_are_spelled_from_the_site_folder_given_as_check_spells_its_paths(
    tmp_path: Path, repo: Path, env: dict[str, str]
) -> None:
    (repo / NEW_ARTICLE).write_text(article_text("/images/blog/ny.png"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _, report = review_json(elsewhere, "--site", str(repo), env=env)
    assert [entry["path"] for entry in report["articles"]] == [str(repo / NEW_ARTICLE)]
    assert report["images"][0]["articles"] == [str(repo / NEW_ARTICLE)]

    # From a folder inside the site, the site is found upwards and paths read from where one stands.
    _, inside = review_json(repo / "content", env=env)
    assert [entry["path"] for entry in inside["articles"]] == [str(Path(NEW_ARTICLE).relative_to("content"))]
    # The hint to stage is a command to run where one stands, too, and git takes it there.
    (repo / IMAGES / "ny.png").write_bytes(b"\x89PNG")
    text = review(repo / "content", env=env)
    assert text.returncode == 1
    # Outside the folder one stands in, the path is absolute, which git takes from anywhere in the tree.
    command = f"to stage the images: git add -- {repo / IMAGES / 'ny.png'}"
    assert command in text.stdout
    git(repo / "content", "add", "--", str(repo / IMAGES / "ny.png"))
    assert review(repo / "content", env=env).returncode == 0
