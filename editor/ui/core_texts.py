"""The core's texts a person reads (schema labels and help, problems, file errors) in the UI's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.article.errors import ArticleError
from editor.article.validation import Problem
from editor.site.errors import SiteFileError


def schema_text(text: str) -> str:
    """A field label or help text: the built-in ones translated, a site's own as its owner wrote them."""
    return QCoreApplication.translate("SiteSchema", text) if text else text


def problem_message(problem: Problem) -> str:
    """The problem's message in the UI's language; a message without a template (a parser's) as it is."""
    if not problem.template:
        return problem.message
    values = dict(problem.values)
    if "label" in values:
        values["label"] = schema_text(values["label"])
    return QCoreApplication.translate("Problem", problem.template).format(**values)


def error_message(error: SiteFileError | ArticleError) -> str:
    """A file or article error's message in the UI's language. A value that is itself an error (the cause)
    is translated in turn, and one the core marked translatable (an image kind) too; others (paths) stay."""
    template = getattr(error, "template", "")
    if not isinstance(error, SiteFileError) or not template:
        return error.message
    values = {
        key: error_message(value)
        if isinstance(value, SiteFileError)
        else QCoreApplication.translate("SiteFileError", str(value))
        for key, value in error.values
    }
    return QCoreApplication.translate("SiteFileError", template).format(**values)
