"""The preferences dialog on the real window: choices persist in QSettings, apply on OK (editor font, wrap,
the preview's stylesheet, autosave), and Cancel changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.ui.dialogs.preferences import Preferences, PreferencesDialog, StylesheetChoice, migrate_settings
from editor.ui.workspace.main_window import MainWindow

from .dialogs import when_dialog_opens
from .window_on_site import ARTICLE, close_window, open_window

pytestmark = pytest.mark.gui
TIMEOUT_MS = 20000


@pytest.fixture
def settings_file(settings: QSettings) -> Path:
    """The ini file behind the window's settings."""
    return Path(settings.fileName())


def answer_preferences(
    fill: Callable[[PreferencesDialog], None], button: QDialogButtonBox.StandardButton, seen: list[object]
) -> Callable[[QDialog], None]:
    """Fill the dialog in as a user would, then press `button`; `seen` records that it ran."""

    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog), type(dialog)
        fill(dialog)
        seen.append(dialog.preferences())
        target = dialog.buttons.button(button)
        assert target is not None
        target.click()

    return answer


def change_preferences(window: MainWindow, fill: Callable[[PreferencesDialog], None]) -> Preferences:
    seen: list[object] = []
    when_dialog_opens(answer_preferences(fill, QDialogButtonBox.StandardButton.Ok, seen))
    window.preferences_action.trigger()
    assert len(seen) == 1, "the dialog never opened"
    chosen = seen[0]
    assert isinstance(chosen, Preferences)
    return chosen


def other_monospace_family(current: str) -> str:
    families = [
        family
        for family in QFontDatabase.families()
        if QFontDatabase.isFixedPitch(family)
        and family != current
        and not QFontDatabase.isPrivateFamily(family)
    ]
    if not families:
        pytest.skip("only one monospace font is installed")
    return families[0]


def run_js(qtbot: QtBot, window: MainWindow, script: str) -> object:
    qtbot.waitUntil(lambda: window.preview.started, timeout=TIMEOUT_MS)
    result: list[object] = []
    window.preview.view.page().runJavaScript(script, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=TIMEOUT_MS)
    return result[0]


def heading_colour(qtbot: QtBot, window: MainWindow) -> object:
    return run_js(
        qtbot, window, "(h => h ? getComputedStyle(h).color : '')(document.querySelector('#article-body h2'))"
    )


def test_the_font_applies_to_the_editor_and_persists_in_a_new_window(
    qtbot: QtBot, window: MainWindow, settings_file: Path, example_site: Path
) -> None:
    family = other_monospace_family(QFontInfo(window.editor.font()).family())

    def fill(dialog: PreferencesDialog) -> None:
        dialog.font_box.setCurrentText(family)
        dialog.font_size_box.setValue(17)
        dialog.autosave_box.setValue(42)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("da"))

    change_preferences(window, fill)
    assert window.editor.font().family() == family
    assert window.editor.font().pointSizeF() == 17
    assert window.editor.document().defaultFont().pointSizeF() == 17
    assert window.autosave_interval() == 42

    close_window(window)
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value("editor/autosaveSeconds", type=int) == 42
    assert stored.value("ui/language") == "da"
    again = open_window(QSettings(str(settings_file), QSettings.Format.IniFormat), example_site / ARTICLE)
    try:
        assert again.editor.font().family() == family
        assert again.editor.font().pointSizeF() == 17
        assert again.autosave_interval() == 42
        assert Preferences.load(again.settings).language == "da"
    finally:
        close_window(again)


def test_wrap_stays_in_sync_with_the_view_menu(qtbot: QtBot, window: MainWindow) -> None:
    window.wrap_action.trigger()  # the menu turns wrapping off
    assert window.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    shown: list[bool] = []

    def fill(dialog: PreferencesDialog) -> None:
        shown.append(dialog.wrap_box.isChecked())
        dialog.wrap_box.setChecked(True)

    change_preferences(window, fill)
    assert shown == [False]
    assert window.wrap_action.isChecked()
    assert window.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert window.settings.value("editor/softWrap", type=bool) is True


def test_scroll_sync_stays_in_sync_with_the_view_menu_and_a_new_window(
    qtbot: QtBot, window: MainWindow, settings_file: Path, example_site: Path
) -> None:
    assert window.sync_action.isChecked() and window.scroll_sync.enabled
    window.sync_action.trigger()  # the menu turns sync off
    assert not window.scroll_sync.enabled
    shown: list[bool] = []

    def fill(dialog: PreferencesDialog) -> None:
        shown.append(dialog.sync_box.isChecked())

    change_preferences(window, fill)
    assert shown == [False]
    assert not window.sync_action.isChecked()
    close_window(window)
    again = open_window(QSettings(str(settings_file), QSettings.Format.IniFormat), example_site / ARTICLE)
    try:
        assert not again.sync_action.isChecked()
        assert not again.scroll_sync.enabled
        change_preferences(again, lambda dialog: dialog.sync_box.setChecked(True))
        assert again.sync_action.isChecked() and again.scroll_sync.enabled
    finally:
        close_window(again)


