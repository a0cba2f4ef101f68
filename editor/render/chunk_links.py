"""The marks in a rendered chunk that depend on the rest of the document, and their resolution.

A chunk renders alone with placeholders (editor.render.extensions' marks) for what only the whole
article knows: heading ids made unique, footnote numbers, images resolved against the site, and source
lines. The linker fills them in, chunk by chunk in document order, for both flavours' block keys.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions.toc import unique

from editor.render.extensions import (
    FOOTNOTE_NUMBER_MARK,
    FOOTNOTE_REF_MARK,
    HEADING_MARK,
    IMAGE_MARK,
    LINE_MARK,
    MARK_END,
    MARK_START,
)
from editor.render.sanitize import ImageRef, url_scheme

UrlResolver = Callable[[str], "str | None"]
"""Maps a site URL such as /images/blog/x.png to a file:// URL, or None when the file is missing."""

_MARK_RE = re.compile(
    re.escape(MARK_START)
    + r"(["
    + LINE_MARK
    + HEADING_MARK
    + FOOTNOTE_REF_MARK
    + FOOTNOTE_NUMBER_MARK
    + IMAGE_MARK
    + r"])([^"
    + re.escape(MARK_END)
    + r"]*)"
    + re.escape(MARK_END)
    + r"(_\d+)?"
)
# What a chunk's document marks become: heading ids, (footnote id suffix, number) pairs, image HTML.
Values = tuple[tuple[str, ...], tuple[tuple[str, int], ...], tuple[str, ...]]
NO_VALUES: Values = ((), (), ())


@dataclass(frozen=True)
class RawChunk:
    """A chunk rendered alone: its HTML with marks, and what the marks stand for."""

    digest: str
    html: str
    heading_slugs: tuple[str, ...]
    footnote_refs: tuple[str, ...]
    images: tuple[ImageRef, ...]

    @property
    def needs_document(self) -> bool:
        return bool(self.heading_slugs or self.footnote_refs or self.images)


def output_digest(*parts: object) -> str:
    """A short key for what `parts` render to (block keys of both flavours)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


_MISSING_IMAGE = '<span class="missing-image"'


def image_html(image: ImageRef, resolve_url: UrlResolver | None) -> str:
    """The preview HTML for an image: the image itself, or a visible placeholder saying why not."""
    src = image.src.strip()
    scheme = url_scheme(src)
    escaped = html.escape(src)
    if scheme in ("http", "https") or src.startswith("//"):
        return f'<span class="remote-image" data-src="{escaped}">Remote image not loaded: {escaped}</span>'
    if scheme == "data" and src.lower().startswith("data:image/"):
        final: str | None = src
    elif scheme is not None:
        return f'<span class="blocked-image" data-src="{escaped}">Image not shown: {escaped}</span>'
    elif not src:
        final = None
    else:
        final = resolve_url(src) if resolve_url is not None else src
    if final is None:
        return f'{_MISSING_IMAGE} data-src="{escaped}">Missing image: {escaped}</span>'
    attributes = [("src", final), ("alt", image.alt)]
    attributes += [
        (name, value)
        for name, value in (("title", image.title), ("width", image.width), ("height", image.height))
        if value is not None
    ]
    rendered = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes)
    return f"<img{rendered} />"


class MissingImages:
    """The images a renderer showed as missing, looked up again at each render: a file dropped in,
    pasted or saved from another program since makes one appear, in blocks the renderer kept too.

    A few are looked up per render, in turn (a lookup costs ~50 us; an article whose 1,800 images are
    all missing would otherwise add 85 ms to every keystroke): with up to LOOKUPS missing, each render
    sees an image appear; with more, one of the next few renders does."""

    LOOKUPS = 16

    def __init__(self) -> None:
        self._shown: dict[ImageRef, str] = {}
        self._turn = 0

    def note(self, resolved: dict[ImageRef, str], *, replace: bool = False) -> None:
        """Remember which of `resolved` (image -> its preview HTML) showed missing; `replace` forgets
        those noted before (after a render that went through every block)."""
        if replace:
            self._shown = {}
        self._shown.update(
            (image, shown) for image, shown in resolved.items() if shown.startswith(_MISSING_IMAGE)
        )

    def appeared(self, resolve_url: UrlResolver | None) -> bool:
        """Whether one of the images looked up this time resolves now; all are forgotten if so."""
        images = list(self._shown.items())
        if not images:
            return False
        start = self._turn % len(images)
        turn = (images[start:] + images[:start])[: self.LOOKUPS]
        self._turn = start + len(turn)
        if all(image_html(image, resolve_url) == shown for image, shown in turn):
            return False
        self._shown = {}
        return True


@dataclass(frozen=True)
class LinkState:
    """The document so far, as far as later chunks' marks depend on it."""

    used_ids: frozenset[str]
    id_counters: dict[str, int]
    footnote_counts: dict[str, int]
    footnote_numbers: dict[str, int]


