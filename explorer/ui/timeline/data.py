"""What the timeline draws from, loaded once per store: the numeric columns split per lane, the
mission eras, troop-level steps and fund spans, and a small cache of titles for labels."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from explorer.domain.binning import overlap_counts
from explorer.domain.details import fund_details
from explorer.domain.events import EventKind, EventSummary, Lane
from explorer.store.columns import LANE_ORDER, EventColumns
from explorer.store.store import Store

# Above these counts a store is "big data", not a curated history: its fund and troop details
# are not read (they would cost seconds at load and could not be drawn legibly anyway).
MAX_ANNOTATED = 200
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
    event's glyph (``anchor_x`` and ``event_row`` read these fields)."""

    start: np.ndarray  # the columns' own start (no copy)
    end: np.ndarray  # the columns' end, or a copy where funds reach their horizon
    span_row: np.ndarray  # uint8


@dataclass(frozen=True, slots=True)
class Era:
    """A mission period shading the whole plot."""

    event_id: int
    title: str
    mission: str | None
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class TroopStep:
    """One step of a mission's troop level, linked to the change event that set it."""

    event_id: int
    mission: str
    start: float
    end: float
    level: int
    approximate: bool

    @property
    def text(self) -> str:
        """'~16,000' for an approximate level."""
        return f"{'~' if self.approximate else ''}{self.level:,}"


@dataclass(frozen=True, slots=True)
class CommitmentMark:
    """Where (the meeting's date) a fund's commitment was made, and the meeting's id."""

    fund_id: int
    day: float
    meeting_id: int | None
    text: str


@dataclass(slots=True)
class TimelineData:
    """Everything drawn, for one store."""

    columns: EventColumns
    drawn: DrawnIntervals
    bounds: tuple[float, float]
    # each lane split into point-like events and long spans (drawn in rows of their own)
    points: dict[Lane, LaneColumns] = field(default_factory=dict)
    spans: dict[Lane, LaneColumns] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    steps: list[TroopStep] = field(default_factory=list)
    commitments: list[CommitmentMark] = field(default_factory=list)


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
    _add_day_tables(part)
    return part


def _add_day_tables(part: LaneColumns) -> None:
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


def load_timeline_data(store: Store, columns: EventColumns) -> TimelineData:
    """Lay out ``store``'s columns and read the history's annotations (eras, troop steps, fund
    spans).

    Nothing is held twice at a million events: the lane parts hold each event once, the drawn
    intervals share the columns' arrays unless a fund was stretched to its horizon."""
    end, exact = columns.end, columns.exact
    position_dtype = np.int32 if len(columns) < 2**31 else np.int64
    span_row = np.zeros(len(columns), np.uint8)
    data = TimelineData(columns, DrawnIntervals(columns.start, end, span_row), (0.0, 1.0))
    stretched = _load_funds(store, columns, data)
    if stretched:
        end, exact = columns.end.copy(), columns.exact.copy()
        for position, horizon in stretched:
            end[position] = max(end[position], horizon)
            exact[position] = True  # the span (establishment to horizon) is a fact
        data.drawn = DrawnIntervals(columns.start, end, span_row)
    long = (end - columns.start) >= LONG_DAYS
    for code, lane in enumerate(LANE_ORDER):
        in_lane = columns.lane == code
        spans = np.flatnonzero(in_lane & long).astype(position_dtype)
        if len(spans) <= LONG_SPAN_PACKING_LIMIT:
            span_row[spans] = _pack_rows(columns.start[spans], end[spans], 3)
        else:  # a million spans cannot be packed per frame; round robin spreads them as well
            span_row[spans] = np.arange(len(spans)) % 3
        points = np.flatnonzero(in_lane & ~long).astype(position_dtype)
        data.points[lane] = _part(columns, data.drawn, points, exact)
        data.spans[lane] = _part(columns, data.drawn, spans, exact)
    del long
    if len(columns):
        data.bounds = (float(columns.start[0]), float(end.max()))
    else:
        data.bounds = (11323.0, 18993.0)  # 2001-01-01 .. 2022-01-01
    _load_eras(store, data)
    _load_steps(store, data)
    return data


