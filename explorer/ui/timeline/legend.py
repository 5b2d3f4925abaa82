"""The legend above the timeline: each kind's shape and colour with its name, and what a band
means (a date known only to the month or year)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from explorer.store.columns import KIND_ORDER
from explorer.timeline.frame import GLYPH_SIZE
from explorer.ui.timeline.style import GlyphAtlas, kind_color, outline_color


class LegendBar(QWidget):
    """One row of legend entries: glyph (shape + colour) and the kind's label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        # a narrow window clips the legend rather than forcing the timeline wider
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 0)
        layout.setSpacing(4)
        self.entries: list[tuple[QLabel, QLabel]] = []
        for kind in KIND_ORDER:
            icon, text = QLabel(), QLabel(kind.label[:1].upper() + kind.label[1:])
            text.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(icon)
            layout.addWidget(text)
            layout.addSpacing(8)
            self.entries.append((icon, text))
        self.band_icon, band_text = QLabel(), QLabel("Date known only roughly")
        layout.addWidget(self.band_icon)
        layout.addWidget(band_text)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Redraw the icons (the palette or the screen's pixel ratio changed)."""
        dpr = self.devicePixelRatioF()
        atlas = GlyphAtlas(dpr, outline_color(self.palette()))
        for kind, (icon, _text) in zip(KIND_ORDER, self.entries, strict=True):
            pixmap = atlas.icon_pixmap(kind)
            pixmap.setDevicePixelRatio(dpr)
            icon.setPixmap(pixmap)
            icon.setAccessibleName(f"{kind.label} glyph")
        self.band_icon.setPixmap(_band_pixmap(dpr, self.palette()))
        self.band_icon.setAccessibleName("Band glyph")


def _band_pixmap(dpr: float, palette: QPalette) -> QPixmap:
    w, h = 26, GLYPH_SIZE + 2
    pixmap = QPixmap(int(w * dpr), int(h * dpr))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.scale(dpr, dpr)
    color = kind_color(KIND_ORDER[0])
    fill = QColor(color)
    fill.setAlphaF(0.28)
    painter.fillRect(QRectF(0, 0, w, h), fill)
    painter.fillRect(QRectF(0, 0, 1.5, h), color)
    painter.fillRect(QRectF(w - 1.5, 0, 1.5, h), color)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap
