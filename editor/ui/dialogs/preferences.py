"""What users may change (editor font, wrap, scroll sync, preview stylesheet, autosave, language), kept in
QSettings."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.ui.article.source_editor import default_editor_font

__all__ = [
    "LANGUAGES",
    "SOURCE_LANGUAGE",
    "Preferences",
    "PreferencesDialog",
    "StylesheetChoice",
    "migrate_settings",
]

FONT_FAMILY_KEY = "editor/fontFamily"
FONT_SIZE_KEY = "editor/fontSize"
SOFT_WRAP_KEY = "editor/softWrap"
SYNC_SCROLLING_KEY = "preview/syncScrolling"
AUTOSAVE_KEY = "editor/autosaveSeconds"
STYLESHEET_KEY = "preview/stylesheet"
CUSTOM_STYLESHEET_KEY = "preview/customStylesheet"
LANGUAGE_KEY = "ui/language"

DEFAULT_AUTOSAVE_SECONDS = 5
MIN_AUTOSAVE_SECONDS = 1
MAX_AUTOSAVE_SECONDS = 3600
MIN_FONT_SIZE = 6.0
MAX_FONT_SIZE = 48.0

# The language the UI is written in, which needs no translation.
SOURCE_LANGUAGE = "en"
# Language codes the UI speaks; "" follows the system. The names stay in their own language, so a user who
# cannot read the current one still finds theirs.
LANGUAGES: tuple[tuple[str, str], ...] = ((SOURCE_LANGUAGE, "English"), ("da", "Dansk"))


class StylesheetChoice(enum.StrEnum):
    """Which stylesheet the preview uses on top of the editor's own article styles."""

    BUNDLED = "bundled"
    """The editor's own styles only."""
    SITE = "site"
    """The site's stylesheet from article-editor.toml when it names one (the default)."""
    CUSTOM = "custom"
    """A CSS file the user chose."""


@dataclass(frozen=True)
class Preferences:
    """The user's choices; an empty font family means the system's fixed-pitch font."""

    font_family: str = ""
    font_size: float = 0.0
    soft_wrap: bool = True
    sync_scrolling: bool = True
    stylesheet: StylesheetChoice = StylesheetChoice.SITE
    custom_stylesheet: Path | None = None
    autosave_seconds: int = DEFAULT_AUTOSAVE_SECONDS
    language: str = ""

    @classmethod
    def defaults(cls) -> Preferences:
        """The choices of a user who never changed anything, with the system font's real size filled in."""
        return cls(font_size=default_editor_font().pointSizeF())

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        """The preferences stored in `settings`; missing or unusable values fall back to the defaults."""
        default = cls.defaults()
        family = settings.value(FONT_FAMILY_KEY, "", type=str)
        size = _number(settings.value(FONT_SIZE_KEY, default.font_size), default.font_size)
        choice = settings.value(STYLESHEET_KEY, StylesheetChoice.SITE.value, type=str)
        custom = settings.value(CUSTOM_STYLESHEET_KEY, "", type=str)
        seconds = int(
            _number(settings.value(AUTOSAVE_KEY, DEFAULT_AUTOSAVE_SECONDS), DEFAULT_AUTOSAVE_SECONDS)
        )
        language = settings.value(LANGUAGE_KEY, "", type=str)
        return cls(
            font_family=str(family),
            font_size=min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE),
            soft_wrap=bool(settings.value(SOFT_WRAP_KEY, True, type=bool)),
            sync_scrolling=bool(settings.value(SYNC_SCROLLING_KEY, True, type=bool)),
            stylesheet=StylesheetChoice(choice)
            if choice in {member.value for member in StylesheetChoice}
            else StylesheetChoice.SITE,
            custom_stylesheet=Path(str(custom)) if custom else None,
            autosave_seconds=min(max(seconds, MIN_AUTOSAVE_SECONDS), MAX_AUTOSAVE_SECONDS),
            language=str(language) if language in {code for code, _ in LANGUAGES} else "",
        )

    def save(self, settings: QSettings) -> None:
        """Write every choice to `settings`."""
        settings.setValue(FONT_FAMILY_KEY, self.font_family)
        settings.setValue(FONT_SIZE_KEY, self.font_size)
        settings.setValue(SOFT_WRAP_KEY, self.soft_wrap)
        settings.setValue(SYNC_SCROLLING_KEY, self.sync_scrolling)
        settings.setValue(STYLESHEET_KEY, self.stylesheet.value)
        settings.setValue(CUSTOM_STYLESHEET_KEY, str(self.custom_stylesheet or ""))
        settings.setValue(AUTOSAVE_KEY, self.autosave_seconds)
        settings.setValue(LANGUAGE_KEY, self.language)
        settings.sync()

    def editor_font(self) -> QFont:
        """The source editor's font: the chosen family (or the system's fixed-pitch one) at the chosen size."""
        font = default_editor_font()
        if self.font_family:
            font.setFamily(self.font_family)
        if self.font_size > 0:
            font.setPointSizeF(self.font_size)
        return font

    def preview_stylesheet(self, site_stylesheet: Path | None) -> Path | None:
        """The stylesheet the preview links after its own, for a site whose stylesheet is `site_stylesheet`."""
        if self.stylesheet is StylesheetChoice.BUNDLED:
            return None
        if self.stylesheet is StylesheetChoice.CUSTOM and self.custom_stylesheet is not None:
            return self.custom_stylesheet
        return site_stylesheet


