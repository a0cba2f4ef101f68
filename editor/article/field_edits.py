"""Front-matter field edits that replace one field's characters only, each proved by reading it back."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from editor.article.document import FrontMatterFormat, newline_of
from editor.article.errors import FieldEditError, FrontMatterError
from editor.article.front_matter import Field, FrontMatter, read_front_matter
from editor.article.text_changes import changed_span
from editor.article.translatable import translatable
from editor.article.yaml_scalars import (
    FieldValue,
    can_be_plain,
    double_quoted,
    format_scalar,
    join_block_list,
    join_flow_list,
)


@dataclass(frozen=True)
class TextEdit:
    """Replace text[start:end] with `replacement`; offsets are into the whole article text (BOM excluded)."""

    start: int
    end: int
    replacement: str

    def apply(self, text: str) -> str:
        """The text after the edit."""
        return text[: self.start] + self.replacement + text[self.end :]


def set_field(text: str, key: str, value: FieldValue, order: Sequence[str] = ()) -> TextEdit:
    """The edit that gives `key` the value `value`. A new key goes where `order` (the schema's keys, in
    form order) puts it among the fields there are, else after the last field.

    The edit is read back before it is returned: it must give `key` exactly `value` and leave every other
    field as it was. Where the field's own style cannot (an odd block scalar), the value is written in
    double quotes, which hold anything; FieldEditError if even that fails, so no edit corrupts a file.
    """
    front = _editable(text)
    field = front.field(key)
    edit = None
    for quoted in (False, True):
        if field is None:
            edit = _add_field(front, key, value, quoted=quoted, order=order)
        else:
            edit = _replace_value(text, field, value, quoted=quoted)
        if _reads_back(front, edit, key, value):
            return edit
    raise FieldEditError.of(
        translatable(
            "ArticleError",
            "the value of {key} cannot be written without changing others; edit it in the source",
        ),
        field.line if field is not None else None,
        key=repr(key),
    )


def remove_field(text: str, key: str) -> TextEdit:
    """The edit that removes `key` and only its lines; refused when another field names its anchor."""
    front = _editable(text)
    field = front.field(key)
    if field is None:
        raise FieldEditError.of(
            translatable("ArticleError", "there is no field {key} to remove"), key=repr(key)
        )
    start = _line_start(text, field.key_start)
    _key_indent(text, field)
    edit = TextEdit(start, _line_end(text, field.value_end), "")
    if not _reads_back(front, edit, key, _REMOVED):
        raise FieldEditError.of(
            translatable(
                "ArticleError", "another field refers to {key} through a YAML alias; edit it in the source"
            ),
            field.line,
            key=repr(key),
        )
    return edit


# A value no field can hold: what remove_field expects to read back.
_REMOVED = object()


def _reads_back(front: FrontMatter, edit: TextEdit, key: str, value: object) -> bool:
    """Whether the edited text gives `key` `value` (or no `key`, for _REMOVED) and every other field its
    value as before; a field that is or holds an alias may change with the anchored value it names."""
    try:
        after = read_front_matter(edit.apply(front.parts.text))
    except FrontMatterError:
        return False
    new = {field.key: field for field in after.fields}
    if value is _REMOVED:
        if key in new:
            return False
    elif key not in new or not _equal(new[key].value, value):
        return False
    old_keys = [field.key for field in front.fields if field.key != key]
    if [field.key for field in after.fields if field.key != key] != old_keys:
        return False
    return all(
        field.aliased or new[field.key].aliased or _equal(new[field.key].value, field.value)
        for field in front.fields
        if field.key != key
    )


def _equal(read: object, wanted: object) -> bool:
    """Equal values of the same YAML type: `1` is not `true`, though Python says 1 == True."""
    if isinstance(wanted, list | tuple):
        return (
            isinstance(read, list | tuple)  # an !!omap reads as a list of pairs
            and len(read) == len(wanted)
            and all(_equal(a, b) for a, b in zip(read, wanted, strict=True))
        )
    if isinstance(wanted, Mapping):
        return (
            isinstance(read, Mapping)
            and list(read) == list(wanted)
            and all(_equal(read[name], wanted[name]) for name in wanted)
        )
    if isinstance(wanted, float) and isinstance(read, float) and math.isnan(wanted):
        return math.isnan(read)
    return type(read) is type(wanted) and read == wanted


def _editable(text: str) -> FrontMatter:
    front = read_front_matter(text)
    if front.format is FrontMatterFormat.TOML:
        raise FieldEditError.of(
            translatable("ArticleError", "TOML front matter (+++) is shown read-only; edit it in the source"),
            1,
        )
    if not front.editable:
        raise FieldEditError("front matter written as one {…} map can only be edited in the source", 2)
    return front


def _line_start(text: str, offset: int) -> int:
    """The offset where the line holding `offset` starts (after a CRLF, LF or lone CR)."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _key_indent(text: str, field: Field) -> str:
    """The spaces before the key; refuses a key that shares its line with something else."""
    indent = text[_line_start(text, field.key_start) : field.key_start]
    if indent.strip(" "):
        raise FieldEditError.of(
            translatable(
                "ArticleError", "the field {key} shares its line with another; edit it in the source"
            ),
            field.line,
            key=repr(field.key),
        )
    return indent


