"""The real main window opened on an article, closed without prompts at the end of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from editor.ui.workspace.main_window import MainWindow

ARTICLE = Path("content/blog/mr-scanning.md")


def open_window(
    settings: QSettings,
    article: Path | None = None,
    *,
    size: tuple[int, int] | None = (1400, 900),
    autosave_interval: int | None = None,
) -> MainWindow:
    """A shown MainWindow, with `article` open if given; `size` None leaves the window's own size."""
    main = MainWindow(settings)
    if autosave_interval is not None:
        main.set_autosave_interval(autosave_interval)
    if size is not None:
        main.resize(*size)
    main.show()
    if article is not None:
        assert main.open_path(article)
    return main


def close_window(main: MainWindow) -> None:
    """Close and delete `main` without asking about unsaved edits; a window the test closed is left be."""
    if not shiboken6.isValid(main):
        return
    # Closed here, not by qtbot, which would close it with unsaved edits and wait on the prompt.
    for view in main.views():
        view.session.document.setModified(False)
    main.close()
    # Deleted now, before the web engine shuts down with the application.
    main.deleteLater()
    QCoreApplication.sendPostedEvents(main, QEvent.Type.DeferredDelete)


@contextmanager
def window_on(
    settings: QSettings,
    article: Path | None = None,
    *,
    size: tuple[int, int] | None = (1400, 900),
    autosave_interval: int | None = None,
) -> Iterator[MainWindow]:
    """`open_window` for the length of a `with` block, closed by `close_window` however the block ends."""
    main = open_window(settings, article, size=size, autosave_interval=autosave_interval)
    try:
        yield main
    finally:
        close_window(main)
