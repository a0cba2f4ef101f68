"""An allowlist HTML sanitizer on the stdlib parser: article HTML must not run script in the preview."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from editor.render.extensions import IMAGE_MARK, LINE_HINT_TAG, LINE_MARK, MARK_END, MARK_START, mark

# Elements shown as they are. Anything not listed and not blocked loses its tags but keeps its text.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
VOID_TAGS = frozenset({"br", "col", "hr", "img", "wbr"})
# Elements that load or run something. They and their content are replaced by a visible note, so the
# author sees that the site page will have something the preview leaves out.
BLOCKED_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noembed",
        "noframes",
        "noscript",
        "template",
        "svg",
        "math",
        "meta",
        "base",
        "link",
        "param",
        "source",
        "track",
        "audio",
        "video",
        "canvas",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "title",
        "head",
        "portal",
    ]
)
# GFM's tag filter: GitHub writes these raw tags as text, so no page ever gets them as elements.
GFM_FILTERED_TAGS = frozenset(
    {"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"}
)
BLOCKED_VOID_TAGS = frozenset({"embed", "meta", "base", "link", "param", "source", "track", "input", "frame"})

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
# Python-Markdown's tables align cells with an inline style; nothing else may use one.
SAFE_STYLE_RE = re.compile(r"\s*text-align:\s*(left|right|center);?\s*")
LINE_MARK_RE = re.compile(re.escape(MARK_START + LINE_MARK) + r"\d+" + re.escape(MARK_END))
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):")
_CONTROL_AND_SPACE_RE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The lower-case scheme of `url` as a browser would read it, or None for a relative URL."""
    # Browsers ignore tabs, newlines and leading spaces inside a scheme ("java\tscript:").
    compact = _CONTROL_AND_SPACE_RE.sub("", url).lower()
    match = _SCHEME_RE.match(compact)
    return match.group(1) if match else None


