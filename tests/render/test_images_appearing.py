"""An image written before its file exists shows once the file is there, in blocks kept from earlier renders.

The truth is a fresh renderer, which looks every image up, on a real site folder where the file is
created between two renders (as dropping, pasting or saving the image from another program does).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.render.chunk_links import MissingImages
from editor.render.export import file_url_resolver
from editor.render.flavours import Flavour, make_renderer
from editor.site.config import load_site

# Long enough that the blocks before a change at the end are taken over (IncrementalRenderer keeps its
# linker's state every CHECKPOINT = 128 chunks; CommonMark keeps the groups before the change).
PARAGRAPHS = "\n\n".join(f"Paragraph {n}." for n in range(300))


@pytest.mark.parametrize("flavour", [Flavour.PYTHON_MARKDOWN, Flavour.COMMONMARK])
@pytest.mark.parametrize("alt", ["later", "same"])
def test_an_image_that_appears_shows_in_blocks_before_the_change(example_site: Path, flavour, alt):
    site = load_site(example_site)
    article = example_site / "content" / "blog" / "mr-scanning.md"
    resolve = file_url_resolver(site, article)
    url = f"{site.image_url_prefix.rstrip('/')}/drawn-later.png"
    body = f"![same]({url})\n\n{PARAGRAPHS}\n"
    renderer = make_renderer(flavour, resolve)
    assert "Missing image" in renderer.render(body).html

    target = site.image_dir / "drawn-later.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\x89PNG\r\n\x1a\n")
    # What dropping the file at the end of the article inserts there.
    edited = f"{body}\n![{alt}]({url})\n"
    shown = renderer.render(edited).html
    assert shown == make_renderer(flavour, resolve).render(edited).html
    assert "Missing image" not in shown
    assert shown.count(target.as_uri()) == 2


@pytest.mark.parametrize("flavour", [Flavour.PYTHON_MARKDOWN, Flavour.COMMONMARK])
def test_with_many_images_missing_one_that_appears_shows_within_a_few_renders(example_site: Path, flavour):
    # Only a few missing images are looked up per render, so that an article whose images are all
    # missing does not pay a file lookup per image on every keystroke.
    site = load_site(example_site)
    resolve = file_url_resolver(site, example_site / "content" / "blog" / "mr-scanning.md")
    prefix = site.image_url_prefix.rstrip("/")
    body = "\n\n".join(f"![{n}]({prefix}/missing-{n}.png) Paragraph {n}." for n in range(200)) + "\n"
    renderer = make_renderer(flavour, resolve)
    renderer.render(body)
    site.image_dir.mkdir(parents=True, exist_ok=True)
    (site.image_dir / "missing-150.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    shown = []
    for count in range(200 // MissingImages.LOOKUPS + 1):
        body += f"\nTyped {count}.\n"
        shown.append(renderer.render(body).html == make_renderer(flavour, resolve).render(body).html)
    assert shown[-1] and shown == sorted(shown)  # once shown, it stays shown
