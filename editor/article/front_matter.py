"""Front matter read with positions and edited surgically: a field edit replaces that field's characters only."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from editor.article.document import (
    ArticleParts,
    FrontMatterFormat,
    newline_of,
    split_article,
)
from editor.article.errors import FieldEditError, FrontMatterError
from editor.article.translatable import translatable
from editor.article.yaml_scalars import (
    FieldValue,
    can_be_plain,
    double_quoted,
    format_scalar,
    format_string,
    join_block_list,
    join_flow_list,
)

# Front matter is a few hundred bytes; beyond this it is a mistake, and PyYAML would take seconds.
MAX_FRONT_MATTER_CHARS = 256 * 1024
# An alias bomb expands a few lines into billions of values; real front matter has dozens.
MAX_EXPANDED_NODES = 20_000
_FINAL_BREAK = re.compile(r"(?:\r\n|\n|\r)\Z")
_SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "seq",
        "map",
        "binary",
        "omap",
        "set",
        "merge",
    )
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


@dataclass(frozen=True)
class Field:
    """One top-level key of the front matter, where it stands, and its value."""

    key: str
    value: object
    line: int  # 1-based file line of the key
    column: int  # 1-based
    # Offsets into the article text: the key, and the value as written (for YAML; TOML is read-only).
    key_start: int
    value_start: int
    value_end: int
    style: str | None  # the YAML scalar style, or "flow"/"block" for collections
    # For a list of scalars: each item's style and text as written, so unchanged items are kept as they are.
    items: tuple[tuple[str | None, str], ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of an article: its format, its fields in file order, and where it lies in the text."""

    parts: ArticleParts
    fields: tuple[Field, ...]
    editable: bool

    @property
    def format(self) -> FrontMatterFormat | None:
        """YAML, TOML, or None when the article has no front matter."""
        return self.parts.format

    def values(self) -> dict[str, object]:
        """Key -> value, in file order."""
        return {field.key: field.value for field in self.fields}

    def field(self, key: str) -> Field | None:
        """The field named `key`, or None."""
        for field in self.fields:
            if field.key == key:
                return field
        return None


def read_front_matter(text: str) -> FrontMatter:
    """Parse the front matter of an article's text (BOM removed). Raises FrontMatterError with the file line."""
    parts = split_article(text)
    if parts.format is None:
        return FrontMatter(parts, (), editable=True)
    if not parts.closed:
        fence = "---" if parts.format is FrontMatterFormat.YAML else "+++"
        raise FrontMatterError.of(
            translatable(
                "ArticleError",
                "the front matter that starts on line 1 is never closed: add a line with {fence} after the last field",
            ),
            line=1,
            fence=fence,
        )
    if parts.fm_end - parts.fm_start > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError.of(
            translatable(
                "ArticleError",
                "the front matter is {size} KB long; more than {limit} KB is not read (is a closing --- missing?)",
            ),
            line=1,
            size=(parts.fm_end - parts.fm_start) // 1024,
            limit=MAX_FRONT_MATTER_CHARS // 1024,
        )
    if parts.format is FrontMatterFormat.TOML:
        return FrontMatter(parts, _read_toml(parts), editable=False)
    return _read_yaml(parts)


def _read_toml(parts: ArticleParts) -> tuple[Field, ...]:
    try:
        values = tomllib.loads(parts.front_matter)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's tomllib puts the position only in the message: "... (at line 2, column 11)".
        position = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = str(error).split(" (at ")[0]
        line = _file_line(parts, int(position.group(1))) if position else None
        column = int(position.group(2)) if position else None
        raise FrontMatterError.of(
            translatable("ArticleError", "the TOML front matter is malformed: {problem}"),
            line,
            column,
            problem=message,
        ) from None
    fields = []
    lines = parts.front_matter.splitlines(keepends=True)
    for key, value in values.items():
        offset = parts.fm_start
        line_number = 0
        for index, source_line in enumerate(lines):
            if source_line.lstrip().startswith((key, f'"{key}"')):
                line_number = index
                break
            offset += len(source_line)
        else:
            offset = parts.fm_start
        fields.append(Field(key, value, line_number + parts.fm_first_line, 1, offset, offset, offset, None))
    return tuple(fields)


