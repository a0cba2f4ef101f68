"""Light and dark: the window follows the system's colour scheme (Qt's style hints) unless the View
menu's choice overrides it; the form, the highlighting, the problems and the preview all switch, live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

if TYPE_CHECKING:
    from editor.ui.workspace.main_window import MainWindow

THEME_KEY = "view/theme"
THEMES = ("system", "light", "dark")
# The page's own background before its stylesheet applies: no white flash in the dark.
DARK_PAGE = QColor("#0d1117")


def dark_palette() -> QPalette:
    """A dark palette with the contrast of GitHub's dark theme (text #e6edf3 on #0d1117: 16:1)."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1f2329",
        QPalette.ColorRole.WindowText: "#e6edf3",
        QPalette.ColorRole.Base: "#0d1117",
        QPalette.ColorRole.AlternateBase: "#161b22",
        QPalette.ColorRole.ToolTipBase: "#2d333b",
        QPalette.ColorRole.ToolTipText: "#e6edf3",
        QPalette.ColorRole.PlaceholderText: "#8b949e",
        QPalette.ColorRole.Text: "#e6edf3",
        QPalette.ColorRole.Button: "#2d333b",
        QPalette.ColorRole.ButtonText: "#e6edf3",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2f81f7",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#4493f8",
        QPalette.ColorRole.Light: "#3d444d",
        QPalette.ColorRole.Midlight: "#30363d",
        QPalette.ColorRole.Mid: "#262c36",
        QPalette.ColorRole.Dark: "#010409",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7681"))
    return palette


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeController(QObject):
    """Applies the chosen theme to the application and the window's preview, and offers the choice."""

    def __init__(self, window: MainWindow, settings: QSettings, view_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        application = QApplication.instance()
        assert isinstance(application, QApplication)
        self._light = application.palette()
        self.dark = False
        chosen = str(settings.value(THEME_KEY, "system"))
        self.choice = chosen if chosen in THEMES else "system"
        menu = QMenu(self.tr("&Theme"), window)
        group = QActionGroup(menu)
        self.actions: dict[str, QAction] = {}
        labels = {"system": self.tr("Follow &System"), "light": self.tr("&Light"), "dark": self.tr("&Dark")}
        for name in THEMES:
            action = QAction(labels[name], menu, checkable=True, checked=name == self.choice)
            action.setObjectName(f"theme-{name}")
            action.triggered.connect(lambda _=False, name=name: self.choose(name))
            group.addAction(action)
            menu.addAction(action)
            self.actions[name] = action
        view_menu.insertMenu(view_menu.actions()[0], menu)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())
        # The preview builds its page when it first shows; each shell it loads (a site change) is styled.
        self._hooked_page: object = None
        window.preview.rendered.connect(self._on_rendered)
        self.apply()

    def choose(self, name: str) -> None:
        """Use theme `name` ("system", "light" or "dark") from now on, and remember it."""
        self.choice = name
        self.actions[name].setChecked(True)
        self.settings.setValue(THEME_KEY, name)
        self.apply()

    def apply(self) -> None:
        """Switch the palette (every widget follows it) and the preview's stylesheet."""
        dark = self.choice == "dark" or (self.choice == "system" and system_is_dark())
        application = QApplication.instance()
        if dark != self.dark and isinstance(application, QApplication):
            application.setPalette(dark_palette() if dark else self._light)
        self.dark = dark
        self._style_page()

    def _on_rendered(self) -> None:
        page = getattr(self.window.preview, "page", None)
        if page is not None and page is not self._hooked_page:
            self._hooked_page = page
            page.loadFinished.connect(lambda _ok: self._style_page())
            self._style_page()

    def _style_page(self) -> None:
        page = getattr(self.window.preview, "page", None)
        if page is None:
            return
        page.setBackgroundColor(DARK_PAGE if self.dark else QColor("white"))
        toggle = "true" if self.dark else "false"
        page.runJavaScript(f"document.documentElement.classList.toggle('dark-theme', {toggle});", 0)
