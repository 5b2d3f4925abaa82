"""The numeric columns behind the timeline: every event's id, interval, kind and lane as sorted
numpy arrays, so that a viewport lookup is a binary search and density a difference of counts.

A packed copy of the columns lives in the store itself (table ``columns_cache``, one row of BLOBs):
reading it is one row, a few contiguous byte strings and no per-event Python work, so a million
events load in milliseconds. Triggers on ``event`` mark it stale (``columns_cache_state``) in the
same transaction as any change, whoever writes (the app, an import in another process, an older
session), so a stale copy is never read; the next load reads the events with SQL and writes it
again. A window that made the change patches its own columns instead (:func:`patch_columns`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from explorer.domain.dates import END_DAY, FIRST_DAY, Precision
from explorer.domain.events import EventKind, Lane
from explorer.store.errors import StoreError
from explorer.store.store import Store
from explorer.store.valid_rows import VALID_EVENT

KIND_ORDER: tuple[EventKind, ...] = tuple(EventKind)
LANE_ORDER: tuple[Lane, ...] = tuple(Lane)
KIND_LANE = np.array([LANE_ORDER.index(k.lane) for k in KIND_ORDER], dtype=np.uint8)
CACHE_FORMAT = 1
# Below this many events reading with SQL takes a few milliseconds: not worth a write to cache.
CACHE_FROM = 5_000


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
        return lo + np.flatnonzero(self.end[lo:hi] > start_day)

    def index_of(self, event_id: int) -> int | None:
        """Position of a row id in the columns, or None."""
        if self._position is None:
            object.__setattr__(self, "_position", self._position_table())
        table = self._position
        if table.dtype == np.int32:  # ids are dense: table[id] is the position, or -1
            found = int(table[event_id]) if 0 <= event_id < len(table) else -1
            return found if found >= 0 else None
        i = int(np.searchsorted(self.ids, event_id, sorter=table))
        if i < len(table) and self.ids[table[i]] == event_id:
            return int(table[i])
        return None

    def _position_table(self) -> np.ndarray:
        """Row ids are usually 1..n: a direct id -> position table (int32, 4 bytes an id) costs
        far less to build than sorting the ids."""
        n = len(self.ids)
        top = int(self.ids.max()) + 1 if n else 0
        if n and int(self.ids.min()) >= 0 and top <= 2 * n + 1024:
            table = np.full(top, -1, np.int32)
            table[self.ids] = np.arange(n, dtype=np.int32)
            return table
        return np.argsort(self.ids, kind="stable")  # int64: sorted order, searched

    _position: np.ndarray | None = None


def empty_columns() -> EventColumns:
    """Columns of an empty store."""
    return _columns(np.zeros(0, np.int64), np.zeros(0), np.zeros(0), np.zeros(0, np.uint8),
                    np.zeros(0, bool))  # fmt: skip


def _columns(ids, start, end, kind, exact, max_duration: float | None = None) -> EventColumns:
    start = np.asarray(start, np.float64)
    end = np.asarray(end, np.float64)
    if max_duration is None:
        max_duration = float((end - start).max()) if len(ids) else 0.0
    kind = np.asarray(kind, np.uint8)
    return EventColumns(
        ids=np.asarray(ids, np.int64),
        start=start,
        end=end,
        kind=kind,
        lane=KIND_LANE[kind],
        exact=np.asarray(exact, bool),
        max_duration=max_duration,
    )


def load_columns(store: Store, *, cache_from: int = CACHE_FROM) -> EventColumns:
    """Every event's numeric columns, sorted by (start, id): from the cache, else from SQL
    (then cached when the store holds at least ``cache_from`` events and can be written).

    Each call reads them again: whoever holds the open store loads them once per change and
    hands the one copy to everything that draws or lists it.
    """
    columns = read_cached_columns(store)
    if columns is None:
        columns = read_columns_from_sql(store)
        if len(columns) >= cache_from and not store.read_only:
            # locked by another writer, or the disk is full: the next load tries again
            with contextlib.suppress(StoreError):
                write_columns_cache(store, columns)
    return columns


def read_columns_from_sql(store: Store) -> EventColumns:
    """Read the columns with one table scan, each as one comma-separated text.

    Five ``group_concat`` texts parsed by numpy make no Python object per row: less than half
    the time a cursor's row tuples take. The aggregates see the rows of the one scan in the
    same order, so the texts line up.
    """
    kind_case = " ".join(f"WHEN '{k.value}' THEN {i}" for i, k in enumerate(KIND_ORDER))
    exact = ",".join(f"'{p.value}'" for p in Precision if p.is_exact)
    n, *texts = store.execute(
        "SELECT count(*), group_concat(id), group_concat(start_day), group_concat(end_day),"
        f" group_concat(CASE kind {kind_case} ELSE 255 END),"
        f" group_concat(precision IN ({exact})) FROM event e WHERE {VALID_EVENT}"
    ).fetchone()
    if n == 0:
        return empty_columns()
    try:
        ids, start, end, kind, exact_flag = (
            np.fromstring(text, dtype=np.int64, sep=",") for text in texts
        )
    except (TypeError, ValueError):
        raise StoreError(f"{store.path}: an event has a day that is not a whole number") from None
    if any(len(a) != n for a in (ids, start, end, kind, exact_flag)):
        raise StoreError(f"{store.path}: an event has a day that is not a whole number")
    order = np.lexsort((ids, start))
    if (kind == 255).any():
        raise StoreError(f"{store.path}: an event has a kind this app does not know")
    return _columns(ids[order], start[order], end[order], kind[order], exact_flag[order] != 0)


def patch_columns(store: Store, columns: EventColumns, row_ids: Iterable[int]) -> EventColumns:
    """``columns`` with the events ``row_ids`` read again: each one dropped from its old place
    and, if still in the store, put at its new one. An edit costs a few array copies, not a
    re-read of every event (half a second at a million)."""
    ids = sorted({int(i) for i in row_ids})
    if not ids:
        return columns
    old = [p for i in ids if (p := columns.index_of(i)) is not None]
    kind_case = " ".join(f"WHEN '{k.value}' THEN {i}" for i, k in enumerate(KIND_ORDER))
    exact = ",".join(f"'{p.value}'" for p in Precision if p.is_exact)
    rows = store.execute(
        f"SELECT id, start_day, end_day, CASE kind {kind_case} ELSE 255 END,"
        f" precision IN ({exact}) FROM event WHERE id IN ({','.join('?' * len(ids))})"
        " ORDER BY start_day, id",
        ids,
    ).fetchall()
    if any(r[3] == 255 for r in rows):
        raise StoreError(f"{store.path}: an event has a kind this app does not know")
    # where each row read goes in the columns as they are (a row at a removed place goes
    # before it): then one splice per array, one copy each
    inserts = [(_sorted_position(columns.ids, columns.start, float(r[1]), r[0]), r) for r in rows]
    inserts.sort(key=lambda item: (item[0], item[1][1], item[1][0]))
    places = [at for at, _row in inserts]
    values = list(zip(*(row for _at, row in inserts), strict=True)) or [()] * 5
    kinds = np.asarray(values[3], np.uint8)
    spliced = [
        _splice(array, old, places, np.asarray(new, array.dtype))
        for array, new in (
            (columns.ids, values[0]),
            (columns.start, values[1]),
            (columns.end, values[2]),
            (columns.kind, kinds),
            (columns.lane, KIND_LANE[kinds]),
            (columns.exact, np.asarray(values[4], bool)),
        )
    ]
    if not len(spliced[0]):
        return empty_columns()
    durations = [float(end - start) for _id, start, end, *_ in rows]
    ids_, start_, end_, kind_, lane_, exact_ = spliced
    patched = EventColumns(ids_, start_, end_, kind_, lane_, exact_,
                           max(columns.max_duration, *durations, 0.0))  # fmt: skip
    first = min(old + places, default=len(ids_))
    object.__setattr__(patched, "_position", _moved_positions(columns, patched, old, first))
    return patched


def _splice(array: np.ndarray, removed: list[int], places: list[int], values: np.ndarray):
    """``array`` without the ``removed`` positions and with ``values`` put before ``places``
    (positions of ``array``, ascending) in one copy."""
    pieces, previous = [], 0
    inserted = iter(range(len(places)))
    marks = sorted({*removed, *places})
    removed_set, place_count = set(removed), {}
    for at in places:
        place_count[at] = place_count.get(at, 0) + 1
    for at in marks:
        pieces.append(array[previous:at])
        for _ in range(place_count.get(at, 0)):
            i = next(inserted)
            pieces.append(values[i : i + 1])
        previous = at + 1 if at in removed_set else at
    pieces.append(array[previous:])
    return np.concatenate(pieces)


def _moved_positions(old: EventColumns, new: EventColumns, removed, first: int):
    """The new columns' id -> position table from the old one: only the positions from
    ``first`` on moved. None (built when asked) where the old table was not a direct one."""
    table = old._position
    if table is None or table.dtype != np.int32 or not len(new):
        return None
    top = int(new.ids.max()) + 1
    if top > 2 * len(new) + 1024:
        return None
    table = table.copy() if top <= len(table) else np.concatenate(
        [table, np.full(top - len(table), -1, np.int32)]
    )  # fmt: skip
    table[old.ids[removed]] = -1
    table[new.ids[first:]] = np.arange(first, len(new), dtype=np.int32)
    return table


def _sorted_position(ids: np.ndarray, start: np.ndarray, day: float, row_id: int) -> int:
    """Where (day, row_id) goes in columns sorted by (start, id)."""
    lo = int(np.searchsorted(start, day, side="left"))
    hi = int(np.searchsorted(start, day, side="right"))
    return lo + int(np.searchsorted(ids[lo:hi], row_id))


def read_cached_columns(store: Store) -> EventColumns | None:
    """The columns from the store's packed copy, or None when there is none (or it is unusable)."""
    row = store.execute(
        "SELECT format, event_count, max_duration, ids, start_day, end_day, kind, exact"
        " FROM columns_cache WHERE id = 1"
        " AND NOT (SELECT stale FROM columns_cache_state WHERE id = 1)"
    ).fetchone()
    if row is None or row[0] != CACHE_FORMAT:
        return None
    try:
        return _unpacked(row)
    except (TypeError, ValueError):  # not bytes of the expected sizes: read the events again
        return None


