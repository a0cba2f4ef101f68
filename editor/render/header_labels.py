"""The preview header's own words, apart from the renderer so the window can name them without loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeaderLabels:
    """The header's own words around the article's values; English here, the UI passes its language's."""

    published: str = "Published"
    updated: str = "Updated"
    in_search_results: str = "In search results"
    no_title: str = "No title"
    no_image_text: str = "No text for the image"
    no_meta_title: str = "No meta title"