def _file_line(parts: ArticleParts, fm_line: int | None) -> int | None:
    """File line of a 1-based line number counted within the front matter."""
    return None if fm_line is None else fm_line + parts.fm_first_line - 1


def _read_yaml(parts: ArticleParts) -> FrontMatter:
    source = parts.front_matter
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _file_line(parts, mark.line + 1) if mark else None
        problem = error.problem or error.context or "malformed YAML"
        column = mark.column + 1 if mark else None
        context = error.context_mark
        if error.context and context is not None and mark is not None and context.line != mark.line:
            problem += f" ({error.context} that starts on line {_file_line(parts, context.line + 1)})"
        raise FrontMatterError.of(
            translatable("ArticleError", "the front matter is not valid YAML: {problem}"),
            line,
            column,
            problem=problem,
        ) from None
    except yaml.reader.ReaderError as error:
        line = _file_line(parts, source.count("\n", 0, error.position) + 1)
        raise FrontMatterError.of(
            translatable(
                "ArticleError",
                "the front matter contains the control character {character}, which YAML does not allow",
            ),
            line,
            character=f"U+{error.character:04X}",
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError.of(
            translatable("ArticleError", "the front matter is not valid YAML: {problem}"), 1, problem=error
        ) from None
    if root is None:
        return FrontMatter(parts, (), editable=True)
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError.of(
            translatable("ArticleError", "the front matter must be `key: value` lines, but it is a list")
            if isinstance(root, yaml.SequenceNode)
            else translatable(
                "ArticleError", "the front matter must be `key: value` lines, but it is a single value"
            ),
            _file_line(parts, root.start_mark.line + 1),
        )
    _check_nodes(root, parts)
    constructor = yaml.SafeLoader("")
    fields = []
    try:
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                written = source[key_node.start_mark.index : key_node.end_mark.index]
                raise FrontMatterError.of(
                    translatable(
                        "ArticleError", "the key {key} is read as {type}, not as a name; put it in quotes"
                    ),
                    _file_line(parts, key_node.start_mark.line + 1),
                    key=repr(written),
                    type=key_node.tag.rsplit(":", 1)[-1],
                )
            try:
                value = constructor.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                raise FrontMatterError.of(
                    translatable("ArticleError", "the value of {key} cannot be read: {problem}"),
                    _file_line(parts, value_node.start_mark.line + 1),
                    key=key_node.value,
                    problem=error,
                ) from None
            fields.append(_field(parts, key_node, value_node, value))
    finally:
        constructor.dispose()
    return FrontMatter(parts, tuple(fields), editable=not root.flow_style)


def _check_nodes(root: yaml.Node, parts: ArticleParts) -> None:
    """Refuse what a safe reader must not run or expand: unknown tags, alias bombs, cycles, duplicate keys."""
    expanded = 0
    on_path: set[int] = set()

    def visit(node: yaml.Node) -> None:
        nonlocal expanded
        expanded += 1
        line = _file_line(parts, node.start_mark.line + 1)
        if expanded > MAX_EXPANDED_NODES:
            raise FrontMatterError.of(
                translatable(
                    "ArticleError",
                    "the front matter expands to more than {limit} values through YAML aliases; refusing to read it",
                ),
                line,
                limit=MAX_EXPANDED_NODES,
            )
        if node.tag not in _SAFE_TAGS:
            raise FrontMatterError.of(
                translatable(
                    "ArticleError",
                    "the YAML tag {tag} is not allowed in front matter (tags could run code; write the value as plain text)",
                ),
                line,
                tag=node.tag.replace("tag:yaml.org,2002:", "!!"),
            )
        if isinstance(node, yaml.ScalarNode):
            return
        if id(node) in on_path:
            raise FrontMatterError.of(
                translatable("ArticleError", "the front matter refers to itself through a YAML alias"), line
            )
        on_path.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                key_line = _file_line(parts, key_node.start_mark.line + 1) or 0
                if key in seen:
                    raise FrontMatterError.of(
                        translatable(
                            "ArticleError",
                            "the key {key} appears twice (lines {first} and {second}); remove one",
                        ),
                        key_line,
                        key=repr(key),
                        first=seen[key],
                        second=key_line,
                    )
                seen[key] = key_line
                visit(key_node)
                visit(value_node)
        else:
            for child in node.value:
                visit(child)
        on_path.discard(id(node))

    visit(root)


def _field(parts: ArticleParts, key_node: yaml.Node, value_node: yaml.Node, value: object) -> Field:
    offset = parts.fm_start
    source = parts.front_matter
    items: tuple[tuple[str | None, str], ...] = ()
    if isinstance(value_node, yaml.ScalarNode):
        style = value_node.style
    else:
        style = "flow" if value_node.flow_style else "block"
        if isinstance(value_node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in value_node.value
        ):
            items = tuple(
                (item.style, source[item.start_mark.index : _value_end(item, source)])
                for item in value_node.value
            )
    return Field(
        key=str(key_node.value),
        value=value,
        line=_file_line(parts, key_node.start_mark.line + 1) or 0,
        column=key_node.start_mark.column + 1,
        key_start=offset + key_node.start_mark.index,
        value_start=offset + value_node.start_mark.index,
        value_end=offset + _value_end(value_node, source),
        style=style,
        items=items,
    )


def _value_end(node: yaml.Node, source: str) -> int:
    """Where the value's own text ends: PyYAML's marks run on over the blank and comment lines after a block."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            written = source[node.start_mark.index : node.end_mark.index]
            if "+" not in written.split("\n", 1)[0]:
                return node.start_mark.index + len(written.rstrip(" \t\r\n"))
            # A kept (|+) block owns its trailing blank lines, but not the break that ends its last line:
            # an edit that took that break would glue the next key onto the new value.
            return node.start_mark.index + len(_FINAL_BREAK.sub("", written, count=1))
        return int(node.end_mark.index)
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        if isinstance(last, tuple):
            key_node, value_node = last
            return max(_value_end(key_node, source), _value_end(value_node, source))
        return _value_end(last, source)
    return int(node.end_mark.index)


# ---- editing ---------------------------------------------------------------------------------------------


def set_field(text: str, key: str, value: FieldValue) -> TextEdit:
    """The edit that gives `key` the value `value`, adding the key after the last field when it is new."""
    front = _editable(text)
    field = front.field(key)
    newline = newline_of(front.parts.front_matter or text)
    if field is None:
        return _add_field(front, key, value, newline)
    return _replace_value(text, field, value, newline)


def remove_field(text: str, key: str) -> TextEdit:
    """The edit that removes `key` and only its lines."""
    front = _editable(text)
    field = front.field(key)
    if field is None:
        raise FieldEditError.of(
            translatable("ArticleError", "there is no field {key} to remove"), key=repr(key)
        )
    start = field.key_start - len(_key_indent(text, field))
    return TextEdit(start, _line_end(text, field.value_end), "")


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


def _key_indent(text: str, field: Field) -> str:
    """The spaces before the key; refuses a key that shares its line with something else."""
    indent = text[text.rfind("\n", 0, field.key_start) + 1 : field.key_start]
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


def _replace_value(text: str, field: Field, value: FieldValue, newline: str) -> TextEdit:
    if type(value) is type(field.value) and value == field.value:
        # The same value: its text stays exactly as written (`draft: no` stays `no`, not `false`).
        return TextEdit(field.value_start, field.value_start, "")
    key_indent = _key_indent(text, field)
    colon = _colon_after_key(text, field)
    between = text[colon + 1 : field.value_start]
    value_on_key_line = "\n" not in between and "\r" not in between
    empty_value = field.value is None and field.value_start == field.value_end

    if isinstance(value, list | tuple):
        if field.style == "block" and value:
            indent = " " * _column(text, field.value_start)
            items = _list_items(field, value, indent + "  ", newline, in_flow=False)
            return TextEdit(field.value_start, field.value_end, join_block_list(items, indent, newline))
        if field.style == "flow" or not value:
            items = _list_items(field, value, "", newline, in_flow=True)
            return TextEdit(colon + 1, field.value_end, " " + join_flow_list(items))
        indent = key_indent + "  "
        items = _list_items(field, value, indent + "  ", newline, in_flow=False)
        return TextEdit(
            colon + 1, field.value_end, newline + indent + join_block_list(items, indent, newline)
        )

    scalar_style = field.style if field.style not in ("flow", "block") else None
    written = format_scalar(value, scalar_style, indent=key_indent + "  ", newline=newline)
    if empty_value:
        # `key:` with nothing after it: keep a trailing comment where there is one.
        rest_end = _line_end(text, colon)
        while rest_end > colon + 1 and text[rest_end - 1] in "\r\n":
            rest_end -= 1
        rest = text[colon + 1 : rest_end]
        if not written:
            return TextEdit(colon + 1, colon + 1, "")
        if rest.strip(" \t").startswith("#"):
            return TextEdit(colon + 1, colon + 1, " " + written)
        return TextEdit(colon + 1, rest_end, " " + written)
    if not written:
        return TextEdit(colon + 1, field.value_end, "")
    if (
        value_on_key_line
        and isinstance(field.value, str | int | float | bool | dt.date)
        and field.style != "block"
    ):
        return TextEdit(field.value_start, field.value_end, written)
    return TextEdit(colon + 1, field.value_end, " " + written)


def _column(text: str, offset: int) -> int:
    return offset - (text.rfind("\n", 0, offset) + 1)


def _list_items(
    field: Field, values: Sequence[object], indent: str, newline: str, *, in_flow: bool
) -> list[str]:
    """Each item as text: unchanged items as they were written, new ones in the style of their neighbours."""
    old_values = field.value if isinstance(field.value, list) else []
    written = []
    for index, item in enumerate(values):
        value = str(item)
        if index < len(field.items) and index < len(old_values) and old_values[index] == value:
            written.append(field.items[index][1])
            continue
        style = field.items[min(index, len(field.items) - 1)][0] if field.items else None
        written.append(format_string(value, style, indent=indent, newline=newline, in_flow=in_flow))
    return written


def _add_field(front: FrontMatter, key: str, value: FieldValue, newline: str) -> TextEdit:
    text = front.parts.text
    written_key = key if can_be_plain(key) else double_quoted(key)
    if isinstance(value, list | tuple):
        items = [format_string(str(item), None, indent="    ", newline=newline) for item in value]
        body = " []" if not items else newline + "  " + join_block_list(items, "  ", newline)
    else:
        scalar = format_scalar(value, None, indent="  ", newline=newline)
        body = " " + scalar if scalar else ""
    line = f"{written_key}:{body}{newline}"
    if front.parts.format is None:
        # No front matter yet: open one at the top of the file.
        return TextEdit(0, 0, f"---{newline}{line}---{newline}")
    if front.fields:
        position = _line_end(text, front.fields[-1].value_end)
        if position > front.parts.fm_end:
            position = front.parts.fm_end
    else:
        position = front.parts.fm_end
    return TextEdit(position, position, line)


def as_json_value(value: object) -> object:
    """A front-matter value in a form json.dumps accepts: dates as ISO text, bytes as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Mapping):
        return {str(key): as_json_value(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [as_json_value(item) for item in value]
    if isinstance(value, set):
        return sorted(str(item) for item in value)
    return value
