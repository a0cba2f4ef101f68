"""Fixtures of the UI tests: a temporary settings file and the real main window on the example article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor.ui.workspace.main_window import MainWindow

from .window_on_site import ARTICLE, window_on


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The window's settings in an ini file of the test's own, never the developer's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, example_site: Path) -> Iterator[MainWindow]:
    """The real window, offscreen, on the example article of a copy of the example site."""
    with window_on(settings, example_site / ARTICLE) as main:
        yield main
