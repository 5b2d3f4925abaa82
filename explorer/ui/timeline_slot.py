"""The timeline widget, or a stand-in with the same interface while it is not there yet."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

try:
    from explorer.ui.timeline.widget import TimelineWidget
except ModuleNotFoundError as missing:  # written in parallel; keep the window usable meanwhile
    if missing.name != "explorer.ui.timeline.widget":
        raise

    class TimelineWidget(QWidget):  # type: ignore[no-redef]
        """Stand-in: shows the visible range and keeps the ViewState's range sensible."""

        def __init__(self, store, view_state, parent=None) -> None:
            super().__init__(parent)
            self._store, self._view_state = store, view_state
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self._label = QLabel("The timeline is not built yet.", self)
            QVBoxLayout(self).addWidget(self._label)
            self.fit_all()

        def set_store(self, store) -> None:
            """Show another store."""
            self._store = store
            self.fit_all()

        def fit_all(self) -> None:
            """The whole store with margins."""
            bounds = self._store.bounds() or (11_000, 19_000)
            margin = (bounds[1] - bounds[0]) * 0.03 + 30
            self._view_state.set_visible_range(bounds[0] - margin, bounds[1] + margin, self)

        def zoom_by(self, factor: float, around_day: float | None = None) -> None:
            """Zoom in (factor > 1) or out around ``around_day`` (default: the middle)."""
            start, end = self._view_state.visible_range
            middle = (start + end) / 2 if around_day is None else around_day
            self._view_state.set_visible_range(
                middle - (middle - start) / factor, middle + (end - middle) / factor, self
            )

        def zoom_to_selection(self) -> None:
            """Zoom to the selected event."""
            selected = self._view_state.selected
            summary = self._store.summary(selected) if selected is not None else None
            if summary:
                width = max(30, summary.when.days * 3)
                middle = (summary.when.start_day + summary.when.end_day) / 2
                self._view_state.set_visible_range(middle - width / 2, middle + width / 2, self)

        def pan_by_screens(self, screens: float) -> None:
            """Pan by whole screen widths."""
            start, end = self._view_state.visible_range
            shift = (end - start) * screens
            self._view_state.set_visible_range(start + shift, end + shift, self)

        def glyph_position(self, event_id: int) -> QPoint | None:
            """No glyphs in the stand-in."""
            return None

        def event_at(self, pos: QPoint) -> int | None:
            """No glyphs in the stand-in."""
            return None


__all__ = ["TimelineWidget"]
