"""Every resources/ folder whose name could be a Python package is listed in pyproject.toml's packages;
setuptools warns at each install ("Package would be ignored") about any it finds unlisted."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_resource_folders_that_look_like_packages_are_listed() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    resources = ROOT / "resources"
    looking_like_packages = set()
    for folder in resources.rglob("*"):
        if not folder.is_dir() or "__pycache__" in folder.parts:
            continue
        parts = folder.relative_to(resources).parts
        # setuptools takes a folder for a package when it and every folder above it are identifiers.
        if all(part.isidentifier() for part in parts) and any(child.is_file() for child in folder.iterdir()):
            looking_like_packages.add(".".join(("editor", "resources", *parts)))
    assert looking_like_packages - listed == set()
