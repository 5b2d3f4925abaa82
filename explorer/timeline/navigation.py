"""Keyboard moves over the numpy columns (works the same at a million events): previous/next in
time among the shown lanes, nearest in time in the lane above/below, first and last."""

from __future__ import annotations

import numpy as np

from explorer.domain.events import Lane
from explorer.store.columns import LANE_ORDER
from explorer.timeline.model import TimelineModel, nearest_in_lane

ZOOM_STEP = 2.0  # one zoom in or out, from a key or a menu
_CHUNK = 4096


def _shown_lookup(shown: frozenset[Lane]) -> np.ndarray:
    return np.array([lane in shown for lane in LANE_ORDER], bool)


def step_in_time(
    model: TimelineModel, position: int, step: int, shown: frozenset[Lane]
) -> int | None:
    """The next (step > 0) or previous event after ``position`` among the shown lanes."""
    lookup = _shown_lookup(shown)
    lanes = model.columns.lane
    i = position + (1 if step > 0 else -1)
    while 0 <= i < len(lanes):
        if step > 0:
            chunk = lookup[lanes[i : i + _CHUNK]]
            hits = np.flatnonzero(chunk)
            if len(hits):
                return i + int(hits[0])
            i += _CHUNK
        else:
            lo = max(0, i - _CHUNK + 1)
            hits = np.flatnonzero(lookup[lanes[lo : i + 1]])
            if len(hits):
                return lo + int(hits[-1])
            i = lo - 1
    return None


def edge(model: TimelineModel, last: bool, shown: frozenset[Lane]) -> int | None:
    """The first (or last) event among the shown lanes."""
    n = len(model.columns)
    if not n:
        return None
    start = n if last else -1
    return step_in_time(model, start, -1 if last else 1, shown)


def first_from(model: TimelineModel, day: float, shown: frozenset[Lane]) -> int | None:
    """The first shown event starting at or after ``day`` (or the last one before it)."""
    i = int(np.searchsorted(model.columns.start, day, side="left"))
    after = step_in_time(model, i - 1, 1, shown)
    return after if after is not None else step_in_time(model, i, -1, shown)


def across_lanes(
    model: TimelineModel, position: int, direction: int, shown: frozenset[Lane]
) -> int | None:
    """The event nearest in time in the next shown lane above (-1) or below (+1) that has any."""
    here = LANE_ORDER[int(model.columns.lane[position])]
    ordered = [lane for lane in LANE_ORDER if lane in shown or lane is here]
    i = ordered.index(here) + direction
    day = float(model.columns.start[position])
    while 0 <= i < len(ordered):
        found = nearest_in_lane(model, ordered[i], day)
        if found is not None:
            return found
        i += direction
    return None


def day_in_view(
    model: TimelineModel, position: int | None, first: float, last: float
) -> float | None:
    """The start day of the event at ``position`` when it lies in ``[first, last]`` (what a zoom
    from the keyboard keeps in place), else None."""
    if position is None:
        return None
    day = float(model.columns.start[position])
    return day if first <= day <= last else None
