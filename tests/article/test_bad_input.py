"""Broken articles get one clear line each, with the line where known; nothing in them is run or expanded."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.article.document import decode_article
from editor.article.errors import ArticleError, UnreadableArticleError
from editor.article.front_matter import read_front_matter

from .helpers import BAD

EXPECTED = {
    name: (None if line == "None" else int(line), message)
    for name, line, message in (
        row.split("\t") for row in (BAD / "expected.tsv").read_text(encoding="utf-8").splitlines()
    )
}


def test_every_bad_article_has_an_expected_message() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in BAD.glob("*.md"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_article_gets_its_message_and_line(name: str) -> None:
    line, message = EXPECTED[name]
    with pytest.raises(ArticleError) as raised:
        read_front_matter(decode_article((BAD / name).read_bytes()).text)
    assert raised.value.message == message
    assert raised.value.line == line
    assert "\n" not in str(raised.value)


def test_a_python_tag_is_refused_before_anything_is_constructed(tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {canary}']\n---\n"
    with pytest.raises(ArticleError, match="tag"):
        read_front_matter(text)
    assert not canary.exists()


def test_a_50_mb_file_is_refused_without_decoding_it() -> None:
    data = b"---\ntitle: x\n---\n" + b"word " * (10 * 1024 * 1024)
    with pytest.raises(UnreadableArticleError, match=r"52\.4 MB"):
        decode_article(data)


def test_huge_front_matter_is_refused() -> None:
    text = "---\n" + "key: value\n" * 40_000
    with pytest.raises(ArticleError, match="never closed"):
        read_front_matter(text)
    with pytest.raises(ArticleError, match="KB"):
        read_front_matter(text + "---\n")
