"""The one selection/view-state object that every pane shares (panes never call each other);
changes to the store itself come through OpenStore."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from explorer.domain.date_query import DateInterval
from explorer.domain.events import EventKind, Lane


class ViewState(QObject):
    """Holds immutable values (selected event id, visible day range, lanes, search hits) and
    signals when they change. Each setter takes the ``origin`` pane so that pane can skip the
    change it started itself."""

    selection_changed = Signal(object, object)  # event row id or None, origin
    visible_range_changed = Signal(float, float, object)  # start_day, end_day, origin
    lanes_changed = Signal(object)  # frozenset[Lane]
    search_changed = Signal(object)  # None (no search) or frozenset of matching row ids
    period_changed = Signal(object)  # the From/To filter: a DateInterval, or None for all time
    kinds_changed = Signal(object)  # frozenset[EventKind]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._selected: int | None = None
        self._range: tuple[float, float] = (0.0, 1.0)
        self._lanes: frozenset[Lane] = frozenset(Lane)
        self._matches: frozenset[int] | None = None
        self._period: DateInterval | None = None
        self._kinds: frozenset[EventKind] = frozenset(EventKind)

    @property
    def selected(self) -> int | None:
        """The selected event's row id, or None."""
        return self._selected

    def select(self, event_id: int | None, origin: object = None) -> None:
        """Select an event (or nothing)."""
        if event_id != self._selected:
            self._selected = event_id
            self.selection_changed.emit(event_id, origin)

    @property
    def visible_range(self) -> tuple[float, float]:
        """(start_day, end_day) of the timeline's visible window."""
        return self._range

    def set_visible_range(self, start_day: float, end_day: float, origin: object = None) -> None:
        """Move the visible window."""
        new = (float(start_day), float(end_day))
        if new != self._range:
            self._range = new
            self.visible_range_changed.emit(new[0], new[1], origin)

    @property
    def lanes(self) -> frozenset[Lane]:
        """The lanes shown."""
        return self._lanes

    def set_lanes(self, lanes: frozenset[Lane]) -> None:
        """Show exactly these lanes."""
        lanes = frozenset(lanes)
        if lanes != self._lanes:
            self._lanes = lanes
            self.lanes_changed.emit(lanes)

    @property
    def kinds(self) -> frozenset[EventKind]:
        """The kinds of event shown (the kind filter): on the timeline, overview, list and
        status bar alike."""
        return self._kinds

    def set_kinds(self, kinds: frozenset[EventKind]) -> None:
        """Show exactly these kinds."""
        kinds = frozenset(kinds)
        if kinds != self._kinds:
            self._kinds = kinds
            self.kinds_changed.emit(kinds)

    @property
    def search_matches(self) -> frozenset[int] | None:
        """Row ids matching the current search, or None when there is no search."""
        return self._matches

    def set_search_matches(self, matches: frozenset[int] | None) -> None:
        """Set the search result (None clears the search)."""
        if matches != self._matches:
            self._matches = matches
            self.search_changed.emit(matches)

    @property
    def period(self) -> DateInterval | None:
        """The From/To filter's period, or None when every date is shown."""
        return self._period

    def set_period(self, period: DateInterval | None) -> None:
        """Filter to a period (None clears the filter)."""
        if period != self._period:
            self._period = period
            self.period_changed.emit(period)
