"""The Danish UI: the committed translation is complete and compiled, every string a user sees in the window,
its menus and dialogs is Danish, English stays English, and dates keep the site's format in any locale.

"Visible string" here means: the text, tooltip, placeholder, title or item of every widget, menu and action
of the window (shown or hidden, e.g. the find bar), of the problems panel and of the dialogs, and the core's
texts the window shows (schema labels and help, problem messages). Not counted: the article's own text
(source, field values, preview), file names and paths, and the problems' rule ids (`empty-heading`), which
are identifiers like a linter's codes and are the same in the CLI's output.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFontComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editor.ui.app import install_translators
from editor.ui.article.form_fields import DateEditor
from editor.ui.workspace.main_window import MainWindow

from .dialogs import when_dialog_opens
from .window_on_site import ARTICLE, window_on

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "article_editor_da.ts"
QM_FILE = TRANSLATIONS / "article_editor_da.qm"
QT_TOOLS = Path(sys.executable).parent

# Written the same in Danish: the product's name, proper names, symbols and file patterns.
SAME_IN_DANISH = {
    "Aa",
    "&Link…",
    "Link…",
    "Problem",
    "Markdown (*.md *.markdown)",
    "Qt:",
    "Python:",
    " pt",
    " s",
    "Om &Qt",
    "Editor",
    # The Markdown flavours are the names of specifications and of a library.
    "CommonMark + GFM",
    "Python-Markdown",
}
# Words that are names or the same in Danish, and markup, paths and URLs: stripped before asking whether
# English is left. Languages are offered by their own names (English, Dansk), as everywhere.
SAME_WORDS = re.compile(
    r"<[^>]+>|(?:file://)?/\S*|\b(?:Article Editor|Markdown|Qt|Python|PySide6|TOML|YAML|CSS|MIT|Enter|Esc|Ctrl|"
    r"Shift|OK|Link|English|Dansk)\b"
)


def _letters_left(text: str, content: set[str]) -> bool:
    for item in sorted(content, key=len, reverse=True):
        text = text.replace(item, " ")
    text = SAME_WORDS.sub(" ", text)
    return bool(re.search(r"[^\W\d_]{2,}", text))


def menu_strings(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    """The title of `menu`, and the text and tooltip of each of its actions, submenus included."""
    yield f"{where} title", menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} > {action.text()!r}", action.text()
        if action.toolTip() and action.toolTip().replace("&", "") != action.text().replace("&", ""):
            yield f"{where} > {action.text()!r} tooltip", action.toolTip()
        submenu = action.menu()
        if isinstance(submenu, QMenu) and submenu is not menu:
            yield from menu_strings(submenu, f"{where} > {action.text()}")


def widget_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every visible string of `root` and its children (shown or hidden), labelled by where it is."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if widget.isWindow() or isinstance(widget, QDockWidget):
            yield f"{where} window title", widget.windowTitle()
        yield f"{where} tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield f"{where} text", widget.text()
        elif isinstance(widget, QGroupBox):
            yield f"{where} title", widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{where} placeholder", widget.placeholderText()
        elif isinstance(widget, QFontComboBox):
            continue  # the system's font names
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{where} item {index}", widget.itemText(index)
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{where} tab {index}", widget.tabText(index)
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                yield f"{where} item {index}", widget.item(index).text()
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(widget.columnCount()):
                yield f"{where} header {column}", header.text(column)
            for row in range(widget.topLevelItemCount()):
                # Column 0 is a line number or a key, column 2 a rule id: identifiers, not words.
                yield f"{where} row {row}", widget.topLevelItem(row).text(1)
        elif isinstance(widget, QMenu):
            yield from menu_strings(widget, where)
    for action in root.actions():
        yield f"action {action.text()!r}", action.text()


def window_strings(window: MainWindow) -> list[tuple[str, str]]:
    """What the window shows: widgets, menus (with the find bar's and formatting actions) and status bar."""
    strings = list(widget_strings(window))
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            strings.extend(menu_strings(menu, f"menu {action.text()}"))
    strings.append(("status bar", window.statusBar().currentMessage()))
    return [(where, text) for where, text in strings if text and text.strip()]


@pytest.fixture
def use_language(qtbot: QtBot) -> Iterator[list[QTranslator]]:
    """Install a language's translators for the test (call the returned list's `append`), removed after."""
    installed: list[QTranslator] = []
    locale = QLocale()
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def danish(use_language: list[QTranslator]) -> list[QTranslator]:
    """Danish chosen for the test, as `--language da` or a Danish system would: its translators installed."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    use_language.extend(install_translators(app, "da"))
    return use_language


@contextmanager
def window_on_example(qtbot: QtBot, settings: QSettings, site: Path) -> Iterator[MainWindow]:
    """The window on the example article in the language installed when it opens, with all there is to read:
    the problems listed and the find bar's replace row shown."""
    with window_on(settings, site / ARTICLE) as window:
        # The example article's two warnings come from validation off the GUI thread.
        qtbot.waitUntil(lambda: window.problems.tree.topLevelItemCount() == 2, timeout=10000)
        window.find_bar.show_replace()
        yield window


def _dialogs(window: MainWindow) -> Iterator[QWidget]:
    """The window's dialogs, built and shown without their event loop so they can be read."""
    from editor.ui.article.diff_view import DiffDialog
    from editor.ui.dialogs.about_dialog import AboutDialog
    from editor.ui.dialogs.preferences import Preferences, PreferencesDialog
    from editor.ui.dialogs.recovery_dialog import RecoverableBuffer, RecoveryDialog

    saved_at = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    buffers = [
        RecoverableBuffer("mr-scanning.md", saved_at, "new\n", "old\n"),
        RecoverableBuffer("utkast.md", saved_at, "new\n", None),
    ]
    diff = DiffDialog(window)
    diff.set_texts(
        "a\n", "b\n", window.tr("On disk: {0}").format("mr-scanning.md"), window.tr("In the editor")
    )
    for dialog in (
        AboutDialog(window.settings, window),
        PreferencesDialog(Preferences.defaults(), window),
        RecoveryDialog(buffers, window),
        diff,
    ):
        dialog.show()
        yield dialog
        dialog.close()
        dialog.deleteLater()
    for show in (
        lambda: window.disk_bar.show_changed("mr-scanning.md"),
        lambda: window.disk_bar.show_missing("mr-scanning.md"),
        lambda: window.disk_bar.show_reload_failed("mr-scanning.md", "…"),
    ):
        show()
        yield window.disk_bar


def _all_strings(window: MainWindow) -> list[tuple[str, str]]:
    strings = window_strings(window)
    for dialog in _dialogs(window):
        strings.extend((f"{type(dialog).__name__}: {where}", text) for where, text in widget_strings(dialog))
    return [(where, text) for where, text in strings if text and text.strip()]


def _content(window: MainWindow, site: Path) -> set[str]:
    """The article's own words and the names of files: shown as they are in any language."""
    values = window.session.front_matter
    content = {
        str(site),
        str(Path.home()),
        "mr-scanning.md",
        "utkast.md",
        "article-editor.toml",
        "2026-03-01",
    }
    if values is not None:
        content.update(str(field.value) for field in values.fields)
    content.update(str(path) for path in site.rglob("*"))
    content.update(path.name for path in site.rglob("*"))
    return content


def test_every_visible_string_of_the_danish_ui_is_danish(
    qtbot: QtBot, settings: QSettings, example_site: Path, use_language: list[QTranslator]
) -> None:
    with window_on_example(qtbot, settings, example_site) as english_window:
        english = {text for _where, text in _all_strings(english_window)}

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    use_language.extend(install_translators(app, "da"))
    assert len(use_language) == 2, "Qt's and our Danish translations both load"
    with window_on_example(qtbot, settings, example_site) as window:
        danish = _all_strings(window)
        content = _content(window, example_site)

    assert len(danish) > 150, "the walk reaches the menus, the form, the panel and the dialogs"
    untranslated = [
        f"{where}: {text!r}"
        for where, text in danish
        if text in english and text not in SAME_IN_DANISH and _letters_left(text, content)
    ]
    assert untranslated == [], "\n".join(untranslated)
    texts = {text for _where, text in danish}
    # Spot checks that the walk saw the core's texts and Qt's own, in Danish.
    assert "Metatitel *" in texts
    assert any(text.startswith("tom overskrift: `###`") for text in texts)
    assert "&Filer" in texts and "Gem &som…" in texts


def test_the_english_ui_shows_english(qtbot: QtBot, settings: QSettings, example_site: Path) -> None:
    with window_on_example(qtbot, settings, example_site) as window:
        texts = {text for _where, text in window_strings(window)}
    assert {"&File", "Save &As…", "Meta title *", "Problems", "Replace all"} <= texts
    assert any(text.startswith("empty heading: `###`") for text in texts)
    assert not {"&Filer", "Metatitel *", "Problemer"} & texts


def test_english_chosen_over_a_danish_system_installs_nothing(use_language: list[QTranslator]) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    assert install_translators(app, "en") == []
    assert QLocale().language() is QLocale.Language.English


@pytest.mark.usefixtures("danish")
def test_the_calendar_of_a_date_field_speaks_the_chosen_language(qtbot: QtBot) -> None:
    editor = DateEditor("DD-MM-YYYY", optional=False)
    qtbot.addWidget(editor)
    assert editor.date_edit.locale().monthName(1) == "januar"
    assert editor.date_edit.displayFormat() == "dd-MM-yyyy"


@pytest.mark.usefixtures("danish")
def test_qt_own_buttons_are_danish_too(qtbot: QtBot) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "x",
        "y",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    labels = {button.text().replace("&", "") for button in box.buttons()}
    assert labels == {"Gem", "Forkast", "Annuller"}


@pytest.mark.usefixtures("danish")
def test_the_unsaved_changes_prompt_is_danish(qtbot: QtBot, settings: QSettings, example_site: Path) -> None:
    with window_on_example(qtbot, settings, example_site) as window:
        seen: list[str] = []

        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, QMessageBox)
            seen.extend([dialog.windowTitle(), dialog.text()])
            seen.extend(button.text().replace("&", "") for button in dialog.buttons())
            dialog.button(QMessageBox.StandardButton.Cancel).click()

        window.session.document.setModified(True)
        when_dialog_opens(answer)
        window.close()
        assert seen[:2] == ["Ændringer, der ikke er gemt", "Vil du gemme dine ændringer i mr-scanning.md?"]
        assert set(seen[2:]) == {"Gem", "Forkast", "Annuller"}


