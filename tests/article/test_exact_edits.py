"""Issue 10's core defects, each pinned: anchors and aliases, block-scalar indentation, scalar types, fences
and line breaks. Every value written is read back by PyYAML here and by js-yaml in the generated tests."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.article.document import split_article
from editor.article.errors import FieldEditError, FrontMatterError
from editor.article.field_edits import remove_field, set_field
from editor.article.front_matter import read_front_matter
from editor.article.yaml_scalars import float_literal, literal_block, number_literal, value_like

from .helpers import check_single_field_change, js_readers_missing, read_with_js


def edited(text: str, key: str, value: object) -> str:
    return set_field(text, key, value).apply(text)  # type: ignore[arg-type]


def front(text: str) -> dict[str, object]:
    return yaml.safe_load(split_article(text).front_matter)


# ---- 2. anchors and aliases ----------------------------------------------------------------------------


def test_editing_an_anchored_value_keeps_its_anchor_so_the_alias_still_resolves() -> None:
    text = "---\ntitle: &t T\nmeta: *t\n---\nbody\n"
    after = edited(text, "title", "x")
    assert after == "---\ntitle: &t x\nmeta: *t\n---\nbody\n"
    assert front(after) == {"title": "x", "meta": "x"}


def test_an_anchored_block_list_stays_a_valid_block_list() -> None:
    text = "---\ntags: &a\n  - b\nalso: *a\n---\n"
    after = edited(text, "tags", ["c", "d"])
    assert after == "---\ntags: &a\n  - c\n  - d\nalso: *a\n---\n"
    assert front(after) == {"tags": ["c", "d"], "also": ["c", "d"]}


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("k: &f [1, 2]", [3], "k: &f [3]"),
        ("k: &g |\n  old\n  lines", "new\ntext\n", "k: &g |\n  new\n  text"),
        ("k: !!str 12", "13", 'k: !!str "13"'),
        ("k: !!str &h x", "z", "k: !!str &h z"),
        ("k: &e\n", "v", "k: &e v\n"),
    ],
)
def test_a_value_keeps_its_anchor_and_tag(line: str, value: object, expected: str) -> None:
    text = f"---\n{line}\n---\n"
    after = edited(text, "k", value)
    assert after == f"---\n{expected}\n---\n"
    assert front(after)["k"] == value


def test_editing_an_alias_field_replaces_the_alias_only() -> None:
    text = "---\ntitle: &t T\nmeta: *t\nnext: n\n---\n"
    after = edited(text, "meta", "own")
    assert after == "---\ntitle: &t T\nmeta: own\nnext: n\n---\n"


def test_an_alias_as_last_list_item_does_not_stretch_the_list_over_other_fields() -> None:
    text = "---\nfirst: &x a\ntags:\n  - b\n  - *x\nlast: z\n---\n"
    after = edited(text, "last", "w")
    assert after == "---\nfirst: &x a\ntags:\n  - b\n  - *x\nlast: w\n---\n"
    after = edited(text, "tags", ["b", "a", "c"])
    assert front(after) == {"first": "a", "tags": ["b", "a", "c"], "last": "z"}


def test_a_changed_list_item_keeps_its_anchor() -> None:
    text = "---\ntags: [&x a, b]\nfirst: *x\n---\n"
    after = edited(text, "tags", ["c", "b"])
    assert front(after) == {"tags": ["c", "b"], "first": "c"}


def test_removing_a_field_another_field_aliases_is_refused() -> None:
    text = "---\ntitle: &t T\nmeta: *t\n---\n"
    with pytest.raises(FieldEditError, match="alias"):
        remove_field(text, "title")
    assert remove_field(text, "meta").apply(text) == "---\ntitle: &t T\n---\n"


# ---- 5. block scalars ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["\n  x\ny", "  x\ny", "\n\n  deep\nshallow\n", "   \nx\ny", "a\n  b\n"])
def test_a_multi_line_value_into_a_literal_field_reads_back(value: str) -> None:
    text = "---\ndesc: |\n  old\n  text\nk: v\n---\n"
    after = edited(text, "desc", value)
    assert front(after) == {"desc": value, "k": "v"}


def test_the_indentation_indicator_follows_the_first_line_with_text() -> None:
    assert literal_block("\n  x\ny", "  ", "\n") == "|2-\n\n    x\n  y"
    assert literal_block("x\n  y", "  ", "\n") == "|-\n  x\n    y"


@settings(max_examples=300, deadline=None)
@given(
    value=st.lists(st.text(st.sampled_from(list(" ab\t#:-|>")), max_size=6), min_size=2, max_size=5).map(
        "\n".join
    ),
    header=st.sampled_from(["|", "|-", "|+", ">", ">-", "|2", ">+"]),
)
def test_any_multi_line_value_into_any_block_field_reads_back(value: str, header: str) -> None:
    text = f"---\ndesc: {header}\n  old\n  text\n\nk: v\n---\n"
    try:
        after = edited(text, "desc", value)
    except FieldEditError:
        pytest.fail(f"refused {value!r}")
    assert front(after) == {"desc": value, "k": "v"}


# ---- 7. scalar types -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "typed", "expected"),
    [
        (4, "5", 5),
        (4, "-12", -12),
        (4, "1.5", 1.5),
        (1.5, "2.25", 2.25),
        (1.5, "3", 3),
        (1.5, ".inf", math.inf),
        (False, "true", True),
        (True, "FALSE", False),
        (4, "012", "012"),  # octal to YAML 1.1, twelve to YAML 1.2: text
        (4, "1e5", "1e5"),  # a number to YAML 1.2 only
        (4, "1_000", "1_000"),
        (False, "yes", "yes"),  # a boolean to YAML 1.1 only
        (4, "abc", "abc"),
        ("4", "5", "5"),  # text stays text
        ([1, 2], ["3", "x"], [3, "x"]),
        (["a", 2], ["b", "3", "4"], ["b", 3, 4]),
    ],
)
def test_typed_text_keeps_the_type_of_the_value_it_replaces(
    current: object, typed: object, expected: object
) -> None:
    assert value_like(typed, current) == expected
    assert type(value_like(typed, current)) is type(expected)


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("order: 4", 5, "order: 5"),
        ("ratio: 1.5", 2.25, "ratio: 2.25"),
        ("ratio: 1.5", 1e20, "ratio: 1.0e+20"),
        ("ratio: 1.5", 1e-7, "ratio: 1.0e-07"),
        ("ratio: 1.5", math.inf, "ratio: .inf"),
        ("draft: false", True, "draft: true"),
        ("nums: [1, 2]", [1, 2, 3], "nums: [1, 2, 3]"),
        ("nums:\n  - 1\n  - 2", [3, 2], "nums:\n  - 3\n  - 2"),
    ],
)
def test_numbers_and_booleans_are_written_as_numbers_and_booleans(
    line: str, value: object, expected: str
) -> None:
    text = f"---\n{line}\n---\n"
    after = edited(text, line.split(":")[0], value)
    assert after == f"---\n{expected}\n---\n"
    assert front(after)[line.split(":")[0]] == value


@given(st.floats(allow_nan=False))
def test_every_float_is_written_as_a_float_both_yaml_versions_read(value: float) -> None:
    text = float_literal(value)
    assert yaml.safe_load(f"k: {text}")["k"] == value
    assert number_literal(text) == value


# ---- 8. fences, CR-only files, line numbers ------------------------------------------------------------


def test_four_dashes_open_no_front_matter_as_gray_matter_reads_it() -> None:
    text = "----\ntitle: x\n----\nbody\n"
    assert read_front_matter(text).format is None


def test_a_closing_fence_is_exactly_three_dashes_and_blanks() -> None:
    parts = split_article("---\ntitle: x\n----\n---  \nbody\n")
    assert parts.front_matter == "title: x\n----\n"
    with pytest.raises(FrontMatterError):
        read_front_matter("---\ntitle: x\n----\n---  \nbody\n")
    assert split_article("---\t\ntitle: x\n--- \t\nbody").body == "body"


def test_a_cr_only_file_is_edited_with_cr_line_breaks() -> None:
    text = "---\rtitle: Hej\rmetaTitle: M\r---\rbody\r"
    after = edited(text, "title", "x")
    assert after == "---\rtitle: x\rmetaTitle: M\r---\rbody\r"
    after = edited(text, "tags", ["a"])
    assert after == "---\rtitle: Hej\rmetaTitle: M\rtags:\r  - a\r---\rbody\r"
    assert remove_field(text, "metaTitle").apply(text) == "---\rtitle: Hej\r---\rbody\r"


def test_a_cr_only_file_reports_the_right_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        read_front_matter("---\rtitle: a\rmetaTitle: b\rc: \x07\r---\r")
    assert caught.value.line == 4


def test_a_unicode_line_separator_in_a_value_does_not_shift_the_lines_after_it() -> None:
    text = '---\ntitle: "a\u2028b\u2029c"\nnext: x\n---\n'
    assert read_front_matter(text).field("next").line == 3  # type: ignore[union-attr]
    with pytest.raises(FrontMatterError) as caught:
        read_front_matter('---\ntitle: "a\u2028b"\nnext: [x\n---\n')
    assert caught.value.line == 4


def test_added_lines_end_as_the_line_they_replace_in_a_mixed_file() -> None:
    text = "---\r\ntitle: T\r\ndesc: |\r\n  d\nk: v\r\n---\nbody\r\n"
    after = edited(text, "desc", "two\nlines\n")
    assert after == "---\r\ntitle: T\r\ndesc: |\n  two\n  lines\nk: v\r\n---\nbody\r\n"
    check_single_field_change(text, after, "desc", "two\nlines\n")


# ---- the guard: no edit hands out a text that reads back otherwise ------------------------------------


@pytest.mark.skipif(js_readers_missing() is not None, reason=js_readers_missing() or "")
def test_js_yaml_reads_the_anchor_alias_and_type_edits_as_pyyaml_does() -> None:
    texts = [
        edited("---\ntitle: &t T\nmeta: *t\n---\n", "title", "x"),
        edited("---\ntags: &a\n  - b\nalso: *a\n---\n", "tags", ["c", "d"]),
        edited("---\ndesc: |\n  old\nk: v\n---\n", "desc", "\n  x\ny"),
        edited("---\nratio: 1.5\n---\n", "ratio", 1e20),
        edited("---\nnums: [1, 2]\n---\n", "nums", [1, 2.5, True]),
    ]
    for text, reading in zip(texts, read_with_js(texts), strict=True):
        assert reading["jsyaml"] == front(text), text
        assert reading["graymatter"] == front(text), text


@pytest.mark.skipif(js_readers_missing() is not None, reason=js_readers_missing() or "")
def test_a_key_that_starts_like_a_fence_is_quoted_so_gray_matter_keeps_reading() -> None:
    text = "---\ntitle: T\n---\nbody\n"
    after = edited(text, "---", "v")
    assert after == '---\ntitle: T\n"---": v\n---\nbody\n'
    (reading,) = read_with_js([after])
    assert reading["graymatter"] == {"title": "T", "---": "v"}
