"""What a screen reader says about the timeline, as plain text from the numbers: where the
current event sits in its lane, the dates in view, how many events they hold. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.domain.dates import date_of
from explorer.domain.events import Lane
from explorer.store.columns import LANE_ORDER, EventColumns

_FIRST_DAY, _LAST_DAY = -700_000, 2_900_000  # what date_of can name


@dataclass(frozen=True)
class PlaceInLane:
    """The current event's place among the events of its lane in view: 3 of 85."""

    number: int
    count: int
    lane: Lane

    def text(self) -> str:
        """'3 of 85 in Summits and meetings'."""
        return f"{self.number} of {self.count:,} in {self.lane.label}"


def rows_in_view(
    columns: EventColumns, first: float, last: float, shown: frozenset[Lane]
) -> np.ndarray:
    """Positions of the events of the shown lanes that overlap the visible days, in time order."""
    rows = columns.window(first, last)
    codes = np.array([LANE_ORDER.index(lane) for lane in shown], np.uint8)
    return rows[np.isin(columns.lane[rows], codes)]


def place_in_lane(columns: EventColumns, position: int, first: float, last: float) -> PlaceInLane:
    """Where the event at ``position`` sits among its lane's events in view (or in the whole
    lane when it lies outside the view)."""
    code = int(columns.lane[position])
    rows = columns.window(first, last)
    if not np.any(rows == position):
        rows = np.arange(len(columns))
    in_lane = rows[columns.lane[rows] == code]
    number = int(np.searchsorted(in_lane, position)) + 1
    return PlaceInLane(number, len(in_lane), LANE_ORDER[code])


def day_text(day: float) -> str:
    """'8 Jul 2016' for a (fractional) day number."""
    when = date_of(int(np.clip(day, _FIRST_DAY, _LAST_DAY)))
    return f"{when.day} {when:%b %Y}"


def range_text(first: float, last: float) -> str:
    """'1 Jan 2010 – 31 Dec 2012' for the visible window (its end day is exclusive)."""
    return f"{day_text(first)} – {day_text(np.ceil(last) - 1)}"


def count_text(count: int) -> str:
    """'85 events', '1 event'."""
    return f"{count:,} event{'s' if count != 1 else ''}"


def view_text(columns: EventColumns, first: float, last: float, shown: frozenset[Lane]) -> str:
    """'Showing 1 Jan 2010 – 31 Dec 2012, 85 events': what a zoom or a pan says."""
    count = len(rows_in_view(columns, first, last, shown))
    return f"Showing {range_text(first, last)}, {count_text(count)}"