@pytest.mark.usefixtures("danish")
def test_the_input_dialogs_are_danish(qtbot: QtBot, settings: QSettings, example_site: Path) -> None:
    with window_on_example(qtbot, settings, example_site) as window:
        seen: list[list[str]] = []

        def answer(dialog: QDialog) -> None:
            texts = [dialog.windowTitle()]
            texts.extend(label.text() for label in dialog.findChildren(QLabel) if label.text())
            texts.extend(button.text().replace("&", "") for button in dialog.findChildren(QAbstractButton))
            seen.append(texts)
            dialog.reject()

        when_dialog_opens(answer)
        window.go_to_line_dialog()
        when_dialog_opens(answer)
        window.new_article()
        assert seen == [
            ["Gå til linje", "Linje:", "OK", "Annuller"],
            ["Ny artikel", "Titel:", "OK", "Annuller"],
        ]


def _clashes(texts: list[str]) -> list[str]:
    """Pairs of `texts` that share an accelerator key (the letter after `&`)."""
    keys: dict[str, str] = {}
    clashes = []
    for text in texts:
        found = re.search(r"&([^&])", text)
        if found:
            key = found.group(1).lower()
            if key in keys:
                clashes.append(f"{keys[key]!r} and {text!r}")
            keys[key] = text
    return clashes


