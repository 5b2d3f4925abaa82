"""The event table's columns and the SQL that writes them: the one copy every writer uses.

``Store`` (a few events at a time), the importer and the generator (millions) all build their
rows with :func:`event_table_row` or in its column order, and write them with the statements here.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Sequence

from explorer.domain.events import Event

# the columns after ``id``, in the order of every row built here (``id`` comes from SQLite)
EVENT_COLUMNS = (
    "key",
    "kind",
    "title",
    "summary",
    "start_day",
    "end_day",
    "precision",
    "date_wording",
    "confidence",
    "origin",
    "details",
)
KEY_PLACE = EVENT_COLUMNS.index("key")
_ONE_ROW = f"({','.join('?' * len(EVENT_COLUMNS))})"
_INSERT_INTO = f"INSERT INTO event ({', '.join(EVENT_COLUMNS)}) VALUES "
INSERT_EVENT = _INSERT_INTO + _ONE_ROW
# the event's columns, then its id
UPDATE_EVENT = f"UPDATE event SET {', '.join(c + '=?' for c in EVENT_COLUMNS)} WHERE id=?"
INSERT_SOURCE = (
    "INSERT INTO source (event_id, position, title, url, section, paragraph, publisher)"
    " VALUES (?,?,?,?,?,?,?)"
)
DELETE_SOURCES = "DELETE FROM source WHERE event_id = ?"
DELETE_RELATIONS = "DELETE FROM relation WHERE source_id = ?"
# many rows a statement: a million one-row steps cost about a second more
ROWS_PER_INSERT = 2_000


def event_table_row(event: Event) -> tuple:
    """The event table's columns after ``id`` (:data:`EVENT_COLUMNS`) for one event."""
    return (
        event.key,
        event.kind.value,
        event.title,
        event.summary,
        event.when.start_day,
        event.when.end_day,
        event.when.stored_precision,
        event.when.wording,
        event.confidence,
        event.origin,
        json.dumps(event.details, ensure_ascii=False, sort_keys=True) if event.details else "{}",
    )


def source_rows(event_id: int, event: Event) -> list[tuple]:
    """The source table's rows of one event, for :data:`INSERT_SOURCE`."""
    return [
        (event_id, i, s.title, s.url, s.section, s.paragraph, s.publisher)
        for i, s in enumerate(event.sources)
    ]


def rows_per_insert(conn: sqlite3.Connection) -> int:
    """As many rows a statement as the build's limit on parameters allows."""
    variables = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_INSERT, variables // len(EVENT_COLUMNS)))


def insert_event_rows(conn: sqlite3.Connection, rows: Sequence[tuple], step: int) -> None:
    """Insert rows of :data:`EVENT_COLUMNS`, ``step`` rows a statement, in order.

    SQLite gives each new row max(id) + 1, so the rows' ids follow their order.
    """
    whole = len(rows) - len(rows) % step
    if whole:
        many = _INSERT_INTO + ",".join([_ONE_ROW] * step)
        for start in range(0, whole, step):
            conn.execute(many, list(itertools.chain.from_iterable(rows[start : start + step])))
    conn.executemany(INSERT_EVENT, rows[whole:])