def _line_end(text: str, offset: int) -> int:
    """The offset just after the line break that ends the line holding `offset` (or the text's end)."""
    newline = text.find("\n", offset)
    carriage = text.find("\r", offset)
    if carriage != -1 and (newline == -1 or carriage < newline):
        return carriage + (2 if text.startswith("\r\n", carriage) else 1)
    return len(text) if newline == -1 else newline + 1


def _newline_after(text: str, offset: int, fallback: str) -> str:
    """The line break that ends the line holding `offset`: lines an edit adds end as the line it replaces."""
    end = _line_end(text, offset)
    if text.endswith("\r\n", 0, end):
        return "\r\n"
    if end > offset and text[end - 1] in "\r\n":
        return text[end - 1]
    return newline_of(fallback)


def _colon_after_key(text: str, field: Field) -> int:
    """The offset of the `:` that ends the key (the key may be quoted, so search from the key's start)."""
    colon = text.find(":", field.key_start + len(field.key))
    while (
        colon != -1
        and colon < field.value_start
        and text[colon + 1 : colon + 2] not in ("", " ", "\t", "\r", "\n")
    ):
        colon = text.find(":", colon + 1)
    if colon == -1 or colon > field.value_start:
        raise FieldEditError.of(
            translatable("ArticleError", "the field {key} is not written as `key: value`"),
            field.line,
            key=repr(field.key),
        )
    return colon


def _replace_value(text: str, field: Field, value: FieldValue, *, quoted: bool) -> TextEdit:
    if _equal(field.value, value):
        # The same value: its text stays exactly as written (`draft: no` stays `no`, not `false`).
        return TextEdit(field.value_start, field.value_start, "")
    if field.properties_start != -1:
        properties = text[field.properties_start : field.properties_end]
        kept = " ".join(token for token in properties.split() if _fits(token, value))
        if kept != properties:
            # A tag that no longer fits (`!!str` over a list) goes first, the anchor stays; then the value.
            untagged = _without_properties(text, field, kept)
            then = set_field(untagged, field.key, value)
            return _edit_between(text, then.apply(untagged))
    key_indent = _key_indent(text, field)
    colon = _colon_after_key(text, field)
    newline = _newline_after(text, field.value_end, text)
    # What follows `head` is the value's own text; an anchor or tag before it stays.
    head = field.properties_end if field.properties_end != -1 else colon + 1
    between = text[head : field.value_start]
    value_on_key_line = "\n" not in between and "\r" not in between
    empty_value = field.value is None and field.value_start == field.value_end

    if isinstance(value, list | tuple):
        if field.style == "block" and value:
            indent = " " * (field.value_start - _line_start(text, field.value_start))
            items = _list_items(field, value, indent + "  ", newline, in_flow=False, quoted=quoted)
            return TextEdit(field.value_start, field.value_end, join_block_list(items, indent, newline))
        if field.style == "flow" or not value:
            items = _list_items(field, value, "", newline, in_flow=True, quoted=quoted)
            return TextEdit(head, field.value_end, " " + join_flow_list(items))
        indent = key_indent + "  "
        items = _list_items(field, value, indent + "  ", newline, in_flow=False, quoted=quoted)
        return TextEdit(head, field.value_end, newline + indent + join_block_list(items, indent, newline))

    scalar_style = '"' if quoted else field.style if field.style not in ("flow", "block") else None
    written = format_scalar(value, scalar_style, indent=key_indent + "  ", newline=newline)
    if not written and field.properties_start != -1:
        # `key: &a` alone: gray-matter's js-yaml 3 reads an alias of it as [], the others as null.
        written = "null"
    if empty_value:
        # `key:` with nothing after it: keep a trailing comment where there is one.
        rest_end = _line_end(text, head)
        while rest_end > head and text[rest_end - 1] in "\r\n":
            rest_end -= 1
        rest = text[head:rest_end]
        if not written:
            return TextEdit(head, head, "")
        if rest.strip(" \t").startswith("#"):
            return TextEdit(head, head, " " + written)
        return TextEdit(head, rest_end, " " + written)
    if not written:
        return TextEdit(head, field.value_end, "")
    if (
        value_on_key_line
        and isinstance(field.value, str | int | float | bool | dt.date)
        and field.style != "block"
    ):
        return TextEdit(field.value_start, field.value_end, written)
    return TextEdit(head, field.value_end, " " + written)


