"""The app icon, drawn with QPainter: a teal shop tile under a saffron-and-white awning, with a white T.

``python -m app.ui.icon_art`` writes the PNG sizes and the Windows ``.ico`` into ``resources/icons``;
the app loads those files and falls back to drawing the icon if they are missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath

from app.paths import resources_dir

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
TEAL_TOP, TEAL_BOTTOM = QColor("#0f8a76"), QColor("#075447")
SAFFRON = QColor("#f59e0b")
WHITE = QColor("#ffffff")


def icons_dir() -> Path:
    return resources_dir() / "icons"


def draw_icon(size: int) -> QImage:
    """The icon at ``size`` pixels; small sizes drop the awning's scallops, which would only blur."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    s = float(size)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)

    margin = s * 0.04
    tile = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    radius = s * 0.2
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, TEAL_TOP)
    gradient.setColorAt(1.0, TEAL_BOTTOM)
    clip = QPainterPath()
    clip.addRoundedRect(tile, radius, radius)
    p.fillPath(clip, gradient)
    p.setClipPath(clip)

    # the awning: stripes from the top edge down, with a scalloped lower edge
    top, depth = tile.top(), s * 0.3
    stripes = 5
    width = tile.width() / stripes
    for i in range(stripes):
        x = tile.left() + i * width
        p.setBrush(SAFFRON if i % 2 == 0 else WHITE)
        p.drawRect(QRectF(x, top, width + 0.5, depth))
        if size >= 32:
            scallop = width / 2
            p.drawEllipse(QPointF(x + scallop, top + depth), scallop, scallop * 0.7)

    # the T, built from rectangles so that no font is needed
    p.setBrush(WHITE)
    bar_top, bar_height = s * 0.47, s * 0.12
    corner = s * 0.025
    p.drawRoundedRect(QRectF(s * 0.24, bar_top, s * 0.52, bar_height), corner, corner)
    p.drawRoundedRect(QRectF(s * 0.435, bar_top, s * 0.13, s * 0.87 - bar_top), corner, corner)
    p.end()
    return image


def write_icons(folder: Path | None = None) -> list[Path]:
    """Write ``tavyonix-<size>.png`` for every size and ``tavyonix.ico`` (needs Pillow)."""
    from PIL import Image

    folder = folder or icons_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = folder / f"tavyonix-{size}.png"
        if not draw_icon(size).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    images = [Image.open(folder / f"tavyonix-{size}.png").convert("RGBA") for size in ICO_SIZES]
    ico = folder / "tavyonix.ico"
    images[-1].save(ico, format="ICO", sizes=[(n, n) for n in ICO_SIZES], append_images=images[:-1])
    written.append(ico)
    return written


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv)
    for written_path in write_icons():
        print(written_path)
