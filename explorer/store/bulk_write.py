"""Writing many events in one transaction: what ``import`` and ``generate`` (and so the bench) share.

Per-row trigger work and random-order index inserts made a million-row write minutes long.
:func:`bulk_transaction` drops the event table's triggers named in
:data:`BULK_TRIGGERS` (and, when asked, its secondary indexes), lets the caller insert, then puts
them back and does the triggers' work once over all new rows. The schema changes are part of
the transaction: a rollback brings every trigger and index back as it was.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
from collections.abc import Callable, Iterator

from explorer.store.change_log import EVERYTHING
from explorer.store.errors import StoreError
from explorer.store.search import BEGIN_BULK_SEARCH, FILL_SEARCH_INDEX
from explorer.store.store import Store

LOG_EVERYTHING = f"INSERT INTO event_change (row_id, key) VALUES ({EVERYTHING}, '')"
# trigger -> the statements doing its work over every new row (``id >= ?``) at once.
# Triggers not named here keep firing row by row.
BULK_TRIGGERS = {
    "event_after_insert": FILL_SEARCH_INDEX,
    "columns_cache_after_insert": ("DELETE FROM columns_cache",),
    # the change log (migration 0009) gets one entry saying "everything", not one per row
    "event_change_after_insert": (LOG_EVERYTHING,),
    "event_change_after_update": (LOG_EVERYTHING,),
    "event_change_after_delete": (LOG_EVERYTHING,),
}
# a bigger page cache while writing keeps the key index in memory (KiB, negative = size)
BULK_CACHE_KIB = 128 << 10
# ... and a small one while the secondary indexes are built (see _index_sorting)
INDEX_SORT_CACHE_KIB = 4 << 10
# FTS5's own default for the terms it holds before writing a segment, and the bulk write's
FTS_HASH_BYTES = 1 << 20
BULK_FTS_HASH_BYTES = 16 << 20


@contextlib.contextmanager
def bulk_transaction(
    store: Store,
    *,
    rebuild_indexes: bool,
    then: Callable[[sqlite3.Connection], None] | None = None,
) -> Iterator[sqlite3.Connection]:
    """A transaction for inserting many events; yields its connection.

    With ``rebuild_indexes`` the event table's secondary indexes are dropped and built again
    at the end: sorting once beats many random index inserts when the rows outnumber those
    already there. ``then`` writes more in the same transaction once every trigger and index
    is back. Should the body raise, everything rolls back, schema changes included.
    """
    with _collector_paused(), _big_cache(store), store.transaction() as conn:
        first_new_id = (conn.execute("SELECT max(id) FROM event").fetchone()[0] or 0) + 1
        dropped = _suspend(conn, rebuild_indexes)
        conn.execute(BEGIN_BULK_SEARCH, (first_new_id,))
        yield conn
        _restore(conn, dropped, first_new_id)
        if then is not None:
            then(conn)


def _suspend(conn: sqlite3.Connection, indexes: bool) -> list[tuple[str, str, str]]:
    """Drop the bulk triggers (and the secondary indexes); return (type, name, sql) of each."""
    dropped = conn.execute(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'event' AND ("
        f" (type = 'trigger' AND name IN ({','.join('?' * len(BULK_TRIGGERS))}))"
        " OR (type = 'index' AND sql IS NOT NULL AND ?))",
        (*BULK_TRIGGERS, indexes),
    ).fetchall()
    for kind, name, _sql in dropped:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return dropped


def _restore(
    conn: sqlite3.Connection, dropped: list[tuple[str, str, str]], first_new_id: int
) -> None:
    """Put back what :func:`_suspend` dropped, doing the triggers' work over the new rows."""
    # the triggers' bulk work (the full-text index) first, with the big cache
    with _fts_hash_size(conn, BULK_FTS_HASH_BYTES):
        for kind, name, sql in dropped:
            if kind == "trigger":
                conn.execute(sql)
                for statement in BULK_TRIGGERS.get(name, ()):
                    conn.execute(statement, [first_new_id] * statement.count("?"))
    indexes = [sql for kind, _name, sql in dropped if kind == "index"]
    if indexes:
        with _index_sorting(conn):
            for sql in indexes:
                conn.execute(sql)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while writing.

    A bulk write makes no reference cycles, but a million rows' tuples, lists and strings set
    the collector off hundreds of times, each pass walking every object still alive (most of
    a second of a million-row import). Reference counting still frees everything as it goes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _big_cache(store: Store) -> Iterator[None]:
    size = store.execute("PRAGMA cache_size").fetchone()[0]
    store.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(StoreError):
            store.execute(f"PRAGMA cache_size = {int(size)}")


@contextlib.contextmanager
def _fts_hash_size(conn: sqlite3.Connection, size: int) -> Iterator[None]:
    """Let the full-text index gather ``size`` bytes of terms before it writes a segment.

    FTS5's default (1 MiB) makes a million titles many small segments, merged again and again;
    16 MiB took about a fifth off building the index. The setting is stored in the index's
    config table, so it is put back to the default after. A SQLite without the option just
    goes on without it.
    """
    try:
        conn.execute("INSERT INTO event_fts (event_fts, rank) VALUES ('hashsize', ?)", (size,))
    except sqlite3.OperationalError:
        yield
        return
    try:
        yield
    finally:
        conn.execute(
            "INSERT INTO event_fts (event_fts, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,)
        )


@contextlib.contextmanager
def _index_sorting(conn: sqlite3.Connection) -> Iterator[None]:
    """Settings under which CREATE INDEX over a million rows sorts fastest.

    A small cache makes SQLite's sorter cut the keys into runs of a few MiB, sorted while the
    table is still being read (by a second thread where there is a second core) and merged at
    the end; one run of the whole index, as the big cache allows, sorted slower (measured at a
    million rows: about half again as long for the event table's indexes).
    """
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    threads = conn.execute("PRAGMA threads").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-INDEX_SORT_CACHE_KIB}")
    conn.execute(f"PRAGMA threads = {min(2, os.cpu_count() or 1)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA threads = {int(threads)}")
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
