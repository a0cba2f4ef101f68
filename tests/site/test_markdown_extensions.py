"""A site's Python-Markdown extensions: read from mkdocs.yml or article-editor.toml, loaded from the allowlist
only, with their options, in the preview worker and `render`; the rest named in `check`, never imported."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

from editor.cli import main
from editor.render.flavours import Flavour
from editor.render.markdown_renderer import render_body
from editor.site.config import load_site
from editor.site.markdown_extensions import (
    BUILT_IN_FIXED,
    BUILT_IN_WHOLE_DOCUMENT_OPTIONS,
    BUILT_IN_WITH_OPTIONS,
    CHUNK_SAFE_EXTENSIONS,
    WHOLE_DOCUMENT_EXTENSIONS,
    ExtensionRequest,
    resolve_extensions,
)
from editor.ui.preview.render_protocol import RenderRequest, SiteMessage
from editor.ui.preview.render_worker import PagePatcher
from tests.render.helpers import top_level_elements

MKDOCS_YML = (
    "site_name: x\n"
    "markdown_extensions:\n"
    "  - admonition\n"
    "  - toc:\n"
    "      permalink: true\n"
    "  - pymdownx.details\n"
    "  - evil.module\n"
)
BODY = '# Intro\n\n!!! note "Heads up"\n    Read *this*.\n\n??? tip\n    Hidden.\n\n## Intro\n\nText.\n'
ARTICLE = "---\ntitle: T\n---\n" + BODY
_DATA_LINE_RE = re.compile(r' data-line="\d+"')


@pytest.fixture
def evil_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An importable `evil.module` that fails loudly if anything imports it."""
    package = tmp_path / "importable" / "evil"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise RuntimeError('evil was imported')\n", encoding="utf-8")
    (package / "module.py").write_text("raise RuntimeError('evil.module was imported')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(package.parent))
    yield
    assert "evil" not in sys.modules
    assert "evil.module" not in sys.modules


@pytest.fixture
def mkdocs_site(tmp_path: Path) -> Path:
    site = tmp_path / "mkdocs-site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (site / "docs" / "page.md").write_text(ARTICLE, encoding="utf-8")
    return site


def python_markdown_itself(text: str) -> str:
    """The independent truth: Python-Markdown with the site's loadable extensions, built directly."""
    return markdown.markdown(
        text,
        extensions=["admonition", "toc", "pymdownx.details"],
        extension_configs={"toc": {"permalink": True}},
    )


def test_the_preview_worker_renders_with_the_sites_extensions(mkdocs_site: Path, evil_on_path: None) -> None:
    site = load_site(mkdocs_site)
    assert site.markdown.flavour is Flavour.PYTHON_MARKDOWN
    patcher = PagePatcher()
    patcher.set_site(SiteMessage(site, mkdocs_site / "docs" / "page.md"))
    script = patcher.patch(RenderRequest(1, ARTICLE, reset=True)).script
    assert 'class=\\"admonition note' in script  # JSON inside the script
    assert "<details" in script
    rendered = render_body(BODY, extensions=site.markdown.loaded_extensions()).html
    # The sanitizer writes characters where Python-Markdown writes entities (&para;): compare the text.
    ours = [html.unescape(element) for element in top_level_elements(_DATA_LINE_RE.sub("", rendered))]
    assert ours == [html.unescape(element) for element in top_level_elements(python_markdown_itself(BODY))]


def test_render_writes_the_sites_extensions_and_check_names_what_it_left_out(
    mkdocs_site: Path, evil_on_path: None, capsys: pytest.CaptureFixture[str]
) -> None:
    page = mkdocs_site / "docs" / "page.md"
    assert main(["render", str(page)]) == 0
    out = capsys.readouterr().out
    assert '<div class="admonition note">' in out
    assert '<a class="headerlink" href="#intro_1" title="Permanent link">' in out
    main(["check", str(page)])
    err = capsys.readouterr().err
    root = mkdocs_site.resolve()
    assert f"# {root}: Markdown is Python-Markdown (mkdocs.yml)\n" in err
    assert (
        f"# {root}: evil.module is not loaded: the preview loads only Python-Markdown's and "
        "pymdown-extensions' own extensions\n"
    ) in err
    assert "Traceback" not in err


def test_article_editor_toml_lists_win_over_mkdocs_yml(mkdocs_site: Path) -> None:
    config = mkdocs_site / "article-editor.toml"
    config.write_text(
        'content = ["docs"]\nmarkdown_extensions = ["def_list", {abbr = {}}]\n', encoding="utf-8"
    )
    assert load_site(mkdocs_site).markdown.extension_names == ("def_list", "abbr")
    # Without a list of its own, the toml's Python-Markdown takes mkdocs.yml's.
    config.write_text('content = ["docs"]\nmarkdown = "python-markdown"\n', encoding="utf-8")
    flavour = load_site(mkdocs_site).markdown
    assert (flavour.source, flavour.extension_names[0]) == ("article-editor.toml", "admonition")


def test_toml_extension_options_reach_the_renderer(example_site: Path) -> None:
    config = example_site / "article-editor.toml"
    config.write_text(
        'markdown = "python-markdown"\nmarkdown_extensions = [{toc = {permalink = "#"}}]\n'
        + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    extensions = load_site(example_site).markdown.loaded_extensions()
    assert 'title="Permanent link">#</a>' in render_body("## A", extensions=extensions).html


def test_a_malformed_toml_list_is_a_config_error(example_site: Path) -> None:
    config = example_site / "article-editor.toml"
    config.write_text("markdown_extensions = [1]\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(Exception, match="markdown_extensions must be a list of extension names"):
        load_site(example_site)


@pytest.mark.parametrize(
    ("request_", "note"),
    [
        (
            ExtensionRequest("toc", {"toc_depth": [1]}),
            "toc is left out: option toc_depth should be text or a number",
        ),
        (ExtensionRequest("admonition", {"bogus": 1}), "admonition is left out: "),
        (
            ExtensionRequest("smarty", {"substitutions": "x"}),
            "smarty is left out: option substitutions should be a map",
        ),
        (
            ExtensionRequest("pymdownx.snippets"),
            "pymdownx.snippets is not loaded: it reads files or the network",
        ),
        (ExtensionRequest("pymdownx.b64"), "pymdownx.b64 is not loaded: it reads files or the network"),
        (ExtensionRequest("markdown.extensions.toc:TocExtension"), "is not loaded: the preview loads only"),
        (ExtensionRequest("os"), "os is not loaded"),
        (ExtensionRequest("toc", {"marker": "[TOC]"}), "toc: option marker is not used by the preview"),
        (ExtensionRequest("footnotes", {"SEPARATOR": "-"}), "footnotes: option SEPARATOR is not used"),
        (
            ExtensionRequest("pymdownx.emoji", {}, ("emoji_index",)),
            "pymdownx.emoji: option emoji_index names Python code; left at its default",
        ),
        # A default of None says nothing of the type: the trial render, which has tabs, finds it.
        (
            ExtensionRequest("pymdownx.tabbed", {"alternate_style": True, "slugify": "os.system"}),
            "pymdownx.tabbed is left out: ",
        ),
    ],
)
def test_what_is_left_out_gets_one_line_saying_why(request_: ExtensionRequest, note: str) -> None:
    resolved = resolve_extensions((request_,))
    messages = [entry.message for entry in resolved.notes]
    assert len(messages) == 1 and note in messages[0] and "\n" not in messages[0]
    if not request_.unreadable:
        assert all(not loaded.module.endswith(request_.name) for loaded in resolved.added)


def test_mkdocs_python_tags_are_left_at_their_default_and_never_run(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  pymdownx.emoji:\n    emoji_index: !!python/name:os.system\n"
        "    options:\n      attributes:\n        - !!python/name:os.system\n",
        encoding="utf-8",
    )
    (request_,) = load_site(tmp_path).markdown.extensions
    assert request_ == ExtensionRequest("pymdownx.emoji", {}, ("emoji_index", "options"))
    assert [loaded.module for loaded in resolve_extensions((request_,)).added] == ["pymdownx.emoji"]


def test_short_and_dotted_names_and_bundles(evil_on_path: None) -> None:
    resolved = resolve_extensions(
        (ExtensionRequest("markdown.extensions.admonition"), ExtensionRequest("extra"))
    )
    modules = {loaded.module for loaded in resolved.added}
    assert {
        "markdown.extensions.admonition",
        "markdown.extensions.def_list",
        "markdown.extensions.abbr",
    } <= modules
    # The bundle's footnotes and fenced code are the preview's own, never registered twice.
    assert "markdown.extensions.footnotes" not in modules
    assert resolved.whole_document and not resolved.notes


def test_every_allowlisted_extension_loads_and_none_reads_files() -> None:
    names = CHUNK_SAFE_EXTENSIONS | WHOLE_DOCUMENT_EXTENSIONS | BUILT_IN_WITH_OPTIONS
    resolved = resolve_extensions(tuple(ExtensionRequest(name) for name in sorted(names)))
    assert not resolved.notes
    assert {loaded.module for loaded in resolved.added} == CHUNK_SAFE_EXTENSIONS | WHOLE_DOCUMENT_EXTENSIONS
    assert not (BUILT_IN_FIXED | BUILT_IN_WHOLE_DOCUMENT_OPTIONS) & {"pymdownx.snippets", "pymdownx.b64"}


def test_a_pelican_site_keeps_the_default_set(tmp_path: Path) -> None:
    # pelicanconf.py is Python; its MARKDOWN setting would need running it.
    (tmp_path / "pelicanconf.py").write_text("raise SystemExit('ran')\n", encoding="utf-8")
    flavour = load_site(tmp_path).markdown
    assert flavour.extensions == () and flavour.loaded_extensions().added == ()


@pytest.mark.parametrize(
    ("names", "text"),
    [
        # generic: false makes arithmatex write <script type="math/tex">.
        ([ExtensionRequest("pymdownx.arithmatex", {"generic": False})], "$$\nx\n$$\n\nand $y$"),
        ([ExtensionRequest("md_in_html")], '<div markdown="1">\n*a*\n<script>alert(1)</script>\n</div>'),
        ([ExtensionRequest("attr_list")], "para\n{: onclick=alert(1) style=color:red }"),
        ([ExtensionRequest("pymdownx.magiclink")], "see javascript:alert(1) and https://example.com/x.png"),
    ],
)
def test_security_extension_output_still_goes_through_the_sanitizer(
    names: list[ExtensionRequest], text: str
) -> None:
    resolved = resolve_extensions(tuple(names))
    assert resolved.added and not resolved.notes
    rendered = render_body(text, extensions=resolved).html
    assert "<script" not in rendered
    assert "onclick" not in rendered and "style=" not in rendered
    assert 'href="javascript' not in rendered
