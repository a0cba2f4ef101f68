"""Front matter read with the position of every value as written, so an edit can replace one value's characters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from editor.article.document import (
    ArticleParts,
    FrontMatterFormat,
    line_of_offset,
    split_article,
)
from editor.article.errors import FrontMatterError
from editor.article.translatable import translatable
from editor.article.yaml_scalars import float_literal

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
    # For a list of scalars: each item as written, so unchanged items are kept as they are.
    items: tuple[ListItem, ...] = ()
    # Where the value's anchor and tag (`&name`, `!!str`) start and end, or -1 when it has none: an edit
    # keeps the anchor, since an alias elsewhere may name it, and the tag while it fits the new value.
    properties_start: int = -1
    properties_end: int = -1
    # The value is an alias (`*name`), or holds one: its value is another field's, so may change with it.
    aliased: bool = False


@dataclass(frozen=True)
class ListItem:
    """One scalar item of a list as written: its style, its whole text, and the anchor or tag it opens with."""

    style: str | None
    text: str
    properties: str = ""


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


def _line_at(parts: ArticleParts, index: int) -> int:
    """The file line of character `index` of the front matter. From the index, not PyYAML's line count:
    PyYAML also breaks lines at U+2028, U+2029 and NEL, which no editor or site shows as line breaks."""
    return line_of_offset(parts.text, parts.fm_start + index)


def _read_yaml(parts: ArticleParts) -> FrontMatter:
    source = parts.front_matter
    loader: _PositionedLoader | None = None
    try:
        # The reader checks for control characters as it is made, so it raises inside the try too.
        loader = _PositionedLoader(source)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _line_at(parts, mark.index) if mark else None
        problem = error.problem or error.context or "malformed YAML"
        column = mark.column + 1 if mark else None
        context = error.context_mark
        if error.context and context is not None and mark is not None and context.line != mark.line:
            problem += f" ({error.context} that starts on line {_line_at(parts, context.index)})"
        raise FrontMatterError.of(
            translatable("ArticleError", "the front matter is not valid YAML: {problem}"),
            line,
            column,
            problem=problem,
        ) from None
    except yaml.reader.ReaderError as error:
        line = _line_at(parts, error.position)
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
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return FrontMatter(parts, (), editable=True)
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError.of(
            translatable("ArticleError", "the front matter must be `key: value` lines, but it is a list")
            if isinstance(root, yaml.SequenceNode)
            else translatable(
                "ArticleError", "the front matter must be `key: value` lines, but it is a single value"
            ),
            _line_at(parts, root.start_mark.index),
        )
    _check_nodes(root, parts)
    constructor = yaml.SafeLoader("")
    fields = []
    # The root's occurrences alternate key, value, as its pairs do.
    occurrences = loader.root_occurrence.children
    try:
        for index, (key_node, value_node) in enumerate(root.value):
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                written = source[key_node.start_mark.index : key_node.end_mark.index]
                raise FrontMatterError.of(
                    translatable(
                        "ArticleError", "the key {key} is read as {type}, not as a name; put it in quotes"
                    ),
                    _line_at(parts, key_node.start_mark.index),
                    key=repr(written),
                    type=key_node.tag.rsplit(":", 1)[-1],
                )
            try:
                value = constructor.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                raise FrontMatterError.of(
                    translatable("ArticleError", "the value of {key} cannot be read: {problem}"),
                    _line_at(parts, occurrences[2 * index + 1].start),
                    key=key_node.value,
                    problem=error,
                ) from None
            fields.append(_field(parts, key_node, value_node, occurrences[2 * index + 1], value))
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
        line = _line_at(parts, node.start_mark.index)
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
                key_line = _line_at(parts, key_node.start_mark.index)
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


def _field(
    parts: ArticleParts, key_node: yaml.Node, value_node: yaml.Node, occurrence: _Occurrence, value: object
) -> Field:
    offset = parts.fm_start
    source = parts.front_matter
    items: tuple[ListItem, ...] = ()
    style: str | None = None
    if occurrence.alias:
        # `*name`: the node is the anchored one, elsewhere; only a scalar's style says how to write over it.
        style = value_node.style if isinstance(value_node, yaml.ScalarNode) else None
    elif isinstance(value_node, yaml.ScalarNode):
        style = value_node.style
    else:
        style = "flow" if value_node.flow_style else "block"
        if isinstance(value_node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in value_node.value
        ):
            items = tuple(
                _list_item(source, item, child)
                for item, child in zip(value_node.value, occurrence.children, strict=True)
            )
    properties_end, content = (
        (-1, occurrence.start) if occurrence.alias else _properties(source, occurrence.start)
    )
    return Field(
        key=str(key_node.value),
        value=value,
        line=_line_at(parts, key_node.start_mark.index),
        column=key_node.start_mark.column + 1,
        key_start=offset + key_node.start_mark.index,
        value_start=offset + content,
        value_end=offset + _value_end(value_node, occurrence, source),
        style=style,
        items=items,
        properties_start=-1 if properties_end == -1 else offset + occurrence.start,
        properties_end=-1 if properties_end == -1 else offset + properties_end,
        aliased=occurrence.holds_alias(),
    )


def _list_item(source: str, node: yaml.ScalarNode, occurrence: _Occurrence) -> ListItem:
    end = _value_end(node, occurrence, source)
    properties_end = -1 if occurrence.alias else _properties(source, occurrence.start)[0]
    properties = "" if properties_end == -1 else source[occurrence.start : properties_end]
    return ListItem(node.style, source[occurrence.start : end], properties)


_PROPERTY = re.compile(r"[&!][^ \t\r\n,\[\]{}]*")
_BLANKS_AND_COMMENTS = re.compile(r"(?:[ \t]+(?:#[^\r\n]*)?|\r\n|\n|\r)*")


def _properties(source: str, start: int) -> tuple[int, int]:
    """(end of the last property or -1, start of the content) of the node occurrence at `start`."""
    position = start
    last_end = -1
    while (match := _PROPERTY.match(source, position)) is not None:
        last_end = match.end()
        blanks = _BLANKS_AND_COMMENTS.match(source, match.end())
        position = blanks.end() if blanks is not None else match.end()
    return last_end, position


def _value_end(node: yaml.Node, occurrence: _Occurrence, source: str) -> int:
    """Where the value's own text ends: PyYAML's marks run on over the blank and comment lines after a block."""
    if occurrence.alias:
        return occurrence.end
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            written = source[occurrence.start : occurrence.end]
            header = source[_properties(source, occurrence.start)[1] : occurrence.end].split("\n", 1)[0]
            if "+" not in header:
                return occurrence.start + len(written.rstrip(" \t\r\n"))
            # A kept (|+) block owns its trailing blank lines, but not the break that ends its last line:
            # an edit that took that break would glue the next key onto the new value.
            return occurrence.start + len(_FINAL_BREAK.sub("", written, count=1))
        return occurrence.end
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and occurrence.children:
        last_node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        return _value_end(last_node, occurrence.children[-1], source)
    return occurrence.end


@dataclass
class _Occurrence:
    """Where one node is written. An alias names a node written elsewhere, whose marks are not the alias's."""

    start: int
    end: int = 0
    alias: bool = False
    children: list[_Occurrence] = dataclasses.field(default_factory=list)

    def holds_alias(self) -> bool:
        """Whether this occurrence is an alias or has one inside."""
        return self.alias or any(child.holds_alias() for child in self.children)


