"""Held-out Danish and English texts against an independent Hunspell reading: the `hunspell` program where
it is installed (Debian's build, apart from the library inside chunspell's wheel), else spylls, a
pure-Python port of Hunspell that shares no code with it. Correct texts yield nothing, each planted
misspelling is found where it was planted, and Danish compounds the dictionary allows pass."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from spylls.hunspell import Dictionary

from editor.spelling.checker import SpellChecker
from editor.spelling.languages import SpellLanguage

TEXTS = Path(__file__).parent / "texts"
DICTIONARIES = Path(__file__).resolve().parents[2] / "resources" / "dictionaries"

# (the word as the text has it, the misspelling planted in its place): typos writers make.
PLANTED = {
    "da": [
        ("danskere", "dansekre"),
        ("tidspunkt", "tidspungt"),
        ("anbefales", "anbefalles"),
        ("undersøgelse", "undersøgelsse"),
        ("behandlingen", "behandlngen"),
        ("scanninger", "scaninger"),
        ("skrivebordet", "skrivbordet"),
        ("Fysioterapeuten", "Fysioteraputen"),
    ],
    "en": [
        ("rarely", "rarley"),
        ("paragraphs", "paragrahps"),
        ("respects", "respekts"),
        ("conclusion", "conclusoin"),
        ("essentials", "esentials"),
        ("technical", "techincal"),
        ("publish", "publsh"),
        ("mistakes", "mistaeks"),
    ],
}
FILES = {"da": "da_correct.md", "en": "en_correct.md"}
NAMES = {"da": "da_DK", "en": "en_US"}


@cache
def _spylls(code: str) -> Dictionary:
    return Dictionary.from_files(str(DICTIONARIES / NAMES[code]))


def rejected_by_reference(code: str, words: list[str]) -> list[str]:
    """The words of `words` that Hunspell, read apart from our code, does not accept."""
    program = shutil.which("hunspell")
    if program is None:
        return [word for word in words if not _spylls(code).lookup(word)]
    listed = subprocess.run(
        [program, "-d", str(DICTIONARIES / NAMES[code]), "-i", "utf-8", "-l"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout.split()
    return [word for word in words if word in set(listed)]


def spell(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "spell", "--format", "json", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def body_words(text: str) -> list[str]:
    """The prose words of the sample texts, read without our tokenizer: they hold no code or links."""
    body = text.split("---", 2)[2]
    return re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", body)


@pytest.mark.parametrize("code", ["da", "en"])
def test_the_correct_text_is_correct_for_hunspell_and_for_spell(code: str) -> None:
    text = (TEXTS / FILES[code]).read_text(encoding="utf-8")
    assert rejected_by_reference(code, body_words(text)) == []
    result = spell("--lang", code, str(TEXTS / FILES[code]))
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize("code", ["da", "en"])
def test_planted_misspellings_are_each_found_where_they_were_planted(code: str, tmp_path: Path) -> None:
    text = (TEXTS / FILES[code]).read_text(encoding="utf-8")
    expected = []
    wrongs = [wrong for _, wrong in PLANTED[code]]
    assert rejected_by_reference(code, wrongs) == wrongs  # real misspellings, by the reference's reading
    for right, wrong in PLANTED[code]:
        position = re.search(rf"\b{right}\b", text)
        assert position is not None, right
        text = text[: position.start()] + wrong + text[position.end() :]
        before = text[: position.start()]
        expected.append((before.count("\n") + 1, position.start() - (before.rfind("\n") + 1) + 1, wrong))
    planted = tmp_path / FILES[code]
    planted.write_text(text, encoding="utf-8")
    result = spell(str(planted))  # the language comes from the article's `lang`
    found = json.loads(result.stdout)
    assert result.returncode == 1
    assert sorted((entry["line"], entry["column"], entry["word"]) for entry in found) == sorted(expected)
    # Hunspell's own suggestions lead back to the word for most typos.
    back = sum(right in entry["suggestions"] for entry, (right, _) in zip(found, PLANTED[code], strict=True))
    assert back >= len(PLANTED[code]) // 2


def test_danish_compounds_the_dictionary_allows_are_accepted_though_not_listed() -> None:
    listed = set((DICTIONARIES / "da_DK.dic").read_text(encoding="utf-8").split())
    listed_stems = {entry.split("/")[0] for entry in listed}
    checker = SpellChecker(SpellLanguage.DANISH)
    compounds = ["rygsmertebehandling", "træningsprogramforløb", "scanningsresultat", "sygehusbehandling"]
    for word in compounds:
        assert word not in listed_stems  # built by the compound rules, not a word of the list
        assert checker.is_correct(word), word
    assert rejected_by_reference("da", compounds) == []
    # And a compound the rules do not allow is refused by both.
    assert rejected_by_reference("da", ["rygxsmerte"]) == ["rygxsmerte"]
    assert not checker.is_correct("rygxsmerte")
