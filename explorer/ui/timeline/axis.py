"""A date axis over day numbers whose labels adapt to the zoom: decades, years, months, days."""

from __future__ import annotations

import pyqtgraph as pg

from explorer.domain.binning import date_ticks


class DateAxis(pg.AxisItem):
    """Bottom axis of the timeline; ticks come from :func:`explorer.domain.binning.date_ticks`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self._labels: dict[float, str] = {}

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
