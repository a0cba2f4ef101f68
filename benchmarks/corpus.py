"""Articles of any size generated from the sample: real headings, lists, images, links and code."""

from __future__ import annotations

from pathlib import Path

from editor.article.document import split_article

SAMPLE = (
    Path(__file__).resolve().parent.parent
    / "resources"
    / "example-site"
    / "content"
    / "blog"
    / "mr-scanning.md"
)

_EXTRA = """
### Eksempel {n}

- Et punkt med et [link](https://example.com/{n}) og *kursiv*
- Et punkt med `kode` og **fed tekst**
  - Et indlejret punkt

```python
def scanning_{n}(patient):
    return patient.mr_scan()
```

| Fund | Andel |
|------|-------|
| Diskusdegeneration | {n} % |
"""


def sample_text() -> str:
    """The sample article's text."""
    return SAMPLE.read_text(encoding="utf-8")


def large_article(size: int) -> str:
    """An article of about `size` characters: the sample's front matter, then its body repeated with
    numbered headings (so anchors stay unique) and extra lists, code and tables."""
    article = split_article(sample_text())
    parts = [article.text[: article.body_start]]
    length = len(parts[0])
    number = 0
    while length < size:
        number += 1
        section = article.body.replace("## ", f"## {number}. ").replace("###\n", f"### Referencer {number}\n")
        parts += [section, _EXTRA.format(n=number)]
        length += len(parts[-2]) + len(parts[-1])
    return "".join(parts)


def repeated_article(times: int) -> str:
    """The sample with its body `times` over (the front matter once), headings numbered from the second
    copy on so anchors stay unique: the documents every editor opens in the peer benchmark."""
    article = split_article(sample_text())
    copies = [article.body]
    for number in range(2, times + 1):
        copies.append(
            article.body.replace("## ", f"## {number}. ").replace("###\n", f"### Referencer {number}\n")
        )
    return article.text[: article.body_start] + "\n".join(copies)
