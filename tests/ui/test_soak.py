"""A short soak through the real window: thirty rounds of open, edit, autosave and save leave no recovery
files and no temp files behind, and the article holds the last round's edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from benchmarks.soak import files_under, soak

from .window_on_site import window_on

pytestmark = pytest.mark.gui


def test_thirty_rounds_leave_no_recovery_files(qtbot: QtBot, settings: QSettings, example_site: Path) -> None:
    article = example_site / "content" / "blog" / "mr-scanning.md"
    with window_on(settings, size=None, autosave_interval=1) as window:
        result = soak(window, article, 30)
        assert result.timer_autosaves == 1  # the 25th round waited for the timer itself
        assert result.recovery_files == 0
        assert window.recovery.folder.is_dir()  # the rounds did use the store
        assert files_under(window.recovery.folder) == 0
        assert result.stray_temp_files == 0
        text = article.read_text(encoding="utf-8")
        assert text.endswith("\nSoak 00030")
        assert 'metaTitle: "Soak 00030"\n' in text
