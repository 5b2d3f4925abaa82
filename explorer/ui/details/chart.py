"""A small step chart of a mission's troop level with one change highlighted."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette

from explorer.domain.series import TroopLevelStep, troop_gaps

DAYS_PER_YEAR = 365.2425
AXIS_LABEL = "Troops"


def year_of(day: float) -> float:
    """A day number as a decimal year (the chart's x axis)."""
    return 1970.0 + day / DAYS_PER_YEAR


class TroopAxis(pg.AxisItem):
    """The level axis: whole numbers with thousands separators ('120,000', never '1.2e5')."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        return [f"{round(v * scale):,}" for v in values]


class YearAxis(pg.AxisItem):
    """The time axis: whole years ('2016'), no fractions."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        return [f"{round(v)}" if abs(v - round(v)) < 1e-6 else "" for v in values]

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph override
        span = maxVal - minVal
        major = next((step for step in (1, 2, 5, 10, 20, 50) if span / step <= 8), 100)
        return [(float(major), 0.0)]


class TroopLevelChart(pg.PlotWidget):
    """The mission's troop level as steps; the step of ``highlight_key`` is drawn thick in the
    highlight colour, and stretches with no sourced figure are dashed."""

    def __init__(
        self, mission: str, steps: list[TroopLevelStep], highlight_key: str, parent=None
    ) -> None:
        axes = {"left": TroopAxis("left"), "bottom": YearAxis("bottom")}
        super().__init__(parent, background=None, axisItems=axes)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(170)
        self.setMaximumHeight(210)
        self.steps = steps
        self.highlighted: tuple[float, float, float] | None = None  # (from year, to year, level)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        self.setBackground(base)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.25)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        item.setLabel("left", AXIS_LABEL, color=text.name())
        item.getAxis("left").setWidth(QFontMetrics(self.font()).horizontalAdvance("000,000") + 30)
        if steps:
            self._plot(item, text, accent, highlight_key)
        self.setAccessibleName(f"Troop level of {mission}")
        self.setAccessibleDescription(self.describe(highlight_key))

    def _plot(self, item, text: QColor, accent: QColor, highlight_key: str) -> None:
        x = np.array([year_of(s.day) for s in self.steps])
        y = np.array([s.level for s in self.steps], dtype=float)
        edges = np.append(x, x[-1] + 1.0)  # the last level holds for a year on the chart
        gaps = {g.after_key: g for g in troop_gaps(self.steps)}
        line = pg.mkPen(text, width=1.5)
        dashed = pg.mkPen(text, width=1, style=Qt.PenStyle.DashLine)
        for i, step in enumerate(self.steps):
            right = edges[i + 1]
            gap = gaps.get(step.event_key)
            sourced_to = year_of(gap.start_day) if gap else right
            item.plot([x[i], sourced_to], [y[i], y[i]], pen=line)
            if gap:  # no source gives a figure here: dashed, never a held value
                item.plot([sourced_to, right], [y[i], y[i]], pen=dashed)
            if i + 1 < len(self.steps):
                item.plot([right, right], [y[i], y[i + 1]], pen=line)
        for i, step in enumerate(self.steps):
            if step.event_key == highlight_key:
                self._highlight(item, i, x, y, edges, text, accent)
        item.setXRange(edges[0] - 0.3, edges[-1], padding=0)
        item.setYRange(0, max(y.max(), 1.0) * 1.15, padding=0)

    def _highlight(self, item, i: int, x, y, edges, text: QColor, accent: QColor) -> None:
        before = y[i - 1] if i else 0.0
        thick = pg.mkPen(accent, width=4)
        item.plot([x[i], x[i]], [before, y[i]], pen=thick)
        item.plot([x[i], edges[i + 1]], [y[i], y[i]], pen=thick)
        item.plot(
            [x[i]],
            [y[i]],
            pen=None,
            symbol="d",
            symbolSize=12,
            symbolBrush=accent,
            symbolPen=pg.mkPen(text),
        )
        self.highlighted = (float(x[i]), float(edges[i + 1]), float(y[i]))
        about = "~" if self.steps[i].approximate else ""
        label = pg.TextItem(f"{about}{int(y[i]):,}", color=accent, anchor=(0, 1))
        label.setPos(x[i], y[i])
        item.addItem(label)
        self.highlight_label = label

    def describe(self, highlight_key: str) -> str:
        """The chart in words, for screen readers."""
        if not self.steps:
            return "No troop levels recorded."
        parts = []
        for step in self.steps:
            mark = " (this change)" if step.event_key == highlight_key else ""
            about = "about " if step.approximate else ""
            parts.append(f"{int(year_of(step.day))}: {about}{step.level:,}{mark}")
        return "; ".join(parts)
