"""Test-wide set-up: Qt runs offscreen and QtWebEngine without its sandbox, so the suite needs no display."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time, so a submission lands or fails on its own merits; local runs keep
# exploring new examples (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "resources" / "example-site"
SAMPLE_ARTICLE = EXAMPLE_SITE / "content" / "blog" / "mr-scanning.md"


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A writable copy of the bundled example site."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    return site


@pytest.fixture(autouse=True)
def private_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups, recovery files and settings go to a fresh folder per test, never the developer's own."""
    home = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home


GENERATED_ARTICLES = 2000


@pytest.fixture(scope="session")
def generated_site_pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site of 2,000 articles, made once per session; tests that change files copy it
    (generated_site), tests that only read may use it as it is."""
    from benchmarks.generated_site import generate_site

    return generate_site(tmp_path_factory.mktemp("generated") / "site", GENERATED_ARTICLES)


@pytest.fixture
def generated_site(tmp_path: Path, generated_site_pristine: Path) -> Path:
    """A writable copy of the generated 2,000-article site."""
    site = tmp_path / "generated-site"
    shutil.copytree(generated_site_pristine, site)
    return site
