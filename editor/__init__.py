"""Article Editor: write and maintain the Markdown articles of a static website."""

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    """The installed package's version (the single source is pyproject.toml)."""
    try:
        return version("article-editor")
    except PackageNotFoundError:
        return "0+unknown"