def _unpacked(row) -> EventColumns | None:
    n = row[1]
    ids = np.frombuffer(row[3], np.int64)
    arrays = [np.frombuffer(b, np.int32) for b in row[4:6]]
    kind, exact = (np.frombuffer(b, np.uint8) for b in row[6:8])
    if any(len(a) != n for a in (ids, *arrays, kind, exact)):
        return None
    # written by this app, but the file may not be: what cannot be drawn is read again with SQL
    if n and (
        int(kind.max()) >= len(KIND_ORDER)
        or int(arrays[0].min()) < FIRST_DAY
        or int(arrays[1].max()) > END_DAY
        or not (arrays[1] > arrays[0]).all()
        or not 0 <= float(row[2]) <= END_DAY - FIRST_DAY
    ):
        return None
    return _columns(ids, arrays[0], arrays[1], kind, exact.view(bool), row[2])


def write_columns_cache(store: Store, columns: EventColumns) -> None:
    """Store a packed copy of ``columns``; the event triggers mark it stale on any change."""
    with store.transaction() as conn:
        conn.execute("UPDATE columns_cache_state SET stale = 0")
        conn.execute(
            "INSERT OR REPLACE INTO columns_cache (id, format, event_count, max_duration, ids,"
            " start_day, end_day, kind, exact) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                CACHE_FORMAT,
                len(columns),
                columns.max_duration,
                columns.ids.astype(np.int64).tobytes(),
                columns.start.astype(np.int32).tobytes(),
                columns.end.astype(np.int32).tobytes(),
                columns.kind.astype(np.uint8).tobytes(),
                columns.exact.astype(np.uint8).tobytes(),
            ),
        )


def refresh_columns_cache(store: Store) -> EventColumns:
    """Rebuild the packed copy now (after a bulk import), whatever the store's size."""
    columns = read_columns_from_sql(store)
    write_columns_cache(store, columns)
    return columns


def repack_if_stale(store: Store) -> bool:
    """Rebuild the packed copy if an edit has made it stale, so that the next start reads it
    instead of every event (about half a second at a million). Called when a window closes:
    a second there is cheaper for the user than a slower start. True when it rebuilt."""
    if store.read_only:
        return False
    row = store.execute(
        "SELECT EXISTS (SELECT 1 FROM columns_cache)"
        " AND (SELECT stale FROM columns_cache_state WHERE id = 1)"
    ).fetchone()
    if not row[0]:
        return False
    refresh_columns_cache(store)
    return True
