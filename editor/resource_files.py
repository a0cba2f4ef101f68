"""The one way to read the bundled resources/ folder, in a source checkout, an installed wheel or a frozen build."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path, PurePosixPath


def resource_path(relative: str) -> Path:
    """The file system path of `relative` inside resources/; refuses absolute paths and `..`."""
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise ValueError(f"not a resource path: {relative!r}")
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root, "resources", *parts.parts)
    root = resources.files("editor.resources")
    return Path(str(root.joinpath(*parts.parts)))


def read_resource_text(relative: str) -> str:
    """The UTF-8 text of a resource file."""
    return resource_path(relative).read_text(encoding="utf-8")
