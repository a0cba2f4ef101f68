"""The real main window opened on an article, closed without prompts at the end of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from editor.ui.main_window import MainWindow


@contextmanager
def window_on(article: Path, settings_folder: Path) -> Iterator[MainWindow]:
    """A shown MainWindow with `article` open."""
    settings = QSettings(str(settings_folder / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)
    main.resize(1200, 800)
    main.show()
    assert main.open_path(article)
    try:
        yield main
    finally:
        # Closed here, not by qtbot, which would close it with unsaved edits and wait on the prompt.
        main.session.document.setModified(False)
        main.close()
        # Deleted now, before the web engine shuts down with the application.
        main.deleteLater()
        QCoreApplication.sendPostedEvents(main, QEvent.Type.DeferredDelete)
