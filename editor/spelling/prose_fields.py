"""Which front-matter fields hold prose to spell-check; apart from the checker, so the window can ask
without loading Hunspell or markdown-it (they live in the spelling worker)."""

from __future__ import annotations

from editor.article.schema import FieldKind, Schema

# The fields whose values are prose; dates, image paths, lists of tags and numbers are not.
PROSE_KINDS = frozenset({FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.IMAGE_ALT})


def prose_fields(schema: Schema) -> frozenset[str]:
    """The front-matter keys whose values are spell-checked."""
    return frozenset(spec.name for spec in schema.fields if spec.kind in PROSE_KINDS)
