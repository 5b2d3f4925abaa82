"""The event store: writing events all-or-nothing, and the queries the UI and CLI need."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import (
    Changes,
    Event,
    EventKind,
    EventSummary,
    LinkedEvent,
    Relation,
    RelationType,
    Source,
)
from explorer.domain.search_query import SearchQuery, parse_search
from explorer.domain.series import TroopLevelStep, troop_series
from explorer.store.annotations import (
    ANNOTATIONS_SQL,
    MAX_ANNOTATED,
    TimelineAnnotations,
    annotations_from_rows,
    annotations_parameters,
)
from explorer.store.connection import StoreFile, explain
from explorer.store.errors import ImportRejected
from explorer.store.event_table import (
    DELETE_RELATIONS,
    DELETE_SOURCES,
    INSERT_EVENT,
    INSERT_SOURCE,
    UPDATE_EVENT,
    event_table_row,
    source_rows,
)
from explorer.store.search import SearchMatch, search_matches, search_rows
from explorer.store.valid_rows import EVENT_RULES, VALID_EVENT, quoted

_SUMMARY_COLUMNS = (
    "e.id, e.key, e.kind, e.title, e.start_day, e.end_day, e.precision, e.date_wording"
)
_FULL_COLUMNS = _SUMMARY_COLUMNS + ", e.summary, e.confidence, e.origin, e.details"


_VALID_RELATION = f"r.type IN ({quoted(RelationType)})"
_VALID_SOURCE = (
    "typeof(title) = 'text' AND (url IS NULL OR typeof(url) = 'text')"
    " AND typeof(section) = 'text' AND typeof(paragraph) = 'text' AND typeof(publisher) = 'text'"
)


# The binned span index of migration 0003: an event's ``bin`` is the smallest bin holding its
# whole interval, at one of these levels (bin widths 2^shift days), else the top bin.
SPAN_BIN_SHIFTS = (3, 6, 9, 12, 15)
_BIN_DAY_OFFSET = 1 << 20  # makes every day of years 1-9999 non-negative
_BIN_LEVEL_SIZE = 1 << 22  # bins per level; level i's bins start at i * this
TOP_BIN = len(SPAN_BIN_SHIFTS) * _BIN_LEVEL_SIZE
# a window touching more bins of one level than this reads the level as one range of bins
_MAX_LISTED_BINS = 64


def span_bin(start_day: int, end_day: int) -> int:
    """The bin migration 0003 computes for an event ``[start_day, end_day)``."""
    first, last = start_day + _BIN_DAY_OFFSET, end_day - 1 + _BIN_DAY_OFFSET
    if first < 0 or last >= _BIN_LEVEL_SIZE:
        return TOP_BIN
    for level, shift in enumerate(SPAN_BIN_SHIFTS):
        if first >> shift == last >> shift:
            return level * _BIN_LEVEL_SIZE + (first >> shift)
    return TOP_BIN


def span_bins_filter(start_day: int, end_day: int) -> tuple[str, list[int]]:
    """SQL over ``e.bin`` and ``e.start_day`` keeping every event that may overlap the window.

    A qualifying event holds a day in ``[first, last]`` below, so its bin, which covers all its
    days, is one of the bins of its level over that range; its start lies at most a bin width
    before ``first``. The caller still tests the overlap itself.
    """
    first = start_day
    last = max(end_day - 1, start_day)  # an empty window still meets events around its start
    low = min(max(first + _BIN_DAY_OFFSET, 0), _BIN_LEVEL_SIZE - 1)
    high = min(max(last + _BIN_DAY_OFFSET, 0), _BIN_LEVEL_SIZE - 1)
    terms, params = [], []
    for level, shift in enumerate(SPAN_BIN_SHIFTS):
        base = level * _BIN_LEVEL_SIZE
        bins = list(range(base + (low >> shift), base + (high >> shift) + 1))
        if len(bins) > _MAX_LISTED_BINS:
            terms.append("e.bin BETWEEN ? AND ? AND e.start_day > ? AND e.start_day <= ?")
            bins = [bins[0], bins[-1]]
        else:
            terms.append(
                f"e.bin IN ({','.join('?' * len(bins))}) AND e.start_day > ? AND e.start_day <= ?"
            )
        params += [*bins, first - (1 << shift), last]
    terms.append("e.bin = ? AND e.start_day <= ?")
    params += [TOP_BIN, last]
    return " OR ".join(f"({t})" for t in terms), params


def _summary(row: Sequence) -> EventSummary:
    when = FuzzyDate.from_stored(row[4], row[5], row[6], row[7])
    return EventSummary(row[0], row[1], EventKind(row[2]), row[3], when)


def _kind_filter(kinds: Iterable[EventKind | str] | None) -> tuple[str, list[str]]:
    if kinds is None:
        return "", []
    values = sorted({EventKind(k).value for k in kinds})
    if len(values) == len(EventKind):  # every kind: no filter (it costs a join in a search)
        return "", []
    if not values:
        return " AND 0", []
    return f" AND e.kind IN ({','.join('?' * len(values))})", values


class Store(StoreFile):
    """An event store in one SQLite file (see :class:`StoreFile` for the connection)."""

    # -- writing ------------------------------------------------------------------------------

    def add_events(
        self, events: Iterable[Event], *, replace: bool = False, origin: object = None
    ) -> Changes:
        """Insert (or, with ``replace``, update) events in one transaction: all or nothing.

        Relation targets may be among ``events`` or already in the store.
        """
        with self.transaction() as conn:
            changes = self.write_events(conn, events, replace=replace)
        return Changes(added=changes.added, updated=changes.updated, origin=origin)

    def write_events(
        self, conn: sqlite3.Connection, events: Iterable[Event], *, replace: bool = False
    ) -> Changes:
        """The body of :meth:`add_events`, inside the caller's open transaction."""
        events = list(events)
        added, updated = [], []
        ids: dict[str, int] = {}
        for event in events:
            existing = conn.execute("SELECT id FROM event WHERE key = ?", (event.key,)).fetchone()
            if event.key in ids:
                raise ImportRejected(f"event {event.key!r} appears twice", field="id")
            if existing and not replace:
                raise ImportRejected(f"event {event.key!r} is already in the store", field="id")
            ids[event.key] = self._write_event(conn, event, existing[0] if existing else None)
            (updated if existing else added).append(event.key)
        for event in events:
            self._write_links(conn, ids[event.key], event)
        return Changes(added=tuple(added), updated=tuple(updated))

    def _write_event(self, conn: sqlite3.Connection, event: Event, event_id: int | None) -> int:
        values = event_table_row(event)
        if event_id is None:
            return conn.execute(INSERT_EVENT, values).lastrowid
        conn.execute(UPDATE_EVENT, (*values, event_id))
        conn.execute(DELETE_SOURCES, (event_id,))
        conn.execute(DELETE_RELATIONS, (event_id,))
        return event_id

    def _write_links(self, conn: sqlite3.Connection, event_id: int, event: Event) -> None:
        conn.executemany(INSERT_SOURCE, source_rows(event_id, event))
        for rel in event.relations:
            target = conn.execute(
                "SELECT id FROM event WHERE key = ?", (rel.target_key,)
            ).fetchone()
            if target is None:
                raise ImportRejected(
                    f"event {event.key!r}: relation {rel.type.value} points to a missing event "
                    f"{rel.target_key!r}",
                    field="relations",
                )
            conn.execute(
                "INSERT OR IGNORE INTO relation (source_id, type, target_id) VALUES (?,?,?)",
                (event_id, rel.type.value, target[0]),
            )

    def remove_events(self, keys: Iterable[str], origin: object = None) -> Changes:
        """Delete events (with their sources and relations) in one transaction."""
        keys = list(keys)
        with self.transaction() as conn:
            conn.executemany("DELETE FROM event WHERE key = ?", [(k,) for k in keys])
        return Changes(removed=tuple(keys), origin=origin)

    def set_meta(self, name: str, value: str) -> None:
        """Set a value in the meta table (inside the caller's transaction if there is one)."""
        self._conn.execute(
            "INSERT INTO meta (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    # -- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        """How many events the store holds (readable or not: see :meth:`invalid_events`)."""
        return self.execute("SELECT count(*) FROM event").fetchone()[0]

    def invalid_events(self, limit: int) -> list[tuple[object, str]]:
        """(key, first field that breaks a rule) of stored rows no reader shows: up to ``limit``."""
        fields = list(EVENT_RULES)
        tests = ", ".join(f"coalesce({rule}, 0)" for rule in EVENT_RULES.values())
        rows = self.execute(
            f"SELECT e.key, {tests} FROM event e WHERE NOT {VALID_EVENT} LIMIT ?", (limit,)
        )
        return [(row[0], fields[list(row[1:]).index(0)]) for row in rows]

    def bounds(self) -> tuple[int, int] | None:
        """(first start_day, last end_day) over all readable events, or None when empty."""
        row = self.execute(
            f"SELECT min(start_day), max(end_day) FROM event e WHERE {VALID_EVENT}"
        ).fetchone()
        return None if row[0] is None else (row[0], row[1])

    def id_of(self, key: str) -> int | None:
        """The row id of an event key."""
        row = self.execute("SELECT id FROM event WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def summary(self, event_id: int) -> EventSummary | None:
        """The summary of one event by row id."""
        row = self.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM event e WHERE e.id = ? AND {VALID_EVENT}", (event_id,)
        )
        row = row.fetchone()
        return _summary(row) if row else None

    def summaries(self, ids: Sequence[int]) -> list[EventSummary | None]:
        """The summaries of these row ids in their order (None where there is none), read with
        one statement per 500 ids rather than one per event."""
        found: dict[int, EventSummary] = {}
        ids = [int(i) for i in ids]
        for first in range(0, len(ids), 500):
            chunk = ids[first : first + 500]
            rows = self.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM event e"
                f" WHERE e.id IN ({','.join('?' * len(chunk))}) AND {VALID_EVENT}",
                chunk,
            )
            found.update((row[0], _summary(row)) for row in rows)
        return [found.get(i) for i in ids]

    def summary_by_key(self, key: str) -> EventSummary | None:
        """The summary of one event by key."""
        row = self.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM event e WHERE e.key = ? AND {VALID_EVENT}", (key,)
        )
        row = row.fetchone()
        return _summary(row) if row else None

    def event(self, key: str) -> Event | None:
        """One event with its details, sources and outgoing relations."""
        row = self.execute(
            f"SELECT {_FULL_COLUMNS} FROM event e WHERE e.key = ? AND {VALID_EVENT}", (key,)
        ).fetchone()
        return self._full_event(row) if row else None

    def _full_event(self, row: Sequence) -> Event:
        return self._full_events([row])[0]

    def _full_events(self, rows: Sequence[Sequence]) -> list[Event]:
        """Events from ``_FULL_COLUMNS`` rows; sources and relations read in one query each."""
        ids = [row[0] for row in rows]
        marks = ",".join("?" * len(ids))
        sources: dict[int, list[Source]] = {}
        for r in self.execute(
            "SELECT event_id, title, url, section, paragraph, publisher FROM source"
            f" WHERE event_id IN ({marks}) AND {_VALID_SOURCE} ORDER BY event_id, position",
            ids,
        ):
            sources.setdefault(r[0], []).append(Source(*r[1:]))
        relations: dict[int, list[tuple[str, str]]] = {}
        for r in self.execute(
            "SELECT r.source_id, r.type, e.key FROM relation r JOIN event e ON e.id = r.target_id"
            f" WHERE r.source_id IN ({marks}) AND {_VALID_RELATION} AND {VALID_EVENT}"
            " ORDER BY r.source_id, r.type, e.start_day, e.key",
            ids,
        ):
            relations.setdefault(r[0], []).append((r[1], r[2]))
        events = []
        for row in rows:
            head = _summary(row)
            events.append(
                Event(
                    key=head.key,
                    kind=head.kind,
                    title=head.title,
                    when=head.when,
                    summary=row[8],
                    confidence=row[9],
                    details=json.loads(row[11]),
                    sources=tuple(sources.get(head.id, ())),
                    relations=tuple(
                        Relation(RelationType(t), head.key, k)
                        for t, k in relations.get(head.id, ())
                    ),
                    origin=row[10],
                )
            )
        return events

    def iter_events(
        self, origin: str | None = None, batch: int = 1000, *, mine: bool = False
    ) -> Iterator[Event]:
        """Every event, in time order (then by key): for export. Streams ``batch`` at a time.
        ``mine``: only the events the user added or edited."""
        where = f" WHERE {VALID_EVENT}" + (" AND e.origin = ?" if origin else "")
        if mine:
            where += " AND (e.origin = 'user' OR e.dataset_json IS NOT NULL)"
        cursor = self.execute(
            f"SELECT {_FULL_COLUMNS} FROM event e{where} ORDER BY e.start_day, e.key",
            (origin,) if origin else (),
        )
        while rows := cursor.fetchmany(batch):
            yield from self._full_events(rows)

    def events_between(
        self,
        start_day: int,
        end_day: int,
        kinds: Iterable[EventKind | str] | None = None,
        limit: int | None = None,
    ) -> list[EventSummary]:
        """Events whose interval overlaps ``[start_day, end_day)``, in time order."""
        kind_sql, kind_params = _kind_filter(kinds)
        bins_sql, bins_params = span_bins_filter(start_day, end_day)
        # the unary + keeps the planner on event_bin rather than walking event_start_day
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM event e WHERE ({bins_sql})"
            f" AND +e.start_day < ? AND +e.end_day > ?{kind_sql} AND {VALID_EVENT}"
            " ORDER BY e.start_day, e.id"
        )
        params: list = [*bins_params, end_day, start_day, *kind_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_summary(r) for r in self.execute(sql, params)]

    def neighbour(
        self, key: str, step: int, kinds: Iterable[EventKind | str] | None = None
    ) -> EventSummary | None:
        """The next (``step`` > 0) or previous event in time from ``key``, or None at the end."""
        here = self.execute("SELECT start_day, id FROM event WHERE key = ?", (key,)).fetchone()
        if here is None:
            return None
        kind_sql, kind_params = _kind_filter(kinds)
        if step > 0:
            cond, order = "(e.start_day, e.id) > (?, ?)", "e.start_day, e.id"
        else:
            cond, order = "(e.start_day, e.id) < (?, ?)", "e.start_day DESC, e.id DESC"
        row = self.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM event e WHERE {cond}{kind_sql} AND {VALID_EVENT}"
            f" ORDER BY {order} LIMIT 1",
            [*here, *kind_params],
        ).fetchone()
        return _summary(row) if row else None

    def edge(
        self, last: bool, kinds: Iterable[EventKind | str] | None = None
    ) -> EventSummary | None:
        """The first (or ``last``) event in time."""
        kind_sql, kind_params = _kind_filter(kinds)
        order = "e.start_day DESC, e.id DESC" if last else "e.start_day, e.id"
        row = self.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM event e WHERE {VALID_EVENT}{kind_sql}"
            f" ORDER BY {order} LIMIT 1",
            kind_params,
        ).fetchone()
        return _summary(row) if row else None

    def linked_events(self, key: str) -> list[LinkedEvent]:
        """Relations of ``key`` in both directions, with the other event's summary."""
        event_id = self.id_of(key)
        if event_id is None:
            return []
        linked = []
        for outgoing, mine, other in (
            (True, "source_id", "target_id"),
            (False, "target_id", "source_id"),
        ):
            rows = self.execute(
                f"SELECT r.type, {_SUMMARY_COLUMNS} FROM relation r JOIN event e ON e.id = r.{other}"
                f" WHERE r.{mine} = ? AND {_VALID_RELATION} AND {VALID_EVENT}"
                " ORDER BY e.start_day, e.id",
                (event_id,),
            )
            linked += [LinkedEvent(RelationType(r[0]), outgoing, _summary(r[1:])) for r in rows]
        return linked

    def troop_changes(self, mission: str, batch: int = 1000) -> list[Event]:
        """Every troop-level change of ``mission``, in time order; sources and relations are
        read ``batch`` events a query, not one by one (a generated mission has thousands)."""
        rows = self.execute(
            f"SELECT {_FULL_COLUMNS} FROM event e WHERE e.kind = ? AND {VALID_EVENT}"
            " AND json_extract(CASE WHEN json_valid(e.details) THEN e.details END, '$.mission') = ?"
            " ORDER BY e.start_day",
            (EventKind.TROOP_LEVEL_CHANGE.value, mission),
        ).fetchall()
        events: list[Event] = []
        for first in range(0, len(rows), batch):
            events += self._full_events(rows[first : first + batch])
        return events

    def troop_series(self, mission: str) -> list[TroopLevelStep]:
        """The troop-level steps of ``mission`` (e.g. 'ISAF', 'RSM')."""
        return troop_series(self.troop_changes(mission), mission)

    def count_of_kind(self, kind: EventKind | str) -> int:
        """How many events of one kind the store holds."""
        sql = "SELECT count(*) FROM event WHERE kind = ?"
        return self.execute(sql, (EventKind(kind).value,)).fetchone()[0]

    def search(
        self,
        text: str | SearchQuery,
        limit: int = 500,
        kinds: Iterable[EventKind | str] | None = None,
    ) -> list[EventSummary]:
        """Events matching a search (words, fields and a date), best first; a date alone lists
        the events overlapping it in time order."""
        query = parse_search(text) if isinstance(text, str) else text
        if query.kinds is not None:  # kind:summit narrows the kinds asked for
            kinds = query.kinds if kinds is None else query.kinds & {EventKind(k) for k in kinds}
        if not query.terms:
            bounds = self.bounds()
            if query.is_empty or bounds is None:
                return []
            period = query.interval
            start, end = (period.start_day, period.end_day) if period else bounds
            return self.events_between(start, end, kinds, limit=limit)
        kind_sql, kind_params = _kind_filter(kinds)
        try:
            rows = search_rows(self._conn, _SUMMARY_COLUMNS, query, limit, kind_sql, kind_params)
        except sqlite3.DatabaseError as exc:
            raise explain(exc, self.path) from None
        return [_summary(r) for r in rows]

    def search_matches(self, query: SearchQuery, ids: Iterable[int]) -> dict[int, SearchMatch]:
        """Where each of ``ids`` matched the query's words: field, snippet, matched ranges."""
        try:
            return search_matches(self._conn, query, ids)
        except sqlite3.DatabaseError as exc:
            raise explain(exc, self.path) from None

    def timeline_annotations(self, limit: int = MAX_ANNOTATED) -> TimelineAnnotations:
        """The mission eras, troop-level steps and fund commitments drawn over the timeline,
        ids included, in one query (nothing for a store too big to be a curated history)."""
        rows = self.execute(ANNOTATIONS_SQL, annotations_parameters(limit)).fetchall()
        return annotations_from_rows(rows)
