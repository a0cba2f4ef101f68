"""Draw the application icon's PNG sizes from its SVG, with Qt's own SVG renderer (no other tool needed).

Run from the repository root after changing the SVG: `.venv/bin/python packaging/render_icons.py`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.desktop_integration import DESKTOP_ID, ICON_PNG_SIZES  # noqa: E402

HICOLOR = ROOT / "resources" / "icons" / "hicolor"


def main() -> None:
    """Write resources/icons/hicolor/NxN/apps/<id>.png for every size the desktop files ship."""
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HICOLOR / "scalable" / "apps" / f"{DESKTOP_ID}.svg"))
    if not renderer.isValid():
        raise SystemExit("render_icons: the SVG icon is not valid")
    for size in ICON_PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
