"""Take docs/screenshot.png: the window on the example site's sample article, as a new user first sees it.

Run `make screenshot` (it starts a virtual X server with xvfb-run) or, on a desktop, `python docs/screenshot.py`.
`--language da` takes docs/screenshot-da.png, the Danish UI.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Open the window on a copy of the example site, wait for the preview, save a PNG of the window."""
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    output = ROOT / "docs" / ("screenshot.png" if language == "en" else f"screenshot-{language}.png")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.app import install_translators
    from editor.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "example-site"
        shutil.copytree(ROOT / "resources" / "example-site", site)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1500, 920)
        window.show()
        window.open_path(site / "content" / "blog" / "mr-scanning.md")

        def capture() -> None:
            window.grab().save(str(output))
            print(output)
            app.quit()

        # The preview says when its page shows the article; a fallback keeps a broken preview from hanging.
        window.preview.rendered.connect(lambda: QTimer.singleShot(600, capture))
        QTimer.singleShot(20_000, capture)
        app.exec()
        window.preview.shut_down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