@pytest.mark.usefixtures("danish")
def test_accelerators_are_unique_per_menu_and_dialog_in_danish(
    qtbot: QtBot, settings: QSettings, example_site: Path
) -> None:
    with window_on_example(qtbot, settings, example_site) as window:
        menus = [window.menuBar()] + [
            action.menu() for action in window.menuBar().actions() if isinstance(action.menu(), QMenu)
        ]
        clashes = [
            clash for menu in menus for clash in _clashes([action.text() for action in menu.actions()])
        ]
        for dialog in _dialogs(window):
            shown = [
                widget.text()
                for widget in dialog.findChildren(QWidget)
                if isinstance(widget, QLabel | QAbstractButton) and widget.isVisibleTo(dialog)
            ]
            clashes.extend(f"{type(dialog).__name__}: {clash}" for clash in _clashes(shown))
        assert clashes == []


@pytest.mark.parametrize("locale", [QLocale.Language.Danish, QLocale.Language.English])
def test_dates_in_the_form_keep_the_site_format_in_any_locale(qtbot: QtBot, locale: QLocale.Language) -> None:
    previous = QLocale()
    country = QLocale.Country.Denmark if locale is QLocale.Language.Danish else QLocale.Country.UnitedStates
    QLocale.setDefault(QLocale(locale, country))
    try:
        editor = DateEditor("DD-MM-YYYY", optional=False)
        qtbot.addWidget(editor)
        editor.set_value("05-03-2024")
        assert editor.date_edit.text() == "05-03-2024"
        assert editor.date_edit.date() == QDate(2024, 3, 5)
    finally:
        QLocale.setDefault(previous)


# ---- the committed translation files ---------------------------------------------------------------


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    return [
        (context.findtext("name", ""), message)
        for context in ET.parse(path).getroot().iter("context")
        for message in context.iter("message")
    ]


def test_the_ts_translates_every_message_with_its_placeholders_and_accelerator() -> None:
    problems = []
    for context, message in _messages(TS_FILE):
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not text:
            problems.append(f"{context}: {source!r} is not translated")
        if sorted(re.findall(r"\{\w*\}", source)) != sorted(re.findall(r"\{\w*\}", text)):
            problems.append(f"{context}: {text!r} changes the placeholders of {source!r}")
        if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
            problems.append(f"{context}: {text!r} and {source!r} differ in having an accelerator")
    assert problems == []


