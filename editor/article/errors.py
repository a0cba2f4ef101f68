"""Typed errors of the article core; each carries a one-line message and, where known, the file line."""

from __future__ import annotations

from typing import Self


class ArticleError(Exception):
    """An article that cannot be read or edited as asked. `line` and `column` are 1-based file positions."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        # The message before its values were filled in, and those values, for a UI to show the message in
        # its user's language; empty for a message made otherwise.
        self.template = ""
        self.values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, template: str, line: int | None = None, column: int | None = None, **values: object) -> Self:
        """The error whose message is `template` (marked translatable) filled in with `values`. A value a
        library wrote (a YAML parser's problem) stays in its words."""
        shown = {key: str(value) for key, value in values.items()}
        error = cls(template.format(**shown), line, column)
        error.template = template
        # As text, so the error pickles (the render worker sends it to the window).
        error.values = tuple(shown.items())
        return error

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}: {self.message}"


class UnreadableArticleError(ArticleError):
    """The bytes are not a text article: binary, not UTF-8, or far too large."""


class FrontMatterError(ArticleError):
    """The front matter is malformed, unterminated, not a mapping, or uses what we refuse to run."""


class FieldEditError(ArticleError):
    """A field edit that cannot be done without touching other lines."""
