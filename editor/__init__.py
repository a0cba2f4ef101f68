"""Article Editor: write and maintain the Markdown articles of a static website."""


def package_version() -> str:
    """The installed package's version (the single source is pyproject.toml)."""
    # importlib.metadata costs ~20 ms to import; only --version and About need it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("article-editor")
    except PackageNotFoundError:
        return "0+unknown"
