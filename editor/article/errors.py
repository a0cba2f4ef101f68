"""Typed errors of the article core; each carries a one-line message and, where known, the file line."""

from __future__ import annotations


class ArticleError(Exception):
    """An article that cannot be read or edited as asked. `line` and `column` are 1-based file positions."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

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
