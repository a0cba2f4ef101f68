"""Take docs/screenshot-review.png and docs/screenshot-review-rendered.png: File > Review Changes on a git repository of the example site, where
the sample article was edited and given a new image that is not yet in git, and a new image no article uses.

Run `xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshot_review.py` (or on a desktop
without xvfb-run): the source changes, then the rendered before and after. `--language da` takes the
Danish ones, docs/screenshot-review-da.png and docs/screenshot-review-da-rendered.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = Path("content/blog/mr-scanning.md")
IMAGES = Path("public/images/blog")
# A little after both pages reported loaded, so Chromium has painted them.
PAINT_DELAY_MS = 800


def make_repository(site: Path) -> None:
    """The example site committed, then edited as a writer would before the next commit."""
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(site.parent),
        "GIT_AUTHOR_NAME": "Writer",
        "GIT_AUTHOR_EMAIL": "writer@example.org",
        "GIT_COMMITTER_NAME": "Writer",
        "GIT_COMMITTER_EMAIL": "writer@example.org",
    }
    for arguments in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "The site"]):
        subprocess.run(["git", *arguments], cwd=site, env=env, check=True)
    article = site / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace(
        "Men er det fornuftigt?",
        "Men er det altid fornuftigt at blive scannet?\n\n"
        "![Ventesalen før scanningen](/images/blog/ventesal.png)",
    )
    text = text.replace("skabe tryghed hos patienten", "give patienten ro i maven")
    text = text.replace("lastUpdated: 04-06-2025", "lastUpdated: 12-06-2025")
    article.write_text(text, encoding="utf-8")
    shutil.copy(site / IMAGES / "mrscanning_konsekvenser_svar.png", site / IMAGES / "ventesal.png")
    shutil.copy(site / IMAGES / "mrscanning_konsekvenser_intro.png", site / IMAGES / "udkast.png")


def main() -> int:
    """Open the window on the edited article, open the review and save a PNG of it once both renders show."""
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    output = (
        ROOT / "docs" / ("screenshot-review.png" if language == "en" else f"screenshot-review-{language}.png")
    )
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
        make_repository(site)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1500, 920)
        window.show()
        window.open_path(site / ARTICLE)
        window.review.open_review()
        dialog = window.review.dialog
        assert dialog is not None
        dialog.resize(1560, 960)
        dialog.message.setPlainText("MR-scanning: ventesalen og et nyt billede")
        loaded: list[bool] = []

        def capture() -> None:
            dialog.grab().save(str(output))
            print(output)
            dialog.tabs.setCurrentWidget(dialog.rendered)
            QTimer.singleShot(PAINT_DELAY_MS, capture_rendered)

        def capture_rendered() -> None:
            rendered = output.with_name(output.stem + "-rendered.png")
            dialog.grab().save(str(rendered))
            print(rendered)
            app.quit()

        def on_loaded(_ok: bool) -> None:
            loaded.append(True)
            if len(loaded) == 2:
                QTimer.singleShot(PAINT_DELAY_MS, capture)

        dialog.rendered.before.page.loadFinished.connect(on_loaded)
        dialog.rendered.after.page.loadFinished.connect(on_loaded)
        # Render once more now that the views are connected, so both loads are seen.
        dialog.refresh()
        QTimer.singleShot(60_000, app.quit)
        app.exec()
        window.close()
    return 0 if output.exists() else 1


if __name__ == "__main__":
    sys.exit(main())
