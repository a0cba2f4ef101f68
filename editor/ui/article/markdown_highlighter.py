"""Syntax colouring for a whole article (front matter and Markdown body), one line at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from editor.article.document import FRONT_MATTER_FENCES, FrontMatterFormat

__all__ = ["HighlightColors", "MarkdownHighlighter", "mix_colors"]

# Block state: bits 0-2 say what the line is inside of, the flags describe the line itself for the next
# line's sake, and a fence keeps its length and indent. Everything a following line depends on must be in the
# state, because Qt re-highlights the next line only when a line's state changes.
_KIND_MASK = 0b111
_BODY = 0
_FM_YAML = 1
_FM_TOML = 2
_FENCE_BACKTICK = 3
_FENCE_TILDE = 4
_INDENTED_CODE = 5
_IN_LIST = 1 << 3
_BLANK = 1 << 4
_PARAGRAPH = 1 << 5
_SETEXT = 1 << 6
_FENCE_LENGTH_SHIFT = 8
_FENCE_INDENT_SHIFT = 16
_BYTE = 0xFF

# The fences the core accepts (editor.article.document): YAML `---`, TOML `+++`, trailing blanks allowed.
_YAML_FENCE = FRONT_MATTER_FENCES[FrontMatterFormat.YAML]
_TOML_FENCE = FRONT_MATTER_FENCES[FrontMatterFormat.TOML]

_BLANK_LINE = re.compile(r"[ \t]*")
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_FENCE_OPEN = re.compile(r"( *)(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r"( *)(`{3,}|~{3,})[ \t]*")
_LIST_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(\[[ xX]\](?=[ \t]|$))?|$)")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
_LINK_DEFINITION = re.compile(r" {0,3}(\[[^\]]+\]:)[ \t]*(\S+)(.*)")
_LEADING_SPACES = re.compile(r"[ \t]*")

_STRONG_EMPHASIS = re.compile(r"(?<![\\*])(\*\*\*)(?=\S)(.+?)(?<=\S)(\*\*\*)(?!\*)")
_STRONG = re.compile(
    r"(?<![\\*])(\*\*)(?=[^\s*])(.+?)(?<=[^\s\\])(\*\*)|(?<![\\\w])(__)(?=\S)(.+?)(?<=\S)(__)(?!\w)"
)
_EMPHASIS = re.compile(
    r"(?<![\\*])(\*)(?=[^\s*])(.+?)(?<=[^\s\\*])(\*)(?!\*)|(?<![\\\w_])(_)(?=[^\s_])(.+?)(?<=[^\s\\_])(_)(?![\w_])"
)
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)(\1)(?!`)")
# [text](url "title"), ![alt](url), [text][ref]; one level of brackets inside the text is allowed.
_LINK = re.compile(
    r"(!?)(\[)((?:[^\[\]]|\[[^\]]*\])*)(\])(?:(\()([^)\s]*)((?:[ \t]+\"[^\"]*\")?)(\))|(\[)([^\]]*)(\]))"
)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^\s<>]*>")

_YAML_KEY = re.compile(r"([ \t]*)((?:-[ \t]+)?)(\"[^\"]*\"|'[^']*'|[^\s\"'#:][^:#]*?)([ \t]*:)(?=[ \t]|$)")
_YAML_LIST_ITEM = re.compile(r"([ \t]*)(-)(?=[ \t]|$)")
_YAML_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#.*")
_TOML_KEY = re.compile(r"([ \t]*)([A-Za-z0-9_.\-\"']+)([ \t]*=)")
_TOML_TABLE = re.compile(r"[ \t]*\[.*\][ \t]*")


@dataclass(frozen=True)
class HighlightColors:
    """The colours of the highlighter; `for_palette` picks a set that reads well on the palette's base."""

    heading: QColor
    marker: QColor
    code: QColor
    code_background: QColor
    link: QColor
    url: QColor
    image: QColor
    list_marker: QColor
    quote: QColor
    front_matter_key: QColor
    front_matter_value: QColor
    front_matter_background: QColor

    @staticmethod
    def for_palette(palette: QPalette) -> HighlightColors:
        """Colours derived from `palette`: muted parts mix text into base, accents depend on light or dark."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightnessF() < 0.5
        # Accents: saturated enough to tell apart, with the contrast of ordinary text on either background.
        accents = (
            ("#79b8ff", "#f0a872", "#56c8c0", "#c39bf0", "#ffb86c", "#8fcf7f", "#e58fd0", "#a8d8a0")
            if dark
            else ("#1d5fb4", "#a4461a", "#0a7770", "#7a3fb8", "#b35900", "#3f7a2c", "#99307f", "#2f6b3a")
        )
        heading, code, link, image, list_marker, quote, key, value = (QColor(c) for c in accents)
        return HighlightColors(
            heading=heading,
            marker=mix_colors(text, base, 0.5),
            code=code,
            code_background=mix_colors(base, text, 0.06),
            link=link,
            url=mix_colors(text, base, 0.4),
            image=image,
            list_marker=list_marker,
            quote=quote,
            front_matter_key=key,
            front_matter_value=value,
            front_matter_background=mix_colors(base, text, 0.04),
        )


def mix_colors(first: QColor, second: QColor, amount: float) -> QColor:
    """`first` moved `amount` (0-1) of the way towards `second`."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