def nearest_in_lane(data: TimelineData, lane: Lane, day: float) -> int | None:
    """Position (in EventColumns) of the event of ``lane`` starting nearest ``day`` (the earlier
    position on a tie), or None for an empty lane."""
    best: tuple[float, int] | None = None
    for part in (data.points[lane], data.spans[lane]):
        i = int(np.searchsorted(part.start, day))
        for j in (i - 1, i):
            if 0 <= j < len(part):
                candidate = (abs(float(part.start[j]) - day), int(part.index[j]))
                best = candidate if best is None else min(best, candidate)
    return None if best is None else best[1]


def _load_eras(store: Store, data: TimelineData) -> None:
    for event_id, key in store.mission_periods(MAX_ANNOTATED):
        event = store.event(key)
        if event is not None:
            mission = event.details.get("mission")
            data.eras.append(
                Era(event_id, event.title, mission, event.when.start_day, event.when.end_day)
            )


def _load_steps(store: Store, data: TimelineData) -> None:
    # a step chart for each mission with a period on the timeline (ISAF, Resolute Support)
    mission_end = {era.mission: era.end for era in data.eras if era.mission}
    if store.count_of_kind(EventKind.TROOP_LEVEL_CHANGE) > MAX_ANNOTATED * 50:
        return
    for mission in sorted(mission_end):
        series = store.troop_series(mission)
        for i, step in enumerate(series):
            event_id = store.id_of(step.event_key)
            if event_id is None:
                continue
            if i + 1 < len(series):
                until = series[i + 1].day
            else:
                until = mission_end.get(mission, step.day + 365)
            data.steps.append(
                TroopStep(
                    event_id,
                    mission,
                    float(step.day),
                    float(max(until, step.day + 1)),
                    step.level,
                    step.approximate,
                )
            )


def _load_funds(store: Store, columns: EventColumns, data: TimelineData) -> list[tuple[int, float]]:
    """Each fund's latest commitment horizon (position, end day) to stretch it to; marks where
    each commitment was made."""
    stretched = []
    for event_id, key in store.funds_with_commitments(MAX_ANNOTATED):
        event = store.event(key)
        position = columns.index_of(event_id)
        if event is None or position is None:
            continue
        details = fund_details(event)
        horizon = details.latest_horizon
        if horizon is not None:
            stretched.append((position, float(horizon.end_day)))
        for commitment in details.commitments:
            meeting = store.summary_by_key(commitment.set_at) if commitment.set_at else None
            if meeting is not None:
                text = (
                    f"{commitment.action}: {commitment.wording or commitment.horizon.exact_text()}"
                )
                data.commitments.append(
                    CommitmentMark(event_id, meeting.when.start_day, meeting.id, text)
                )
    return stretched


class TitleCache:
    """A small LRU cache of event summaries, filled from the store only for labelled events."""

    def __init__(self, store: Store, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self._items: OrderedDict[int, EventSummary] = OrderedDict()
        self.version = 0  # bumps when new titles arrive, so cached frames are recomputed

    def get(self, event_id: int) -> EventSummary | None:
        """The cached summary, or None (never queries)."""
        item = self._items.get(event_id)
        if item is not None:
            self._items.move_to_end(event_id)
        return item

    def fetch(self, event_id: int) -> EventSummary | None:
        """The summary, from the cache or the store."""
        item = self.get(event_id)
        if item is None:
            item = self.store.summary(event_id)
            if item is not None:
                self._put(item)
        return item

    def fetch_many(self, event_ids) -> None:
        """Fetch the missing ones of ``event_ids`` (the throttled label request)."""
        for event_id in event_ids:
            if int(event_id) not in self._items:
                self.fetch(int(event_id))
        self.version += 1

    def preload(self, summaries) -> None:
        """Fill from a list of summaries (a small store is read whole at once)."""
        for item in summaries:
            self._put(item)
        self.version += 1

    def _put(self, item: EventSummary) -> None:
        self._items[item.id] = item
        self._items.move_to_end(item.id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
