"""The core's texts a person reads (schema labels and help, problems, file errors) in the UI's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.article.errors import ArticleError
from editor.article.validation import Problem
from editor.site.errors import SiteFileError
from editor.site.markdown_extensions import ExtensionNote


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
    # A front matter that cannot be read is reported with the parser's ArticleError, and its words.
    context = "ArticleError" if problem.rule == "front-matter" else "Problem"
    template = QCoreApplication.translate(context, problem.template)
    # Fields by their labels ("Meta title"), as the form shows them, not by their keys.
    for key in ("name", "image", "alt"):
        label = values.get(f"{key}_label")
        if label is not None:
            values[key] = schema_text(label)
            if key == "name":
                template = template.replace("{name} ({label})", "{name}")
    return template.format(**values)


def error_message(error: SiteFileError | ArticleError) -> str:
    """A file or article error's message in the UI's language. A value that is itself an error (the cause)
    is translated in turn, and one the core marked translatable (an image kind) too; others (paths, a YAML
    parser's words) stay as they are."""
    if not error.template:
        return error.message
    context = "SiteFileError" if isinstance(error, SiteFileError) else "ArticleError"
    values = {
        key: error_message(value)
        if isinstance(value, SiteFileError | ArticleError)
        else QCoreApplication.translate(context, str(value))
        for key, value in error.values
    }
    return QCoreApplication.translate(context, error.template).format(**values)


def extension_note_text(note: ExtensionNote) -> str:
    """Why a site's Markdown extension is not (fully) in the preview, in the UI's language."""
    return QCoreApplication.translate("SiteExtensions", note.template).format(**dict(note.values))