def is_safe_link(url: str) -> bool:
    """True for relative links, fragments and http(s)/mailto/tel links."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_LINK_SCHEMES


# Schemes whose links run code or read local files when followed; any other link only navigates (and the
# preview follows none itself: http(s) links open in the system browser, the rest are refused).
RUNNING_LINK_SCHEMES = frozenset(
    {"javascript", "vbscript", "livescript", "mocha", "data", "file", "blob", "filesystem"}
)


def is_harmless_link(url: str) -> bool:
    """True for any link but those whose scheme runs something or reads local files (`irc:`, `ftp:` pass)."""
    scheme = url_scheme(url)
    return scheme is None or scheme not in RUNNING_LINK_SCHEMES


@dataclass(frozen=True)
class ImageRef:
    """An image found in article HTML, replaced by a mark until its URL is resolved."""

    src: str
    alt: str = ""
    title: str | None = None
    width: str | None = None
    height: str | None = None


@dataclass
class SanitizedHtml:
    """Sanitized, balanced HTML with image marks, and the images those marks stand for."""

    html: str
    images: list[ImageRef] = field(default_factory=list)


# A tag name a browser makes an element of (custom elements included), which `faithful` output keeps.
_ELEMENT_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# A comment, declaration or processing instruction is passed on only when it cannot end anywhere but
# where the stdlib parser ended it: a browser also ends a comment at `--!>` or `<!-->`, and a bogus
# comment (<?...>, <!...>) at its first `>`, which could start a <script> the parser saw as comment text.
_INERT_MARKUP = re.compile(r"[^<>]*")


class LenientHtmlParser(HTMLParser):
    """html.parser as a browser reads `<![…`: a marked section other than CDATA is a bogus comment up to
    the first `>`, where the stdlib raises AssertionError (`<![CD` typed halfway to `<![CDATA[`)."""

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            if end < 0:
                return -1
            self.handle_comment(self.rawdata[i + 2 : end])
            return end + 1


class _Sanitizer(LenientHtmlParser):
    def __init__(self, default_line: str | None, faithful: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.faithful = faithful
        self.out: list[str] = []
        self.stack: list[str] = []
        self.images: list[ImageRef] = []
        self.skipping: str | None = None
        self.skip_depth = 0
        # The line for the next top-level element, from the renderer's hint; later top-level
        # elements from the same source block (raw HTML) keep the last one.
        self.line = default_line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def set_cdata_mode(self, elem: str, *args: object, **kwargs: object) -> None:
        """A <script> or <style> shown as text is no element: what follows it is parsed as usual."""
        if self.faithful and elem in GFM_FILTERED_TAGS:
            return
        super().set_cdata_mode(elem, *args, **kwargs)  # type: ignore[arg-type]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        if self.skipping is not None:
            if tag == self.skipping and not self_closing:
                self.skip_depth += 1
            return
        if tag == LINE_HINT_TAG:
            value = dict(attrs).get("data-line") or ""
            if not self.stack and LINE_MARK_RE.fullmatch(value):
                self.line = value
            return
        if self.faithful and tag in GFM_FILTERED_TAGS:
            # What GitHub does with these: the tag is shown as text, and what follows is read as if the
            # tag were not there (a script's code too). Without a `<` no text can start an element.
            self.out.append((self.get_starttag_text() or f"<{tag}>").replace("<", "&lt;"))
            return
        if tag in BLOCKED_TAGS:
            self._emit_removed(tag)
            if tag not in BLOCKED_VOID_TAGS and not self_closing:
                self.skipping = tag
                self.skip_depth = 1
            return
        if tag not in ALLOWED_TAGS and not (self.faithful and _ELEMENT_NAME.fullmatch(tag)):
            return
        kept = self._clean_attributes(tag, attrs)
        if tag == "img":
            self._emit_image(kept)
            return
        if not self.stack and self.line is not None:
            kept["data-line"] = self.line
        rendered = "".join(f' {name}="{html.escape(value)}"' for name, value in kept.items())
        if tag in VOID_TAGS:
            self.out.append(f"<{tag}{rendered} />")
        else:
            self.out.append(f"<{tag}{rendered}>")
            self.stack.append(tag)

    def _clean_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        allowed = TAG_ATTRIBUTES.get(tag, frozenset())
        kept: dict[str, str] = {}
        for name, raw_value in attrs:
            value = raw_value if raw_value is not None else ""
            allowed_here = name in GLOBAL_ATTRIBUTES or name in allowed
            if name == "href":
                allowed_here = allowed_here and (
                    is_harmless_link(value) if self.faithful else is_safe_link(value)
                )
            elif name == "style":
                allowed_here = allowed_here and SAFE_STYLE_RE.fullmatch(value) is not None
            if allowed_here:
                kept[name] = value
        return kept

    def _emit_image(self, attrs: dict[str, str]) -> None:
        image = ImageRef(
            src=attrs.get("src", ""),
            alt=attrs.get("alt", ""),
            title=attrs.get("title"),
            width=attrs.get("width"),
            height=attrs.get("height"),
        )
        self.out.append(mark(IMAGE_MARK, str(len(self.images))))
        self.images.append(image)

    def _emit_removed(self, tag: str) -> None:
        line = ""
        if not self.stack and self.line is not None:
            line = f' data-line="{self.line}"'
        self.out.append(f'<span class="removed-html"{line}>&lt;{tag}&gt; is not shown in the preview</span>')

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skipping = None
            return
        if self.faithful and tag in GFM_FILTERED_TAGS:
            self.out.append(f"&lt;/{tag}>")
            return
        if tag not in self.stack:
            if (
                self.faithful
                and tag not in BLOCKED_TAGS
                and (tag in ALLOWED_TAGS or _ELEMENT_NAME.fullmatch(tag))
            ):
                # A stray end tag, as the site sends it; the browser ignores it there and here.
                self.out.append(f"</{tag}>")
            return
        if self.faithful and self.stack[-1] != tag:
            # Unbalanced, as written: the browser closes what is open, here as on the site.
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag)]
            self.out.append(f"</{tag}>")
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            # `"` as &quot;, as Markdown renderers write text; `'` stays as it is.
            self.out.append(html.escape(data, quote=False).replace('"', "&quot;"))

    # Comments, declarations and processing instructions are dropped, unless `faithful` and inert.

    def handle_comment(self, data: str) -> None:
        self._inert(f"<!--{data}-->", data)

    def handle_decl(self, decl: str) -> None:
        self._inert(f"<!{decl}>", decl)

    def handle_pi(self, data: str) -> None:
        self._inert(f"<?{data}>", data)

    def unknown_decl(self, data: str) -> None:
        self._inert(f"<![{data}]>", data)

    def _inert(self, markup: str, data: str) -> None:
        if self.faithful and self.skipping is None and _INERT_MARKUP.fullmatch(data):
            self.out.append(markup)

    def finish(self) -> SanitizedHtml:
        self.close()
        if self.faithful:
            # Left open, as the site's page leaves it; the browser closes it at the block's end.
            self.stack.clear()
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
        return SanitizedHtml("".join(self.out), self.images)


def sanitize_html(fragment: str, default_line: str | None = None, *, faithful: bool = False) -> SanitizedHtml:
    """Keep only allowlisted tags and attributes of `fragment`, closing what it leaves open.

    `faithful` (the CommonMark flavour) keeps what a site passes on unchanged and cannot run or fetch
    anything: unknown and custom elements (with the global attributes only), inert comments, end tags
    where they are written and elements left open, as the site's page has them.

    Images become marks (see SanitizedHtml.images) so their URLs can be resolved later. Top-level
    elements get the data-line of the renderer's preceding line hint, else `default_line`; article
    HTML can't set data-line itself.
    """
    sanitizer = _Sanitizer(default_line, faithful)
    sanitizer.feed(fragment)
    return sanitizer.finish()
