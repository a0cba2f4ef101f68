"""The site index against independent readers: grep and str.casefold for search, python-frontmatter for
the fields, `check` for the problem counts; and its cache surviving corruption and interruption."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import frontmatter
import pytest

from editor.site.config import load_site
from editor.site.index_store import LAYOUT_VERSION
from editor.site.site_index import SiteIndex
from editor.site.site_search import find_in_text

GREP_QUERIES = ("ryggen", "ØSTERBRO", "findes-ikke-1", "Æblet scanning", "café", "[læs")


def _index(site: Path, cache: Path) -> SiteIndex:
    index = SiteIndex(load_site(site), cache)
    index.refresh()
    return index


@pytest.fixture(scope="module")
def shared_index(generated_site_pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    return _index(generated_site_pristine, tmp_path_factory.mktemp("cache") / "index.sqlite3")


@pytest.mark.skipif(shutil.which("grep") is None, reason="needs grep")
@pytest.mark.parametrize("query", GREP_QUERIES)
def test_search_finds_the_lines_grep_finds(
    shared_index: SiteIndex, generated_site_pristine: Path, query: str
):
    # grep -i folds case by the locale's rules: for these queries (no ß-like letters) they are casefold's.
    result = subprocess.run(
        ["grep", "-rniF", "--include=*.md", query, "content"],
        cwd=generated_site_pristine,
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
        check=False,
    )
    expected = set()
    for line in result.stdout.splitlines():
        path, number, _text = line.split(":", 2)
        expected.add((path, int(number)))
    found = {(hit.path, hit.line) for hit in shared_index.search(query)}
    assert found == expected
    assert expected  # each query occurs somewhere


def _casefold_truth(text: str, query: str) -> list[tuple[int, int]]:
    """Brute force: every (line, column) where some slice of the line casefolds to the query, leftmost
    first and not overlapping, as the search promises."""
    needle = query.casefold()
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        start = 0
        while start < len(line):
            for end in range(start + 1, len(line) + 1):
                folded = line[start:end].casefold()
                if folded == needle or (folded.startswith(needle) and end == start + 1):
                    found.append((number, start + 1))
                    start = end - 1
                    break
                if not needle.startswith(folded):
                    break
            start += 1
    return found


@pytest.mark.parametrize("query", ["STRASSE", "σίσυφος", "ss", "Ålborg straße"])
def test_search_columns_agree_with_casefold(
    shared_index: SiteIndex, generated_site_pristine: Path, query: str
):
    hits = shared_index.search(query)
    assert hits
    by_path: dict[str, list[tuple[int, int]]] = {}
    for hit in hits:
        by_path.setdefault(hit.path, []).append((hit.line, hit.column))
    for relative in list(by_path)[:40]:
        text = (generated_site_pristine / relative).read_text(encoding="utf-8")
        assert by_path[relative] == _casefold_truth(text, query), relative


def test_a_sharp_s_matches_ss_at_its_own_column():
    hits = find_in_text("a.md", "x\nDie Straße, GROSS", "strasse")
    assert [(hit.line, hit.column, hit.length) for hit in hits] == [(2, 5, 6)]
    assert [hit.column for hit in find_in_text("a.md", "ßss", "sss")] == [1]


def test_fields_and_words_agree_with_python_frontmatter(
    shared_index: SiteIndex, generated_site_pristine: Path
):
    articles = shared_index.articles()
    assert len(articles) == 2000
    for article in articles[::37]:
        post = frontmatter.load(generated_site_pristine / article.relative)
        assert article.title == post["title"]
        assert article.fields == {key: value for key, value in post.metadata.items() if key != "draft"}
        assert article.words == len(post.content.split())
        assert article.draft == (post.get("draft") is True)


def test_one_changed_article_is_all_that_is_read_again(generated_site: Path, tmp_path: Path):
    cache = tmp_path / "index.sqlite3"
    index = _index(generated_site, cache)
    target = generated_site / index.articles()[5].relative
    target.write_text(
        target.read_text(encoding="utf-8").replace('title: "', 'title: "Nyt ', 1), encoding="utf-8"
    )
    (generated_site / index.articles()[6].relative).unlink()
    report = index.refresh()
    assert (report.read, report.removed, report.total) == (1, 1, 1999)
    assert index.articles()[5].title.startswith("Nyt ")


def test_a_corrupted_cache_is_rebuilt(generated_site_pristine: Path, tmp_path: Path):
    cache = tmp_path / "index.sqlite3"
    _index(generated_site_pristine, cache).close()
    for suffix in ("-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)
    data = bytearray(cache.read_bytes())
    data[100:4000] = os.urandom(3900)  # the header's tail and the first pages
    cache.write_bytes(bytes(data))
    index = SiteIndex(load_site(generated_site_pristine), cache)
    assert index.rebuilt_because is not None
    assert index.refresh().read == 2000
    assert len(index.articles()) == 2000


def test_a_cache_of_another_layout_or_not_a_database_is_rebuilt(
    generated_site_pristine: Path, tmp_path: Path
):
    cache = tmp_path / "index.sqlite3"
    cache.write_text("not a database at all " * 100)
    index = SiteIndex(load_site(generated_site_pristine), cache)
    assert index.rebuilt_because
    index._connection.execute(f"PRAGMA user_version = {LAYOUT_VERSION + 1}")
    index.close()
    again = SiteIndex(load_site(generated_site_pristine), cache)
    assert again.rebuilt_because is not None and "layout version" in again.rebuilt_because


def test_an_interrupted_refresh_leaves_a_usable_index_that_carries_on(generated_site: Path, tmp_path: Path):
    cache = tmp_path / "index.sqlite3"
    index = SiteIndex(load_site(generated_site), cache)

    def crash(done: int, total: int) -> None:
        raise KeyboardInterrupt  # the process dies after the first batch was committed

    with pytest.raises(KeyboardInterrupt):
        index.refresh(crash)
    index.close()
    reopened = SiteIndex(load_site(generated_site), cache)
    assert reopened.rebuilt_because is None
    first = len(reopened.articles())
    assert 0 < first < 2000
    assert reopened.refresh().read == 2000 - first
    assert len(reopened.articles()) == 2000


def test_problem_counts_are_those_check_reports(shared_index: SiteIndex, generated_site_pristine: Path):
    from editor.site.article_files import check_article

    site = load_site(generated_site_pristine)
    for article in shared_index.articles()[::97]:
        problems = check_article(site, generated_site_pristine / article.relative)
        assert article.problems == len(problems)
        assert article.errors == sum(1 for problem in problems if problem.severity == "error")


def test_site_rules_find_the_generated_broken_links_and_the_unused_image(
    shared_index: SiteIndex, generated_site_pristine: Path
):
    from editor.site_commands import site_rule_problems

    found = site_rule_problems(load_site(generated_site_pristine), shared_index)
    broken = sorted(path for path, problem in found if problem.rule == "broken-link")
    # grep as the independent reader: the generator's dead links all say "findes-ikke".
    grep = subprocess.run(
        ["grep", "-rlF", "/blog/findes-ikke-", "content"],
        cwd=generated_site_pristine,
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken == sorted(grep.stdout.split())
    unused = [path for path, problem in found if problem.rule == "unused-image"]
    assert unused == ["public/images/blog/unused-diagram.png"]
    assert not [problem for _path, problem in found if problem.rule == "duplicate-slug"]


def test_two_articles_with_one_slug_are_both_told(example_site: Path, tmp_path: Path):
    from editor.site_commands import site_rule_problems

    blog = example_site / "content" / "blog"
    text = (blog / "mr-scanning.md").read_text(encoding="utf-8")
    (blog / "other.md").write_text(
        re.sub(r"^title: .*$", 'title: "x"\nslug: mr-scanning', text, count=1, flags=re.M), encoding="utf-8"
    )
    index = _index(example_site, tmp_path / "i.sqlite3")
    duplicates = [
        path
        for path, problem in site_rule_problems(load_site(example_site), index)
        if problem.rule == "duplicate-slug"
    ]
    assert sorted(duplicates) == ["content/blog/mr-scanning.md", "content/blog/other.md"]
