"""The one pyqtgraph item that paints the whole timeline in screen coordinates, with batched
QPainter calls from the numpy arrays of a Frame (no graphics item per event, no text item)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray  # numpy-backed QRectF/fragment arrays
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen

from explorer.domain.events import EventKind
from explorer.store.columns import KIND_ORDER
from explorer.timeline.frame import (
    BRACKET_W,
    HALF,
    PLATE_PAD,
    TICK_HALF,
    TITLE_H,
    Frame,
    PixelMapping,
)
from explorer.ui.colour import blend
from explorer.ui.timeline.style import GlyphAtlas, kind_color, outline_color

KIND_COLORS = [kind_color(k) for k in KIND_ORDER]
TROOP_COLOR = KIND_COLORS[KIND_ORDER.index(EventKind.TROOP_LEVEL_CHANGE)]


class TimelineItem(pg.GraphicsObject):
    """Paints the frame the widget computes for the current view; covers the whole view box."""

    def __init__(self, frame_for: Callable[[PixelMapping], Frame], palette: Callable[[], QPalette]):
        super().__init__()
        self._frame_for = frame_for
        self._palette = palette
        self._atlas: GlyphAtlas | None = None
        self._atlas_key: tuple | None = None
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._rects = PrimitiveArray(QRectF, 4)
        self.show_focus = False
        self.dimmed_density = False
        self.title_font = QFont()
        self.title_font.setBold(True)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        self.prepareGeometryChange()

    def mapping_from(self, transform) -> PixelMapping:
        """The day -> pixel mapping of a paint (or of the view) from an item -> device transform."""
        rect = self.boundingRect()
        top_left = transform.map(rect.topLeft())
        bottom_right = transform.map(rect.bottomRight())
        left, right = sorted((top_left.x(), bottom_right.x()))
        top, bottom = sorted((top_left.y(), bottom_right.y()))
        return PixelMapping(transform.m11(), transform.dx(), left, top, right - left, bottom - top)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Draw one frame: lanes, eras, density, spans, bands, steps, glyphs, labels, selection."""
        m = self.mapping_from(painter.transform())
        if m.width < 2 or m.height < 2:
            return
        frame = self._frame_for(m)
        palette = self._palette()
        painter.resetTransform()
        dpr = (
            widget.devicePixelRatioF()
            if widget is not None
            else painter.device().devicePixelRatioF()
        )
        painter.setClipRect(QRectF(m.left, m.top, m.width, m.height))
        self._draw_lanes(painter, frame, palette)
        self._draw_eras(painter, frame, palette)
        self._draw_density(painter, frame, palette)
        self._draw_rects(
            painter, frame.band_rects, frame.band_kind, 0.28, frame.band_brackets, frame.band_dim
        )
        self._draw_rects(painter, frame.bar_rects, frame.bar_kind, 0.85, None, frame.bar_dim)
        self._draw_steps(painter, frame, palette)
        self._draw_glyphs(painter, frame, palette, dpr)
        self._draw_labels(painter, frame, palette)
        self._draw_titles(painter, frame, palette)
        self._draw_selection(painter, frame, palette)

    # -- layers ---------------------------------------------------------------------------------

    def _draw_lanes(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        m = frame.mapping
        stripe = QColor(palette.color(QPalette.ColorRole.AlternateBase))
        line = QColor(palette.color(QPalette.ColorRole.Mid))
        for i, lf in enumerate(frame.lanes):
            if i % 2:
                painter.fillRect(QRectF(m.left, lf.top, m.width, lf.bottom - lf.top), stripe)
            if i:
                painter.fillRect(QRectF(m.left, lf.top, m.width, 1.0), line)

    def _draw_eras(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        m = frame.mapping
        for n, (x0, x1, _i) in enumerate(frame.era_spans):
            shade = QColor(palette.color(QPalette.ColorRole.Highlight))
            shade.setAlphaF(0.07 if n % 2 == 0 else 0.12)
            painter.fillRect(QRectF(x0, m.top, x1 - x0, m.height), shade)

    def _draw_era_labels(self, painter: QPainter, frame: Frame, palette: QPalette, after: float):
        """Era names in the top lane's title strip, where the frame left room for them (event
        labels placed there keep clear of them)."""
        if not frame.lanes:
            return
        font = QFont()
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        fm = painter.fontMetrics()
        baseline = frame.lanes[0].top + TITLE_H - 4
        for x, room, i in frame.era_label_rects:
            if i < len(self.era_titles):
                label = fm.elidedText(self.era_titles[i], Qt.TextElideMode.ElideRight, int(room))
                painter.drawText(QPointF(x, baseline), label)
        painter.setFont(QFont())

    era_titles: list[str] = []

    def _draw_density(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        """One bar per pixel column, height by the square root of the count (so sparse columns
        still show), filled opaque (pre-blended with the base): a solid fill is the cheapest."""
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        weight = 0.45 if self.dimmed_density else 1.0
        points = QBrush(blend(highlight, base, 0.8 * weight))
        spans = QBrush(blend(highlight, base, 0.45 * weight))  # long spans: the lighter bars
        painter.setPen(Qt.PenStyle.NoPen)
        m = frame.mapping
        for lf in frame.lanes:
            for counts, (top, bottom), brush in (
                (lf.density, lf.density_box, points),
                (lf.span_density, lf.span_density_box, spans),
            ):
                if counts is not None and len(counts) and bottom - top >= 2:
                    painter.setBrush(brush)
                    self._fill_rects(painter, density_bars(counts, m.left, top, bottom - top))

    def _draw_rects(
        self, painter: QPainter, rects: np.ndarray, kinds: np.ndarray, alpha: float, brackets, dim
    ) -> None:
        if not len(rects):
            return
        painter.setPen(Qt.PenStyle.NoPen)
        # while searching, the spans that do not match are faded like their glyphs
        groups = kinds.astype(np.int64) * 2 + (dim if len(dim) == len(kinds) else 0)
        # the kinds present, without np.unique (its first call imports numpy.ma mid-frame)
        for group in np.flatnonzero(np.bincount(groups, minlength=1)):
            code, faded = divmod(int(group), 2)
            chosen = groups == group
            sel = rects[chosen]
            color = QColor(KIND_COLORS[code])
            color.setAlphaF(alpha * (0.3 if faded else 1.0))
            painter.setBrush(QBrush(color))
            # overlapping bars of one kind in one row are painted as their union: the fill
            # cost stays bounded by rows x width however many spans cross the window
            self._fill_rects(painter, union_by_row(sel))
            if brackets is not None:  # the rough ends of a band, as brackets, where it is wide
                ends = self._brackets(sel, brackets[chosen])
                color.setAlphaF(0.3 if faded else 1.0)
                painter.setBrush(QBrush(color))
                self._fill_rects(painter, ends)

    @staticmethod
    def _brackets(rects: np.ndarray, flags: np.ndarray) -> np.ndarray:
        """Rects of the brackets at the ends flagged rough (the frame's mark rects)."""
        wide = rects[:, 2] >= 6.0
        left, right = rects[wide & flags[:, 0]].copy(), rects[wide & flags[:, 1]].copy()
        right[:, 0] = right[:, 0] + right[:, 2] - BRACKET_W
        ends = np.concatenate([left, right])
        ends[:, 2] = BRACKET_W
        return ends

    def _fill_rects(self, painter: QPainter, rects: np.ndarray) -> None:
        """One drawRects call from a numpy array, snapped to whole pixels (Qt's raster engine
        fills aligned rects directly and fractional ones as polygons, several times slower)."""
        self._rects.resize(len(rects))
        out = self._rects.ndarray()
        x0, y0 = np.round(rects[:, 0]), np.round(rects[:, 1])
        out[:, 0], out[:, 1] = x0, y0
        out[:, 2] = np.maximum(1.0, np.round(rects[:, 0] + rects[:, 2]) - x0)
        out[:, 3] = np.maximum(1.0, np.round(rects[:, 1] + rects[:, 3]) - y0)
        painter.drawRects(*self._rects.drawargs())

    def _draw_steps(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        if len(frame.step_points):
            pen = QPen(TROOP_COLOR, 2.0)
            painter.setPen(pen)
            pts = frame.step_points
            breaks = np.flatnonzero(np.isnan(pts[:, 0]))
            for part in np.split(pts, breaks):
                part = part[~np.isnan(part[:, 0])]
                if len(part) > 1:
                    painter.drawPolyline([QPointF(x, y) for x, y in part])
        if frame.commitment_marks:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1.5))
            for x, y, _i in frame.commitment_marks:
                painter.drawLine(QPointF(x, y - TICK_HALF), QPointF(x, y + TICK_HALF))
        if len(frame.gap_lines):  # no figure sourced: the level is not held, only hinted at
            faded = QColor(TROOP_COLOR)
            faded.setAlphaF(0.5)
            painter.setPen(QPen(faded, 1.0, Qt.PenStyle.DashLine))
            for x0, x1, y in frame.gap_lines:
                painter.drawLine(QPointF(x0, y), QPointF(x1, y))

    def _draw_glyphs(self, painter: QPainter, frame: Frame, palette: QPalette, dpr: float) -> None:
        n = len(frame.glyph_pos)
        if not n:
            return
        key = (dpr, outline_color(palette).rgba())
        if self._atlas_key != key:
            self._atlas, self._atlas_key = GlyphAtlas(dpr, outline_color(palette)), key
        atlas = self._atlas
        self._fragments.resize(n)
        frags = self._fragments.ndarray()
        frags[:, 0] = frame.glyph_x
        frags[:, 1] = frame.glyph_y
        frags[:, 2] = frame.glyph_kind.astype(np.float64) * atlas.cell
        frags[:, 3] = 0
        frags[:, 4:6] = atlas.cell
        frags[:, 6:8] = 1.0 / dpr
        frags[:, 8] = 0.0
        frags[:, 9] = np.where(frame.glyph_dim, 0.22, 1.0)
        painter.drawPixmapFragments(*self._fragments.drawargs(), atlas.pixmap)

    def _draw_labels(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        if not frame.label_text:
            return
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlphaF(0.7)  # keeps text readable where it crosses bars and band brackets
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(plate)
        self._fill_rects(painter, frame.label_rects + np.array([-1.0, 1.0, 2.0, -2.0]))
        text_color = palette.color(QPalette.ColorRole.Text)
        faded = blend(text_color, palette.color(QPalette.ColorRole.Base), 0.35)
        fm = painter.fontMetrics()
        baseline = (fm.ascent() - fm.descent()) / 2
        dim = frame.label_dim if len(frame.label_dim) == len(frame.label_text) else None
        for i, ((x, y, _w, h), text) in enumerate(
            zip(frame.label_rects, frame.label_text, strict=True)
        ):
            painter.setPen(faded if dim is not None and dim[i] else text_color)
            painter.drawText(QPointF(x, y + h / 2 + baseline), text)

    def _draw_titles(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        m = frame.mapping
        painter.setFont(self.title_font)
        fm = painter.fontMetrics()
        plate = QColor(palette.color(QPalette.ColorRole.Base))
        plate.setAlphaF(0.85)
        first_title_end = m.left
        for n, lf in enumerate(frame.lanes):
            title = lf.lane.label
            w = fm.horizontalAdvance(title) + 8
            painter.fillRect(QRectF(m.left, lf.top + 1, w, TITLE_H - 2), plate)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QPointF(m.left + 4, lf.top + TITLE_H - 4), title)
            if n == 0:
                first_title_end = m.left + w
        painter.setFont(QFont())
        self._draw_era_labels(painter, frame, palette, first_title_end)

    def _draw_selection(self, painter: QPainter, frame: Frame, palette: QPalette) -> None:
        point = frame.selected_xy
        if point is None:
            return
        x, y = point
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(highlight, 2.5))
        painter.drawEllipse(QPointF(x, y), HALF + 2.5, HALF + 2.5)
        if self.show_focus:  # keyboard focus: a dashed ring in the text colour around the halo
            pen = QPen(palette.color(QPalette.ColorRole.Text), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            r = HALF + 4
            painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._draw_selected_title(painter, frame, palette, x, y)

    def _draw_selected_title(
        self, painter: QPainter, frame: Frame, palette: QPalette, x: float, y: float
    ) -> None:
        """The selected event's title on the plate the frame placed beside its glyph (the labels
        it would cover were left out of the frame)."""
        if frame.plate_rect is None:
            return
        left, top, width, height = frame.plate_rect
        plate = QRectF(left, top, width, height)
        painter.fillRect(plate, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
        painter.drawRect(plate)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        fm = painter.fontMetrics()
        baseline = (fm.ascent() - fm.descent()) / 2
        painter.drawText(QPointF(left + PLATE_PAD, top + height / 2 + baseline), frame.plate_text)


def density_bars(counts: np.ndarray, left: float, top: float, height: float) -> np.ndarray:
    """Rects [x, y, w, h] of one bar per pixel column (height by the square root of the count,
    so sparse columns still show), in steps of 3 px with neighbouring equal bars merged: far
    fewer rects than columns, and a rect costs more than its pixels."""
    levels = max(4, int(height // 3))
    level = np.ceil(np.sqrt(counts / max(int(counts.max()), 1)) * levels)
    starts = np.r_[0, np.flatnonzero(np.diff(level)) + 1]
    runs = np.diff(np.r_[starts, len(level)])
    keep = level[starts] > 0
    starts, runs, bars = starts[keep], runs[keep], level[starts[keep]] * (height / levels)
    rects = np.empty((len(starts), 4))
    rects[:, 0] = np.floor(left) + starts
    rects[:, 1] = np.floor(top + height) - bars
    rects[:, 2] = runs
    rects[:, 3] = bars
    return rects


def union_by_row(rects: np.ndarray) -> np.ndarray:
    """Rects [x, y, w, h] merged where they overlap within one row (same y and h)."""
    if len(rects) < 2:
        return rects
    order = np.lexsort((rects[:, 0], rects[:, 3], rects[:, 1]))
    r = rects[order]
    x0, x1 = r[:, 0], r[:, 0] + r[:, 2]
    same_row = np.r_[False, (r[1:, 1] == r[:-1, 1]) & (r[1:, 3] == r[:-1, 3])]
    # a new run starts at a row change or where a bar begins after everything before it ended
    reach = np.empty_like(x1)
    out = []
    starts = np.flatnonzero(~same_row)
    for a, b in zip(starts, np.r_[starts[1:], len(r)], strict=True):
        reach[a:b] = np.maximum.accumulate(x1[a:b])
        new = np.r_[True, x0[a + 1 : b] > reach[a : b - 1]]
        first = np.flatnonzero(new) + a
        last = np.r_[first[1:], b] - 1
        merged = r[first].copy()
        merged[:, 2] = reach[last] - x0[first]
        out.append(merged)
    return np.vstack(out)
