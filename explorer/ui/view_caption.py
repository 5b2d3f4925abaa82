"""The caption under an exported view: the range shown and the store's name."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from explorer.domain.dates import FuzzyDate, Precision
from explorer.locations import APP_NAME
from explorer.store.formats import store_title


def view_caption(window) -> str:
    """'1 January 2014 – 31 December 2016 · events.sqlite3'."""
    first, last = window.view_state.visible_range
    start, end = math.floor(first), max(math.ceil(last), math.floor(first) + 1)
    shown = FuzzyDate(start, end, Precision.DAY_RANGE).exact_text()
    return f"{shown} · {store_title(window.store)}"


def _caption_height(widget: QWidget) -> int:
    return QFontMetrics(_caption_font(widget)).height() + 12


def _caption_font(widget: QWidget) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(font.pointSizeF(), 9.0))
    return font


def _paint_caption(painter: QPainter, widget: QWidget, top: int, text: str) -> None:
    palette = widget.palette()
    band = QRect(0, top, widget.width(), _caption_height(widget))
    painter.fillRect(band, palette.color(QPalette.ColorRole.Window))
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    painter.setFont(_caption_font(widget))
    # drawn as plain text: a store's name is never read as markup here
    painter.drawText(QRectF(band.adjusted(8, 0, -8, 0)), Qt.AlignmentFlag.AlignVCenter, text)


def captioned_image(widget: QWidget, text: str) -> QImage:
    """The widget as pixels, with the caption in a band below it."""
    shot = widget.grab()
    ratio = shot.devicePixelRatio()
    height = widget.height() + _caption_height(widget)
    image = QImage(
        round(widget.width() * ratio), round(height * ratio), QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(ratio)
    painter = QPainter(image)
    painter.drawPixmap(QPoint(0, 0), shot)
    _paint_caption(painter, widget, widget.height(), text)
    painter.end()
    return image


def write_captioned_svg(widget: QWidget, text: str, path: Path) -> bool:
    """The widget as an SVG drawing, with the caption as text below it."""
    height = widget.height() + _caption_height(widget)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(widget.width(), height))
    generator.setViewBox(QRect(0, 0, widget.width(), height))
    generator.setTitle(APP_NAME)
    generator.setDescription(f"Timeline exported from {APP_NAME}: {text}")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    try:
        widget.render(painter, QPoint())
        _paint_caption(painter, widget, widget.height(), text)
    finally:
        painter.end()
    return path.exists() and path.stat().st_size > 0
