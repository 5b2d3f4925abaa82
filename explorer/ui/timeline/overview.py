"""The overview strip under the timeline: the whole store's density, and the visible window as
a region that can be dragged and resized."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from explorer.domain.binning import column_edges, overlap_counts
from explorer.ui.timeline.axis import DateAxis


class DensityStrip(pg.GraphicsObject):
    """The density of every event over the store's whole range, one bar per pixel column."""

    def __init__(self, palette: Callable[[], QPalette]) -> None:
        super().__init__()
        self._palette = palette
        self.parts: list[tuple[np.ndarray, np.ndarray]] = []
        self._cache: tuple | None = None

    def set_events(self, parts: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """The events, as parts of (starts ascending, the same intervals' ends ascending): the
        timeline's lane columns, so no sorted copy of a million ends is held for this strip."""
        self.parts = [(starts, ends) for starts, ends in parts if len(starts)]
        self._cache = None
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph hook)
        self.prepareGeometryChange()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Bars of density, computed once per width and range."""
        rect = self.boundingRect()
        t = painter.transform()
        a, b = t.map(rect.topLeft()), t.map(rect.bottomRight())
        left, width = min(a.x(), b.x()), abs(b.x() - a.x())
        top, height = min(a.y(), b.y()), abs(b.y() - a.y())
        columns, rows = int(width), int(height) - 2
        if columns < 2 or rows < 2 or not self.parts:
            return
        color = QColor(self._palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.55)
        key = (columns, rows, rect.left(), rect.right(), color.rgba())
        if self._cache is None or self._cache[0] != key:
            edges = column_edges(rect.left(), rect.right(), columns)
            counts = sum(overlap_counts(s, e, edges) for s, e in self.parts).astype(np.float64)
            bars = np.where(
                counts > 0, np.maximum(1, np.ceil(np.sqrt(counts / max(counts.max(), 1)) * rows)), 0
            )
            levels = np.arange(rows)[:, None]
            pixels = np.where(levels >= rows - bars[None, :], np.uint32(color.rgba()), np.uint32(0))
            pixels = np.ascontiguousarray(pixels.astype(np.uint32))
            image = QImage(
                pixels.data, columns, rows, columns * 4, QImage.Format.Format_ARGB32
            ).copy()
            self._cache = (key, image)
        painter.resetTransform()
        painter.drawImage(QRectF(left, top + 2, columns, rows), self._cache[1])


class OverviewStrip(pg.PlotWidget):
    """A small plot of the whole range with a draggable, resizable region for the visible window."""

    def __init__(
        self,
        palette: Callable[[], QPalette],
        on_region: Callable[[float, float], None],
        parent=None,
    ) -> None:
        super().__init__(parent=parent, axisItems={"bottom": DateAxis()}, enableMenu=False)
        self.setFixedHeight(64)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hideButtons()
        self.hideAxis("left")
        self.setMouseEnabled(x=False, y=False)
        vb = self.getViewBox()
        vb.setYRange(0, 1, padding=0)
        self.strip = DensityStrip(palette)
        self.addItem(self.strip)
        self.region = pg.LinearRegionItem(orientation="vertical", swapMode="block")
        self.region.setZValue(10)
        self.addItem(self.region)
        self._on_region = on_region
        self._quiet = False
        self.region.sigRegionChanged.connect(self._region_moved)
        self.region.sigRegionChangeFinished.connect(self._region_moved)
        self.setAccessibleName("Overview of the whole timeline")

    def set_extent(self, first: float, last: float) -> None:
        """Show the whole range ``first`` .. ``last``."""
        self.getViewBox().setXRange(first, last, padding=0)
        self.region.setBounds((first, last))

    def show_window(self, first: float, last: float) -> None:
        """Move the region to the timeline's visible window (without echoing it back)."""
        self._quiet = True
        try:
            self.region.setRegion((first, last))
        finally:
            self._quiet = False

    def _region_moved(self) -> None:
        if not self._quiet:
            first, last = self.region.getRegion()
            self._on_region(float(first), float(last))
