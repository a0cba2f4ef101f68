"""What in an SVG file could run or fetch something once a site serves it: scripts, event handlers,
foreignObject, external references and entity declarations."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

# Browsers run these when the SVG is opened on its own (a link to it, a new tab), whatever the <img> did.
_RUNNING_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
# An animation can set an attribute, and so a link target or a handler, after the file was checked.
_ANIMATIONS = frozenset({"set", "animate", "animatetransform", "animatemotion"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})
_STYLE_FETCH = re.compile(r"@import|url\(\s*['\"]?\s*(?!#|data:)", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def svg_hazards(data: bytes) -> list[str]:
    """Why `data` is not safe to serve as an image, one short reason each; empty for a harmless SVG."""
    if _ENTITY.search(data):
        # Entities are how XML bombs and external-file tricks work; drawings never need them.
        return ["it declares XML entities"]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [f"it is not well-formed XML ({error})"]
    reasons: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name in _RUNNING_ELEMENTS:
            reasons.append(f"a <{element.tag.rpartition('}')[2]}> element")
        for attribute, value in element.attrib.items():
            reason = _attribute_hazard(name, _local(attribute), value)
            if reason is not None:
                reasons.append(reason)
        if name == "style" and element.text and _STYLE_FETCH.search(element.text):
            reasons.append("a stylesheet that loads another file")
    return sorted(set(reasons), key=reasons.index)


def _attribute_hazard(element: str, attribute: str, value: str) -> str | None:
    if attribute.startswith("on"):
        return f"an event handler ({attribute})"
    if attribute in _LINK_ATTRIBUTES and not _is_inside(value):
        return f"a reference to another file or page ({attribute}={value.strip()[:60]!r})"
    if attribute == "style" and _STYLE_FETCH.search(value):
        return "a style that loads another file"
    if element in _ANIMATIONS and attribute == "attributename":
        target = value.strip().lower().rpartition(":")[2]
        if target in _LINK_ATTRIBUTES or target.startswith("on"):
            return f"an animation that sets {value.strip()}"
    return None


def _is_inside(url: str) -> bool:
    """A link to a part of the same file (`#id`) or an embedded image (`data:image/png`), nothing fetched."""
    url = url.strip()
    if url.startswith("#") or not url:
        return True
    parts = urlsplit(url)
    return (
        parts.scheme.lower() == "data"
        and parts.path.lower().startswith("image/")
        and "svg" not in parts.path[:20].lower()
    )


def _local(name: str) -> str:
    """`{http://www.w3.org/2000/svg}script` and `xlink:href` as `script` and `href`, lower case."""
    return name.rpartition("}")[2].rpartition(":")[2].lower()