class Linker:
    """Resolves the marks of each chunk in document order: ids, footnote numbers, images, lines."""

    def __init__(
        self,
        resolve_url: UrlResolver | None,
        previous: dict[tuple[str, int | None], str],
        previous_keys: dict[tuple[str, Values], str],
    ) -> None:
        self.resolve_url = resolve_url
        self.previous = previous
        self.linked: dict[tuple[str, int | None], str] = {}
        # A chunk's key from its raw digest and document values; a long article has thousands of
        # headings and images, and hashing each anew was a third of a keystroke's render.
        self.previous_keys = previous_keys
        self.keys: dict[tuple[str, Values], str] = {}
        self.used_ids: set[str] = set()
        self.id_counters: dict[str, int] = {}
        self.footnote_counts: dict[str, int] = {}
        self.footnote_numbers: dict[str, int] = {}
        self._images: dict[ImageRef, str] = {}

    def state(self) -> LinkState:
        """What the values of later chunks depend on, as a copy."""
        return LinkState(
            frozenset(self.used_ids),
            dict(self.id_counters),
            dict(self.footnote_counts),
            dict(self.footnote_numbers),
        )

    def restore(self, state: LinkState) -> None:
        """Go on from `state` (taken by `state()` after the same chunks in an earlier render)."""
        self.used_ids = set(state.used_ids)
        self.id_counters = dict(state.id_counters)
        self.footnote_counts = dict(state.footnote_counts)
        self.footnote_numbers = dict(state.footnote_numbers)

    def values(self, raw: RawChunk) -> Values:
        """The document-dependent values of `raw`'s marks; advances the document state past it."""
        ids = tuple(unique(slug, self.used_ids, self.id_counters) for slug in raw.heading_slugs)
        footnotes = []
        for footnote_id in raw.footnote_refs:
            count = self.footnote_counts.get(footnote_id, 0) + 1
            self.footnote_counts[footnote_id] = count
            number = self.footnote_numbers.setdefault(footnote_id, len(self.footnote_numbers) + 1)
            # The mark sits after the "fnref" of the id; this is the rest of it.
            footnotes.append((f"{count if count > 1 else ''}:{footnote_id}", number))
        images = tuple(self._image(image) for image in raw.images)
        return ids, tuple(footnotes), images

    @property
    def images(self) -> dict[ImageRef, str]:
        """The images this linker resolved, with their preview HTML."""
        return self._images

    def _image(self, image: ImageRef) -> str:
        if image not in self._images:
            self._images[image] = image_html(image, self.resolve_url)
        return self._images[image]

    @staticmethod
    def apply(raw_html: str, values: Values, base_line: int | None) -> str:
        """`raw_html` with its marks replaced by `values` and lines counted from `base_line`."""
        ids, footnotes, images = values
        headings = iter(ids)
        # A heading's id mark comes again in its permalink or anchor link (toc's `permalink`,
        # `anchorlink`): the same mark with the same in-chunk suffix is the same heading.
        heading_ids: dict[tuple[str, str], str] = {}
        references = iter(footnotes)
        numbers = iter(footnotes)

        def replace(match: re.Match[str]) -> str:
            kind, payload, suffix = match.group(1), match.group(2), match.group(3) or ""
            if kind == LINE_MARK:
                return (str(base_line + int(payload)) if base_line is not None else payload) + suffix
            if kind == HEADING_MARK:
                token = (payload, suffix)
                if token not in heading_ids:
                    heading_ids[token] = html.escape(next(headings))
                return heading_ids[token]  # the in-chunk "_1" suffix is replaced too
            if kind == FOOTNOTE_REF_MARK:
                return html.escape(next(references)[0]) + suffix
            if kind == FOOTNOTE_NUMBER_MARK:
                return str(next(numbers)[1]) + suffix
            return images[int(payload)] + suffix

        return _MARK_RE.sub(replace, raw_html)

    def link(self, raw: RawChunk, base_line: int | None) -> tuple[str, str]:
        """The final HTML of `raw` at `base_line`, and its position-independent key."""
        if raw.needs_document:
            values = self.values(raw)
            identity = (raw.digest, values)
            found = self.keys.get(identity) or self.previous_keys.get(identity)
            key = found if found is not None else output_digest(raw.digest, values)
            self.keys[identity] = key
        else:
            values = NO_VALUES
            key = raw.digest
        cache_key = (key, base_line)
        linked = self.previous.get(cache_key)
        if linked is None:
            linked = self.apply(raw.html, values, base_line)
        self.linked[cache_key] = linked
        return linked, key


def raw_from(marked_html: str, images: list[ImageRef], digest: str) -> RawChunk:
    headings: list[str] = []
    seen_headings: set[tuple[str, str]] = set()
    footnote_refs: list[str] = []
    for match in _MARK_RE.finditer(marked_html):
        if match.group(1) == HEADING_MARK:
            token = (match.group(2), match.group(3) or "")
            if token not in seen_headings:  # a permalink repeats its heading's mark
                seen_headings.add(token)
                headings.append(html.unescape(match.group(2)))
        elif match.group(1) == FOOTNOTE_REF_MARK:
            footnote_refs.append(html.unescape(match.group(2)))
    return RawChunk(digest, marked_html, tuple(headings), tuple(footnote_refs), tuple(images))
