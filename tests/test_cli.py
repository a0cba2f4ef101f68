"""The command line over real sites in temporary folders: exit codes, messages, and files changed or not."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from editor.cli import main

from .article.helpers import BAD

ARTICLE = Path("content/blog/mr-scanning.md")


def run(capsys: pytest.CaptureFixture[str], *arguments: object) -> tuple[int, str, str]:
    status = main([str(argument) for argument in arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_version_and_help_come_from_the_real_entry_point() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "editor", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("article-editor 0.")
    helptext = subprocess.run(
        [sys.executable, "-m", "editor", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("check", "get", "set", "new", "add-image", "render"):
        assert command in helptext.stdout


def test_check_reports_the_sample_warnings_and_exits_1(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "check", example_site)
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "mr-scanning.md:54:1: warning: empty heading: `###` renders as an empty <h3>; add its text or remove the line [empty-heading]"
    )


def test_check_json_and_a_clean_article_exits_0(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("###\n\n    Referenceliste", "### Referenceliste"),
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "check", "--format", "json", article)
    assert (status, json.loads(out)) == (0, [])


def test_check_infos_do_not_fail_unless_asked(example_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = example_site / ARTICLE
    text = article.read_text(encoding="utf-8").replace("###\n\n    Referenceliste", "### Referenceliste")
    article.write_text(text.replace("previewImageAlt:", "author: Jens\npreviewImageAlt:"), encoding="utf-8")
    assert run(capsys, "check", article)[0] == 0
    assert run(capsys, "check", "--fail-on", "info", article)[0] == 1


def test_check_only_articles_skips_markdown_outside_the_content_folders(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = example_site / "README.md"
    readme.write_text("# The site\n", encoding="utf-8")
    assert run(capsys, "check", readme)[0] == 1  # named without the option, it is checked as an article
    assert run(capsys, "check", "--only-articles", readme) == (0, "", "")
    status, out, _ = run(capsys, "check", "--only-articles", readme, example_site / ARTICLE)
    assert status == 1
    assert all(line.startswith(str(example_site / ARTICLE)) for line in out.splitlines())
    assert len(out.splitlines()) == 2


def test_check_only_articles_takes_the_content_folders_of_the_site_given(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("# Not an article of the site\n", encoding="utf-8")
    assert run(capsys, "check", "--only-articles", "--site", example_site, elsewhere) == (0, "", "")
    drafts = example_site / "templates"
    assert run(capsys, "check", drafts)[0] != 0  # a folder without articles: all its Markdown is checked
    assert run(capsys, "check", "--only-articles", drafts) == (0, "", "")


@pytest.mark.parametrize("bad", sorted(path.name for path in BAD.glob("*.md")))
def test_check_on_bad_input_is_one_line_per_file_and_never_a_traceback(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / bad
    target.write_bytes((BAD / bad).read_bytes())
    status, out, err = run(capsys, "check", target)
    assert status in (1, 2)
    assert "Traceback" not in out + err
    first = out.splitlines()[0]
    assert first.startswith(f"{target}:") and ": error: " in first


@pytest.mark.parametrize("bad", sorted(path.name for path in BAD.glob("*.md")))
def test_set_refuses_bad_input_and_leaves_the_file_alone(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / bad
    data = (BAD / bad).read_bytes()
    target.write_bytes(data)
    status, out, err = run(capsys, "set", target, "title=New")
    assert status == 2 and out == ""
    assert err.startswith("article-editor: ") and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == data


def test_get_prints_the_front_matter_as_written_or_as_json(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    status, out, _ = run(capsys, "get", article)
    assert (
        status == 0
        and out.startswith('title: "Har din MR-scanning')
        and out.endswith("previewImageAlt: Illustration af MR-scanning\n")
    )
    assert json.loads(run(capsys, "get", article, "--json")[1])["datePublished"] == "01-06-2025"
    assert run(capsys, "get", article, "metaTitle")[1] == "Har din MR-scanning skjulte konsekvenser?\n"


def test_set_changes_only_the_named_lines(example_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = example_site / ARTICLE
    before = article.read_text(encoding="utf-8").splitlines(keepends=True)
    status, _, _ = run(
        capsys,
        "set",
        article,
        "lastUpdated=05-06-2025",
        "previewImageAlt=yes: really",
        "--unset",
        "metaTitle",
    )
    assert status == 0
    after = article.read_text(encoding="utf-8").splitlines(keepends=True)
    expected = before.copy()
    expected[4] = "lastUpdated: 05-06-2025\n"
    expected[6] = 'previewImageAlt: "yes: really"\n'
    del expected[2]
    assert after == expected


def test_set_checks_dates_against_the_site_format(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    status, _, err = run(capsys, "set", article, "lastUpdated=2025-06-05")
    assert status == 2 and "DD-MM-YYYY" in err
    assert article.read_bytes() == data


def test_set_with_the_same_value_leaves_the_bytes_alone(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    data = article.read_bytes()
    assert run(capsys, "set", article, "datePublished=01-06-2025")[0] == 0
    assert article.read_bytes() == data


def test_new_creates_a_named_dated_article_from_the_template(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "new", "--site", example_site, "Æbler på bordet: en guide")
    path = Path(out.strip())
    assert status == 0 and path == example_site / "content" / "blog" / "aebler-paa-bordet-en-guide.md"
    today = dt.date.today().strftime("%d-%m-%Y")
    assert path.read_text(encoding="utf-8").startswith(
        f'---\ntitle: "Æbler på bordet: en guide"\nmetaTitle: "Æbler på bordet: en guide"\ndatePublished: {today}\nlastUpdated: {today}\n'
    )
    second = Path(run(capsys, "new", "--site", example_site, "Æbler på bordet: en guide")[1].strip())
    assert second.name == "aebler-paa-bordet-en-guide-2.md"


def test_add_image_prints_the_url_to_insert(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "Mit Foto.JPG"
    Image.new("RGB", (4, 3), "red").save(source, "JPEG")
    status, out, _ = run(capsys, "add-image", "--site", example_site, source)
    assert (status, out) == (0, "/images/blog/mit-foto.jpg\n")
    assert (example_site / "public/images/blog/mit-foto.jpg").read_bytes() == source.read_bytes()
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    status, out, err = run(capsys, "add-image", "--site", example_site, text)
    assert status == 2 and "not an image" in err


def test_saving_keeps_a_backup_that_can_be_restored(
    example_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = example_site / ARTICLE
    original = article.read_bytes()
    run(capsys, "set", article, "title=Changed")
    listing = run(capsys, "backups", article)[1]
    assert listing.startswith("1\t")
    assert run(capsys, "restore", article)[0] == 0
    assert article.read_bytes() == original


def test_render_writes_a_standalone_page_with_the_images_resolved(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out.html"
    status, out, _ = run(capsys, "render", example_site / ARTICLE, "-o", output)
    assert (status, out) == (0, f"{output}\n")
    html = output.read_text(encoding="utf-8")
    assert "<h1" in html and "Har din MR-scanning skjulte konsekvenser?" in html
    image = (example_site / "public/images/blog/mrscanning_konsekvenser_svar.png").resolve().as_uri()
    assert f'src="{image}"' in html
    assert "<script" not in html.split("</head>")[1]
