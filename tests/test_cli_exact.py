"""The command line's edge cases over real files: render never writes over an article, `set` takes any key
and refuses arguments that are not text, numbers keep their type, CR-only files and `----` lines are read as
written, and SVGs that could run or fetch something are neither imported nor passed by `check`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from editor.cli import main
from editor.site.files import list_backups

ARTICLE = Path("content/blog/mr-scanning.md")
ROOT = Path(__file__).resolve().parent.parent
SVG = 'xmlns="http://www.w3.org/2000/svg" width="10" height="10"'
PLAIN_SVG = f'<svg {SVG}><circle cx="5" cy="5" r="4" fill="red"/></svg>\n'


def run(capsys: pytest.CaptureFixture[str], *arguments: object) -> tuple[int, str, str]:
    try:
        status = main([str(argument) for argument in arguments])
    except SystemExit as stopped:  # argparse refuses a word it takes for an unknown option by exiting
        status = int(stopped.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def front_matter_lines(path: Path) -> list[str]:
    """The lines between the fences of a file with LF line breaks."""
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n").split("\n")


# --- render -o -------------------------------------------------------------------------------------------


def article_itself(article: Path, folder: Path) -> Path:
    return article


def symlink_to(article: Path, folder: Path) -> Path:
    link = folder / "article-link.html"
    link.symlink_to(article)
    return link


def hard_link_to(article: Path, folder: Path) -> Path:
    link = folder / "article-link.html"
    os.link(article, link)
    return link


@pytest.mark.parametrize("output_for", [article_itself, symlink_to, hard_link_to], ids=lambda f: f.__name__)
def test_render_refuses_to_write_the_page_over_the_article_it_renders(
    output_for: Callable[[Path, Path], Path],
    example_site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    output = output_for(article, tmp_path)
    status, out, err = run(capsys, "render", article, "-o", output)
    assert (status, out) == (2, "")
    assert f"{output} is the article being rendered" in err
    assert article.read_bytes() == data
    assert output.read_bytes() == data
    assert os.path.samefile(output, article)
    assert list_backups(article) == []


def test_render_refuses_to_write_the_page_over_another_markdown_file(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = example_site / "content" / "blog" / "other.md"
    other.write_text("---\ntitle: Another article\n---\nIts text.\n", encoding="utf-8")
    data = other.read_bytes()
    status, out, err = run(capsys, "render", example_site / ARTICLE, "-o", other)
    assert (status, out) == (2, "")
    assert f"{other} is a Markdown file" in err
    assert other.read_bytes() == data


def test_render_over_an_existing_page_replaces_it_and_keeps_a_backup(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>last week's page</p>\n", encoding="utf-8")
    status, out, _ = run(capsys, "render", example_site / ARTICLE, "-o", page)
    assert (status, out) == (0, f"{page}\n")
    assert "Har din MR-scanning skjulte konsekvenser?" in page.read_text(encoding="utf-8")
    assert [backup.path.read_bytes() for backup in list_backups(page)] == [b"<p>last week's page</p>\n"]


# --- set: keys and arguments -----------------------------------------------------------------------------


def test_set_and_get_take_a_key_named_three_dashes(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    before = article.read_text(encoding="utf-8")
    assert run(capsys, "set", article, "---=v") == (0, "", "")
    assert run(capsys, "get", article, "---") == (0, "v\n", "")
    values = json.loads(run(capsys, "get", article, "--json")[1])
    assert values["---"] == "v"
    assert values["title"] == "Har din MR-scanning skjulte konsekvenser?"
    assert article.read_text(encoding="utf-8").split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]


def test_set_refuses_an_argument_that_is_not_utf8_and_leaves_the_file_alone(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    # The byte 0xE9 (é in Latin-1) of a non-UTF-8 terminal reaches Python as the lone surrogate U+DCE9.
    status, out, err = run(capsys, "set", article, "title=\udce9")
    assert (status, out) == (2, "")
    assert "not UTF-8" in err and "0xe9" in err
    assert article.read_bytes() == data


def test_set_refuses_non_utf8_bytes_from_a_real_command_line(example_site: Path) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "editor", "set", os.fsencode(article), b"title=\xe9"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1"},
        capture_output=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, b"")
    assert b"not UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert article.read_bytes() == data


def test_set_refuses_a_lone_surrogate(example_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    status, out, err = run(capsys, "set", article, "title=a\ud800")
    assert (status, out) == (2, "")
    assert "surrogate" in err
    assert article.read_bytes() == data


# --- set: typed values -----------------------------------------------------------------------------------


def test_set_keeps_numbers_booleans_and_number_lists_typed(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("\n---\n", "\norder: 4\nratio: 1.5\ndraft: false\nnums: [1, 2]\n---\n", 1),
        encoding="utf-8",
    )
    assert run(capsys, "set", article, "order=5", "ratio=2.25", "draft=true", "nums=3,4") == (0, "", "")
    lines = front_matter_lines(article)
    assert lines[-4:] == ["order: 5", "ratio: 2.25", "draft: true", "nums: [3, 4]"]
    values = yaml.safe_load("\n".join(lines))
    assert [(values[key], type(values[key])) for key in ("order", "ratio", "draft")] == [
        (5, int),
        (2.25, float),
        (True, bool),
    ]
    assert values["nums"] == [3, 4] and all(type(item) is int for item in values["nums"])

    # What is typed is not a number: it is written as the text it is.
    assert run(capsys, "set", article, "order=abc") == (0, "", "")
    assert front_matter_lines(article)[-4] == "order: abc"
    assert yaml.safe_load("\n".join(front_matter_lines(article)))["order"] == "abc"


# --- line breaks and fences ------------------------------------------------------------------------------


def test_set_on_a_file_with_cr_line_breaks_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "old-mac.md"
    article.write_bytes(b"---\rtitle: Hej\rmetaTitle: M\r---\rbody\r")
    assert run(capsys, "set", article, "title=Farvel") == (0, "", "")
    assert article.read_bytes() == b"---\rtitle: Farvel\rmetaTitle: M\r---\rbody\r"


def test_check_of_a_file_with_cr_line_breaks_reports_the_right_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "old-mac.md"
    article.write_bytes(b"---\rtitle: a\rmetaTitle: b\rc: \x07\r---\r")
    status, out, _ = run(capsys, "check", "--format", "json", article)
    assert status == 1
    (problem,) = [entry for entry in json.loads(out) if entry["severity"] == "error"]
    assert (problem["line"], problem["rule"]) == (4, "front-matter")
    assert "U+0007" in problem["message"]


def test_four_dashes_are_no_front_matter_fence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "rules.md"
    article.write_text("----\ntitle: x\n----\nbody\n", encoding="utf-8")
    assert run(capsys, "get", article, "--json") == (0, "{}\n", "")


# --- SVG safety ------------------------------------------------------------------------------------------

UNSAFE_SVGS = {
    "script": (f"<svg {SVG}><script>alert(1)</script></svg>\n", "<script>"),
    "onload": (f'<svg {SVG} onload="alert(1)"><circle cx="5" cy="5" r="4"/></svg>\n', "onload"),
    "foreignObject": (
        f'<svg {SVG}><foreignObject width="10" height="10">'
        '<div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>\n',
        "<foreignobject>",
    ),
    "external image": (
        f'<svg {SVG}><image href="http://example.com/x.png" width="10" height="10"/></svg>\n',
        "http://example.com/x.png",
    ),
}


@pytest.mark.parametrize("kind", sorted(UNSAFE_SVGS))
def test_add_image_refuses_an_svg_that_could_run_or_fetch_something(
    kind: str, example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image_folder = example_site / "public" / "images" / "blog"
    before = sorted(os.listdir(image_folder))
    svg, reason = UNSAFE_SVGS[kind]
    evil = tmp_path / "evil.svg"
    evil.write_text(svg, encoding="utf-8")
    status, out, err = run(capsys, "add-image", "--site", example_site, evil)
    assert (status, out) == (2, "")
    assert "evil.svg is not imported" in err and reason in err.lower()
    assert sorted(os.listdir(image_folder)) == before
    plain = tmp_path / "plain.svg"
    plain.write_text(PLAIN_SVG, encoding="utf-8")
    assert run(capsys, "add-image", "--site", example_site, plain) == (0, "/images/blog/plain.svg\n", "")
    assert (image_folder / "plain.svg").read_text(encoding="utf-8") == PLAIN_SVG


def test_check_reports_an_unsafe_svg_already_in_the_image_folder(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image_folder = example_site / "public" / "images" / "blog"
    (image_folder / "evil.svg").write_text(UNSAFE_SVGS["script"][0], encoding="utf-8")
    (image_folder / "plain.svg").write_text(PLAIN_SVG, encoding="utf-8")
    article = example_site / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text + "\n![alt](/images/blog/plain.svg)\n\n![alt](/images/blog/evil.svg)\n", encoding="utf-8"
    )
    evil_line = len(article.read_text(encoding="utf-8").splitlines())
    status, out, _ = run(capsys, "check", "--format", "json", article)
    assert status == 1
    unsafe = [entry for entry in json.loads(out) if entry["rule"] == "unsafe-svg"]
    assert [(entry["severity"], entry["line"]) for entry in unsafe] == [("error", evil_line)]
    assert "/images/blog/evil.svg" in unsafe[0]["message"] and "<script>" in unsafe[0]["message"]
