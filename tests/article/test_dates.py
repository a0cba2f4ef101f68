"""Dates are read strictly in the site's format and written back the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.article.dates import DateFormatError, check_date_format, format_date, parse_date


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [("01-06-2025", "DD-MM-YYYY", dt.date(2025, 6, 1)), ("2024-02-29", "YYYY-MM-DD", dt.date(2024, 2, 29))],
)
def test_a_date_in_the_site_format_is_read(text: str, fmt: str, expected: dt.date) -> None:
    assert parse_date(text, fmt) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2025", "not a real date"),
        ("29-02-2025", "not a real date"),
        ("2025-06-01", "not a date in the form DD-MM-YYYY"),
        ("1-6-2025", "not a date in the form DD-MM-YYYY"),
        ("", "not a date"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text, "DD-MM-YYYY")


@pytest.mark.parametrize("fmt", ["DD-MM", "YYYY-MM-DD-DD", "dd-mm-yyyy"])
def test_an_unusable_date_format_is_refused(fmt: str) -> None:
    with pytest.raises(DateFormatError):
        check_date_format(fmt)


@given(st.dates(), st.sampled_from(["DD-MM-YYYY", "YYYY-MM-DD", "DD.MM.YYYY", "MM/DD/YYYY"]))
def test_format_then_parse_gives_the_date_back(date: dt.date, fmt: str) -> None:
    assert parse_date(format_date(date, fmt), fmt) == date
