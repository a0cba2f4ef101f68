"""Write YAML values so that PyYAML (YAML 1.1) and js-yaml 3/4 (YAML 1.2, as gray-matter uses) read back exactly
the value written, keeping the style a field already has wherever that style can hold the new value."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

import yaml

# Styles as PyYAML reports them on a ScalarNode.
PLAIN: str | None = None
SINGLE = "'"
DOUBLE = '"'
LITERAL = "|"
FOLDED = ">"

_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_FLOW_INDICATORS = frozenset(",[]{}")
_FIRST_CHAR_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

# What YAML 1.2 readers (js-yaml 3 and 4) resolve to something other than a string. Broader than each reader,
# on purpose: quoting a string that did not need it costs two characters, the reverse changes its meaning.
_YAML12_NOT_STRING = re.compile(
    r"""
    ~ | null | Null | NULL
    | true | True | TRUE | false | False | FALSE
    | y | Y | n | N | yes | Yes | YES | no | No | NO | on | On | ON | off | Off | OFF
    | [-+]? (?: 0b[0-1_]+ | 0x[0-9a-fA-F_]+ | 0o[0-7_]+ | [0-9][0-9_]* (?: :[0-5]?[0-9] )* )
    | [-+]? (?: [0-9][0-9_]* (?: :[0-5]?[0-9] )* )? \.? [0-9_]* (?: [eE][-+]?[0-9]+ )?
    | [-+]? \. (?: inf | Inf | INF ) | \. (?: nan | NaN | NAN )
    | [0-9]{4} - [0-9]{1,2} - [0-9]{1,2} (?: (?: [Tt] | [ \t]+ ) .* )?
    | <<
    """,
    re.VERBOSE,
)


def _is_printable(char: str) -> bool:
    code = ord(char)
    if char == "\t":
        return True
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        return False
    if 0xD800 <= code <= 0xDFFF or code in (0xFEFF, 0xFFFE, 0xFFFF):
        return False
    return char not in _LINE_BREAKS


def _resolves_to_string_in_yaml11(value: str) -> bool:
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return bool(tag == "tag:yaml.org,2002:str")


def can_be_plain(value: str, *, in_flow: bool = False) -> bool:
    """True when `value` written without quotes reads back as the same string in YAML 1.1 and 1.2."""
    if not value or value != value.strip(" \t"):
        return False
    if value.startswith(("---", "...")):
        # At the start of a line (a key) these end the document for YAML, and `---` the front matter
        # for gray-matter, which looks for the first line starting with it.
        return False
    if any(not _is_printable(char) or char == "\t" for char in value):
        return False
    first = value[0]
    if first in _FIRST_CHAR_INDICATORS and not (first in "-?:" and len(value) > 1 and value[1] != " "):
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    # PyYAML ends a plain scalar at any `?` inside [...] (YAML 1.2 readers do not): `[Why?]` would not load.
    if in_flow and (any(char in _FLOW_INDICATORS or char == "?" for char in value) or first in "-:"):
        return False
    if _YAML12_NOT_STRING.fullmatch(value) or not _resolves_to_string_in_yaml11(value):
        return False
    try:
        loaded = yaml.safe_load(f"k: {value}\n")
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == value


def can_be_single_quoted(value: str) -> bool:
    """True when `value` fits on one line between single quotes without escapes."""
    return all(_is_printable(char) and char != "\t" for char in value)


def can_be_literal_block(value: str) -> bool:
    """True when `value` can be written as a `|` block that both readers give back unchanged."""
    if "\n" not in value.rstrip("\n") or not value.strip():
        return False
    if value.endswith("\n\n"):
        # Kept blank lines (`|+`) at the end of the front matter are cut by gray-matter and js-yaml's
        # readers, which drop the front matter's last line break: quoted, the value means the same to all.
        return False
    return all(char == "\n" or (_is_printable(char) and char != "\r") for char in value)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def double_quoted(value: str) -> str:
    """`value` as a double-quoted scalar on one line; every character that needs it is escaped."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _is_printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def single_quoted(value: str) -> str:
    """`value` between single quotes; the caller checked can_be_single_quoted."""
    return "'" + value.replace("'", "''") + "'"


