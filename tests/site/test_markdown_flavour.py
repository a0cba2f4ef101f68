"""The Markdown flavour of a site, from its article-editor.toml or its files, and where it shows: the
preview worker's renderer, render --flavour, render into a folder, check's header."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli import main
from editor.render.flavours import Flavour
from editor.site.config import load_site
from editor.site.errors import SiteConfigError

ARTICLE = Path("content/blog/mr-scanning.md")
# The shape: two quotes apart are two quotes in CommonMark, one in Python-Markdown.
NESTED = "---\ntitle: T\n---\n> a\n\n> b\n"


def test_a_site_without_a_say_renders_commonmark(example_site: Path) -> None:
    (example_site / "article-editor.toml").unlink()
    flavour = load_site(example_site).markdown
    assert (flavour.flavour, flavour.source) == (Flavour.COMMONMARK, "inferred")


def test_an_mkdocs_site_renders_python_markdown_with_its_extensions(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    # `!!python/name:` is read as nothing, never run.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n",
        encoding="utf-8",
    )
    flavour = load_site(tmp_path).markdown
    assert flavour.flavour is Flavour.PYTHON_MARKDOWN
    assert flavour.source == "mkdocs.yml"
    assert flavour.extension_names == ("toc", "admonition", "pymdownx.emoji")


def test_a_pelican_site_renders_python_markdown(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text("AUTHOR = 'x'\n", encoding="utf-8")
    assert load_site(tmp_path).markdown.flavour is Flavour.PYTHON_MARKDOWN


def test_article_editor_toml_decides_and_a_wrong_name_is_named(example_site: Path) -> None:
    config = example_site / "article-editor.toml"
    original = config.read_text(encoding="utf-8")
    config.write_text('markdown = "python-markdown"\n' + original, encoding="utf-8")
    assert load_site(example_site).markdown.flavour is Flavour.PYTHON_MARKDOWN
    config.write_text('markdown = "gfm"\n' + original, encoding="utf-8")
    with pytest.raises(
        SiteConfigError, match=r"article-editor.toml, line 1: markdown 'gfm' is not 'commonmark' or"
    ):
        load_site(example_site)


def test_render_follows_the_flavour_and_the_flag_overrides_it(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / "content" / "blog" / "nested.md"
    article.write_text(NESTED, encoding="utf-8")
    assert main(["render", str(article)]) == 0
    assert capsys.readouterr().out.count("<blockquote") == 2
    assert main(["render", str(article), "--flavour", "python-markdown"]) == 0
    assert capsys.readouterr().out.count("<blockquote") == 1


def test_render_writes_several_articles_into_a_folder(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = example_site / "content" / "blog" / "nested.md"
    second.write_text(NESTED, encoding="utf-8")
    out = tmp_path / "pages"
    assert main(["render", str(example_site / ARTICLE), str(second), "-o", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == ["mr-scanning.html", "nested.html"]
    assert '<main id="article-body">' in (out / "nested.html").read_text(encoding="utf-8")
    assert main(["render", str(example_site / ARTICLE), str(second)]) == 2
    assert "give it with -o DIR" in capsys.readouterr().err


def test_check_names_the_flavour_on_stderr_and_keeps_stdout_the_report(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(example_site / ARTICLE)])
    captured = capsys.readouterr()
    assert f"# {example_site.resolve()}: Markdown is CommonMark + GFM (inferred)\n" in captured.err
    assert all(line.startswith(str(example_site)) for line in captured.out.splitlines())


def test_check_lints_lists_as_the_site_nests_them(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two spaces nest in CommonMark (GitHub, remark); MkDocs' Python-Markdown nests at four.
    article = example_site / "content" / "blog" / "lists.md"
    article.write_text(
        "---\ntitle: T\nmetaTitle: T\ndatePublished: 01-01-2025\n---\n- one\n  - under one\n",
        encoding="utf-8",
    )
    assert main(["check", str(article)]) == 0
    assert capsys.readouterr().out == ""
    config = example_site / "article-editor.toml"
    config.write_text('markdown = "python-markdown"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(article)]) == 1
    assert capsys.readouterr().out == (
        f"{article}:7:3: warning: Python-Markdown does not nest this item under the item on line 6: the site "
        "shows it outside that item; indent it by 4 spaces to nest it [list-will-not-nest]\n"
    )


@pytest.mark.parametrize(
    "options",
    [
        "{permalink: &self [*self]}",  # a list that holds itself
        "&self {permalink: *self}",  # a map that holds itself
        # Nine lists of nine, eight times over: a few lines that stand for 9**9 values.
        "{permalink: *h}",
    ],
)
def test_an_mkdocs_yml_whose_aliases_repeat_endlessly_is_read_at_once(tmp_path: Path, options: str) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
        for before, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"{laughs}markdown_extensions:\n  - admonition\n  - toc: {options}\n", encoding="utf-8"
    )
    flavour = load_site(tmp_path).markdown
    assert flavour.extension_names == ("admonition", "toc")
    (toc,) = [request for request in flavour.extensions if request.name == "toc"]
    assert (toc.options, toc.unreadable) == ({}, ("permalink",))


def test_an_mkdocs_yml_nested_past_the_parsers_depth_is_a_site_without_extensions(tmp_path: Path) -> None:
    # PyYAML composes nested values by recursion: thousands of `[` exhaust Python's stack.
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc:\n      permalink: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    flavour = load_site(tmp_path).markdown
    assert (flavour.flavour, flavour.extensions) == (Flavour.PYTHON_MARKDOWN, ())
