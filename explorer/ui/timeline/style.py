"""How each kind looks on the timeline: a shape AND a colour (colour is never the only cue), the
glyph atlas the timeline stamps from, and the WCAG contrast arithmetic the colours are chosen by."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from explorer.domain.events import EventKind
from explorer.store.columns import KIND_ORDER
from explorer.timeline.frame import GLYPH_SIZE


@dataclass(frozen=True, slots=True)
class KindStyle:
    """Shape name and fill colour of one kind."""

    shape: str
    color: str


# Mid-tone colours (relative luminance about 0.245) keep at least 3:1 contrast against both a
# white base and a dark (#2b2b2b..#353535) base, so one set serves light and dark palettes.
KIND_STYLES: dict[EventKind, KindStyle] = {
    EventKind.SUMMIT: KindStyle("star", "#4988df"),
    EventKind.LEADERS_MEETING: KindStyle("hexagon", "#a06ee5"),
    EventKind.MINISTERIAL_MEETING: KindStyle("circle", "#1e94ab"),
    EventKind.MISSION_MILESTONE: KindStyle("diamond", "#e25a5a"),
    EventKind.TROOP_LEVEL_CHANGE: KindStyle("triangle", "#cf6c25"),
    EventKind.FUND: KindStyle("square", "#1b9c3c"),
    EventKind.AGREEMENT: KindStyle("pentagon", "#dd3fdd"),
    EventKind.UN_RESOLUTION: KindStyle("triangle_down", "#9c861b"),
    EventKind.VISIT: KindStyle("plus", "#1b9883"),
    EventKind.OTHER: KindStyle("cross", "#878787"),
}


def kind_color(kind: EventKind) -> QColor:
    """The fill colour of a kind."""
    return QColor(KIND_STYLES[kind].color)


def _regular(n: int, radius: float, phase: float) -> list[QPointF]:
    return [
        QPointF(
            radius * math.cos(phase + 2 * math.pi * i / n),
            radius * math.sin(phase + 2 * math.pi * i / n),
        )
        for i in range(n)
    ]


def shape_path(shape: str, size: float) -> QPainterPath:
    """The outline of a glyph shape centred on (0, 0), fitting a ``size`` box."""
    r = size / 2
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r * 0.9, r * 0.9)
        return path
    if shape == "square":
        path.addRect(QRectF(-r * 0.8, -r * 0.8, r * 1.6, r * 1.6))
        return path
    if shape in ("plus", "cross"):
        t = r * 0.36
        arm = QPainterPath()
        arm.addRect(QRectF(-r, -t, 2 * r, 2 * t))
        arm.addRect(QRectF(-t, -r, 2 * t, 2 * r))
        arm = arm.simplified()
        if shape == "cross":
            arm = arm * _rotation(45)
        return arm
    points = {
        "diamond": lambda: _regular(4, r, -math.pi / 2),
        "triangle": lambda: _regular(3, r * 1.1, -math.pi / 2),
        "triangle_down": lambda: _regular(3, r * 1.1, math.pi / 2),
        "pentagon": lambda: _regular(5, r, -math.pi / 2),
        "hexagon": lambda: _regular(6, r, 0),
        "star": lambda: [
            p
            for a, b in zip(
                _regular(5, r * 1.05, -math.pi / 2),
                _regular(5, r * 0.45, -math.pi / 2 + math.pi / 5),
                strict=True,
            )
            for p in (a, b)
        ],
    }[shape]()
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()
    return path


def _rotation(degrees: float) -> QTransform:
    return QTransform().rotate(degrees)


class GlyphAtlas:
    """Every kind's glyph rendered once into one pixmap, so a frame stamps all glyphs with one
    ``drawPixmapFragments`` call (one cell per kind, in KIND_ORDER)."""

    def __init__(self, dpr: float, outline: QColor) -> None:
        self.dpr = dpr
        self.cell = math.ceil((GLYPH_SIZE + 4) * dpr)
        self.pixmap = QPixmap(self.cell * len(KIND_ORDER), self.cell)
        self.pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(self.pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(dpr, dpr)
        pen = QPen(outline, 1.0)
        for i, kind in enumerate(KIND_ORDER):
            painter.save()
            painter.translate((i * self.cell + self.cell / 2) / dpr, self.cell / 2 / dpr)
            painter.setPen(pen)
            painter.setBrush(QBrush(kind_color(kind)))
            painter.drawPath(shape_path(KIND_STYLES[kind].shape, GLYPH_SIZE))
            painter.restore()
        painter.end()

    def icon_pixmap(self, kind: EventKind) -> QPixmap:
        """The glyph of one kind as its own pixmap (for the legend)."""
        i = KIND_ORDER.index(kind)
        return self.pixmap.copy(i * self.cell, 0, self.cell, self.cell)


def outline_color(palette: QPalette) -> QColor:
    """Glyph outlines follow the palette's text colour, half transparent."""
    color = QColor(palette.color(QPalette.ColorRole.Text))
    color.setAlphaF(0.55)
    return color
