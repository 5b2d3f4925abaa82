"""What the timeline draws from, loaded once per store: the numeric columns split per lane, the
mission eras, troop-level steps and fund spans, and a small cache of titles for labels."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from explorer.domain.details import fund_details
from explorer.domain.events import EventKind, EventSummary, Lane
from explorer.store.columns import LANE_ORDER, EventColumns, load_columns
from explorer.store.store import Store

# Above these counts a store is "big data", not a curated history: its fund and troop details
# are not read (they would cost seconds at load and could not be drawn legibly anyway).
MAX_ANNOTATED = 200
LONG_SPAN_PACKING_LIMIT = 5000
LONG_DAYS = 45.0  # intervals this long are drawn as spans in their own rows, not as points


@dataclass(slots=True)
class LaneColumns:
    """One lane's events in time order: positions into EventColumns and their drawn intervals."""

    index: np.ndarray  # int64 positions into the store's EventColumns
    start: np.ndarray  # float64 ascending
    end: np.ndarray  # float64 drawn end (a fund reaches its latest commitment horizon)
    end_sorted: np.ndarray  # the ends sorted apart, for overlap counts
    kind: np.ndarray  # uint8
    exact: np.ndarray  # bool
    span_row: np.ndarray  # int16: which span row a long interval sits in (0 for points)
    max_duration: float

    def __len__(self) -> int:
        return len(self.index)

    def part(self, mask: np.ndarray) -> LaneColumns:
        """The events of this lane selected by ``mask``, as their own columns."""
        start, end = self.start[mask], self.end[mask]
        return LaneColumns(
            index=self.index[mask],
            start=start,
            end=end,
            end_sorted=np.sort(end),
            kind=self.kind[mask],
            exact=self.exact[mask],
            span_row=self.span_row[mask],
            max_duration=float((end - start).max()) if len(start) else 0.0,
        )

    def window(self, first: float, last: float) -> np.ndarray:
        """Positions (into this lane) of events overlapping ``[first, last)``, in time order."""
        lo = int(np.searchsorted(self.start, first - self.max_duration, side="left"))
        hi = int(np.searchsorted(self.start, last, side="left"))
        return lo + np.flatnonzero(self.end[lo:hi] > first)


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
    lanes: dict[Lane, LaneColumns]
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
    out = np.zeros(len(start), np.int16)
    for i in range(len(start)):
        free = np.flatnonzero(row_end <= start[i])
        r = int(free[0]) if len(free) else int(np.argmin(row_end))
        out[i] = r
        row_end[r] = end[i]
    return out


def _lane_columns(
    columns: EventColumns, lane_code: int, end: np.ndarray, exact: np.ndarray, long_days: float
) -> LaneColumns:
    index = np.flatnonzero(columns.lane == lane_code)
    start = columns.start[index]
    lane_end = end[index]
    long = np.flatnonzero((lane_end - start) >= long_days)
    span_row = np.zeros(len(index), np.int16)
    if len(long) <= LONG_SPAN_PACKING_LIMIT:
        span_row[long] = _pack_rows(start[long], lane_end[long], 3)
    else:  # a million spans cannot be packed per frame; round robin spreads them as well
        span_row[long] = np.arange(len(long)) % 3
    return LaneColumns(
        index=index,
        start=start,
        end=lane_end,
        end_sorted=np.sort(lane_end),
        kind=columns.kind[index],
        exact=exact[index],
        span_row=span_row,
        max_duration=float((lane_end - start).max()) if len(index) else 0.0,
    )


def load_timeline_data(store: Store) -> TimelineData:
    """Read the columns and the history's annotations (eras, troop steps, fund spans)."""
    columns = load_columns(store)
    end, exact = columns.end.copy(), columns.exact.copy()
    data = TimelineData(columns, {}, (0.0, 1.0))
    _load_funds(store, columns, end, exact, data)
    for code, lane in enumerate(LANE_ORDER):
        lane_columns = _lane_columns(columns, code, end, exact, long_days=LONG_DAYS)
        long = (lane_columns.end - lane_columns.start) >= LONG_DAYS
        data.lanes[lane] = lane_columns
        data.points[lane] = lane_columns.part(~long)
        data.spans[lane] = lane_columns.part(long)
    if len(columns):
        data.bounds = (float(columns.start[0]), float(end.max()))
    else:
        data.bounds = (11323.0, 18993.0)  # 2001-01-01 .. 2022-01-01
    _load_eras(store, data)
    _load_steps(store, data)
    return data


def _annotated(store: Store, kind: EventKind, condition: str) -> list[tuple[int, str]]:
    # read-only query for the few curated events with structure worth drawing
    count = store.execute("SELECT count(*) FROM event WHERE kind = ?", (kind.value,)).fetchone()[0]
    if count > MAX_ANNOTATED * 50:
        return []
    rows = store.execute(
        f"SELECT id, key FROM event WHERE kind = ? AND {condition} ORDER BY start_day LIMIT ?",
        (kind.value, MAX_ANNOTATED),
    )
    return [(r[0], r[1]) for r in rows]


def _load_eras(store: Store, data: TimelineData) -> None:
    for event_id, key in _annotated(
        store, EventKind.MISSION_MILESTONE, "json_extract(details, '$.mission_period')"
    ):
        event = store.event(key)
        if event is not None:
            mission = event.details.get("mission")
            data.eras.append(
                Era(event_id, event.title, mission, event.when.start_day, event.when.end_day)
            )


def _load_steps(store: Store, data: TimelineData) -> None:
    if not _annotated(store, EventKind.TROOP_LEVEL_CHANGE, "1"):
        return
    mission_end = {era.mission: era.end for era in data.eras if era.mission}
    for mission in ("ISAF", "RSM"):
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


def _load_funds(
    store: Store, columns: EventColumns, end: np.ndarray, exact: np.ndarray, data: TimelineData
) -> None:
    """Stretch each fund to its latest commitment horizon; mark where each commitment was made."""
    for event_id, key in _annotated(
        store, EventKind.FUND, "json_array_length(details, '$.commitments') > 0"
    ):
        event = store.event(key)
        position = columns.index_of(event_id)
        if event is None or position is None:
            continue
        details = fund_details(event)
        horizon = details.latest_horizon
        if horizon is not None:
            # the span (establishment to horizon) is a fact, not an uncertain date
            end[position] = max(end[position], horizon.end_day)
            exact[position] = True
        for commitment in details.commitments:
            meeting = store.summary_by_key(commitment.set_at) if commitment.set_at else None
            if meeting is not None:
                text = (
                    f"{commitment.action}: {commitment.wording or commitment.horizon.exact_text()}"
                )
                data.commitments.append(
                    CommitmentMark(event_id, meeting.when.start_day, meeting.id, text)
                )


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
