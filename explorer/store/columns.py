"""The numeric columns behind the timeline: every event's id, interval, kind and lane as sorted
numpy arrays, so that a viewport lookup is a binary search and density a difference of counts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.domain.dates import Precision
from explorer.domain.events import EventKind, Lane
from explorer.store.store import Store

KIND_ORDER: tuple[EventKind, ...] = tuple(EventKind)
LANE_ORDER: tuple[Lane, ...] = tuple(Lane)
KIND_LANE = np.array([LANE_ORDER.index(k.lane) for k in KIND_ORDER], dtype=np.uint8)


@dataclass(frozen=True, eq=False)
class EventColumns:
    """Events sorted by (start, id). ``kind`` and ``lane`` index KIND_ORDER and LANE_ORDER."""

    ids: np.ndarray  # int64 row ids
    start: np.ndarray  # float64 day numbers (days since 1970-01-01), ascending
    end: np.ndarray  # float64, exclusive
    kind: np.ndarray  # uint8
    lane: np.ndarray  # uint8
    exact: np.ndarray  # bool: known to the day (no uncertainty band)
    max_duration: float  # the longest end - start, bounds every window lookup

    def __len__(self) -> int:
        return len(self.ids)

    def window(self, start_day: float, end_day: float) -> np.ndarray:
        """Indices of events overlapping ``[start_day, end_day)``, in time order."""
        lo = int(np.searchsorted(self.start, start_day - self.max_duration, side="left"))
        hi = int(np.searchsorted(self.start, end_day, side="left"))
        candidates = np.arange(lo, hi)
        return candidates[self.end[lo:hi] > start_day]

    def index_of(self, event_id: int) -> int | None:
        """Position of a row id in the columns, or None."""
        if self._order is None:
            object.__setattr__(self, "_order", np.argsort(self.ids, kind="stable"))
        order = self._order
        i = int(np.searchsorted(self.ids, event_id, sorter=order))
        if i < len(order) and self.ids[order[i]] == event_id:
            return int(order[i])
        return None

    _order: np.ndarray | None = None


def empty_columns() -> EventColumns:
    """Columns of an empty store."""
    return EventColumns(
        np.zeros(0, np.int64),
        np.zeros(0, np.float64),
        np.zeros(0, np.float64),
        np.zeros(0, np.uint8),
        np.zeros(0, np.uint8),
        np.zeros(0, bool),
        0.0,
    )


def load_columns(store: Store) -> EventColumns:
    """Read every event's numeric columns from the store, sorted by (start, id)."""
    kind_codes = {k.value: i for i, k in enumerate(KIND_ORDER)}
    exact_names = {p.value for p in Precision if p.is_exact}
    rows = store.execute(
        "SELECT id, start_day, end_day, kind, precision FROM event ORDER BY start_day, id"
    ).fetchall()
    if not rows:
        return empty_columns()
    ids, start, end, kinds, precision = zip(*rows, strict=True)
    kind = np.fromiter((kind_codes[k] for k in kinds), np.uint8, len(rows))
    start_a = np.asarray(start, np.float64)
    end_a = np.asarray(end, np.float64)
    return EventColumns(
        ids=np.asarray(ids, np.int64),
        start=start_a,
        end=end_a,
        kind=kind,
        lane=KIND_LANE[kind],
        exact=np.fromiter((p in exact_names for p in precision), bool, len(rows)),
        max_duration=float((end_a - start_a).max()),
    )
