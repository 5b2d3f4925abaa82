"""What the timeline draws from, loaded once per store: the numeric columns split per lane, and
the mission eras, troop-level steps and fund commitments drawn over them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from explorer.domain.binning import overlap_counts
from explorer.domain.events import EventKind, Lane
from explorer.store.annotations import CommitmentMark, Era, TroopStep
from explorer.store.columns import KIND_ORDER, LANE_ORDER, EventColumns
from explorer.store.store import Store

LONG_SPAN_PACKING_LIMIT = 5000
LONG_DAYS = 45.0  # intervals this long are drawn as spans in their own rows, not as points
MAX_TABLE_DAYS = 200_000  # per-day count tables up to some 550 years (a few MB at most)


@dataclass(slots=True)
class LaneColumns:
    """Point-like events or long spans of one lane in time order: positions into EventColumns
    and their drawn intervals (each lane is held once, split in these two parts)."""

    index: np.ndarray  # int32 (int64 past 2**31 events) positions into the store's EventColumns
    start: np.ndarray  # float64 ascending
    end: np.ndarray  # float64 drawn end (a fund reaches its latest commitment horizon)
    end_sorted: np.ndarray  # the ends sorted apart, for overlap counts
    kind: np.ndarray  # uint8
    exact: np.ndarray  # bool
    span_row: np.ndarray  # uint8: which span row a long interval sits in (0 for points)
    max_duration: float
    # per whole day from day0: how many start (end) before that day; None when the days are not
    # whole numbers or span too long a time for a table
    day0: float = 0.0
    started_before: np.ndarray | None = None
    ended_before: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.index)

    def overlap_counts(self, edges: np.ndarray) -> np.ndarray:
        """How many of these intervals overlap each column ``[edges[i], edges[i+1])``: the
        same counts as :func:`explorer.domain.binning.overlap_counts`, read from the per-day
        tables (a gather from a few thousand entries, not two binary searches per column in a
        million)."""
        if self.started_before is None or self.ended_before is None:
            return overlap_counts(self.start, self.end_sorted, edges)
        top = len(self.started_before) - 1
        # whole-day intervals: start < e  <=>  start < ceil(e);  end <= e  <=>  end < floor(e) + 1
        started = np.clip(np.ceil(edges[1:]) - self.day0, 0, top).astype(np.intp)
        finished = np.clip(np.floor(edges[:-1]) + 1 - self.day0, 0, top).astype(np.intp)
        return (self.started_before[started] - self.ended_before[finished]).astype(np.int64)

    def window(self, first: float, last: float) -> np.ndarray:
        """Positions (into this lane) of events overlapping ``[first, last)``, in time order."""
        lo = int(np.searchsorted(self.start, first - self.max_duration, side="left"))
        hi = int(np.searchsorted(self.start, last, side="left"))
        return lo + np.flatnonzero(self.end[lo:hi] > first)


@dataclass(frozen=True, slots=True)
class DrawnIntervals:
    """Every event's drawn interval and span row, by position in EventColumns: what places one
    event's glyph (``anchor_x`` and ``drawn_row`` read these fields)."""

    start: np.ndarray  # the columns' own start (no copy)
    end: np.ndarray  # the columns' end, or a copy where funds reach their horizon
    span_row: np.ndarray  # uint8


@dataclass(slots=True)
class TimelineModel:
    """Everything drawn, for one store; eras, steps and commitments are the store's
    :class:`~explorer.store.annotations.TimelineAnnotations`."""

    columns: EventColumns
    drawn: DrawnIntervals
    bounds: tuple[float, float]
    # each lane split into point-like events and long spans (drawn in rows of their own)
    points: dict[Lane, LaneColumns] = field(default_factory=dict)
    spans: dict[Lane, LaneColumns] = field(default_factory=dict)
    eras: tuple[Era, ...] = ()
    steps: tuple[TroopStep, ...] = ()
    commitments: tuple[CommitmentMark, ...] = ()


def _pack_rows(start: np.ndarray, end: np.ndarray, rows: int) -> np.ndarray:
    """Greedy interval partitioning into ``rows`` rows (wrapping round when there are more)."""
    row_end = np.full(rows, -np.inf)
    out = np.zeros(len(start), np.uint8)
    for i in range(len(start)):
        free = np.flatnonzero(row_end <= start[i])
        r = int(free[0]) if len(free) else int(np.argmin(row_end))
        out[i] = r
        row_end[r] = end[i]
    return out


def _part(
    columns: EventColumns, drawn: DrawnIntervals, index: np.ndarray, exact: np.ndarray
) -> LaneColumns:
    """The events at ``index`` (ascending positions) as their own columns."""
    start, end = columns.start[index], drawn.end[index]
    part = LaneColumns(
        index=index,
        start=start,
        end=end,
        end_sorted=np.sort(end),
        kind=columns.kind[index],
        exact=exact[index],
        span_row=drawn.span_row[index],
        max_duration=float((end - start).max()) if len(index) else 0.0,
    )
    add_day_tables(part)
    return part


