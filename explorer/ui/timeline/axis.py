"""A date axis over day numbers whose labels adapt to the zoom: decades, years, months, days."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPicture

from explorer.domain.binning import date_ticks

_TEXT_FLAGS = int(
    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
)


class DateAxis(pg.AxisItem):
    """Bottom axis of the timeline; ticks come from :func:`explorer.domain.binning.date_ticks`.

    It paints itself directly: pyqtgraph's generic path (draw specs of Point objects, a text
    bounding box measured per label, a QPicture recorded and replayed) costs a millisecond or
    more per frame, and the axis repaints on every frame of a zoom or pan."""

    def __init__(self, **kwargs) -> None:
        super().__init__(orientation="bottom", **kwargs)
        # no SI prefix on dates; with it on, every range change re-sets the label's HTML and
        # re-lays out the axis
        self.enableAutoSIPrefix(False)
        self._labels: dict[float, str] = {}
        self._text_sizes: dict[tuple[str, str], tuple[float, float]] = {}

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 (pyqtgraph override)
        """Major (labelled) and minor tick day numbers for the visible range."""
        ticks = date_ticks(minVal, maxVal, max(size, 1.0))
        self._labels = {float(t.day): t.label for t in ticks if t.major}
        major = [float(t.day) for t in ticks if t.major]
        minor = [float(t.day) for t in ticks if not t.major]
        spacing = (maxVal - minVal) or 1.0
        return [(spacing, major), (spacing / 10, minor)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        """Labels of the major ticks (minor ticks stay unlabelled)."""
        return [self._labels.get(float(v), "") for v in values]

    def paint(self, p: QPainter, opt, widget) -> None:
        """Replay the drawing recorded since the last change of range, size or pens (the
        overview's axis never changes, but it is exposed whenever its region moves)."""
        if self._tickLevels is not None or self.grid is not False or self.style["tickFont"]:
            super().paint(p, opt, widget)  # configurations this fast path does not cover
            return
        if self.picture is None:  # pyqtgraph drops it on every change that shows
            picture = QPicture()
            recorder = QPainter(picture)
            try:
                self._draw(recorder)
            finally:
                recorder.end()
            self.picture = picture
        self.picture.play(p)

    def _draw(self, p: QPainter) -> None:
        """The axis line, major and minor ticks (one drawLines call each) and the labels."""
        bounds = self.mapRectFromParent(self.geometry())
        first, last = self.range
        width = bounds.width()
        if width <= 0 or last <= first:
            return
        scale = width / (last - first)
        top = bounds.top()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.setPen(self.pen())
        p.drawLine(QLineF(bounds.left() - 1.0, top + 1.0, bounds.right() + 1.0, top + 1.0))
        ticks = date_ticks(first, last, max(width, 1.0))
        tick_length = self.style["tickLength"]
        labels = []
        for level, major in enumerate((True, False)):
            xs = [(t.day - first) * scale for t in ticks if t.major is major]
            xs = [x for x in xs if 0.0 <= x <= width]
            if not xs:
                continue
            pen = QPen(self.tickPen())
            color = QColor(pen.color())
            color.setAlpha(int(self.style["tickAlpha"] or 255 / (level + 1)))
            pen.setColor(color)
            p.setPen(pen)
            end = top + tick_length / (level * 0.5 + 1.0)
            p.drawLines([QLineF(x + bounds.left(), top, x + bounds.left(), end) for x in xs])
        if not self.style["showValues"]:
            return
        offset = max(0, tick_length) + self.style["tickTextOffset"][1]
        box = self.boundingRect()
        font_key = p.font().key()
        text_height = 0.0
        for t in ticks:
            x = (t.day - first) * scale
            if not t.major or not t.label or not 0.0 <= x <= width:
                continue
            w, h = self._text_size(p, font_key, t.label)
            rect = QRectF(bounds.left() + x - w / 2, top + offset, w, h)
            text_height = max(text_height, h)
            if box.contains(rect):
                labels.append((rect, t.label))
        self._updateMaxTextSize(text_height)
        p.setPen(self.textPen())
        p.setClipRect(box.toAlignedRect())
        for rect, text in labels:
            p.drawText(rect, _TEXT_FLAGS, text)

    def _text_size(self, p: QPainter, font_key: str, text: str) -> tuple[float, float]:
        """A label's box as pyqtgraph measures it (its height trimmed to 80 %), measured once."""
        size = self._text_sizes.get((font_key, text))
        if size is None:
            if len(self._text_sizes) > 4096:
                self._text_sizes.clear()
            rect = p.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)
            size = (rect.width(), rect.height() * 0.8)
            self._text_sizes[(font_key, text)] = size
        return size
