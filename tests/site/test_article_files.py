"""Which local file a URL in an article names, as validation, the form's thumbnails and the window see it."""

from __future__ import annotations

from pathlib import Path

from editor.site.article_files import linked_file, validation_rules
from editor.site.config import load_site

ARTICLE = Path("content/blog/mr-scanning.md")


def test_site_relative_remote_and_data_urls(example_site: Path) -> None:
    site = load_site(example_site)
    article = example_site / ARTICLE
    beside = article.parent / "bundle image.png"
    beside.write_bytes((example_site / "public/images/blog/mrscanning_konsekvenser_svar.png").read_bytes())
    intro = example_site / "public/images/blog/mrscanning_konsekvenser_intro.png"
    assert linked_file(site, article, "/images/blog/mrscanning_konsekvenser_intro.png") == intro
    assert linked_file(site, article, "bundle%20image.png") == beside
    assert linked_file(site, None, "bundle%20image.png") is None
    assert linked_file(site, article, "https://example.com/x.png") is None
    assert linked_file(site, article, "data:image/png;base64,AAAA") is None
    assert linked_file(site, article, "/images/blog/gone.png") is None


def test_validation_cannot_tell_about_remote_or_unsaved_relative_images(example_site: Path) -> None:
    site = load_site(example_site)
    saved = validation_rules(site, example_site / ARTICLE).image_exists
    unsaved = validation_rules(site, None).image_exists
    assert saved("https://example.com/x.png") is None and saved("data:image/png;base64,AAAA") is None
    assert saved("nope.png") is False and unsaved("nope.png") is None
    assert unsaved("/images/blog/mrscanning_konsekvenser_intro.png") is True


def test_a_relative_url_climbing_out_of_the_article_folder_names_no_file(example_site: Path) -> None:
    # The preview may only read inside the article's folder; validation must not call such an image fine.
    site = load_site(example_site)
    article = example_site / ARTICLE
    outside = example_site / "secret.png"
    outside.write_bytes(b"\x89PNG")
    (article.parent / "sub").mkdir()
    (article.parent / "sub" / "inside.png").write_bytes(b"\x89PNG")
    (article.parent / "link.png").symlink_to(outside)
    assert outside.is_file()
    assert linked_file(site, article, "../../secret.png") is None
    assert linked_file(site, article, "link.png") is None
    assert linked_file(site, article, "sub/../sub/inside.png") == article.parent / "sub/../sub/inside.png"
    assert validation_rules(site, article).image_exists("../../secret.png") is False
