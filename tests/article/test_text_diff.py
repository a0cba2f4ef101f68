"""word_diff: the unified diff it shows is difflib's, and the words it marks are exactly what differs."""

from __future__ import annotations

import difflib
import re

from hypothesis import given
from hypothesis import strategies as st

from editor.article.text_diff import DiffLine, LineKind, first_changed_words, word_diff

WORDS = st.sampled_from(["MR", "scanning", "æble", "grød", "ø", "🙂", "-", ",", " ", "  ", "er", "god"])
LINE = st.lists(WORDS, max_size=8).map("".join)
TEXT = st.lists(LINE, max_size=8).map(lambda lines: "".join(line + "\n" for line in lines))


def unmarked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    kept = []
    position = 0
    for start, end in spans:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    return "".join(kept)


@given(old=TEXT, new=TEXT)
def test_the_lines_are_difflibs_unified_diff(old: str, new: str) -> None:
    shown = [line.text for line in word_diff(old, new, "a", "b")]
    expected = [
        line.rstrip("\n")
        for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), "a", "b")
    ]
    assert shown == expected


def pairs(lines: list[DiffLine]) -> tuple[list[tuple[DiffLine, DiffLine]], list[DiffLine]]:
    """The n-th removed line of each change with its n-th added line, and the lines left unpaired."""
    paired: list[tuple[DiffLine, DiffLine]] = []
    alone: list[DiffLine] = []
    kinds = "".join(
        "-" if line.kind is LineKind.REMOVED else "+" if line.kind is LineKind.ADDED else " "
        for line in lines
    )
    for run in re.finditer(r"(-*)(\+*)", kinds):
        removed = lines[run.start(1) : run.end(1)]
        added = lines[run.start(2) : run.end(2)]
        paired.extend(zip(removed, added, strict=False))
        count = min(len(removed), len(added))
        alone.extend(removed[count:] + added[count:])
    return paired, alone


@given(old=TEXT, new=TEXT)
def test_a_paired_lines_unmarked_words_are_the_same_on_both_sides(old: str, new: str) -> None:
    paired, alone = pairs(word_diff(old, new, "a", "b"))
    for removed, added in paired:
        # The spans never take the "-" or "+" in front.
        assert unmarked(removed.text, removed.changed)[0] == "-"
        assert unmarked(added.text, added.changed)[0] == "+"
        assert unmarked(removed.text, removed.changed)[1:] == unmarked(added.text, added.changed)[1:]
        for line in (removed, added):
            for start, end in line.changed:
                assert 1 <= start < end <= len(line.text)
    assert all(not line.changed for line in alone)


def test_one_changed_word_in_a_long_line_is_all_that_is_marked() -> None:
    old = "intro\nMR-scanninger kan skabe tryghed hos patienten 🙂.\nend\n"
    new = "intro\nMR-scanninger kan give ro hos patienten 🙂.\nend\n"
    lines = word_diff(old, new, "HEAD:a.md", "a.md")
    removed = next(line for line in lines if line.kind is LineKind.REMOVED)
    added = next(line for line in lines if line.kind is LineKind.ADDED)
    assert [removed.text[s:e] for s, e in removed.changed] == ["skabe tryghed"]
    assert [added.text[s:e] for s, e in added.changed] == ["give ro"]
    assert [line.kind for line in lines[:3]] == [LineKind.HEADER, LineKind.HEADER, LineKind.HUNK]


def test_equal_texts_have_no_diff_and_a_lone_added_line_marks_no_words() -> None:
    assert word_diff("same\n", "same\n", "a", "b") == []
    lines = word_diff("a\n", "a\nb\n", "x", "y")
    assert [(line.kind, line.changed) for line in lines[3:]] == [(LineKind.CONTEXT, ()), (LineKind.ADDED, ())]


def test_the_words_to_find_on_the_page_are_the_longest_change_without_its_markdown() -> None:
    old = "---\ndate: 04-06\n---\nOg skabe tryghed hos patienten. Men\n"
    new = "---\ndate: 12-06\n---\nOg give patienten **ro i maven**. Men\n"
    lines = word_diff(old, new, "a", "b")
    # The dates' "04" and "12" hold no letters; "give" is shorter than "ro i maven", whose ** go.
    assert [new_line.text[s:e] for new_line in lines[-2:] for s, e in new_line.changed][-2:] == [
        "give",
        " **ro i maven**",
    ]
    assert first_changed_words(lines, LineKind.ADDED) == "ro i maven"
    assert first_changed_words(lines, LineKind.REMOVED) == "skabe tryghed hos"
    assert first_changed_words(word_diff("a\n", "a\nb\n", "x", "y"), LineKind.ADDED) is None