class _PositionedLoader(yaml.SafeLoader):
    """PyYAML's safe composer, noting where each node occurrence starts and ends in the text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.root_occurrence = _Occurrence(0)
        self._open = [self.root_occurrence]
        self._last_end = 0

    def get_event(self) -> yaml.Event:
        """The next event; its end is where the node being composed has got to."""
        event = super().get_event()
        self._last_end = event.end_mark.index
        return event

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        """Compose as PyYAML does, recording this occurrence under its parent's."""
        event = self.peek_event()
        occurrence = _Occurrence(event.start_mark.index, alias=isinstance(event, yaml.AliasEvent))
        self._open[-1].children.append(occurrence)
        self._open.append(occurrence)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._open.pop()
        occurrence.end = self._last_end
        return node

    def get_single_node(self) -> yaml.Node | None:
        """The document's root node; the root occurrence becomes the root node's own."""
        node = super().get_single_node()
        if self.root_occurrence.children:
            self.root_occurrence = self.root_occurrence.children[0]
        return node


def as_json_value(value: object) -> object:
    """A front-matter value in a form json.dumps accepts: dates as ISO text, bytes as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        # JSON has no NaN or infinity: as YAML writes them, so the output stays JSON.
        return float_literal(value)
    if isinstance(value, Mapping):
        return {str(key): as_json_value(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [as_json_value(item) for item in value]
    if isinstance(value, set):
        return sorted(str(item) for item in value)
    return value
