"""Editing one field changes that field's lines only, keeps its style, and writes values every reader agrees on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.article.document import FrontMatterFormat, decode_article
from editor.article.errors import FieldEditError, FrontMatterError
from editor.article.field_edits import remove_field, set_field
from editor.article.front_matter import read_front_matter

from .helpers import (
    ROUNDTRIP,
    check_single_field_change,
    field_span,
    js_readers_missing,
    lines_outside,
    read_with_js,
)

SAMPLE = (ROUNDTRIP / "mr-scanning.md").read_text(encoding="utf-8")
YAML_CORPUS = [
    path
    for path in sorted(ROUNDTRIP.glob("*.md"))
    if read_front_matter(decode_article(path.read_bytes()).text).format is FrontMatterFormat.YAML
]

# The strings the issue names, and their friends: each must come back as itself from every reader.
TRICKY = [
    "yes", "NO", "on", "Off", "y", "n", "1.0", "1e3", "0o17", "0x1F", "017", "1_000", "1:30", ".5", "-1", "+1",
    ".inf", "-.Inf", ".NaN", "2024-01-05", "2024-01-05T10:00:00Z", "2024-1-5", "null", "Null", "~", "", " ",
    "#tag", "a: b", "a:b", "a #b", "a# b", "- x", "-x", "? x", ": x", "[x]", "{a: b}", "@x", "`x`", "*x", "&x", "!x",
    "|x", ">x", "%x", "<<", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\\n", "tab\there", "new\nline",
    "two\n\nparagraphs\n", "trailing newline\n", " leading", "trailing ", "😀 emoji", "Æblegrød på ø", "ÆØÅ",
    "http://example.com/a?b=c#d", "/images/blog/x.png", "01-06-2025", "31-02-2025", "a, b", "x ---", "---", "...",
    "\u00a0nbsp", "zero\u200bwidth", "bell\x07", "del\x7f", "nel\x85x", "line\u2028sep", "carriage\rreturn",
    "Har din MR-scanning skjulte konsekvenser?",
]  # fmt: skip

value_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \t\n\r:#-?[]{},&*!|>'\"%@`\\~.0123456789eEoxyYnN+_æøåÆØÅ😀")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=40,
)


@pytest.mark.parametrize("value", TRICKY)
def test_a_tricky_title_changes_only_the_title_line(value: str) -> None:
    after = set_field(SAMPLE, "title", value).apply(SAMPLE)
    check_single_field_change(SAMPLE, after, "title", value)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(YAML_CORPUS), value=value_text, pick=st.integers(min_value=0))
def test_any_string_in_any_field_changes_that_field_only(path: Path, value: str, pick: int) -> None:
    text = decode_article(path.read_bytes()).text
    fields = [field.key for field in read_front_matter(text).fields]
    if not fields:
        return
    key = fields[pick % len(fields)]
    after = set_field(text, key, value).apply(text)
    check_single_field_change(text, after, key, value)


@pytest.mark.parametrize("path", YAML_CORPUS, ids=[path.name for path in YAML_CORPUS])
def test_writing_each_value_back_unchanged_gives_the_same_text(path: Path) -> None:
    text = decode_article(path.read_bytes()).text
    for field in read_front_matter(text).fields:
        if isinstance(field.value, str | bool | list | dt.date) and not isinstance(field.value, dict):
            assert set_field(text, field.key, field.value).apply(text) == text, field.key


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("title: plain", "still plain", "title: still plain"),
        ("title: plain", "needs: quotes", 'title: "needs: quotes"'),
        ("title: 'single'", "it's single", "title: 'it''s single'"),
        ("title: 'single'", "new\nline", 'title: "new\\nline"'),
        ('title: "double"', "plain would do", 'title: "plain would do"'),
        ("title: x   # keep me", "z", "title: z   # keep me"),
        ("title:", "filled", "title: filled"),
        ("title:   # later", "filled", "title: filled   # later"),
        ("title: |\n  one\n  two", "three\nfour", "title: |-\n  three\n  four"),
        # gray-matter reads a last field `|+` without its final blank line; found by test_generated_articles.
        ("title: |\n  one\n  two", "three\n\n", 'title: "three\\n\\n"'),
        ("title: >\n  folded\n  text", "one line", "title: >-\n  one line"),
        ("tags: [a, b]", ["c", "d e", "f,g"], 'tags: [c, d e, "f,g"]'),
        # PyYAML cannot read a plain `?` inside [...]; found by test_generated_articles.
        ("tags: [a, b]", ["Hvorfor?", "a?b", "?"], 'tags: ["Hvorfor?", "a?b", "?"]'),
        ("tags:\n  - a\n  - b", ["c", "yes"], 'tags:\n  - c\n  - "yes"'),
        ("tags:\n- a\n- b", ["c"], "tags:\n- c"),
        ("draft: false", True, "draft: true"),
        ("date: 2024-01-05", dt.date(2024, 2, 1), "date: 2024-02-01"),
    ],
)
def test_style_is_kept_where_it_can_hold_the_value(line: str, value: object, expected: str) -> None:
    text = f"---\nfirst: 1\n{line}\nlast: 2\n---\nBody\n"
    after = set_field(text, line.split(":")[0], value).apply(text)  # type: ignore[arg-type]
    assert after == f"---\nfirst: 1\n{expected}\nlast: 2\n---\nBody\n"


def test_a_new_field_goes_after_the_last_one() -> None:
    after = set_field(SAMPLE, "author", "Jens Ø").apply(SAMPLE)
    assert after.splitlines()[7] == "author: Jens Ø"
    assert after.replace("author: Jens Ø\n", "", 1) == SAMPLE


def test_a_new_field_in_crlf_front_matter_uses_crlf() -> None:
    text = decode_article((ROUNDTRIP / "crlf.md").read_bytes()).text
    after = set_field(text, "author", "x").apply(text)
    assert "previewImageAlt: Illustration af MR-scanning\r\nauthor: x\r\n---\r\n" in after


def test_a_field_added_to_an_article_without_front_matter_opens_one() -> None:
    text = "# Heading\n"
    assert set_field(text, "title", "T").apply(text) == "---\ntitle: T\n---\n# Heading\n"


@pytest.mark.parametrize("path", YAML_CORPUS, ids=[path.name for path in YAML_CORPUS])
def test_removing_a_field_removes_only_its_lines(path: Path) -> None:
    text = decode_article(path.read_bytes()).text
    for field in read_front_matter(text).fields:
        first, last = field_span(text, field.key)
        after = remove_field(text, field.key).apply(text)
        head, tail = lines_outside(text, first, last)
        assert after.splitlines(keepends=True) == head + tail
        assert field.key not in read_front_matter(after).values()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("header", ["|+", ">+"])
def test_a_kept_block_value_is_edited_and_removed_without_the_next_field(header: str, newline: str) -> None:
    # Found by test_generated_articles: the block's final line break went with the edit, so `E` was glued
    # onto the new value (`D: falseE: 2`), and removing D removed E too.
    text = newline.join(["---", "A: 1", f"D: {header}", "  kept", "", "E: 2", "---", ""])
    for value in ("", False, "a\nb"):
        after = set_field(text, "D", value).apply(text)
        check_single_field_change(text, after, "D", value)
    assert remove_field(text, "D").apply(text) == newline.join(["---", "A: 1", "E: 2", "---", ""])


def test_toml_and_flow_front_matter_refuse_edits_with_a_reason() -> None:
    with pytest.raises(FieldEditError, match="TOML"):
        set_field((ROUNDTRIP / "toml.md").read_text(encoding="utf-8"), "title", "x")
    with pytest.raises(FieldEditError, match="map"):
        set_field("---\n{title: a, b: c}\n---\n", "title", "x")


def test_an_edit_of_broken_front_matter_refuses() -> None:
    with pytest.raises(FrontMatterError):
        set_field("---\ntitle: [\n---\n", "title", "x")


def test_pyyaml_reads_every_tricky_value_back() -> None:
    for value in TRICKY:
        text = set_field(SAMPLE, "title", value).apply(SAMPLE)
        assert yaml.safe_load(text.split("---\n")[1])["title"] == value


def _js_check(values: list[str]) -> None:
    texts = [set_field(SAMPLE, "title", value).apply(SAMPLE) for value in values]
    texts += [set_field(SAMPLE, "tags", [value, "x"]).apply(SAMPLE) for value in values]
    readings = read_with_js(texts)
    for value, reading in zip(values + values, readings, strict=True):
        for reader in ("jsyaml", "graymatter"):
            assert f"{reader}_error" not in reading, (value, reading)
            data = reading[reader]
            assert isinstance(data, dict)
            got = data["title"] if "title" in data and "tags" not in data else data["tags"][0]  # type: ignore[index]
            assert got == value, (reader, value)


@pytest.mark.skipif(js_readers_missing() is not None, reason=js_readers_missing() or "")
def test_js_yaml_and_gray_matter_read_every_tricky_value_back() -> None:
    _js_check(TRICKY)


@pytest.mark.skipif(js_readers_missing() is not None, reason=js_readers_missing() or "")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(value_text, min_size=20, max_size=20))
def test_js_yaml_and_gray_matter_read_any_value_back(values: list[str]) -> None:
    _js_check(values)


SCHEMA_ORDER = ["title", "metaTitle", "datePublished", "lastUpdated", "previewImage", "previewImageAlt"]


@given(st.sets(st.sampled_from(SCHEMA_ORDER), max_size=5), st.sampled_from(SCHEMA_ORDER))
def test_a_new_field_goes_where_the_schema_puts_it(present: set[str], added: str) -> None:
    present.discard(added)
    keys = [key for key in SCHEMA_ORDER if key in present]
    text = "---\n" + "".join(f"{key}: v\n" for key in keys) + "---\nBody\n"
    result = set_field(text, added, "new", SCHEMA_ORDER).apply(text)
    # PyYAML keeps the keys in file order: they are the schema's order, with the new one in its place.
    read = yaml.safe_load(result.split("---\n")[1])
    assert list(read) == [key for key in SCHEMA_ORDER if key in present or key == added]
    assert read[added] == "new"