def test_the_stylesheet_choice_reaches_the_preview(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, example_site: Path
) -> None:
    qtbot.waitUntil(lambda: heading_colour(qtbot, window) not in ("", None), timeout=TIMEOUT_MS)
    bundled = heading_colour(qtbot, window)
    custom = tmp_path / "mine.css"
    custom.write_text("#article-body h2 { color: rgb(1, 2, 3); }\n", encoding="utf-8")

    def choose_custom(dialog: PreferencesDialog) -> None:
        dialog.custom_button.setChecked(True)
        dialog.custom_field.setText(str(custom))

    change_preferences(window, choose_custom)
    qtbot.waitUntil(lambda: heading_colour(qtbot, window) == "rgb(1, 2, 3)", timeout=TIMEOUT_MS)
    assert not window.preview.blocked_requests

    # The site's own stylesheet, named in article-editor.toml, is used while "the site's own" is chosen.
    site_css = example_site / "public" / "site.css"
    site_css.write_text("#article-body h2 { color: rgb(4, 5, 6); }\n", encoding="utf-8")
    toml = example_site / "article-editor.toml"
    toml.write_text('stylesheet = "public/site.css"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    # The article is open in its tab: read it again, with the site's new configuration.
    window.session.load(example_site / ARTICLE)
    change_preferences(window, lambda dialog: dialog.site_button.setChecked(True))
    qtbot.waitUntil(lambda: heading_colour(qtbot, window) == "rgb(4, 5, 6)", timeout=TIMEOUT_MS)

    change_preferences(window, lambda dialog: dialog.bundled_button.setChecked(True))
    qtbot.waitUntil(lambda: heading_colour(qtbot, window) == bundled, timeout=TIMEOUT_MS)
    assert Preferences.load(window.settings).stylesheet is StylesheetChoice.BUNDLED


def test_an_unchanged_choice_does_not_reload_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: heading_colour(qtbot, window) not in ("", None), timeout=TIMEOUT_MS)
    run_js(qtbot, window, "window.shellMarker = 1")
    change_preferences(window, lambda dialog: dialog.wrap_box.setChecked(False))
    assert run_js(qtbot, window, "window.shellMarker") == 1


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow, settings_file: Path) -> None:
    window.settings.sync()
    before_settings = settings_file.read_bytes() if settings_file.exists() else b""
    font = window.editor.font()
    family = other_monospace_family(QFontInfo(font).family())

    def fill(dialog: PreferencesDialog) -> None:
        dialog.font_box.setCurrentText(family)
        dialog.font_size_box.setValue(30)
        dialog.wrap_box.setChecked(False)
        dialog.bundled_button.setChecked(True)
        dialog.autosave_box.setValue(99)

    seen: list[object] = []
    when_dialog_opens(answer_preferences(fill, QDialogButtonBox.StandardButton.Cancel, seen))
    window.preferences_action.trigger()
    assert seen
    window.settings.sync()
    assert (settings_file.read_bytes() if settings_file.exists() else b"") == before_settings
    assert window.editor.font() == font
    assert window.wrap_action.isChecked()
    assert window.autosave_interval() == 5


def test_restore_defaults_shows_the_defaults_and_keeps_them_only_on_ok(
    qtbot: QtBot, window: MainWindow
) -> None:
    Preferences(font_size=20, soft_wrap=False, autosave_seconds=60, language="da").save(window.settings)
    window.apply_preferences(Preferences.load(window.settings))
    assert window.editor.font().pointSizeF() == 20

    def fill(dialog: PreferencesDialog) -> None:
        assert dialog.font_size_box.value() == 20
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        assert button is not None
        button.click()

    chosen = change_preferences(window, fill)
    assert chosen == Preferences.defaults()
    assert Preferences.load(window.settings) == Preferences.defaults()
    assert window.editor.font().pointSizeF() == Preferences.defaults().font_size
    assert window.wrap_action.isChecked()


def test_unusable_stored_values_fall_back_to_the_defaults(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "odd.ini"), QSettings.Format.IniFormat)
    settings.setValue("editor/fontSize", "huge")
    settings.setValue("editor/autosaveSeconds", -3)
    settings.setValue("preview/stylesheet", "sparkly")
    settings.setValue("ui/language", "tlh")
    loaded = Preferences.load(settings)
    assert loaded.font_size == Preferences.defaults().font_size
    assert loaded.autosave_seconds == 1
    assert loaded.stylesheet is StylesheetChoice.SITE
    assert loaded.language == ""


def test_old_settings_are_copied_once_and_left_in_place(tmp_path: Path) -> None:
    old = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    old.setValue("editor/softWrap", False)
    old.setValue("recentFiles", ["/a.md", "/b.md"])
    old.sync()
    new = QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat)
    assert migrate_settings(old, new)
    assert new.value("editor/softWrap", type=bool) is False
    assert new.value("recentFiles") == ["/a.md", "/b.md"]
    assert (tmp_path / "old.ini").exists()
    # Once the new file has settings of its own, the old ones never overwrite them.
    new.setValue("editor/softWrap", True)
    assert not migrate_settings(old, new)
    assert new.value("editor/softWrap", type=bool) is True