def _format(
    color: QColor | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    background: QColor | None = None,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(color)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if underline:
        fmt.setFontUnderline(True)
    if background is not None:
        fmt.setBackground(background)
    return fmt


def _merged(base: QTextCharFormat, extra: QTextCharFormat) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    fmt.merge(extra)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights the front matter at the top of the document and the Markdown after it.

    Qt calls `highlightBlock` for each changed line and carries on down only while line states change, so
    typing costs one line's regexes. The one look-ahead, a setext underline making the line above it a
    heading, is refreshed from the document's `contentsChange`.
    """

    def __init__(self, document: QTextDocument | None = None) -> None:
        super().__init__(document)  # type: ignore[arg-type]  # None is allowed: attach later with setDocument
        self._formats: dict[str, QTextCharFormat] = {}
        self._refreshing_setext = False
        self._watched: QTextDocument | None = None
        self.set_palette(QGuiApplication.palette(), rehighlight=False)
        if document is not None:
            self._watch(document)

    # ---- configuration -------------------------------------------------------------------------------

    def set_palette(self, palette: QPalette, *, rehighlight: bool = True) -> None:
        """Derive the colours from `palette` (call again when the palette changes) and re-highlight."""
        self.set_colors(HighlightColors.for_palette(palette), rehighlight=rehighlight)

    def set_colors(self, colors: HighlightColors, *, rehighlight: bool = True) -> None:
        """Use explicit colours and re-highlight."""
        self.colors = colors
        code = _format(colors.code, background=colors.code_background)
        self._formats = {
            "heading": _format(colors.heading, bold=True),
            "marker": _format(colors.marker),
            "strong": _format(bold=True),
            "emphasis": _format(italic=True),
            "strong_emphasis": _format(bold=True, italic=True),
            "code": code,
            "code_block": code,
            "fence": _format(colors.marker, background=colors.code_background),
            "link": _format(colors.link, underline=True),
            "url": _format(colors.url),
            "image": _format(colors.image),
            "list_marker": _format(colors.list_marker, bold=True),
            "quote": _format(colors.quote, italic=True),
            "quote_marker": _format(colors.quote, bold=True),
            "rule": _format(colors.marker, bold=True),
            "fm_fence": _format(colors.marker, background=colors.front_matter_background),
            "fm_key": _format(colors.front_matter_key, background=colors.front_matter_background),
            "fm_value": _format(colors.front_matter_value, background=colors.front_matter_background),
            "fm_punctuation": _format(colors.marker, background=colors.front_matter_background),
            "fm_comment": _format(colors.marker, italic=True, background=colors.front_matter_background),
        }
        if rehighlight and self.document() is not None:
            self.rehighlight()

    def char_format(self, name: str) -> QTextCharFormat:
        """The format used for `name` ("heading", "code", "fm_key", ...), for tests and legends."""
        return QTextCharFormat(self._formats[name])

    def setDocument(self, doc: QTextDocument | None) -> None:
        """Attach to `doc` (None detaches)."""
        super().setDocument(doc)
        self._watch(doc)

    def _watch(self, document: QTextDocument | None) -> None:
        if self._watched is not None:
            self._watched.contentsChange.disconnect(self._on_contents_change)
        self._watched = document
        if document is not None:
            document.contentsChange.connect(self._on_contents_change)

    # ---- the setext look-ahead ---------------------------------------------------------------------

    def _on_contents_change(self, position: int, _removed: int, _added: int) -> None:
        # A line's heading status depends on the line below; Qt only re-highlights downwards, so when an
        # edit makes or breaks an underline the line above is refreshed here.
        document = self._watched
        if self._refreshing_setext or document is None:
            return
        block = document.findBlock(position)
        above = block.previous()
        if not above.isValid():
            return
        state = above.userState()
        if state < 0:
            return
        is_underline = _SETEXT_UNDERLINE.fullmatch(block.text()) is not None
        needs_heading = is_underline and bool(state & _PARAGRAPH)
        if needs_heading != bool(state & _SETEXT):
            self._refreshing_setext = True
            try:
                self.rehighlightBlock(above)
            finally:
                self._refreshing_setext = False

    # ---- highlighting ------------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        """Colour one line; the state of the line above says whether it is front matter, code or body."""
        block = self.currentBlock()
        previous = self.previousBlockState()
        if not block.previous().isValid():
            # Only the document's first line can open front matter, exactly as the core reads it.
            if _YAML_FENCE.fullmatch(text):
                self.setFormat(0, len(text), self._formats["fm_fence"])
                self.setCurrentBlockState(_FM_YAML)
                return
            if _TOML_FENCE.fullmatch(text):
                self.setFormat(0, len(text), self._formats["fm_fence"])
                self.setCurrentBlockState(_FM_TOML)
                return
            previous = _BODY | _BLANK
        elif previous < 0:
            previous = _BODY | _BLANK
        kind = previous & _KIND_MASK
        if kind in (_FM_YAML, _FM_TOML):
            self._highlight_front_matter(text, kind)
        elif kind in (_FENCE_BACKTICK, _FENCE_TILDE):
            self._highlight_fenced(text, previous)
        else:
            self._highlight_body(text, previous, block)

    def _highlight_front_matter(self, text: str, kind: int) -> None:
        fence = _YAML_FENCE if kind == _FM_YAML else _TOML_FENCE
        if fence.fullmatch(text):
            self.setFormat(0, len(text), self._formats["fm_fence"])
            # The body starts like a document does: as if after a blank line.
            self.setCurrentBlockState(_BODY | _BLANK)
            return
        self.setCurrentBlockState(kind)
        if kind == _FM_YAML:
            self._highlight_yaml_line(text)
        else:
            self._highlight_toml_line(text)

    def _highlight_yaml_line(self, text: str) -> None:
        formats = self._formats
        self.setFormat(0, len(text), formats["fm_value"])
        key = _YAML_KEY.match(text)
        value_start = 0
        if key is not None:
            self.setFormat(key.start(2), len(key.group(2)), formats["fm_punctuation"])
            self.setFormat(key.start(3), len(key.group(3)), formats["fm_key"])
            self.setFormat(key.start(4), len(key.group(4)), formats["fm_punctuation"])
            value_start = key.end()
        else:
            item = _YAML_LIST_ITEM.match(text)
            if item is not None:
                self.setFormat(item.start(2), 1, formats["fm_punctuation"])
                value_start = item.end()
        value = text[value_start:].lstrip()
        # A quoted value may hold a `#`; only an unquoted one can end in a comment.
        if not value.startswith(("'", '"')):
            comment = _YAML_COMMENT.search(text, value_start)
            if comment is not None:
                self.setFormat(comment.start(), len(text) - comment.start(), formats["fm_comment"])

    def _highlight_toml_line(self, text: str) -> None:
        formats = self._formats
        self.setFormat(0, len(text), formats["fm_value"])
        if _TOML_TABLE.fullmatch(text):
            self.setFormat(0, len(text), formats["fm_key"])
            return
        key = _TOML_KEY.match(text)
        if key is not None:
            self.setFormat(key.start(2), len(key.group(2)), formats["fm_key"])
            self.setFormat(key.start(3), len(key.group(3)), formats["fm_punctuation"])

    def _highlight_fenced(self, text: str, previous: int) -> None:
        kind = previous & _KIND_MASK
        length = (previous >> _FENCE_LENGTH_SHIFT) & _BYTE
        indent = (previous >> _FENCE_INDENT_SHIFT) & _BYTE
        close = _FENCE_CLOSE.fullmatch(text)
        if (
            close is not None
            and close.group(2)[0] == ("`" if kind == _FENCE_BACKTICK else "~")
            and len(close.group(2)) >= length
            and len(close.group(1)) <= max(3, indent + 3)
        ):
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(_BODY | _BLANK | (previous & _IN_LIST))
            return
        self.setFormat(0, len(text), self._formats["code_block"])
        self.setCurrentBlockState(previous)

    def _highlight_body(self, text: str, previous: int, block: QTextBlock) -> None:
        formats = self._formats
        in_list = previous & _IN_LIST
        after_blank = bool(previous & _BLANK) or (previous & _KIND_MASK) == _INDENTED_CODE

        if _BLANK_LINE.fullmatch(text):
            self.setCurrentBlockState(_BODY | _BLANK | in_list)
            return

        indent = len(_LEADING_SPACES.match(text).group(0).expandtabs(4))  # type: ignore[union-attr]

        fence = _FENCE_OPEN.fullmatch(text)
        if (
            fence is not None
            and (len(fence.group(1)) <= 3 or in_list)
            and not (fence.group(2)[0] == "`" and "`" in fence.group(3))
        ):
            kind = _FENCE_BACKTICK if fence.group(2)[0] == "`" else _FENCE_TILDE
            self.setFormat(0, len(text), formats["fence"])
            self.setCurrentBlockState(
                kind
                | in_list
                | (min(len(fence.group(2)), _BYTE) << _FENCE_LENGTH_SHIFT)
                | (min(len(fence.group(1)), _BYTE) << _FENCE_INDENT_SHIFT)
            )
            return

        if indent >= 4 and after_blank and not in_list:
            self.setFormat(0, len(text), formats["code_block"])
            self.setCurrentBlockState(_INDENTED_CODE)
            return

        if indent < 4 and previous & _PARAGRAPH and _SETEXT_UNDERLINE.fullmatch(text):
            # The underline of the heading above; the line above colours itself by looking down.
            self.setFormat(0, len(text), formats["marker"])
            self.setCurrentBlockState(_BODY | in_list)
            return

        if _THEMATIC_BREAK.fullmatch(text):
            self.setFormat(0, len(text), formats["rule"])
            self.setCurrentBlockState(_BODY | in_list)
            return

        heading = _ATX_HEADING.match(text)
        if heading is not None:
            base = formats["heading"]
            self.setFormat(0, len(text), base)
            self.setFormat(heading.start(1), len(heading.group(1)), _merged(base, formats["marker"]))
            self._highlight_inline(text, heading.end(), base)
            self.setCurrentBlockState(_BODY | in_list)
            return

        definition = _LINK_DEFINITION.fullmatch(text)
        if definition is not None:
            self.setFormat(definition.start(1), len(definition.group(1)), formats["link"])
            self.setFormat(definition.start(2), len(text) - definition.start(2), formats["url"])
            self.setCurrentBlockState(_BODY | in_list)
            return

        state = _BODY
        start = 0
        base = QTextCharFormat()
        quote = _QUOTE.match(text)
        item = _LIST_ITEM.match(text)
        if quote is not None:
            base = formats["quote"]
            self.setFormat(0, len(text), base)
            self.setFormat(0, quote.end(), formats["quote_marker"])
            start = quote.end()
        elif item is not None and (item.group(2)[0] not in "-*+" or not _THEMATIC_BREAK.fullmatch(text)):
            marker_end = item.end(3) if item.group(3) else item.end(2)
            self.setFormat(item.start(2), marker_end - item.start(2), formats["list_marker"])
            start = item.end()
            state |= _IN_LIST
        else:
            if in_list and (indent > 0 or not after_blank):
                state |= _IN_LIST  # the item's continuation, indented or lazy
            if indent < 4 or not after_blank:
                state |= _PARAGRAPH
                underline = block.next()
                if underline.isValid() and _SETEXT_UNDERLINE.fullmatch(underline.text()):
                    base = formats["heading"]
                    self.setFormat(0, len(text), base)
                    state |= _SETEXT
        self._highlight_inline(text, start, base)
        self.setCurrentBlockState(state)

    def _highlight_inline(self, text: str, start: int, base: QTextCharFormat) -> None:
        # Cheap first: most lines have no markup characters at all.
        if not any(c in text for c in "*_`[<!"):
            return
        formats = self._formats
        marker = _merged(base, formats["marker"])
        for pattern, name in (
            (_STRONG_EMPHASIS, "strong_emphasis"),
            (_STRONG, "strong"),
            (_EMPHASIS, "emphasis"),
        ):
            for match in pattern.finditer(text, start):
                groups = (1, 2, 3) if match.group(1) is not None else (4, 5, 6)
                opening, inner, closing = groups
                self.setFormat(match.start(inner), len(match.group(inner)), _merged(base, formats[name]))
                self.setFormat(match.start(opening), len(match.group(opening)), marker)
                self.setFormat(match.start(closing), len(match.group(closing)), marker)
        for match in _LINK.finditer(text, start):
            is_image = bool(match.group(1))
            text_format = _merged(base, formats["image" if is_image else "link"])
            self.setFormat(match.start(), match.end(2) - match.start(), marker)
            self.setFormat(match.start(3), len(match.group(3)), text_format)
            self.setFormat(match.start(4), 1, marker)
            if match.group(5) is not None:
                self.setFormat(match.start(5), 1, marker)
                self.setFormat(match.start(6), match.end(7) - match.start(6), formats["url"])
                self.setFormat(match.start(8), 1, marker)
            else:
                self.setFormat(match.start(9), match.end(11) - match.start(9), formats["url"])
        for match in _AUTOLINK.finditer(text, start):
            self.setFormat(match.start(), len(match.group(0)), formats["url"])
        # Last, so nothing inside a code span looks like emphasis or a link.
        for match in _CODE_SPAN.finditer(text, start):
            self.setFormat(match.start(2), len(match.group(2)), _merged(base, formats["code"]))
            self.setFormat(match.start(1), len(match.group(1)), _merged(marker, formats["code"]))
            self.setFormat(match.start(3), len(match.group(3)), _merged(marker, formats["code"]))
