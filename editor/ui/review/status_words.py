"""The words the window shows for git's states of articles and images, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editor.site.git_status import ChangeKind
from editor.site.review import ImageState

__all__ = ["change_label", "image_state_label"]


def change_label(kind: ChangeKind) -> str:
    """The word a list shows for an article's change, in the user's language."""
    words = {
        ChangeKind.MODIFIED: QCoreApplication.translate("ReviewDialog", "modified"),
        ChangeKind.ADDED: QCoreApplication.translate("ReviewDialog", "new"),
        ChangeKind.UNTRACKED: QCoreApplication.translate("ReviewDialog", "untracked"),
        ChangeKind.DELETED: QCoreApplication.translate("ReviewDialog", "deleted"),
    }
    return words[kind]


def image_state_label(state: ImageState) -> str:
    """The words the image list shows for why an image is listed."""
    words = {
        ImageState.UNTRACKED: QCoreApplication.translate("ReviewDialog", "not in git"),
        ImageState.IGNORED: QCoreApplication.translate("ReviewDialog", "ignored by .gitignore"),
        ImageState.MISSING: QCoreApplication.translate("ReviewDialog", "missing on disk"),
        ImageState.ADDED: QCoreApplication.translate("ReviewDialog", "staged"),
    }
    return words[state]
