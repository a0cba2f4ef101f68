"""The desktop files (launcher entry, AppStream metainfo, icons) and their installation into a prefix."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from editor import package_version
from editor.cli import main
from editor.desktop_integration import (
    DESKTOP_FILE,
    DESKTOP_ID,
    ICON_PNG_SIZES,
    ICON_SVG,
    METAINFO_FILE,
    desktop_entry_text,
    install_desktop_files,
)
from editor.resource_files import resource_path


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def desktop_entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read_string(text)
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_desktop_file_validates() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(resource_path(DESKTOP_FILE))], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are advice; errors and warnings are not.
    assert "error" not in result.stdout and "warning" not in result.stdout, result.stdout


def test_the_metainfo_validates() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(resource_path(METAINFO_FILE))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_id_names_the_entry_the_component_and_the_icon() -> None:
    entry = desktop_entry(resource_path(DESKTOP_FILE).read_text(encoding="utf-8"))
    assert entry["Icon"] == DESKTOP_ID
    assert entry["MimeType"] == "text/markdown;"
    assert entry["Exec"] == "article-editor %F"
    component = ElementTree.parse(resource_path(METAINFO_FILE)).getroot()
    assert component.findtext("id") == DESKTOP_ID
    assert component.findtext("launchable") == f"{DESKTOP_ID}.desktop"
    assert component.findtext("provides/mediatype") == "text/markdown"
    assert resource_path(ICON_SVG).name == f"{DESKTOP_ID}.svg"


def test_the_newest_release_in_the_metainfo_is_the_package_version() -> None:
    component = ElementTree.parse(resource_path(METAINFO_FILE)).getroot()
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == package_version()


def test_every_png_icon_has_the_size_its_folder_names() -> None:
    for size in ICON_PNG_SIZES:
        icon = resource_path(f"icons/hicolor/{size}x{size}/apps/{DESKTOP_ID}.png")
        assert png_size(icon) == (size, size)
    ElementTree.parse(resource_path(ICON_SVG))  # well-formed XML


def test_install_desktop_puts_every_file_where_xdg_desktops_look(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    share = tmp_path / "share"
    expected = [
        share / "applications" / f"{DESKTOP_ID}.desktop",
        share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
        *(share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{DESKTOP_ID}.png" for n in ICON_PNG_SIZES),
    ]
    printed = capsys.readouterr().out.splitlines()
    for path in expected:
        assert path.is_file()
        assert str(path) in printed
    assert (share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").read_bytes() == resource_path(
        METAINFO_FILE
    ).read_bytes()
    if shutil.which("update-desktop-database"):
        # The association with text/markdown is what the cache records.
        cache = (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert f"text/markdown={DESKTOP_ID}.desktop;" in cache


def test_install_desktop_goes_to_xdg_data_home_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["install-desktop", "--user"]) == 0
    assert (tmp_path / "data" / "applications" / f"{DESKTOP_ID}.desktop").is_file()


def test_installing_again_replaces_the_files(tmp_path: Path) -> None:
    first = install_desktop_files(tmp_path, ["/old/article-editor"])
    second = install_desktop_files(tmp_path, ["/new/article-editor"])
    assert first.written == second.written
    entry = desktop_entry((tmp_path / "applications" / f"{DESKTOP_ID}.desktop").read_text(encoding="utf-8"))
    assert entry["Exec"] == "/new/article-editor %F"


def test_the_installed_entry_starts_the_launcher_it_was_installed_from(tmp_path: Path) -> None:
    launcher = ["/opt/My Apps/python", "-m", "editor"]
    text = desktop_entry_text(launcher)
    assert desktop_entry(text)["Exec"] == '"/opt/My Apps/python" -m editor %F'
    installed = tmp_path / f"{DESKTOP_ID}.desktop"
    installed.write_text(text, encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
