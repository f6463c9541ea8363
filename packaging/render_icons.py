"""Render packaging/icons/dume.svg to the PNG sizes the desktops want.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Run it after editing the SVG; the PNGs are committed beside it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path = ICONS / "dume.svg", out: Path = ICONS) -> list[Path]:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: SVG illisible")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"dume-{size}.png"
        image.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    application = QGuiApplication([])
    render()
