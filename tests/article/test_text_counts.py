"""Word and character counts against independent counts: `wc -w` for words of text split on white space."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.article.text_counts import count_article, count_text

WORDS = st.lists(st.sampled_from(["ord", "Rød", "øl", "MR-scanning", "don't", "2025", "æblegrød", "😀x"]))
SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \n\n"])


@given(WORDS, SPACES)
def test_words_separated_by_white_space_are_counted_as_wc_counts_them(words: list[str], space: str) -> None:
    text = space.join(words)
    assert count_text(text).words == len(text.split())


@pytest.mark.skipif(shutil.which("wc") is None, reason="needs wc")
def test_a_real_article_counts_as_wc() -> None:
    text = "Har din læge sagt, at du skal have en MR-scanning? Det er 2 ting.\nNy linje her.\n"
    wc = subprocess.run(["wc", "-w"], input=text, capture_output=True, text=True, check=True).stdout
    assert count_text(text).words == int(wc.split()[0])
    # Punctuation standing alone is no word, though wc would count it.
    assert count_text("Ja – nej").words == 2


def test_characters_leave_out_line_breaks_and_front_matter() -> None:
    assert count_text("ab\r\ncd\ne").characters == 5
    article = "---\ntitle: Mange ord i titlen\n---\n\nTo ord.\n"
    assert (count_article(article).words, count_article(article).characters) == (2, 7)


def test_reading_time_rounds_up() -> None:
    counts = count_text(" ".join(["ord"] * 401))
    assert (counts.reading_minutes(), counts.reading_minutes(400), counts.reading_minutes(1000)) == (3, 2, 1)
    assert count_text("").reading_minutes() == 0
