"""What counts as prose: code, URLs, link and image targets, HTML, front-matter keys and footnote labels
never reach the dictionary, and every word is placed exactly where it stands in the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.spelling.checker import SpellChecker
from editor.spelling.languages import SpellLanguage, article_language, language_of
from editor.spelling.words import article_words, markdown_words, prose_words

# Every non-word below is "qzx..." (no dictionary has it); the prose words are plain English.
ARTICLE = """---
qzxkey: Plain title qzxtitle
slug: qzxslug
---

Prose with `qzxcode span` and ``qzx `tick` qzxdouble`` here.

```python
qzxfenced = 1
```

    qzxindented code block

See [the qzxlinktext](https://qzxhost.example/qzxpath "qzxtitleattr") and ![qzxalt](/images/qzximage.png).
A [reference][qzxref] and <https://qzxauto.example/x> and www.qzxwww.com and qzxmail@qzx.example.
<span class="qzxclass">qzxinhtml</span> text[^qzxnote] end.

<div class="qzxblock">
qzxhtmlblock
</div>

[qzxref]: https://qzxrefurl.example/
[^qzxnote]: The note says qzxnotetext.

| qzxcell | b |
|---|---|
| c | qzxcellto |
"""


def test_only_prose_words_are_read() -> None:
    words = [word.text for word in article_words(ARTICLE, {"qzxkey"}) if word.text.startswith("qzx")]
    # Link text, alt text, footnote text, table cells and the text between tags are prose.
    assert words == [
        "qzxtitle",
        "qzxlinktext",
        "qzxalt",
        "qzxinhtml",
        "qzxnotetext",
        "qzxcell",
        "qzxcellto",
    ]


def test_misspellings_point_at_their_words() -> None:
    found = SpellChecker(SpellLanguage.ENGLISH).check_text(ARTICLE, {"qzxkey"})
    lines = ARTICLE.splitlines()
    for misspelling in found:
        assert ARTICLE[misspelling.start : misspelling.end] == misspelling.word
        line = lines[misspelling.line - 1]
        assert line[misspelling.column - 1 :].startswith(misspelling.word)
    assert {m.word for m in found} >= {"qzxtitle", "qzxlinktext", "qzxalt", "qzxnotetext"}


def test_abbreviations_acronyms_and_numbers() -> None:
    words = list(prose_words("Se f.eks. MR-scanning, NASA og 3D samt mp3 osv."))
    assert [(w.text, w.checked) for w in words] == [
        ("Se", "Se"),
        ("f.eks", "f.eks."),
        ("MR-scanning", "MR-scanning"),
        ("og", "og"),
        ("samt", "samt"),
        ("osv", "osv."),
    ]
    checker = SpellChecker(SpellLanguage.DANISH)
    assert checker.check_prose("Se f.eks. MR-scanning, NASA og 3D samt mp3 osv.") == []


def test_site_words_are_right_as_listed_and_capitalised() -> None:
    checker = SpellChecker(SpellLanguage.DANISH, ["fysioterapiklinikken", "Qzxnavn"])
    assert checker.is_correct("fysioterapiklinikken")
    assert checker.is_correct("Fysioterapiklinikken")
    assert checker.is_correct("Qzxnavn")
    assert not checker.is_correct("qzxnavn")  # a name listed capitalised stays capitalised


def test_language_follows_site_then_article_then_window() -> None:
    assert article_language("da", "en", "en_US") is SpellLanguage.DANISH
    assert article_language(None, "en-GB", "da_DK") is SpellLanguage.ENGLISH
    assert article_language(None, None, "da_DK.UTF-8") is SpellLanguage.DANISH
    assert article_language(None, "de", "da_DK") is None  # no German dictionary: no checking
    assert language_of("nb") is None


FRAGMENTS = st.sampled_from(
    [
        "ord ",
        "*fed* ",
        "`kode` ",
        "[link](http://a.b/ord) ",
        "![alt ord](/x.png) ",
        "<b>tag</b> ",
        "\n\n",
        "\n",
        "> ",
        "- ",
        "1. ",
        "# ",
        "&amp; ",
        "\\*ikke\\* ",
        "[^n] ",
        "\n\n[^n]: fodnote ord\n\n",
        "```\nkode\n```\n",
        "\r\n",
        "\r",
        "æblegrød ",
        "😀 ",
        "www.x.dk ",
        "| a | b |\n|---|---|\n| c | d |\n",
    ]
)


@given(st.lists(FRAGMENTS, max_size=25))
def test_every_word_stands_where_it_is_placed(fragments: list[str]) -> None:
    text = "".join(fragments)
    words = markdown_words(text)
    for word in words:
        assert text[word.start : word.end] == word.text
    starts = [word.start for word in words]
    assert starts == sorted(starts) or len(set(starts)) == len(starts)


def test_a_long_article_read_in_chunks_gives_the_words_of_one_parse() -> None:
    from editor.spelling import words

    part = (
        "# Overskrift\n\nEt afsnit med ord og `kode` her.\n\n```\nqzxfence\n\nqzxstill fence\n```\n\n"
        "- punkt et\n\n  fortsat punkt\n\n    qzxindented i punktet\n\n> citat\n\nSlut på afsnittet.\n\n"
    )
    text = part * (words.CHUNKED_FROM // len(part) + 5)
    assert len(text) > words.CHUNKED_FROM
    chunked = markdown_words(text)
    assert chunked == words._parsed_words(text, 0)
    edited = text[:5000] + "nyt ord " + text[5000:]
    assert markdown_words(edited) == words._parsed_words(edited, 0)