def _without_properties(text: str, field: Field, kept: str) -> str:
    """The text with the field's anchor and tag replaced by `kept` (the blanks after them too, when none
    are kept and the value follows on the same line)."""
    start, end = field.properties_start, field.properties_end
    if kept:
        return text[:start] + kept + text[end:]
    same_line = field.value_start <= _line_end(text, start)
    return text[:start] + text[field.value_start if same_line else end :]


# What each standard tag may stand before; a tag may stay only over a value of its type.
_TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    "!!str": str,
    "!!int": int,
    "!!float": float,
    "!!bool": bool,
    "!!null": type(None),
    "!!timestamp": dt.date,
    "!!seq": (list, tuple),
}


def _fits(token: str, value: object) -> bool:
    if token.startswith("&"):
        return True
    wanted = _TAG_TYPES.get(token)
    if wanted is None or (wanted is int and isinstance(value, bool)):
        return False
    return isinstance(value, wanted)


def _edit_between(old: str, new: str) -> TextEdit:
    """The one edit that turns `old` into `new`: the part between their common start and common end."""
    start, old_end, new_end = changed_span(old, new)
    return TextEdit(start, old_end, new[start:new_end])


def _list_items(
    field: Field, values: Sequence[object], indent: str, newline: str, *, in_flow: bool, quoted: bool
) -> list[str]:
    """Each item as text: unchanged items as they were written, new ones in the style of their neighbours;
    a changed item keeps its anchor or tag."""
    old_values = field.value if isinstance(field.value, list) else []
    written = []
    for index, value in enumerate(values):
        old = field.items[index] if index < len(field.items) else None
        if old is not None and index < len(old_values) and _equal(old_values[index], value):
            written.append(old.text)
            continue
        neighbour = field.items[min(index, len(field.items) - 1)] if field.items else None
        style = '"' if quoted else neighbour.style if neighbour is not None else None
        text = format_scalar(_scalar(value), style, indent=indent, newline=newline, in_flow=in_flow)
        written.append(f"{old.properties} {text}" if old is not None and old.properties else text)
    return written


def _scalar(value: object) -> FieldValue:
    """A list item as the scalar it is written as: text, number, boolean, date or empty."""
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    return str(value)


def _add_field(
    front: FrontMatter, key: str, value: FieldValue, *, quoted: bool, order: Sequence[str] = ()
) -> TextEdit:
    text = front.parts.text
    written_key = key if can_be_plain(key) else double_quoted(key)
    style = '"' if quoted else None
    if front.fields:
        newline = _newline_after(text, front.fields[-1].value_end, front.parts.front_matter or text)
    else:
        newline = newline_of(front.parts.front_matter or text)
    if isinstance(value, list | tuple):
        items = [format_scalar(_scalar(item), style, indent="    ", newline=newline) for item in value]
        body = " []" if not items else newline + "  " + join_block_list(items, "  ", newline)
    else:
        scalar = format_scalar(value, style, indent="  ", newline=newline)
        body = " " + scalar if scalar else ""
    line = f"{written_key}:{body}{newline}"
    if front.parts.format is None:
        # No front matter yet: open one at the top of the file.
        return TextEdit(0, 0, f"---{newline}{line}---{newline}")
    position = _schema_position(front, key, order)
    if position is not None:
        return TextEdit(position, position, line)
    if front.fields:
        position = _line_end(text, front.fields[-1].value_end)
        if position > front.parts.fm_end:
            position = front.parts.fm_end
    else:
        position = front.parts.fm_end
    return TextEdit(position, position, line)


def _schema_position(front: FrontMatter, key: str, order: Sequence[str]) -> int | None:
    """Where `key` goes by `order`: after the last field that comes before it there, else before the
    first that comes after it; None when the order says nothing (the key or its neighbours are not in it)."""
    if key not in order:
        return None
    rank = {name: index for index, name in enumerate(order)}
    mine = rank[key]
    text = front.parts.text
    earlier = [field for field in front.fields if rank.get(field.key, len(order)) < mine]
    if earlier:
        last = max(earlier, key=lambda field: field.value_end)
        return min(_line_end(text, last.value_end), front.parts.fm_end)
    later = [field for field in front.fields if field.key in rank and rank[field.key] > mine]
    if later:
        return _line_start(text, min(later, key=lambda field: field.key_start).key_start)
    return None
