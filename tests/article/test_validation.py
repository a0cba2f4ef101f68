"""Validation finds what breaks a site or hurts its readers, at the right line, in the site's own terms."""

from __future__ import annotations

import json

from editor.article.schema import DEFAULT_SCHEMA
from editor.article.validation import Problem, Severity, ValidationRules, validate_text
from editor.render.markdown_structure import commonmark_structure

from .helpers import ROUNDTRIP

SAMPLE = (ROUNDTRIP / "mr-scanning.md").read_text(encoding="utf-8")
EXISTING = {
    "/images/blog/mrscanning_konsekvenser_intro.png",
    "/images/blog/mrscanning_konsekvenser_svar.png",
    "/images/blog/mrscanning_konsekvenser_behandling.png",
}


def _exists(url: str) -> bool | None:
    return None if url.startswith(("http:", "https:")) else url in EXISTING


RULES = ValidationRules(DEFAULT_SCHEMA, _exists, read_structure=commonmark_structure)


def _rules(text: str) -> list[tuple[int, str]]:
    return [(problem.line, problem.rule) for problem in validate_text(text, RULES)]


def test_the_sample_article_is_told_about_its_empty_heading_and_indented_line() -> None:
    problems = validate_text(SAMPLE, RULES)
    assert [problem.format("mr.md") for problem in problems] == [
        "mr.md:54:1: warning: empty heading: `###` renders as an empty <h3>; add its text or remove the line "
        "[empty-heading]",
        "mr.md:56:1: warning: this text is indented by four spaces, so it renders as a code block; remove the "
        "indentation if it is meant as text [indented-code]",
    ]


def test_missing_and_empty_required_fields() -> None:
    text = SAMPLE.replace('metaTitle: "Har din MR-scanning skjulte konsekvenser?"\n', "").replace(
        'title: "Har din MR-scanning skjulte konsekvenser?"', 'title: ""'
    )
    found = validate_text(text, RULES)
    assert ("required", 2, "title") in [(p.rule, p.line, p.field) for p in found]
    missing = [p for p in found if p.field == "metaTitle"]
    assert missing and missing[0].severity is Severity.ERROR and "missing" in missing[0].message


def test_dates_in_the_wrong_format_impossible_or_out_of_order() -> None:
    assert (4, "date-format") in _rules(
        SAMPLE.replace("datePublished: 01-06-2025", "datePublished: 2025-06-01")
    )
    assert (4, "date-impossible") in _rules(
        SAMPLE.replace("datePublished: 01-06-2025", "datePublished: 31-02-2025")
    )
    assert (5, "date-order") in _rules(SAMPLE.replace("lastUpdated: 04-06-2025", "lastUpdated: 04-05-2025"))


def test_images_not_in_the_public_folder_and_without_alt_text() -> None:
    text = SAMPLE.replace("mrscanning_konsekvenser_intro.png", "gone.png").replace(
        "![Illustration af fund på en MR-scanning]", "![]"
    )
    found = _rules(text)
    assert (6, "image-missing") in found  # previewImage
    assert (10, "image-missing") in found  # the body image
    assert (26, "image-alt") in found
    text = SAMPLE.replace("previewImageAlt: Illustration af MR-scanning", "previewImageAlt:")
    assert (7, "image-alt") in _rules(text)


def test_remote_images_are_not_checked_and_html_images_are() -> None:
    text = SAMPLE + '\n![Remote](https://example.com/x.png)\n\n<img src="/images/blog/nope.png">\n'
    found = _rules(text)
    assert (69, "image-missing") not in found
    assert (71, "image-missing") in found and (71, "image-alt") in found


def test_unknown_keys_are_infos_and_long_meta_titles_warnings() -> None:
    text = SAMPLE.replace("---\n\n!", "author: Jens\n---\n\n!", 1).replace(
        'metaTitle: "Har din MR-scanning skjulte konsekvenser?"', 'metaTitle: "' + "x" * 61 + '"'
    )
    problems = {p.rule: p for p in validate_text(text, RULES)}
    assert problems["unknown-key"].severity is Severity.INFO and problems["unknown-key"].line == 8
    assert problems["max-length"].line == 3 and "61 characters" in problems["max-length"].message


def test_malformed_yaml_is_a_problem_with_its_line() -> None:
    text = SAMPLE.replace("lastUpdated: 04-06-2025", "lastUpdated: [04-06-2025")
    problem = validate_text(text, RULES)[0]
    assert (problem.line, problem.rule, problem.severity) == (6, "front-matter", Severity.ERROR)


def test_code_fences_hide_headings_and_indentation_and_lists_allow_indentation() -> None:
    text = "---\ntitle: t\nmetaTitle: t\ndatePublished: 01-01-2025\n---\n```\n###\n\n    code\n```\n\n- item\n\n    more of the item\n\n    x = 1;\n"
    assert _rules(text) == []


def test_problems_serialise_to_json() -> None:
    problem = Problem(3, 1, Severity.WARNING, "m", "rule", "metaTitle")
    assert json.loads(json.dumps(problem.as_dict())) == {
        "line": 3, "column": 1, "severity": "warning", "message": "m", "rule": "rule", "field": "metaTitle",
    }  # fmt: skip