def _number(value: object, fallback: float) -> float:
    # INI files hand numbers back as strings, the native formats as numbers.
    try:
        return float(str(value))
    except ValueError:
        return fallback


def migrate_settings(old: QSettings, new: QSettings) -> bool:
    """Copy every key of `old` into `new` when `new` is still empty, so a renamed settings file keeps the
    user's layout and choices; the old file is left as it is. Returns whether anything was copied."""
    if new.allKeys() or not old.allKeys():
        return False
    for key in old.allKeys():
        new.setValue(key, old.value(key))
    new.sync()
    return True


class PreferencesDialog(QDialog):
    """Edit `Preferences`; `preferences()` holds the choices once the dialog is accepted."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(560)

        self.font_box = QFontComboBox(self)
        self.font_box.setObjectName("fontFamily")
        self.font_box.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        self.font_size_box = QDoubleSpinBox(self)
        self.font_size_box.setObjectName("fontSize")
        self.font_size_box.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size_box.setDecimals(1)
        self.font_size_box.setSingleStep(0.5)
        self.font_size_box.setSuffix(self.tr(" pt"))
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_box, 1)
        font_row.addWidget(self.font_size_box)

        self.wrap_box = QCheckBox(self.tr("Wrap long lines at the edge of the editor"), self)
        self.wrap_box.setObjectName("softWrap")
        self.sync_box = QCheckBox(
            self.tr("Keep the caret's paragraph in view, and the source with the preview"), self
        )
        self.sync_box.setObjectName("syncScrolling")

        self.stylesheet_group = QButtonGroup(self)
        self.bundled_button = QRadioButton(self.tr("The editor's own"), self)
        self.site_button = QRadioButton(self.tr("The site's own, when article-editor.toml names one"), self)
        self.custom_button = QRadioButton(self.tr("A CSS file:"), self)
        self.custom_field = QLineEdit(self)
        self.custom_field.setObjectName("customStylesheet")
        self.custom_field.setPlaceholderText(self.tr("No file chosen"))
        self.custom_field.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self._choose_stylesheet)
        for choice, button in self._stylesheet_buttons().items():
            button.setObjectName(f"stylesheet-{choice.value}")
            self.stylesheet_group.addButton(button)
        self.stylesheet_group.buttonToggled.connect(self._on_stylesheet_toggled)
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom_button)
        custom_row.addWidget(self.custom_field, 1)
        custom_row.addWidget(self.browse_button)
        stylesheet_column = QVBoxLayout()
        stylesheet_column.setSpacing(2)
        stylesheet_column.addWidget(self.bundled_button)
        stylesheet_column.addWidget(self.site_button)
        stylesheet_column.addLayout(custom_row)

        self.autosave_box = QSpinBox(self)
        self.autosave_box.setObjectName("autosaveSeconds")
        self.autosave_box.setRange(MIN_AUTOSAVE_SECONDS, MAX_AUTOSAVE_SECONDS)
        self.autosave_box.setSuffix(self.tr(" s after the last edit"))
        self.autosave_box.setToolTip(
            self.tr(
                "Unsaved edits are copied aside this long after you stop typing, to recover after a crash."
            )
        )

        self.language_box = QComboBox(self)
        self.language_box.setObjectName("language")
        self.language_box.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        language_note = QLabel(self.tr("A new language is used after a restart."), self)
        language_note.setObjectName("languageNote")
        language_note.setEnabled(False)

        # Numbers and the language list at their natural width; a field as wide as the dialog for "5" reads
        # as if something were missing.
        for box in (self.font_size_box, self.autosave_box, self.language_box):
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        font_label = QLabel(self.tr("Editor &font:"), self)
        font_label.setBuddy(self.font_box)
        form.addRow(font_label, font_row)
        form.addRow(self.tr("Long lines:"), self.wrap_box)
        form.addRow(self.tr("Scrolling:"), self.sync_box)
        form.addRow(self.tr("Preview stylesheet:"), stylesheet_column)
        autosave_label = QLabel(self.tr("&Recovery copy:"), self)
        autosave_label.setBuddy(self.autosave_box)
        form.addRow(autosave_label, self.autosave_box)
        language_label = QLabel(self.tr("&Language:"), self)
        language_label.setBuddy(self.language_box)
        language_column = QVBoxLayout()
        language_column.setSpacing(2)
        language_column.addWidget(self.language_box)
        language_column.addWidget(language_note)
        form.addRow(language_label, language_column)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._on_button_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.show_preferences(current)

    def _stylesheet_buttons(self) -> dict[StylesheetChoice, QRadioButton]:
        return {
            StylesheetChoice.BUNDLED: self.bundled_button,
            StylesheetChoice.SITE: self.site_button,
            StylesheetChoice.CUSTOM: self.custom_button,
        }

    def show_preferences(self, preferences: Preferences) -> None:
        """Fill the fields with `preferences`."""
        font = preferences.editor_font()
        self._show_family(QFontInfo(font).family())
        self.font_size_box.setValue(font.pointSizeF())
        self.wrap_box.setChecked(preferences.soft_wrap)
        self.sync_box.setChecked(preferences.sync_scrolling)
        self._stylesheet_buttons()[preferences.stylesheet].setChecked(True)
        self.custom_field.setText(str(preferences.custom_stylesheet or ""))
        self._on_stylesheet_toggled()
        self.autosave_box.setValue(preferences.autosave_seconds)
        self.language_box.setCurrentIndex(max(self.language_box.findData(preferences.language), 0))

    def _show_family(self, family: str) -> None:
        # The system's fixed font is often an alias ("monospace") for a font that fontconfig does not mark
        # fixed-pitch, so the filtered list lacks it; the box would then show another font than the editor's.
        if self.font_box.findText(family) < 0:
            model = self.font_box.model()
            model.insertRow(0)
            model.setData(model.index(0, 0), family)
        self.font_box.setCurrentIndex(self.font_box.findText(family))

    def preferences(self) -> Preferences:
        """The choices as the fields show them."""
        choice = next(
            (choice for choice, button in self._stylesheet_buttons().items() if button.isChecked()),
            StylesheetChoice.SITE,
        )
        custom = self.custom_field.text().strip()
        if choice is StylesheetChoice.CUSTOM and not custom:
            # A CSS file with no file named is no choice at all.
            choice = StylesheetChoice.SITE
        family = self.font_box.currentFont().family()
        system_family = QFontInfo(default_editor_font()).family()
        return Preferences(
            # The system's font stays "the system's font", so a new system default is followed.
            font_family="" if family == system_family else family,
            font_size=self.font_size_box.value(),
            soft_wrap=self.wrap_box.isChecked(),
            sync_scrolling=self.sync_box.isChecked(),
            stylesheet=choice,
            custom_stylesheet=Path(custom) if custom else None,
            autosave_seconds=self.autosave_box.value(),
            language=str(self.language_box.currentData() or ""),
        )

    def restore_defaults(self) -> None:
        """Show the default choices; nothing is kept until OK."""
        defaults = Preferences.defaults()
        # The custom file name stays in its field, in case the user wants it back.
        self.show_preferences(
            dataclasses.replace(defaults, custom_stylesheet=self.preferences().custom_stylesheet)
        )

    def _on_button_clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ResetRole:
            self.restore_defaults()

    def _on_stylesheet_toggled(self, *_args: object) -> None:
        custom = self.custom_button.isChecked()
        self.custom_field.setEnabled(custom)
        self.browse_button.setEnabled(custom)

    def _choose_stylesheet(self) -> None:
        current = self.custom_field.text().strip()
        start = current or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a Stylesheet"), start, self.tr("Stylesheets (*.css)")
        )
        if name:
            self.custom_field.setText(name)
            self.custom_button.setChecked(True)
