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

import bisect
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from explorer.domain.dates import END_DAY, FIRST_DAY, Precision
from explorer.domain.events import EventKind, Lane
from explorer.domain.splice import Splice
from explorer.store.errors import StoreError
from explorer.store.store import Store
from explorer.store.valid_rows import VALID_EVENT

KIND_ORDER: tuple[EventKind, ...] = tuple(EventKind)
LANE_ORDER: tuple[Lane, ...] = tuple(Lane)
KIND_LANE = np.array([LANE_ORDER.index(k.lane) for k in KIND_ORDER], dtype=np.uint8)
CACHE_FORMAT = 1
# Below this many events reading with SQL takes a few milliseconds: not worth a write to cache.
CACHE_FROM = 5_000
# an id lookup shared across edits keeps their ids apart; past this many it is built again
MAX_EDITED_LOOKUPS = 4096
NO_DAY = int(np.iinfo(np.int32).min)
COLUMN_NAMES = ("ids", "start", "end", "kind", "lane", "exact")
SPARE_ROOM = 64  # events an edit may add and still write into the spare buffers


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

    def prepare_lookup(self) -> None:
        """Build what :meth:`index_of` searches now (it is otherwise built on first use)."""
        if self._lookup is None:
            object.__setattr__(self, "_lookup", _IdLookup.of(self))

    def spare_buffers(self, room: int = SPARE_ROOM) -> dict[str, np.ndarray]:
        """One buffer per column, ``room`` events longer, each written through once: what
        :func:`patch_columns` can write the next edit into. A fresh array of a million events
        costs some 2 ms of page faults as it is first written (tens of ms over every column);
        made while an editor is open, the first edit does not wait for them."""
        spares = {}
        for name in COLUMN_NAMES:
            column = getattr(self, name)
            buffer = np.empty(len(column) + room, column.dtype)
            buffer[: len(column)] = column  # touches every page now
            buffer[len(column) :] = 0
            spares[name] = buffer
        return spares

    def index_of(self, event_id: int) -> int | None:
        """Position of a row id in the columns, or None."""
        self.prepare_lookup()
        lookup = self._lookup
        if lookup.sorter is not None:  # ids far apart: their sorted order, searched
            sorter = lookup.sorter
            i = int(np.searchsorted(self.ids, event_id, sorter=sorter))
            if i < len(sorter) and self.ids[sorter[i]] == event_id:
                return int(sorter[i])
            return None
        day = lookup.day_of(event_id)
        if day is None:
            return None
        at = _sorted_position(self.ids, self.start, day, event_id)
        return at if at < len(self.ids) and self.ids[at] == event_id else None

    _lookup: _IdLookup | None = None


@dataclass(frozen=True, slots=True)
class _IdLookup:
    """Finds an event's position in its columns from its row id.

    Row ids are usually 1..n and days whole numbers: ``days[id]`` is the event's start day
    (int32, ``NO_DAY`` for no event), and the position is a binary search for (day, id). An
    edit shares the table and adds its own ids to ``edited`` (id -> start day, or None when
    gone), so it copies nothing; a table of positions would instead shift by one past every
    added event. Otherwise ``sorter``: the ids' sorted order, searched."""

    days: np.ndarray | None = None
    edited: dict[int, float | None] = field(default_factory=dict)
    sorter: np.ndarray | None = None

    @staticmethod
    def of(columns: EventColumns) -> _IdLookup:
        n = len(columns.ids)
        top = int(columns.ids.max()) + 1 if n else 0
        if (
            n
            and int(columns.ids.min()) >= 0
            and top <= 2 * n + 1024
            and NO_DAY < columns.start[0] <= columns.start[-1] < -NO_DAY
        ):
            whole = columns.start.astype(np.int32)
            if np.array_equal(whole, columns.start):  # whole days, as a store holds them
                days = np.full(top, NO_DAY, np.int32)
                days[columns.ids] = whole
                return _IdLookup(days=days)
        return _IdLookup(sorter=np.argsort(columns.ids, kind="stable"))

    def day_of(self, event_id: int) -> float | None:
        if event_id in self.edited:
            return self.edited[event_id]
        if self.days is None or not 0 <= event_id < len(self.days):
            return None
        day = int(self.days[event_id])
        return None if day == NO_DAY else float(day)

    def after_edit(self, rows: list[tuple[int, float]], ids: list[int]) -> _IdLookup | None:
        """The lookup once the events ``ids`` are re-read as ``rows`` (id, start day); None
        (built again when asked) when it is searched or has gathered many edits."""
        if self.days is None or len(self.edited) + len(ids) > MAX_EDITED_LOOKUPS:
            return None
        edited = dict(self.edited)
        edited.update(dict.fromkeys(ids))
        edited.update((int(row_id), float(day)) for row_id, day in rows)
        return _IdLookup(days=self.days, edited=edited)


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


def patch_columns(
    store: Store,
    columns: EventColumns,
    row_ids: Iterable[int],
    spares: dict[str, np.ndarray] | None = None,
) -> EventColumns:
    """``columns`` with the events ``row_ids`` read again: each one dropped from its old place
    and, if still in the store, put at its new one. An edit costs one copy of each array (a
    few milliseconds at a million events), not a re-read of every event (half a second).
    The copies go into ``spares`` (:meth:`EventColumns.spare_buffers`) where they fit."""
    ids = sorted({int(i) for i in row_ids})
    if not ids:
        return columns
    removed = sorted(p for i in ids if (p := columns.index_of(i)) is not None)
    kind_case = " ".join(f"WHEN '{k.value}' THEN {i}" for i, k in enumerate(KIND_ORDER))
    exact = ",".join(f"'{p.value}'" for p in Precision if p.is_exact)
    rows = store.execute(
        f"SELECT id, start_day, end_day, CASE kind {kind_case} ELSE 255 END,"
        f" precision IN ({exact}) FROM event e WHERE id IN ({','.join('?' * len(ids))})"
        f" AND {VALID_EVENT} ORDER BY start_day, id",
        ids,
    ).fetchall()
    if any(r[3] == 255 for r in rows):
        raise StoreError(f"{store.path}: an event has a kind this app does not know")
    # each row read stands after the kept events before it and the rows read before it
    places = []
    for j, (row_id, day, *_rest) in enumerate(rows):
        before = _sorted_position(columns.ids, columns.start, float(day), row_id)
        places.append(before - bisect.bisect_left(removed, before) + j)
    splice = Splice(len(columns), removed, places)
    if not splice.result_length:
        return empty_columns()
    new = list(zip(*rows, strict=True)) if rows else [()] * 5
    kinds = np.asarray(new[3], np.uint8)
    values = {"ids": new[0], "start": new[1], "end": new[2], "kind": kinds,
              "lane": KIND_LANE[kinds], "exact": np.asarray(new[4], bool)}  # fmt: skip
    fits = spares is not None and all(
        name in spares
        and len(spares[name]) >= splice.result_length
        and spares[name].dtype == getattr(columns, name).dtype
        and not np.shares_memory(spares[name], getattr(columns, name))
        for name in COLUMN_NAMES
    )
    patched = EventColumns(
        **{
            name: splice.apply(getattr(columns, name), values[name], spares[name] if fits else None)
            for name in COLUMN_NAMES
        },
        max_duration=max([columns.max_duration, *(float(r[2] - r[1]) for r in rows)]),
    )
    lookup = columns._lookup.after_edit([(r[0], r[1]) for r in rows], ids)
    object.__setattr__(patched, "_lookup", lookup)
    return patched


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
