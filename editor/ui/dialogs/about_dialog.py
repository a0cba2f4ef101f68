"""The About box: what the editor is, which versions run it, and where it keeps its settings and data."""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QDir, QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor import package_version
from editor.site.files import user_data_folder

__all__ = ["AboutDialog", "package_license", "version_info"]


def package_license() -> str:
    """The license the installed package declares (an SPDX expression), or "" when it declares none."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("article-editor")
    except PackageNotFoundError:
        return ""
    for field in ("License-Expression", "License"):
        values = meta.get_all(field) or []
        if values:
            return str(values[0])
    return ""


def version_info() -> str:
    """The versions a bug report needs, one per line, in plain text (not translated: it is for developers)."""
    return "\n".join(
        [
            f"Article Editor {package_version()}",
            f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
            f"Python {platform.python_version()} ({sys.platform}, {platform.machine()})",
        ]
    )


class AboutDialog(QDialog):
    """Name, version, purpose, license, the versions of Qt and Python, and the editor's folders."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Article Editor"))

        title = QLabel(self.tr("<h2>Article Editor {0}</h2>").format(package_version()), self)
        title.setObjectName("aboutTitle")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        purpose = QLabel(
            self.tr(
                "Write and maintain the Markdown articles of a static website: a form for the front matter, "
                "the source, and a live preview."
            ),
            self,
        )
        purpose.setWordWrap(True)

        details = QFormLayout()
        details.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        license_name = package_license()
        if license_name:
            details.addRow(self.tr("License:"), self._value(license_name))
        details.addRow(self.tr("Qt:"), self._value(f"{qVersion()} (PySide6 {PySide6.__version__})"))
        details.addRow(self.tr("Python:"), self._value(platform.python_version()))
        self.settings_file = Path(settings.fileName())
        self.data_folder = user_data_folder()
        details.addRow(self.tr("Settings:"), self._folder_link(self.settings_file))
        details.addRow(self.tr("Backups and recovery:"), self._folder_link(self.data_folder))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy Version Info"), self)
        self.copy_button.setObjectName("copyVersionInfo")
        self.copy_button.clicked.connect(self.copy_version_info)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        about_qt = QPushButton(self.tr("About &Qt"), self)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.addButton(about_qt, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addSpacing(8)
        layout.addLayout(details)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _folder_link(self, path: Path) -> QLabel:
        # The folder opens in the file manager; it may not exist yet, so the link names it either way.
        folder = path if path.suffix == "" else path.parent
        shown = QDir.toNativeSeparators(str(path))
        label = QLabel(
            f'<a href="{QUrl.fromLocalFile(str(folder)).toString()}">{html.escape(shown)}</a>', self
        )
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        label.setWordWrap(True)
        return label

    def copy_version_info(self) -> None:
        """Put the version lines, and the folders, on the clipboard for a bug report."""
        text = "\n".join(
            [
                version_info(),
                f"Settings: {self.settings_file}",
                f"Data: {self.data_folder}",
            ]
        )
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.copy_button.setText(self.tr("Copied"))