def test_the_ts_holds_every_string_of_the_code(tmp_path: Path) -> None:
    lupdate = QT_TOOLS / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    fresh = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, fresh)
    script = (TRANSLATIONS / "update.sh").read_text(encoding="utf-8")
    assert "-tr-function-alias QT_TRANSLATE_NOOP+=translatable" in script
    assert "editor/ui editor/article editor/site -ts" in script
    subprocess.run(
        [
            str(lupdate),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-extensions",
            "py",
            "-tr-function-alias",
            "QT_TRANSLATE_NOOP+=translatable",
            "editor/ui",
            "editor/article",
            "editor/site",
            "-ts",
            str(fresh),
        ],
        cwd=ROOT,
        check=True,
    )
    missing = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in _messages(fresh)
        if message.find("translation") is not None and message.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run resources/translations/update.sh and translate these"


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    lrelease = QT_TOOLS / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    compiled = tmp_path / QM_FILE.name
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run resources/translations/update.sh"


def test_every_problem_of_the_validator_carries_its_translatable_template() -> None:
    from editor.article.schema import DEFAULT_SCHEMA
    from editor.article.validation import ValidationRules, validate_text
    from editor.render.markdown_structure import commonmark_structure

    text = (
        "---\ntitle: 12\nmetaTitle: ''\ndatePublished: 31-02-2024\nlastUpdated: 2024-01-01\n"
        "previewImage: /images/gone.png\nextra: 1\n---\n\n###\n\n    indented text\n\n![](/images/gone.png)\n"
    )
    problems = validate_text(
        text, ValidationRules(DEFAULT_SCHEMA, lambda url: False, read_structure=commonmark_structure)
    )
    assert len({problem.rule for problem in problems}) >= 7
    for problem in problems:
        assert problem.template, problem
        assert problem.template.format(**dict(problem.values)) == problem.message
    templates = {
        message.findtext("source") for context, message in _messages(TS_FILE) if context == "Problem"
    }
    assert {problem.template for problem in problems} <= templates


@pytest.mark.usefixtures("danish")
def test_file_errors_are_shown_in_danish_with_their_cause(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, example_site: Path
) -> None:
    from editor.site.config import load_site
    from editor.site.errors import ImageImportError
    from editor.site.image_import import import_image
    from editor.ui.core_texts import error_message

    gone = tmp_path / "gone.png"
    with pytest.raises(ImageImportError) as caught:
        import_image(load_site(example_site), gone)
    assert caught.value.message == f"Could not read gone.png: File not found: {gone}"
    assert error_message(caught.value) == f"gone.png kunne ikke læses: Filen findes ikke: {gone}"
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_bytes(b"%PDF-1.7 not a picture")
    with pytest.raises(ImageImportError) as caught:
        import_image(load_site(example_site), not_an_image)
    assert error_message(caught.value).startswith("notes.png er et PDF-dokument, som browsere ikke kan vise")

    with window_on_example(qtbot, settings, example_site) as window:
        seen: list[str] = []

        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, QMessageBox)
            seen.extend([dialog.windowTitle(), dialog.text()])
            dialog.accept()

        when_dialog_opens(answer)
        window.open_path(tmp_path / "missing.md")
        assert seen == ["missing.md kan ikke åbnes", f"Filen findes ikke: {tmp_path / 'missing.md'}"]
        (tmp_path / "binary.md").write_bytes(b"---\x00\x01")
        when_dialog_opens(answer)
        window.open_path(tmp_path / "binary.md")
        assert seen[2:] == [
            "binary.md kan ikke åbnes",
            "Linje 1: filen er binær (den indeholder en NUL-byte) og ikke en Markdown-artikel",
        ]


@pytest.mark.usefixtures("danish")
def test_a_broken_front_matter_is_reported_in_danish(
    qtbot: QtBot, settings: QSettings, example_site: Path
) -> None:
    with window_on_example(qtbot, settings, example_site) as window:
        expected = "nøglen 'title' forekommer to gange (linje 2 og 3); fjern den ene"
        window.editor.setPlainText("---\ntitle: a\ntitle: b\n---\n\nTekst\n")
        tree = window.problems.tree
        qtbot.waitUntil(
            lambda: tree.topLevelItemCount() == 1 and tree.topLevelItem(0).text(1) == expected, timeout=10000
        )
        banner = window.form.findChild(QWidget, "error-banner")
        assert banner is not None
        assert f"linje 3: {expected}" in [label.text() for label in banner.findChildren(QLabel)]
        # The preview's renderer runs in another process, without a translator: the window words its error.
        shown = f"Metadata kunne ikke læses og vises derfor som tekst: linje 3: {expected}"
        qtbot.waitUntil(lambda: window.preview.banner.text() == shown, timeout=20000)
