"""Dates in a site's own format (`DD-MM-YYYY`, `YYYY-MM-DD`, ...), read strictly and written back the same way."""

from __future__ import annotations

import datetime as dt
import re

# The tokens a site's date format may use, each mapped to a strict pattern.
_TOKENS: dict[str, str] = {
    "YYYY": r"(?P<year>\d{4})",
    "MM": r"(?P<month>\d{2})",
    "DD": r"(?P<day>\d{2})",
}
_TOKEN_RE = re.compile("|".join(_TOKENS))


class DateFormatError(ValueError):
    """A site's date format that is not made of DD, MM and YYYY."""


class NotADateError(ValueError):
    """A text that is not a date in a site's format. `rule` says why ("date-format": not in the form,
    "date-impossible": no such day); `values` are the message's parts, for a translated message."""

    def __init__(self, message: str, rule: str, values: dict[str, str]) -> None:
        super().__init__(message)
        self.rule = rule
        self.values = values


def _compile(date_format: str) -> re.Pattern[str]:
    pattern = ""
    position = 0
    seen: set[str] = set()
    for match in _TOKEN_RE.finditer(date_format):
        literal = date_format[position : match.start()]
        pattern += re.escape(literal)
        token = match.group(0)
        if token in seen:
            raise DateFormatError(f"date format {date_format!r} names {token} twice")
        seen.add(token)
        pattern += _TOKENS[token]
        position = match.end()
    literal = date_format[position:]
    pattern += re.escape(literal)
    if seen != set(_TOKENS):
        raise DateFormatError(f"date format {date_format!r} must contain DD, MM and YYYY")
    return re.compile(pattern)


def check_date_format(date_format: str) -> None:
    """Raise DateFormatError when `date_format` is not usable."""
    _compile(date_format)


def parse_date(text: str, date_format: str) -> dt.date:
    """Read `text` written in `date_format`; ValueError says what is wrong in words a writer understands."""
    pattern = _compile(date_format)
    match = pattern.fullmatch(text.strip())
    if match is None:
        raise not_in_form(repr(text), date_format)
    year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADateError(
            f"{text!r} is not a real date (there is no day {day} in month {month} of {year})",
            "date-impossible",
            {"text": repr(text), "day": str(day), "month": str(month), "year": str(year)},
        ) from None


def not_in_form(shown: str, date_format: str) -> NotADateError:
    """The error for a value (`shown` as the writer should see it) that is not written as `date_format`."""
    return NotADateError(
        f"{shown} is not a date in the form {date_format}",
        "date-format",
        {"text": shown, "format": date_format},
    )


def format_date(value: dt.date, date_format: str) -> str:
    """Write `value` in `date_format`."""
    _compile(date_format)
    # Not strftime: it writes year 5 as "5" on some platforms, and the format must stay fixed-width.
    parts = {"YYYY": f"{value.year:04d}", "MM": f"{value.month:02d}", "DD": f"{value.day:02d}"}
    return _TOKEN_RE.sub(lambda match: parts[match.group(0)], date_format)
