"""Site config: article-editor.toml read strictly, the same values inferred without it, safe URL mapping."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.article.schema import DEFAULT_SCHEMA, FieldKind
from editor.site.config import (
    CONFIG_FILE_NAME,
    SiteConfig,
    SiteConfigError,
    find_site_root,
    infer_site,
    load_site,
    read_config,
)

from ..conftest import EXAMPLE_SITE, SAMPLE_ARTICLE


def make_site(root: Path, folders: list[str], config: str | None = None) -> Path:
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / CONFIG_FILE_NAME).write_text(config, encoding="utf-8")
    return root


def config_error(root: Path, text: str) -> SiteConfigError:
    (root / CONFIG_FILE_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(SiteConfigError) as caught:
        read_config(root / CONFIG_FILE_NAME)
    return caught.value


# --- the config file -------------------------------------------------------------------------------------


def test_the_example_config_is_read_with_absolute_paths() -> None:
    site = read_config(EXAMPLE_SITE / CONFIG_FILE_NAME)
    assert site.root == EXAMPLE_SITE
    assert site.content_dirs == (EXAMPLE_SITE / "content" / "blog",)
    assert site.public_dir == EXAMPLE_SITE / "public"
    assert site.image_dir == EXAMPLE_SITE / "public" / "images" / "blog"
    assert site.image_url_prefix == "/images/blog/"
    assert site.schema.date_format == "DD-MM-YYYY"
    assert site.schema.fields == DEFAULT_SCHEMA.fields
    assert site.schema.field("metaTitle") is not None
    assert site.schema.field("metaTitle").max_length == 60  # type: ignore[union-attr]
    assert site.template == EXAMPLE_SITE / "templates" / "article.md"
    assert site.stylesheet is None
    assert site.config_file == EXAMPLE_SITE / CONFIG_FILE_NAME


def test_without_the_config_file_the_example_site_is_inferred_the_same(example_site: Path) -> None:
    from_file = load_site(example_site)
    (example_site / CONFIG_FILE_NAME).unlink()
    inferred = load_site(example_site)
    assert inferred.config_file is None
    assert inferred.schema == from_file.schema
    assert inferred.schema.fields == from_file.schema.fields
    assert inferred.schema.date_format == from_file.schema.date_format
    assert inferred.root == from_file.root
    assert inferred.content_dirs == from_file.content_dirs
    assert inferred.public_dir == from_file.public_dir
    assert inferred.image_dir == from_file.image_dir
    assert inferred.image_url_prefix == from_file.image_url_prefix
    # The one documented difference: without a config the bundled template is used.
    assert inferred.template is None
    assert inferred.new_article_template().is_file()


def test_keys_left_out_are_inferred(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["static/images", "content/posts"], 'date_format = "YYYY-MM-DD"\n')
    site = read_config(root / CONFIG_FILE_NAME)
    assert site.schema.date_format == "YYYY-MM-DD"
    assert site.schema.fields == DEFAULT_SCHEMA.fields
    assert site.public_dir == root / "static"
    assert site.image_dir == root / "static" / "images"
    assert site.image_url_prefix == "/images/"
    assert site.content_dirs == (root / "content" / "posts",)


def test_a_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, 'public = "public"\ndate_format = \ncontent = ["x"]\n')
    assert error.line == 2
    assert error.message.startswith(f"{tmp_path / CONFIG_FILE_NAME}, line 2: not valid TOML: ")
    assert "\n" not in error.message


def test_an_unknown_key_is_named_with_its_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, '# comment\npublic = "public"\ncolour = "red"\n')
    assert error.line == 3
    assert error.message.startswith(f"{tmp_path / CONFIG_FILE_NAME}, line 3: unknown key 'colour'")


def test_an_unknown_table_is_named_with_its_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, 'public = "public"\n\n[extras]\nx = 1\n')
    assert error.line == 3
    assert "unknown key 'extras'" in error.message


def test_an_unknown_field_key_points_into_its_own_table(tmp_path: Path) -> None:
    text = '[[fields]]\nname = "title"\n\n[[fields]]\nname = "teaser"\ncolour = "red"\n'
    error = config_error(tmp_path, text)
    assert error.line == 6
    assert "[[fields]] #2: unknown key 'colour'" in error.message


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("date_format = 5\n", "date_format", "must be a text string, not a number"),
        ('content = "content"\n', "content", "must be a list of folder names"),
        ("content = []\n", "content", "at least one folder"),
        ('image_url_prefix = ["x"]\n', "image_url_prefix", "must be a text string"),
        ('[[fields]]\nname = "t"\nrequired = "yes"\n', "required", "required must be true or false"),
        ('[[fields]]\nname = "t"\nmax_length = "60"\n', "max_length", "max_length must be a whole number"),
        ('[[fields]]\nname = "t"\nmax_length = true\n', "max_length", "max_length must be a whole number"),
        ('[[fields]]\nname = "t"\nmax_length = 0\n', "max_length", "at least 1"),
        ('[[fields]]\nname = "t"\nkind = "colour"\n', "kind", "kind 'colour' is not one of text, long_text"),
        ('[[fields]]\nlabel = "No name"\n', "name", "needs a name"),
        ('[[fields]]\nname = "t"\n[[fields]]\nname = "t"\n', "name", "'t' is defined twice"),
        ('[[fields]]\nname = "alt"\nkind = "image_alt"\nalt_for = "photo"\n', "alt_for", "kind 'image'"),
        ('date_format = "DD/MM"\n', "date_format", "must contain DD, MM and YYYY"),
    ],
)
def test_wrong_values_are_refused_naming_the_key(tmp_path: Path, text: str, key: str, words: str) -> None:
    make_site(tmp_path, ["content"])
    error = config_error(tmp_path, text)
    assert str(tmp_path / CONFIG_FILE_NAME) in error.message
    assert key in error.message
    assert words in error.message
    assert error.line is not None
    assert key in text.splitlines()[error.line - 1] or "[[fields]]" in text.splitlines()[error.line - 1]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('content = ["../elsewhere"]\n', "points outside the site root"),
        ('public = "public/../../x"\n', "points outside the site root"),
        ('template = "/etc/passwd"\n', "must be relative to the site root"),
        ('image_folder = "~/pictures"\n', "must be relative to the site root"),
        ('template = "templates/missing.md"\n', "template 'templates/missing.md' does not exist"),
        ('content = ["drafts"]\n', "content folder 'drafts' does not exist"),
        ('public = "article-editor.toml"\n', "is a file, not a folder"),
        ('image_url_prefix = "https://cdn.example.com/img/"\n', "must be a site path starting with '/'"),
        ('image_url_prefix = "//cdn.example.com/img/"\n', "must be a site path starting with '/'"),
        ('image_folder = "assets/img"\n', "image_url_prefix is needed"),
    ],
)
def test_paths_and_prefixes_that_cannot_work_are_refused(tmp_path: Path, text: str, words: str) -> None:
    error = config_error(tmp_path, text)
    assert words in error.message


def test_the_prefix_gets_its_trailing_slash(tmp_path: Path) -> None:
    make_site(tmp_path, ["public/img"], 'image_folder = "public/img"\nimage_url_prefix = "/img"\n')
    assert read_config(tmp_path / CONFIG_FILE_NAME).image_url_prefix == "/img/"


def test_fields_in_the_config_replace_the_default_schema(tmp_path: Path) -> None:
    text = (
        '[[fields]]\nname = "title"\nrequired = true\n\n'
        '[[fields]]\nname = "hero"\nlabel = "Hero image"\nkind = "image"\n\n'
        '[[fields]]\nname = "heroAlt"\nkind = "image_alt"\nalt_for = "hero"\nmax_length = 120\n'
    )
    make_site(tmp_path, [], text)
    schema = read_config(tmp_path / CONFIG_FILE_NAME).schema
    assert schema.names() == ["title", "hero", "heroAlt"]
    assert schema.field("title").label == "title"  # type: ignore[union-attr]
    assert schema.field("hero").kind == FieldKind.IMAGE  # type: ignore[union-attr]
    assert schema.field("heroAlt").max_length == 120  # type: ignore[union-attr]


def test_a_config_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE_NAME).write_bytes(b'public = "public"\n# caf\xe9\n')
    with pytest.raises(SiteConfigError) as caught:
        read_config(tmp_path / CONFIG_FILE_NAME)
    assert caught.value.line == 2
    assert "is not UTF-8 text" in caught.value.message


def test_a_config_saved_with_a_bom_is_read(example_site: Path) -> None:
    config = example_site / CONFIG_FILE_NAME
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    assert read_config(config).image_url_prefix == "/images/blog/"


# --- inference -------------------------------------------------------------------------------------------


def test_inference_for_a_public_layout(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["public/images/blog", "public/images", "content/blog", "content"])
    site = infer_site(root)
    assert site.public_dir == root / "public"
    assert site.image_dir == root / "public" / "images" / "blog"
    assert site.image_url_prefix == "/images/blog/"
    assert site.content_dirs == (root / "content" / "blog",)
    assert site.schema == DEFAULT_SCHEMA
    assert (site.template, site.stylesheet, site.config_file) == (None, None, None)


def test_inference_for_a_hugo_static_layout(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["static/images", "content/posts"])
    site = infer_site(root)
    assert site.public_dir == root / "static"
    assert site.image_dir == root / "static" / "images"
    assert site.image_url_prefix == "/images/"
    assert site.content_dirs == (root / "content" / "posts",)


def test_public_wins_over_static_and_src_content_is_found(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["public", "static", "src/content/blog"])
    site = infer_site(root)
    assert site.public_dir == root / "public"
    assert site.image_dir == root / "public" / "images" / "blog"
    assert site.content_dirs == (root / "src" / "content" / "blog",)


def test_inference_for_a_bare_folder(tmp_path: Path) -> None:
    site = infer_site(tmp_path)
    assert site.public_dir == tmp_path / "public"
    assert site.image_dir == tmp_path / "public" / "images" / "blog"
    assert site.image_url_prefix == "/images/blog/"
    assert site.content_dirs == (tmp_path,)


def test_jekyll_posts_are_found(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["_posts"])
    assert infer_site(root).content_dirs == (root / "_posts",)


# --- finding the root ------------------------------------------------------------------------------------


def test_the_root_of_the_example_site_is_found_from_its_article(example_site: Path) -> None:
    article = example_site / "content" / "blog" / SAMPLE_ARTICLE.name
    assert find_site_root(article) == example_site
    assert find_site_root(example_site / "content") == example_site
    assert find_site_root(example_site) == example_site
    assert load_site(article) == load_site(example_site) == load_site(example_site / "public" / "images")


def test_without_config_a_public_folder_marks_the_root(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", ["public", "content/blog"])
    (root / "content" / "blog" / "a.md").write_text("x", encoding="utf-8")
    assert find_site_root(root / "content" / "blog" / "a.md") == root


def test_a_content_folder_with_its_own_static_folder_is_not_the_root(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", ["static", "content/blog/static"])
    assert find_site_root(root / "content" / "blog" / "post.md") == root
    assert find_site_root(root / "content" / "blog") == root


def test_the_nearest_config_file_wins(tmp_path: Path) -> None:
    outer = make_site(tmp_path / "outer", ["public", "inner/content"], "")
    inner = make_site(outer / "inner", [], "")
    assert find_site_root(inner / "content" / "a.md") == inner


def test_git_is_the_next_clue_and_the_start_folder_the_last(tmp_path: Path) -> None:
    repo = make_site(tmp_path / "repo", [".git", "notes/deep"])
    assert find_site_root(repo / "notes" / "deep" / "a.md") == repo
    lone = make_site(tmp_path / "lone", ["drafts"])
    assert find_site_root(lone / "drafts" / "a.md") == lone / "drafts"


def test_the_home_folder_is_never_guessed_as_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = make_site(tmp_path / "home", ["Public", "public", "notes"])
    monkeypatch.setenv("HOME", str(home))
    assert find_site_root(home / "notes" / "a.md") == home / "notes"


# --- URLs and paths --------------------------------------------------------------------------------------


@pytest.fixture
def site(example_site: Path) -> SiteConfig:
    return load_site(example_site)


def test_a_site_url_maps_to_the_file(site: SiteConfig) -> None:
    path = site.url_to_path("/images/blog/mrscanning_konsekvenser_intro.png")
    assert path == site.image_dir / "mrscanning_konsekvenser_intro.png"
    assert path is not None and path.is_file()
    assert site.url_to_path("/favicon.ico") == site.public_dir / "favicon.ico"


def test_percent_encoding_query_and_fragment_are_handled(site: SiteConfig) -> None:
    assert site.url_to_path("/images/blog/my%20pic%C3%A6.png?v=2#top") == site.image_dir / "my picæ.png"
    assert site.url_to_path(" /images/./blog/../blog/x.png ") == site.image_dir / "x.png"


def test_relative_urls_are_read_against_the_page(site: SiteConfig) -> None:
    assert site.url_to_path("images/blog/x.png") == site.image_dir / "x.png"
    assert site.url_to_path("../images/x.png", base="/blog/post/") == site.public_dir / "blog/images/x.png"
    assert site.url_to_path("x.png", base="/blog/post") == site.public_dir / "blog" / "x.png"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/images/blog/x.png",
        "http://localhost/x.png",
        "//cdn.example.com/x.png",
        "\\\\server\\share\\x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "mailto:someone@example.com",
        "file:///etc/passwd",
        "C:/Windows/win.ini",
        "",
        "#top",
        "?q=1",
    ],
)
def test_remote_and_non_file_urls_give_none(site: SiteConfig, url: str) -> None:
    assert site.url_to_path(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "/../secret.txt",
        "/images/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/images/%2F..%2F..%2Fsecret.txt",
        "/images\\..\\..\\secret.txt",
        "../../secret.txt",
        "/images/blog/%00.png",
        "/images/blog/%ff.png",
    ],
)
def test_urls_escaping_the_public_folder_give_none(site: SiteConfig, url: str) -> None:
    (site.root / "secret.txt").write_text("x", encoding="utf-8")
    assert site.url_to_path(url) is None


def test_a_symlink_out_of_the_public_folder_gives_none(site: SiteConfig, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"x")
    (site.public_dir / "linked").symlink_to(outside)
    assert site.url_to_path("/linked/secret.png") is None
    (site.image_dir / "inside.png").symlink_to(site.image_dir / "mrscanning_konsekvenser_intro.png")
    assert site.url_to_path("/images/blog/inside.png") == site.image_dir / "inside.png"


def test_urls_under_the_image_prefix_map_to_an_image_folder_outside_public(tmp_path: Path) -> None:
    text = 'image_folder = "assets/img"\nimage_url_prefix = "/img/"\n'
    site = read_config(make_site(tmp_path, ["public", "assets/img"], text) / CONFIG_FILE_NAME)
    assert site.url_to_path("/img/a.png") == tmp_path / "assets" / "img" / "a.png"
    assert site.url_to_path("/img/../../article-editor.toml") is None
    assert site.path_to_url(tmp_path / "assets" / "img" / "a b.png") == "/img/a%20b.png"


def test_path_to_url_quotes_what_markdown_and_browsers_need(site: SiteConfig) -> None:
    assert site.path_to_url(site.image_dir / "a b (1)æ.png") == "/images/blog/a%20b%20%281%29%C3%A6.png"
    assert site.path_to_url(site.public_dir / "favicon.ico") == "/favicon.ico"
    with pytest.raises(ValueError, match="not inside the public folder"):
        site.path_to_url(site.root / "content" / "blog" / "x.png")


@given(st.lists(st.text(min_size=1).filter(lambda part: part not in (".", "..")), min_size=1, max_size=4))
def test_path_to_url_and_back_is_the_same_path(parts: list[str]) -> None:
    site = infer_site(EXAMPLE_SITE)
    clean = [part.replace("/", "_").replace("\\", "_").replace("\x00", "_") for part in parts]
    clean = [part if part not in (".", "..") else "_" for part in clean]
    path = site.public_dir.joinpath(*clean)
    assert site.url_to_path(site.path_to_url(path)) == path


# --- articles --------------------------------------------------------------------------------------------


def test_articles_lists_markdown_sorted_and_skips_hidden_and_vendored(example_site: Path) -> None:
    site = load_site(example_site)
    blog = example_site / "content" / "blog"
    for relative in [
        "b.markdown",
        "a.MD",
        "sub/c.md",
        ".drafts/d.md",
        "node_modules/e.md",
        "notes.txt",
        ".f.md",
    ]:
        (blog / relative).parent.mkdir(parents=True, exist_ok=True)
        (blog / relative).write_text("x", encoding="utf-8")
    expected = sorted([blog / "a.MD", blog / "b.markdown", blog / "mr-scanning.md", blog / "sub" / "c.md"])
    assert site.articles() == expected
    assert all(site.is_article(path) for path in expected)
    assert site.is_article(blog / "not-yet-written.md")
    for path in [blog / ".drafts" / "d.md", blog / "notes.txt", example_site / "README.md", blog / "sub"]:
        assert not site.is_article(path)


def test_a_root_content_folder_does_not_list_the_built_site(tmp_path: Path) -> None:
    root = make_site(tmp_path, ["public/blog", "notes"])
    (root / "public" / "blog" / "copy.md").write_text("x", encoding="utf-8")
    (root / "notes" / "a.md").write_text("x", encoding="utf-8")
    site = infer_site(root)
    assert site.content_dirs == (root,)
    assert site.articles() == [root / "notes" / "a.md"]
    assert not site.is_article(root / "public" / "blog" / "copy.md")


def test_site_config_is_frozen(site: SiteConfig) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.root = Path("/")  # type: ignore[misc]
