"""A small step chart of a mission's troop level with one change highlighted."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from explorer.domain.series import TroopLevelStep

DAYS_PER_YEAR = 365.2425


def year_of(day: float) -> float:
    """A day number as a decimal year (the chart's x axis)."""
    return 1970.0 + day / DAYS_PER_YEAR


class TroopLevelChart(pg.PlotWidget):
    """The mission's troop level as steps; the step of ``highlight_key`` is drawn thick."""

    def __init__(
        self, mission: str, steps: list[TroopLevelStep], highlight_key: str, parent=None
    ) -> None:
        super().__init__(parent, background=None)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(150)
        self.setMaximumHeight(190)
        self.steps = steps
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
        if steps:
            self._plot(item, text, accent, highlight_key)
        self.setAccessibleName(f"Troop level of {mission}")
        self.setAccessibleDescription(self.describe(highlight_key))

    def _plot(self, item, text: QColor, accent: QColor, highlight_key: str) -> None:
        x = np.array([year_of(s.day) for s in self.steps])
        y = np.array([s.level for s in self.steps], dtype=float)
        edges = np.append(x, x[-1] + 1.0)  # the last level holds for a year on the chart
        item.plot(edges, y, stepMode="center", pen=pg.mkPen(text, width=1.5))
        for i, step in enumerate(self.steps):
            if step.event_key != highlight_key:
                continue
            before = y[i - 1] if i else 0.0
            item.plot([x[i], x[i]], [before, y[i]], pen=pg.mkPen(accent, width=4))
            item.plot(
                [x[i]],
                [y[i]],
                pen=None,
                symbol="d",
                symbolSize=12,
                symbolBrush=accent,
                symbolPen=pg.mkPen(text),
            )
        item.setXRange(edges[0] - 0.3, edges[-1], padding=0)
        item.setYRange(0, y.max() * 1.1, padding=0)

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