def add_day_tables(part: LaneColumns) -> None:
    """Counts of starts and ends before each whole day, when the days are whole numbers."""
    if not len(part):
        return
    first, last = float(part.start[0]), float(part.end_sorted[-1])
    days = last - first + 2
    if days > MAX_TABLE_DAYS or not (
        np.array_equal(part.start, np.floor(part.start))
        and np.array_equal(part.end, np.floor(part.end))
    ):
        return
    grid = first + np.arange(int(days) + 1, dtype=np.float64)
    count_type = np.int32 if len(part) < 2**31 else np.int64
    part.day0 = first
    part.started_before = np.searchsorted(part.start, grid, side="left").astype(count_type)
    part.ended_before = np.searchsorted(part.end_sorted, grid, side="left").astype(count_type)


def load_timeline_model(store: Store, columns: EventColumns) -> TimelineModel:
    """Lay out ``store``'s columns and read the history's annotations (eras, troop steps, fund
    spans).

    Nothing is held twice at a million events: the lane parts hold each event once, the drawn
    intervals share the columns' arrays unless a fund was stretched to its horizon."""
    end, exact = columns.end, columns.exact
    position_dtype = np.int32 if len(columns) < 2**31 else np.int64
    span_row = np.zeros(len(columns), np.uint8)
    annotations = store.timeline_annotations()
    # a fund missing from the columns (the store changed since they were read) is left out
    found = ((columns.index_of(fund_id), horizon) for fund_id, horizon in annotations.fund_horizons)
    stretched = [(position, horizon) for position, horizon in found if position is not None]
    if stretched:
        end, exact = columns.end.copy(), columns.exact.copy()
        for position, horizon in stretched:
            end[position] = max(end[position], horizon)
            exact[position] = True  # the span (establishment to horizon) is a fact
    funds = {int(columns.ids[position]) for position, _ in stretched}
    model = TimelineModel(
        columns,
        DrawnIntervals(columns.start, end, span_row),
        (0.0, 1.0),
        eras=annotations.eras,
        steps=annotations.steps,
        commitments=tuple(c for c in annotations.commitments if c.fund_id in funds),
    )
    long = (end - columns.start) >= LONG_DAYS
    for code, lane in enumerate(LANE_ORDER):
        in_lane = columns.lane == code
        spans = np.flatnonzero(in_lane & long).astype(position_dtype)
        if len(spans) <= LONG_SPAN_PACKING_LIMIT:
            span_row[spans] = _pack_rows(columns.start[spans], end[spans], 3)
        else:  # a million spans cannot be packed per frame; round robin spreads them as well
            span_row[spans] = np.arange(len(spans)) % 3
        points = np.flatnonzero(in_lane & ~long).astype(position_dtype)
        model.points[lane] = _part(columns, model.drawn, points, exact)
        model.spans[lane] = _part(columns, model.drawn, spans, exact)
    del long
    if len(columns):
        model.bounds = (float(columns.start[0]), float(end.max()))
    else:
        model.bounds = (11323.0, 18993.0)  # 2001-01-01 .. 2022-01-01
    return model


def nearest_in_lane(model: TimelineModel, lane: Lane, day: float) -> int | None:
    """Position (in EventColumns) of the event of ``lane`` starting nearest ``day`` (the earlier
    position on a tie), or None for an empty lane."""
    best: tuple[float, int] | None = None
    for part in (model.points[lane], model.spans[lane]):
        i = int(np.searchsorted(part.start, day))
        for j in (i - 1, i):
            if 0 <= j < len(part):
                candidate = (abs(float(part.start[j]) - day), int(part.index[j]))
                best = candidate if best is None else min(best, candidate)
    return None if best is None else best[1]


def with_kinds(model: TimelineModel, kind_codes: np.ndarray) -> TimelineModel:
    """The model showing only events of these kind codes (the kind filter): the lanes' parts
    filtered, the columns shared; the troop steps and fund commitments go with their kinds.
    The model itself when no shown event is filtered out."""
    shown = np.zeros(256, bool)
    shown[np.asarray(kind_codes, np.intp)] = True
    if shown[: len(KIND_ORDER)].all() or shown[model.columns.kind].all():
        return model
    troop, fund = (KIND_ORDER.index(k) for k in (EventKind.TROOP_LEVEL_CHANGE, EventKind.FUND))
    filtered = TimelineModel(
        model.columns,
        model.drawn,
        model.bounds,
        eras=model.eras,
        steps=model.steps if shown[troop] else (),
        commitments=model.commitments if shown[fund] else (),
    )
    for parts, target in ((model.points, filtered.points), (model.spans, filtered.spans)):
        for lane, part in parts.items():
            keep = shown[part.kind]
            target[lane] = part if keep.all() else _subset(part, keep)
    return filtered


def _subset(part: LaneColumns, keep: np.ndarray) -> LaneColumns:
    """The events of ``part`` where ``keep`` is true, as their own columns."""
    start, end = part.start[keep], part.end[keep]
    subset = LaneColumns(
        index=part.index[keep],
        start=start,
        end=end,
        end_sorted=np.sort(end),
        kind=part.kind[keep],
        exact=part.exact[keep],
        span_row=part.span_row[keep],
        max_duration=float((end - start).max()) if len(start) else 0.0,
    )
    add_day_tables(subset)
    return subset
