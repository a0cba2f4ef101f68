"""`list`, `search` and `rename` on generated sites, against python-frontmatter, grep and `check`."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import frontmatter
import pytest

from editor.cli import main
from editor.site.config import load_site
from editor.site.index_store import cache_file


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def shared_cache(module_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One index cache for the tests that only read the pristine generated site: indexed once."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(module_cache))
    return module_cache


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_json_agrees_with_python_frontmatter_and_check(
    capsys, shared_cache, generated_site_pristine: Path, monkeypatch
):
    monkeypatch.chdir(generated_site_pristine)
    status, out, _ = _run(capsys, "list", "--json")
    assert status == 0
    rows = json.loads(out)
    assert len(rows) == 2000
    schema = load_site(generated_site_pristine).schema.names()
    for row in rows[::53]:
        post = frontmatter.load(row["path"])
        assert row["title"] == post["title"]
        for name in schema:
            assert row[name] == post.get(name)
        assert row["words"] == len(post.content.split())
        assert row["modified"].startswith(str(2026)) or row["modified"][:2] == "20"
    status, out, _ = _run(capsys, "check", "--format", "json", ".")
    reported = Counter(entry["path"] for entry in json.loads(out))
    assert {row["path"]: row["problems"] for row in rows} == {
        row["path"]: reported[row["path"]] for row in rows
    }


def test_list_sorts_by_any_key(capsys, shared_cache, generated_site_pristine: Path):
    site = str(generated_site_pristine)
    _, out, _ = _run(capsys, "list", "--site", site, "--json", "--sort", "words", "--reverse")
    words = [row["words"] for row in json.loads(out)]
    assert words == sorted(words, reverse=True)
    _, out, _ = _run(capsys, "list", "--site", site, "--json", "--sort", "metaTitle")
    titles = [row["metaTitle"] for row in json.loads(out)]
    present = [title for title in titles if title is not None]
    assert present == sorted(present, key=str.casefold)
    assert titles[len(present) :] == [None] * (len(titles) - len(present))  # missing values last
    status, _, err = _run(capsys, "list", "--site", site, "--sort", "colour")
    assert status == 2 and err.count("\n") == 1 and "cannot sort by 'colour'" in err


def test_search_json_is_what_grep_finds(capsys, shared_cache, generated_site_pristine: Path, monkeypatch):
    monkeypatch.chdir(generated_site_pristine)
    status, out, _ = _run(capsys, "search", "Østerbro MOBILITY", "--json")
    assert status == 0
    hits = json.loads(out)
    grep = subprocess.run(
        ["grep", "-rniF", "--include=*.md", "Østerbro MOBILITY", "content"],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        check=False,
    )
    expected = {(line.split(":", 2)[0], int(line.split(":", 2)[1])) for line in grep.stdout.splitlines()}
    assert {(hit["path"], hit["line"]) for hit in hits} == expected and expected
    for hit in hits[:50]:
        assert set(hit) == {"path", "line", "column", "text"}
        assert hit["text"][hit["column"] - 1 :].casefold().startswith("østerbro mobility")


def test_search_that_finds_nothing_exits_1(capsys, example_site: Path):
    status, out, _ = _run(capsys, "search", "--site", str(example_site), "no such words anywhere")
    assert (status, out) == (1, "")


def test_rename_updates_the_links_of_the_other_articles(capsys, generated_site: Path, monkeypatch):
    monkeypatch.chdir(generated_site)
    first = Path("content/blog/ryg-artikel-00000.md").read_text(encoding="utf-8")
    slug = re.search(r"\(/blog/([^/]+)/\)", first).group(1)
    old = f"content/blog/{slug}.md"
    linking = subprocess.run(
        ["grep", "-rlF", f"/blog/{slug}/", "content"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert linking
    status, out, _ = _run(capsys, "rename", old, "ny-fod")
    assert status == 0, out
    assert not Path(old).exists() and Path("content/blog/ny-fod.md").is_file()
    left = subprocess.run(["grep", "-rlF", slug, "content"], capture_output=True, text=True, check=False)
    assert left.stdout == ""
    now = subprocess.run(
        ["grep", "-rlF", "/blog/ny-fod/", "content"], capture_output=True, text=True, check=True
    )
    assert sorted(now.stdout.split()) == sorted(linking)
    # Every rewritten article kept a backup of what it was.
    status, out, _ = _run(capsys, "backups", linking[0])
    assert out.count("\n") == 1
    status, out, _ = _run(capsys, "check", ".")
    assert "ny-fod" not in out  # no broken link to the renamed article


def test_rename_refuses_a_bad_slug_and_a_taken_name(capsys, generated_site: Path, monkeypatch):
    monkeypatch.chdir(generated_site)
    before = Path("content/blog/fod-artikel-00009.md").read_bytes()
    status, _, err = _run(capsys, "rename", "content/blog/fod-artikel-00009.md", "Ny Fod!")
    assert status == 2 and err.count("\n") == 1 and "not a slug" in err
    status, _, err = _run(capsys, "rename", "content/blog/fod-artikel-00009.md", "fod-artikel-00019")
    assert status == 2 and "Already exists" in err
    assert Path("content/blog/fod-artikel-00009.md").read_bytes() == before


def test_bad_input_gets_one_line(capsys, example_site: Path, tmp_path: Path):
    status, _, err = _run(capsys, "list", "--site", str(tmp_path / "nowhere"))
    assert status == 2 and err == f"article-editor: {tmp_path / 'nowhere'}: no such site folder\n"
    status, _, err = _run(capsys, "search", "--site", str(example_site), "  ")
    assert status == 2 and err.count("\n") == 1
    # A Latin-1 article: listed with its one problem, and search says it was not searched.
    (example_site / "content" / "blog" / "latin.md").write_bytes(
        "---\ntitle: Caf\xe9\n---\n".encode("latin-1")
    )
    status, out, err = _run(capsys, "list", "--site", str(example_site), "--json")
    assert status == 0
    assert {row["path"].rsplit("/", 1)[-1]: row["problems"] for row in json.loads(out)}["latin.md"] == 1
    status, _, err = _run(capsys, "search", "--site", str(example_site), "MR-scanning")
    assert status == 0 and "latin.md: not searched" in err


def test_a_corrupt_cache_is_said_and_rebuilt(capsys, example_site: Path):
    assert _run(capsys, "list", "--site", str(example_site))[0] == 0
    cache = cache_file(load_site(example_site).root)
    for suffix in ("-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)
    cache.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    status, out, err = _run(capsys, "list", "--site", str(example_site))
    assert status == 0 and "mr-scanning.md" in out
    assert "rebuilding it" in err and err.count("\n") == 1
