"""The core's texts a person reads (schema labels and help, problem messages) in the UI's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.article.validation import Problem


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
