"""The composition root: the Qt application, its settings and the main window, opened on a path."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from editor.desktop_integration import DESKTOP_ID, ICON_SVG
from editor.resource_files import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

# The settings file is named like the command and the data folder (on Linux
# ~/.config/article-editor/article-editor.conf); the domain is the desktop id's, which macOS names it by.
ORGANIZATION = "article-editor"
ORGANIZATION_DOMAIN = "articleeditor.github.io"
SETTINGS_NAME = "article-editor"
APPLICATION = "Article Editor"
# Where version 0.1 kept the settings: copied once into the new file, so layouts and recent files survive.
OLD_ORGANIZATION = "ArticleEditor"
OLD_APPLICATION = "Article Editor"
EXAMPLE_ARTICLE = "example-site/content/blog/mr-scanning.md"


def run_app(path: Path | None, *, smoke_test: bool = False) -> int:
    """Show the window on `path` (an article or a site folder; default: the bundled example article).

    With `smoke_test`, quit as soon as the preview shows the article: 0 if it does, 1 if not.
    """
    allow_chromium_as_root()

    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from editor.ui.dialogs.preferences import Preferences, migrate_settings
    from editor.ui.workspace.main_window import MainWindow

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(SETTINGS_NAME)
    restore = without_opengl_on_x11()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    restore()
    migrate_settings(QSettings(OLD_ORGANIZATION, OLD_APPLICATION), QSettings())
    install_translators(app, Preferences.load(QSettings()).language)
    QGuiApplication.setApplicationDisplayName(APPLICATION)
    # Wayland and the desktop's task bar find the icon and name through the installed .desktop file.
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    QGuiApplication.setWindowIcon(QIcon(str(resource_path(ICON_SVG))))
    window = MainWindow(QSettings())
    window.show()
    target = path if path is not None else resource_path(EXAMPLE_ARTICLE)
    if smoke_test:
        from editor.ui.smoke_test import PreviewSmokeTest

        return PreviewSmokeTest(window, target).run(app)
    window.open_path(target)
    window.show_latest_article()
    # Asked once the article is open: a restored buffer takes its place, or a window of its own.
    window.offer_recovery()
    return int(app.exec())


def without_opengl_on_x11() -> Callable[[], None]:
    """Keep OpenGL out of the editor's process on X11; call the result once the application exists.

    Nothing here draws with OpenGL: widgets paint in software, and so does the preview (see
    preview_view.draw_pages_in_software). Yet QtWebEngine opens a GL context at start to name the GPU,
    which maps the GL driver: with Mesa's llvmpipe, 51 MB of LLVM and swrast in the editor's process
    (own pages of the tree 366 -> 302 MB with the sample article, measured). Qt's X11 plugin reads
    QT_XCB_GL_INTEGRATION once, the first time OpenGL is asked about; it is asked at once and the
    variable removed again, so programs the editor opens (a link's browser) do not inherit it. A
    QT_XCB_GL_INTEGRATION the user set wins.
    """
    if "QT_XCB_GL_INTEGRATION" in os.environ:
        return lambda: None
    os.environ["QT_XCB_GL_INTEGRATION"] = "none"

    def restore() -> None:
        from PySide6.QtGui import QOpenGLContext

        # Makes the X11 plugin choose its GL integration now (none), while the variable is set.
        QOpenGLContext.supportsThreadedOpenGL()
        os.environ.pop("QT_XCB_GL_INTEGRATION", None)

    return restore


def allow_chromium_as_root() -> None:
    """Turn QtWebEngine's sandbox off when running as root, where Chromium's cannot start (containers, CI);
    everywhere else it stays on. Takes effect only before QtWebEngine starts."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Translate the UI (ours and Qt's own dialogs and buttons) into `language` ("en", "da"); "" follows the
    system locale; a chosen language also becomes the default QLocale. English needs no translator. Returns the
    installed translators (children of `app`, which keeps them)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from editor.ui.dialogs.preferences import LANGUAGES, SOURCE_LANGUAGE

    locale = QLocale(language) if language else QLocale.system()
    if language:
        # Widgets Qt words itself (the date field's calendar: month and day names) follow the chosen language.
        QLocale.setDefault(locale)
    code = locale.name().split("_")[0]
    if code == SOURCE_LANGUAGE or code not in dict(LANGUAGES):
        return []
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for folder, name in (
        (qt_folder, f"qtbase_{code}"),
        (str(resource_path("translations")), f"article_editor_{code}"),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