def literal_block(value: str, indent: str, newline: str) -> str:
    """`value` as a `|` block scalar whose lines start with `indent` (which must not be empty)."""
    stripped = value.rstrip("\n")
    chomping = "" if value.endswith("\n") else "-"  # can_be_literal_block allows one final break at most
    lines = stripped.split("\n")
    # A reader takes the block's indentation from its first line that is not blank; when that line starts
    # with a space, or a blank line before it has more spaces, the indentation must be given explicitly.
    leading = next(index for index, line in enumerate(lines) if line.strip(" "))
    explicit = lines[leading].startswith(" ") or any(line for line in lines[:leading])
    indicator = str(len(indent)) if explicit else ""
    written = [(indent + line) if line else "" for line in lines]
    return "|" + indicator + chomping + newline + newline.join(written)


def format_string(value: str, style: str | None, *, indent: str, newline: str, in_flow: bool = False) -> str:
    """`value` in `style` when that style can hold it, else the nearest style that can."""
    if style == LITERAL or (style == FOLDED and "\n" in value):
        if not in_flow and can_be_literal_block(value):
            return literal_block(value, indent, newline)
    elif style == FOLDED:
        if not in_flow and can_be_plain(value) and "\n" not in value:
            return ">-" + newline + indent + value
    elif style == SINGLE:
        if can_be_single_quoted(value):
            return single_quoted(value)
    elif style == DOUBLE:
        return double_quoted(value)
    if style in (PLAIN, LITERAL, FOLDED) and can_be_plain(value, in_flow=in_flow):
        return value
    return double_quoted(value)


FieldValue = str | bool | int | float | dt.date | Sequence[object] | None


def format_scalar(
    value: FieldValue, style: str | None, *, indent: str, newline: str, in_flow: bool = False
) -> str:
    """Any scalar field value as YAML text; strings keep `style` where it can hold them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return float_literal(value)
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, str):
        return format_string(value, style, indent=indent, newline=newline, in_flow=in_flow)
    raise TypeError(f"not a scalar: {value!r}")


def float_literal(value: float) -> str:
    """A float as YAML text that both readers take for that float: PyYAML (YAML 1.1) wants a dot in the
    number and a sign in the exponent, so Python's `1e+20` would read back as text, and `inf` too."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    mantissa, _, exponent = repr(value).partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + ("e" + exponent if exponent else "")


def join_flow_list(items: Sequence[str]) -> str:
    """Items already written for a flow context as a `[a, "b c"]` sequence."""
    return "[" + ", ".join(items) + "]"


def join_block_list(items: Sequence[str], indent: str, newline: str) -> str:
    """Items already written as `- a` lines joined by newline+indent; the first carries no indent of its own."""
    if not items:
        return "[]"
    return (newline + indent).join("- " + item for item in items)


# Literals that YAML 1.1 (PyYAML) and YAML 1.2 (js-yaml) both read as the same boolean or number; anything
# else typed into a number or boolean field is text. `012` is octal to one and twelve to the other, `1e5`
# a number to one and text to the other, `yes` a boolean to one only: none of these counts.
_BOOLEAN_LITERALS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_LITERAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_LITERAL = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}


def number_literal(text: str) -> int | float | None:
    """The number `text` is a literal of in both YAML versions, or None."""
    if _INT_LITERAL.fullmatch(text):
        return int(text)
    if _FLOAT_LITERAL.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text.lower())


def value_like(typed: object, current: object) -> object:
    """What text typed for a field means, given the value it replaces: a number stays a number and a
    boolean a boolean when the text is a literal of that type, and list items keep their items' types."""
    if isinstance(typed, list | tuple):
        items = current if isinstance(current, list) else []
        return [
            value_like(item, items[min(index, len(items) - 1)] if items else None)
            for index, item in enumerate(typed)
        ]
    if not isinstance(typed, str):
        return typed
    if isinstance(current, bool):
        return _BOOLEAN_LITERALS.get(typed.strip(), typed)
    if isinstance(current, int | float):
        number = number_literal(typed.strip())
        return typed if number is None else number
    return typed
