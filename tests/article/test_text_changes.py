"""The shared-prefix and shared-suffix scans, against a plain item-by-item walk."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.article.text_changes import changed_span, common_prefix_length, common_suffix_length


def walked(first, second) -> int:
    """The length of the shared prefix, one item at a time."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


# Few letters, so that long shared runs are common; astral and combining characters among them.
texts = st.text(alphabet="ab\n😀é\u0301", max_size=60)


@given(first=texts, second=texts)
def test_prefix_is_the_common_prefix(first, second):
    assert common_prefix_length(first, second) == walked(first, second)


@given(first=texts, second=texts, limit=st.integers(min_value=0, max_value=70))
def test_suffix_is_the_common_prefix_of_the_reversed_texts_up_to_the_limit(first, second, limit):
    shared = walked(first[::-1], second[::-1])
    assert common_suffix_length(first, second, limit) == min(shared, limit)


@given(first=st.lists(texts, max_size=20), second=st.lists(texts, max_size=20))
def test_lines_compare_as_items(first, second):
    assert common_prefix_length(first, second) == walked(first, second)


@given(old=texts, new=texts)
def test_changed_span_is_the_one_place_the_texts_differ(old, new):
    start, old_end, new_end = changed_span(old, new)
    assert old[:start] == new[:start] and old[old_end:] == new[new_end:]
    assert new == new[:start] + new[start:new_end] + old[old_end:]
    assert start <= old_end and start <= new_end
