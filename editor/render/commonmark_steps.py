"""markdown-it's parse of an article body, cut into its top-level steps and parsed again only around an edit.

A *step* is one call of a top-level block rule: the lines it consumed and the tokens it pushed. At the top
level, markdown-it decides each step from the lines at and after its start alone (nothing before it counts,
and reference definitions are collected, not consulted), so the steps of an edited body are the old steps
up to a start before the edit, then a short stretch parsed again, then the old steps again from the first
start after the edit where the new parse starts a step on the same unchanged text.

What a step may look at beyond its own lines bounds the stretch. A rule peeks at most at the line after
the one that ends it (a table's delimiter row, seen from a paragraph) unless it scans on to a blank line
(a reference definition reads its whole paragraph); so a stretch starts and ends at a step start that
follows a blank line, and is never cut less than two lines past the step start where it rejoins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_core import inline as core_inline
from markdown_it.rules_core import text_join
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from editor.article.text_changes import common_prefix_length, common_suffix_length

# The env keys the step plugin reads; markdown-it and its plugins never use them.
_MARKS = "article_editor_step_marks"
_REJOIN = "article_editor_rejoin"

Reference = dict[str, object]


@dataclass(eq=False)
class Step:
    """One top-level rule's work: from body line `line` (0-based), its tokens, the reference definitions
    it made (label → definition, in order). Identity matters: an unchanged step is the same object
    render after render, so what was derived from it can be kept."""

    line: int
    tokens: list[Token]
    references: dict[str, Reference]
    first: int = 0  # the first and last source lines its tokens map, relative to `line`
    last: int = 0
    headings: list[tuple[Token, str]] = field(default_factory=list)
    # Filled in by the renderer once: elements its HTML blocks leave open, its headings' slugs.
    opens: int | None = None
    slugs: tuple[str, ...] | None = None


@dataclass
class _Mark:
    line: int
    token_index: int
    references: dict[str, Reference]


def step_plugin(parser: MarkdownIt) -> None:
    """Makes `parser` record where top-level steps start when the env asks for it, and collect each
    step's reference definitions apart, merged in document order before the inline pass."""
    first_rule = parser.block.ruler.__rules__[0].name
    parser.block.ruler.before(first_rule, "article_editor_step", _record_step, {"alt": []})
    parser.core.ruler.after("block", "article_editor_references", _merge_references)


def _record_step(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    marks: list[_Mark] | None = state.env.get(_MARKS)
    if marks is None or silent or state.level != 0:
        return False
    rejoin: Callable[[int, int], bool] | None = state.env.get(_REJOIN)
    if rejoin is not None and rejoin(start_line, end_line):
        # The rest is known from the last parse: end this one here.
        state.line = end_line
        return True
    # Each step defines references into a dict of its own, so a later parse can merge them again.
    references: dict[str, Reference] = {}
    state.env["references"] = references
    marks.append(_Mark(start_line, len(state.tokens), references))
    return False


def _merge_references(state: StateCore) -> None:
    marks: list[_Mark] | None = state.env.get(_MARKS)
    if marks is not None:
        state.env["references"] = merge_references(mark.references for mark in marks)


def merge_references(parts: Iterable[dict[str, Reference]]) -> dict[str, Reference]:
    """Reference definitions of steps in document order; the first definition of a label counts.
    Only what a link takes from a definition is kept, so definitions that moved compare equal."""
    merged: dict[str, Reference] = {}
    for references in parts:
        for label, value in references.items():
            if label not in merged:
                merged[label] = {"href": value.get("href"), "title": value.get("title")}
    return merged


def source_span(tokens: Sequence[Token], line: int) -> tuple[int, int]:
    """The first source line the tokens map and the line after the last; `line` when none maps any."""
    first = next((token.map[0] for token in tokens if token.map is not None), line)
    last = next((token.map[1] for token in reversed(tokens) if token.map is not None), first + 1)
    return first, last


def _steps(marks: list[_Mark], tokens: list[Token], origin: int) -> list[Step]:
    steps = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].token_index if index + 1 < len(marks) else len(tokens)
        part = tokens[mark.token_index : end]
        first, last = source_span(part, mark.line)
        steps.append(Step(origin + mark.line, part, mark.references, first - mark.line, last - mark.line))
    return steps


@dataclass
class StepParse:
    """The steps of a body and whether they came from an incremental parse."""

    steps: list[Step]
    references: dict[str, Reference]
    # A body with footnotes: the tokens of its whole parse, footnote list at the end, and the parse's
    # env, which the footnote renderer reads; `steps` is then empty.
    tokens: list[Token] | None = None
    env: dict[str, object] | None = None


