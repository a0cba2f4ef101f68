"""The files that make the editor a desktop application (launcher entry, AppStream data, icons), and their
installation where freedesktop.org desktops look for them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from editor.resource_files import resource_path
from editor.site.files import ensure_folder, read_file, save_file

# One reverse-DNS id names the .desktop file, the AppStream component, the icon and Qt's desktop file name.
DESKTOP_ID = "io.github.articleeditor.ArticleEditor"
DESKTOP_FILE = f"desktop/{DESKTOP_ID}.desktop"
METAINFO_FILE = f"desktop/{DESKTOP_ID}.metainfo.xml"
ICON_SVG = f"icons/hicolor/scalable/apps/{DESKTOP_ID}.svg"
ICON_PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The command line the bundled .desktop file starts; installation puts the real launcher in its place.
DEFAULT_EXEC = "article-editor"


@dataclass(frozen=True)
class InstalledFiles:
    """What an installation wrote, and the cache tools it ran (missing tools are simply skipped)."""

    written: tuple[Path, ...]
    refreshed_with: tuple[str, ...]


def user_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the XDG base directory specification defaults it."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    # The specification says a relative value is invalid and must be ignored.
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts this editor: the frozen executable, the `article-editor` script that is
    running, or this Python with `-m editor`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == DEFAULT_EXEC and script.is_file():
        on_path = shutil.which(DEFAULT_EXEC)
        if on_path is not None and Path(on_path).resolve() == script.resolve():
            return [DEFAULT_EXEC]
        return [str(script.resolve())]
    return [sys.executable, "-m", "editor"]


def desktop_entry_text(command: list[str]) -> str:
    """The bundled .desktop file with its Exec line starting `command` on the files given (%F)."""
    text = resource_path(DESKTOP_FILE).read_text(encoding="utf-8")
    default = f"Exec={DEFAULT_EXEC} %F"
    if default not in text.splitlines():
        raise ValueError(f"{DESKTOP_FILE} has no line {default!r} to replace")
    return text.replace(default, "Exec=" + " ".join(_quote_exec_argument(part) for part in command) + " %F")


def install_desktop_files(data_home: Path, command: list[str] | None = None) -> InstalledFiles:
    """Copy the .desktop file, the AppStream metainfo and the hicolor icons under `data_home` (a
    `share` folder), then refresh the desktop's caches with whichever of their tools is installed."""
    launcher = command if command is not None else launcher_command()
    written = [
        _install(data_home / "applications" / f"{DESKTOP_ID}.desktop", desktop_entry_text(launcher).encode()),
        _install(data_home / "metainfo" / f"{DESKTOP_ID}.metainfo.xml", _resource_bytes(METAINFO_FILE)),
        _install(data_home / "icons" / ICON_SVG.removeprefix("icons/"), _resource_bytes(ICON_SVG)),
    ]
    for size in ICON_PNG_SIZES:
        icon = f"icons/hicolor/{size}x{size}/apps/{DESKTOP_ID}.png"
        written.append(_install(data_home / icon, _resource_bytes(icon)))
    refreshed = []
    # Without these caches a desktop may show the entry only after the next login; both are optional.
    for tool, arguments in (
        ("update-desktop-database", ["-q", str(data_home / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(data_home / "icons" / "hicolor")]),
    ):
        program = shutil.which(tool)
        if program is not None:
            subprocess.run([program, *arguments], check=False, capture_output=True)
            refreshed.append(tool)
    return InstalledFiles(tuple(written), tuple(refreshed))


def _install(target: Path, data: bytes) -> Path:
    ensure_folder(target.parent)
    # An earlier installation is replaced as it is: it is ours, so there is nothing to back up.
    save_file(target, data, expected=None, force=True, keep_backup=False)
    return target


def _resource_bytes(relative: str) -> bytes:
    data, _ = read_file(resource_path(relative))
    return data


def _quote_exec_argument(argument: str) -> str:
    # The Desktop Entry specification's quoting: reserved characters need double quotes, in which
    # ", `, $ and \ are escaped with a backslash; then the string escapes double every backslash again,
    # and a literal % is written %%.
    quoted = argument
    if not argument or any(char in argument for char in " \t\n\"'\\><~|&;$*?#()`="):
        escaped = "".join("\\" + char if char in '"`$\\' else char for char in argument)
        quoted = f'"{escaped}"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")
