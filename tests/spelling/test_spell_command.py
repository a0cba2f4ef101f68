"""`spell` as a commit hook and a writer use it: exit codes, formats, the site's words and language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.site.config import load_site
from editor.site.errors import SiteConfigError
from editor.site.site_words import SITE_WORDS_FILE, add_site_word, read_site_words


def spell(*arguments: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "spell", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def write_article(site: Path, body: str, name: str = "a.md") -> Path:
    path = site / "content" / "blog" / name
    path.write_text(f"---\ntitle: Hej verden\n---\n\n{body}\n", encoding="utf-8")
    return path


def test_text_lines_name_place_word_and_suggestions(example_site: Path) -> None:
    article = write_article(example_site, "En fin undersøgelsn af ryggen.")
    result = spell(article)
    assert result.returncode == 1
    line = result.stdout.strip()
    assert line.startswith(f"{article}:5:8: undersøgelsn (")
    assert "undersøgelsen" in line


def test_json_is_an_array_of_findings(example_site: Path) -> None:
    article = write_article(example_site, "Ryggen er ondt, og behandlng hjælper.")
    result = spell("--format", "json", article)
    entries = json.loads(result.stdout)
    assert [(e["path"], e["line"], e["column"], e["word"]) for e in entries] == [
        (str(article), 5, 20, "behandlng")
    ]
    assert "behandling" in entries[0]["suggestions"]


def test_the_site_language_wins_and_lang_overrides_it(example_site: Path) -> None:
    article = write_article(example_site, "Yesterday we walked through beautiful gardens.")
    danish = json.loads(spell("--format", "json", article).stdout)  # the example site says "da"
    assert "Yesterday" in [entry["word"] for entry in danish]
    english = json.loads(spell("--format", "json", "--lang", "en", article).stdout)
    # The title is a prose field, so its Danish words are English misspellings now.
    assert [(entry["line"], entry["word"]) for entry in english] == [(2, "Hej"), (2, "verden")]


def test_site_words_are_accepted_and_added_through_the_save_layer(example_site: Path) -> None:
    article = write_article(example_site, "Klinikken Rygcentret Qzxfys hjælper.")
    assert json.loads(spell("--format", "json", article).stdout)[0]["word"] == "Qzxfys"
    assert add_site_word(example_site, "Qzxfys") == {"Qzxfys"}
    assert add_site_word(example_site, "Qzxfys") == {"Qzxfys"}  # listed once
    add_site_word(example_site, "bmærk")
    assert (example_site / SITE_WORDS_FILE).read_text(encoding="utf-8") == "Qzxfys\nbmærk\n"
    assert read_site_words(example_site) == {"Qzxfys", "bmærk"}
    result = spell(article)
    assert (result.returncode, result.stdout) == (0, "")


def test_unusable_input_is_one_line_and_exit_2(example_site: Path, tmp_path: Path) -> None:
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x00\x01")
    for target in (tmp_path / "missing.md", binary, example_site):
        result = spell(target)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    german = tmp_path / "de.md"
    german.write_text("---\nlang: de\n---\nHallo Welt\n", encoding="utf-8")
    result = spell(german)
    assert result.returncode == 2 and "no dictionary for language 'de'" in result.stderr


def test_site_config_language_and_reading_speed(example_site: Path) -> None:
    config = example_site / "article-editor.toml"
    text = config.read_text(encoding="utf-8")
    assert load_site(example_site).language == "da"
    assert load_site(example_site).words_per_minute == 200
    config.write_text(text.replace("words_per_minute = 200", "words_per_minute = 0"), encoding="utf-8")
    with pytest.raises(SiteConfigError, match="words_per_minute"):
        load_site(example_site)
    config.write_text(text.replace('language = "da"', 'language = "da dk"'), encoding="utf-8")
    with pytest.raises(SiteConfigError, match="language"):
        load_site(example_site)
