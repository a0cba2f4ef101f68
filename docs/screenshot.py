"""Take docs/screenshot.png: the window on the example site's sample article, as a new user first sees it.

Run `make screenshot` (it starts a virtual X server with xvfb-run) or, on a desktop, `python docs/screenshot.py`.
`--language da` takes docs/screenshot-da.png, the Danish UI. `--scroll-sync` takes docs/screenshot-scroll-sync.png:
a long article with words being typed into a paragraph in its middle, which the preview keeps in view.
`--dark` takes docs/screenshot-dark.png: the dark theme, with the outline and the spelling marks.
`--workspace` takes docs/screenshot-workspace.png: a generated site of 2,000 articles open as a workspace,
its article list filtered to one topic and sorted by date, two articles in tabs, the site's problems below.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Typed into the long article's middle paragraph for --scroll-sync, a key every TYPING_INTERVAL_MS.
TYPED_WORDS = " Her skriver jeg lige nu, og afsnittet står i forhåndsvisningen."
TYPING_INTERVAL_MS = 40
SCROLL_SYNC_PARAGRAPH = "Men samtidig beskrev flere også"


def main() -> int:
    """Open the window on a copy of the example site, wait for the preview, save a PNG of the window."""
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    scroll_sync = "--scroll-sync" in sys.argv
    workspace = "--workspace" in sys.argv
    output = ROOT / "docs" / ("screenshot.png" if language == "en" else f"screenshot-{language}.png")
    if scroll_sync:
        output = ROOT / "docs" / "screenshot-scroll-sync.png"
    dark = "--dark" in sys.argv
    if dark:
        output = ROOT / "docs" / "screenshot-dark.png"
    if workspace:
        output = ROOT / "docs" / "screenshot-workspace.png"
    # This checkout's editor (and benchmarks' article generator), whatever else is installed.
    sys.path.insert(0, str(ROOT))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.app import install_translators
    from editor.ui.workspace.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "example-site"
        shutil.copytree(ROOT / "resources" / "example-site", site)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        if dark:
            settings.setValue("view/theme", "dark")
        window = MainWindow(settings)
        if dark:
            window.writing_tools.outline_dock.show()
        window.resize(1500, 920)
        window.show()
        article = site / "content" / "blog" / "mr-scanning.md"
        if scroll_sync:
            from benchmarks.corpus import large_article

            article = article.with_name("lang-artikel.md")
            article.write_text(large_article(100_000), encoding="utf-8")
        if workspace:
            article = _open_workspace(window, Path(folder))
        else:
            window.open_path(article)

        taken: list[Path] = []

        def capture() -> None:
            if taken:
                return
            taken.append(output)
            window.grab().save(str(output))
            print(output)
            app.quit()

        def when_rendered(then: Callable[[], None]) -> None:
            def once() -> None:
                window.preview.rendered.disconnect(once)
                then()

            window.preview.rendered.connect(once)

        def type_into_middle() -> None:
            from PySide6.QtGui import QTextCursor
            from PySide6.QtTest import QTest

            editor = window.editor
            lines = editor.text().splitlines()
            line = next(
                n for n in range(len(lines) // 2, len(lines)) if lines[n].startswith(SCROLL_SYNC_PARAGRAPH)
            )
            cursor = QTextCursor(editor.document().findBlockByNumber(line))
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            editor.setFocus()
            editor.setTextCursor(cursor)
            editor.centerCursor()
            keys = iter(TYPED_WORDS)

            def next_key() -> None:
                key = next(keys, None)
                if key is None:
                    when_rendered(lambda: QTimer.singleShot(600, capture))
                    return
                QTest.keyClicks(editor, key)
                QTimer.singleShot(TYPING_INTERVAL_MS, next_key)

            next_key()

        # The preview says when its page shows the article; a fallback keeps a broken preview from hanging.
        def scrolled_then_capture() -> None:
            # A paragraph with marked words in view (the sample quotes English in Danish).
            window.editor.go_to_line(32)
            window.editor.centerCursor()
            QTimer.singleShot(1500, capture)

        after_render = type_into_middle if scroll_sync else scrolled_then_capture if dark else capture
        when_rendered(lambda: QTimer.singleShot(600, after_render))
        QTimer.singleShot(30_000, capture)
        app.exec()
        window.preview.shut_down()
    return 0


def _open_workspace(window: object, folder: Path) -> Path:
    """A generated 2,000-article site as a user sees it after choosing a topic and opening two articles."""
    from PySide6.QtCore import Qt

    from benchmarks.generated_site import generate_site

    site = generate_site(folder / "site", 2000)
    window.resize(1600, 1000)  # type: ignore[attr-defined]
    window.open_path(site)  # type: ignore[attr-defined]
    sidebar = window.sidebar  # type: ignore[attr-defined]
    sidebar.filter_field.setText("knæ")
    sidebar.table.sortByColumn(sidebar.model.column_number("date"), Qt.SortOrder.DescendingOrder)
    shown = sidebar.shown_articles()
    window.open_path(shown[3].path)  # type: ignore[attr-defined]
    window.open_path(shown[0].path)  # type: ignore[attr-defined]
    sidebar.select(shown[0].relative)
    window.site_problems_dock.raise_()  # type: ignore[attr-defined]
    return shown[0].path


if __name__ == "__main__":
    sys.exit(main())