class StepParser:
    """Parses bodies into steps, again only where an edit needs it. Bodies with footnotes are always
    parsed whole: their numbering and the list at the end are the whole document's."""

    def __init__(self, parser: MarkdownIt, min_stretch: int = 64) -> None:
        self._parser = parser
        # Lines parsed past the edit at first; tests make it short, to rejoin as close as can be.
        self._min_stretch = min_stretch
        self._lines: list[str] = []
        self._steps: list[Step] = []
        self._references: dict[str, Reference] = {}

    def parse(self, source: str) -> StepParse:
        """The steps of `source` (LF line ends, NUL already replaced)."""
        lines = source.split("\n")
        if "[^" in source or not self._steps:
            return self._whole(source, lines)
        incremental = self._incremental(lines)
        if incremental is None:
            return self._whole(source, lines)
        return incremental

    def _whole(self, source: str, lines: list[str]) -> StepParse:
        marks: list[_Mark] = []
        env: dict[str, object] = {_MARKS: marks}
        tokens = self._parser.parse(source, env)
        self._lines = lines
        references = env.get("references")
        self._references = references if isinstance(references, dict) else {}
        if "[^" in source:
            # footnote_tail moved the definitions to a list at the end: steps no longer line up with
            # the tokens, so the renderer takes the tokens as they are and nothing is reused.
            self._steps = []
            return StepParse([], self._references, tokens=tokens, env=env)
        self._steps = _steps(marks, tokens, 0)
        for step in self._steps:
            prepare_step(step)
        return StepParse(self._steps, self._references)

    def _incremental(self, lines: list[str]) -> StepParse | None:
        old_lines, old_steps = self._lines, self._steps
        prefix = common_prefix_length(old_lines, lines)
        if prefix == len(old_lines) == len(lines):
            return StepParse(old_steps, self._references)
        suffix = common_suffix_length(old_lines, lines, min(len(old_lines), len(lines)) - prefix)
        delta = len(lines) - len(old_lines)
        changed_end = len(lines) - suffix  # the first line of the unchanged tail, in the new body
        # Restart at the last step that follows a blank line and starts two lines before the edit.
        restart, start_line = 0, 0
        for index in range(len(old_steps) - 1, 0, -1):
            line = old_steps[index].line
            if line + 1 < prefix and not old_lines[line - 1].strip(" \t"):
                restart, start_line = index, line
                break
        old_starts = {step.line: index for index, step in enumerate(old_steps)}
        window = max(self._min_stretch, 2 * (changed_end - start_line))
        while True:
            end = min(len(lines), changed_end + window)
            parsed = self._parse_stretch(lines, start_line, end, changed_end, delta, old_starts)
            if parsed is not None:
                break
            if end == len(lines):
                return None  # no place to rejoin: the edit changed everything after it
            window *= 4
        new_steps, rejoined_at = parsed
        tail: list[Step] = []
        if rejoined_at is not None:
            tail = old_steps[old_starts[rejoined_at - delta] :]
            if delta:
                for step in tail:
                    step.line += delta
        replaced = old_steps[restart : len(old_steps) - len(tail)]
        steps = old_steps[:restart] + new_steps + tail
        changed_references = any(step.references for step in replaced) or any(
            step.references for step in new_steps
        )
        references = (
            merge_references(step.references for step in steps) if changed_references else self._references
        )
        self._inline(new_steps, references)
        if references != self._references:
            # A definition changed: every link may now point elsewhere, so the kept steps are parsed
            # again inline (as new objects, so nothing derived from them is kept either).
            steps[:restart] = [self._reinline(step, references) for step in steps[:restart]]
            steps[len(steps) - len(tail) :] = [self._reinline(step, references) for step in tail]
        self._lines, self._steps, self._references = lines, steps, references
        return StepParse(steps, references)

    def _parse_stretch(
        self, lines: list[str], start: int, end: int, changed_end: int, delta: int, old_starts: dict[int, int]
    ) -> tuple[list[Step], int | None] | None:
        """Steps of lines [start, end), and the line where the parse rejoined the old steps, or None
        when the stretch had to end before a place to rejoin (the caller tries a longer one)."""
        stretch = lines[start:end]
        blank_after = [False] * (len(stretch) + 1)
        # blank_after[i]: some line at or after i in the stretch is blank
        for index in range(len(stretch) - 1, -1, -1):
            blank_after[index] = blank_after[index + 1] or not stretch[index].strip(" \t")
        rejoined: list[int] = []
        whole_tail = end == len(lines)

        def rejoin(relative: int, _end: int) -> bool:
            line = start + relative
            if line < changed_end or relative == 0 or (line - delta) not in old_starts:
                return False
            if stretch[relative - 1].strip(" \t"):
                return False  # a step that is not after a blank line may have been read on from
            if not whole_tail and (relative + 2 > len(stretch) or not blank_after[relative]):
                return False  # the step before may have peeked past the stretch
            rejoined.append(line)
            return True

        marks: list[_Mark] = []
        env: dict[str, object] = {_MARKS: marks, _REJOIN: rejoin}
        tokens: list[Token] = []
        source = "\n".join(stretch)
        if source:
            state = StateBlock(source, self._parser, env, tokens)
            self._parser.block.tokenize(state, 0, state.lineMax)
        if not rejoined and not whole_tail:
            return None
        return _steps(marks, tokens, start), (rejoined[0] if rejoined else None)

    def _inline(self, steps: Sequence[Step], references: dict[str, Reference]) -> None:
        tokens = [token for step in steps for token in step.tokens]
        state = StateCore("", self._parser, {"references": references}, tokens)
        core_inline(state)
        text_join(state)
        for step in steps:
            prepare_step(step)

    def _reinline(self, step: Step, references: dict[str, Reference]) -> Step:
        if not any("[" in token.content for token in step.tokens if token.type == "inline"):
            return step
        copies = [_copy(token) for token in step.tokens]
        fresh = Step(step.line, copies, step.references, step.first, step.last)
        self._inline([fresh], references)
        return fresh


def _copy(token: Token) -> Token:
    copy = token.copy()
    if copy.type == "inline":
        copy.children = []
    return copy


def prepare_step(step: Step) -> None:
    """What rendering needs of a fresh step: GitHub's align attributes, and its headings' texts."""
    step.headings = []
    for index, token in enumerate(step.tokens):
        if token.type == "heading_open" and index + 1 < len(step.tokens):
            step.headings.append((token, plain_text(step.tokens[index + 1])))
        elif token.type in ("th_open", "td_open"):
            # GitHub aligns table cells with align="…", as the GFM spec writes them.
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("align", style.removeprefix("text-align:"))


def plain_text(inline: Token) -> str:
    """The text of an inline token as a reader sees it: markup dropped, code and image alt kept."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(plain_text(child))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
