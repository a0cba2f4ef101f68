"""Reading and writing an article gives back the same bytes, whatever its line endings, BOM or front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.article.document import FrontMatterFormat, decode_article, split_article
from editor.article.front_matter import read_front_matter

from .helpers import ROUNDTRIP

CORPUS = sorted(ROUNDTRIP.glob("*.md"))


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
def test_open_and_write_unchanged_gives_the_same_bytes(path: Path) -> None:
    data = path.read_bytes()
    decoded = decode_article(data)
    parts = split_article(decoded.text)
    assert (
        parts.text[: parts.fm_start]
        + parts.front_matter
        + parts.text[parts.fm_end : parts.body_start]
        + parts.body
        == decoded.text
    )
    read_front_matter(decoded.text)  # every corpus article parses
    assert decoded.encode() == data


def test_bom_is_kept_and_not_part_of_the_text() -> None:
    decoded = decode_article((ROUNDTRIP / "bom.md").read_bytes())
    assert decoded.bom and decoded.text.startswith("---")
    assert decoded.encode().startswith(b"\xef\xbb\xbf---")


def test_front_matter_and_body_offsets_of_the_sample() -> None:
    text = decode_article((ROUNDTRIP / "mr-scanning.md").read_bytes()).text
    parts = split_article(text)
    assert parts.format is FrontMatterFormat.YAML
    assert parts.front_matter.startswith("title:") and parts.front_matter.endswith(
        "Illustration af MR-scanning\n"
    )
    assert parts.body_line == 9
    assert parts.body.startswith("\n![Illustration")


def test_dashes_in_the_body_are_not_front_matter() -> None:
    text = (ROUNDTRIP / "comments-and-blank-lines.md").read_text(encoding="utf-8")
    parts = split_article(text)
    assert "not front matter" in parts.body
    assert "title: not front matter" not in parts.front_matter


def test_toml_front_matter_is_read() -> None:
    front = read_front_matter((ROUNDTRIP / "toml.md").read_text(encoding="utf-8"))
    assert front.format is FrontMatterFormat.TOML
    assert front.values()["title"] == "TOML article"
    assert front.field("tags") is not None and front.field("tags").line == 4  # type: ignore[union-attr]


def test_crlf_front_matter_is_split_at_the_fence() -> None:
    text = decode_article((ROUNDTRIP / "crlf.md").read_bytes()).text
    parts = split_article(text)
    assert parts.front_matter.endswith("MR-scanning\r\n")
    assert parts.body.startswith("\r\n![")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.booleans())
def test_any_text_survives_decode_and_encode(text: str, bom: bool) -> None:
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    if b"\x00" in data or (text.startswith("\ufeff") and not bom):
        return
    assert decode_article(data).encode() == data
