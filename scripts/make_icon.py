"""Render the application icon (resources/icons/handbook.svg) to PNG sizes with Qt's SVG renderer.

Run after editing the SVG: `.venv/bin/python scripts/make_icon.py`. The PNGs are committed so
neither the app nor the packaging needs an SVG renderer at run time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    app = QGuiApplication(sys.argv)  # noqa: F841 (QImage painting needs an application)
    renderer = QSvgRenderer(str(ICONS / "handbook.svg"))
    if not renderer.isValid():
        raise SystemExit("handbook.svg could not be read")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"handbook-{size}.png"))
        print(f"handbook-{size}.png")


if __name__ == "__main__":
    main()
