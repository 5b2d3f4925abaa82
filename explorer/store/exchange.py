"""Export a store to a JSON or CSV file and import one back: streamed, all or nothing.

:func:`import_events` is a plain function a worker thread can call (it opens no window and no
second connection); ``progress`` and ``cancelled`` let a dialog show and stop it.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from explorer.domain.dataset import DatasetError, event_to_json, parse_event
from explorer.domain.details import referenced_keys
from explorer.domain.events import Changes
from explorer.store import read_ahead
from explorer.store.connection import explain
from explorer.store.errors import ImportCancelled, ImportRejected, StoreError
from explorer.store.event_files import (
    CsvRows,
    csv_row,
    csv_writer,
    json_event_line,
    json_footer,
    json_header,
    read_json,
)
from explorer.store.plain_rows import plain_batch_check, plain_row_check
from explorer.store.read_ahead import CheckedRows
from explorer.store.store import Store, event_row

FORMATS = {".json": "json", ".csv": "csv"}
BATCH_SIZE = 20_000
# CSV rows are checked this many at a time, a column at a time: few enough that a batch's
# cells are still in the CPU's cache from reading (20,000 at a time was slower than one by one)
CHECK_BATCH = 256
# past this many events an import reports ``store_replaced``: panes reload instead of
# receiving a million keys
CHANGES_KEY_LIMIT = 10_000

# A large import inserts with these AFTER INSERT triggers dropped, then does their work once
# over all new rows (id >= ?): per-row trigger work made a million-row import minutes long.
# Triggers not named here keep firing row by row.
BULK_TRIGGERS = {
    "event_after_insert": (
        "INSERT INTO event_fts (rowid, title, summary)"
        " SELECT id, title, summary FROM event WHERE id >= ?",
    ),
    "columns_cache_after_insert": ("DELETE FROM columns_cache",),
}
# Above this many bytes (and more than the store holds already) the event table's secondary
# indexes are dropped and rebuilt: sorting once beats a million random index inserts.
BULK_INDEX_BYTES = 8 << 20
BYTES_PER_ROW_GUESS = 80
# a bigger page cache while importing keeps the key index in memory (KiB, negative = size)
IMPORT_CACHE_KIB = 128 << 10
# ... and a small one while the secondary indexes are built (see _index_sorting)
INDEX_SORT_CACHE_KIB = 4 << 10
# FTS5's own default for the terms it holds before writing a segment, and the import's
FTS_HASH_BYTES = 1 << 20
IMPORT_FTS_HASH_BYTES = 16 << 20

Progress = Callable[[int, int, int], None]


def file_format(path: Path | str) -> str:
    """'json' or 'csv', from the file name's extension."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown file type; name it .json or .csv")
    return fmt


# -- export -----------------------------------------------------------------------------------


def write_export(store: Store, out: TextIO, fmt: str = "json") -> int:
    """Write every event of ``store`` to ``out`` as JSON or CSV; returns how many."""
    count = 0
    try:
        if fmt == "csv":
            writer = csv_writer(out)
            for event in store.iter_events():
                writer.writerow(csv_row(event_to_json(event)))
                count += 1
            return count
        out.write(json_header())
        for event in store.iter_events():
            out.write(json_event_line(event_to_json(event), first=count == 0))
            count += 1
        out.write(json_footer(empty=count == 0))
    except sqlite3.DatabaseError as exc:
        raise explain(exc, store.path) from None
    return count


def export_to_path(store: Store, path: Path | str) -> int:
    """Export to a file, replacing it only once the export is complete (never half a file)."""
    path = Path(path)
    fmt = file_format(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            count = write_export(store, out, fmt)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return count


# -- import -----------------------------------------------------------------------------------


def import_events(
    store: Store,
    path: Path | str,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Changes:
    """Add every event of a JSON or CSV file to ``store`` in one transaction.

    Raises :class:`ImportRejected` (with the line and field) for a malformed event and
    :class:`ImportCancelled` when ``cancelled()`` turns true; either way nothing is written.
    With ``replace``, events whose id is already in the store are updated in place.
    """
    path = Path(path)
    fmt = file_format(path)
    try:
        binary = open(path, "rb")  # noqa: SIM115 - closed below, and by the text reader
    except FileNotFoundError:
        raise ImportRejected(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportRejected(f"{path}: cannot be read ({exc.strerror})") from None
    with binary:
        total = os.fstat(binary.fileno()).st_size
        rows = CsvRows(binary, path.name) if fmt == "csv" else None
        rebuild_indexes = total >= BULK_INDEX_BYTES and total // BYTES_PER_ROW_GUESS > store.count()
        with _collector_paused(), _big_cache(store), store.transaction() as conn:
            writer = _ImportWriter(conn, path.name, replace, rebuild_indexes)
            _read_into(writer, binary, rows, path, replace, progress, cancelled, batch_size)
        if progress:
            progress(writer.done, total, total)
    return writer.changes()


def _read_into(
    writer: _ImportWriter,
    binary: BinaryIO,
    rows: CsvRows | None,
    path: Path,
    replace: bool,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    batch_size: int,
) -> None:
    """Read every event of the file into ``writer``, a batch at a time; then finish it."""
    total = os.fstat(binary.fileno()).st_size
    queued = writer.event_rows
    source: CheckedRows | None = None

    def batch_written() -> None:
        writer.flush()
        if progress:
            progress(writer.done, binary.tell() if source is None else source.position, total)
        if cancelled and cancelled():
            raise ImportCancelled(f"{path}: import cancelled; nothing was imported")

    if rows is None:
        for record in read_json(binary, path.name):
            writer.add(record.fields, record.line)
            if len(queued) >= batch_size:
                batch_written()
    elif replace:
        # --replace looks every id up anyway: no shortcut
        for line, row in rows:
            writer.add(rows.fields(row, line), line)
            if len(queued) >= batch_size:
                batch_written()
    else:
        # A batch is checked a column at a time; only a batch with a doubtful row is
        # gone through row by row (the cheap check, else the domain, which names the
        # fault). A checked row is queued as it is: its id is the next one by its
        # place in the queue, and the writer counts it when it writes the batch.
        # A big file is read and checked in a second process while this one writes.
        check, check_batch = plain_row_check(rows.header), plain_batch_check(rows.header)
        helper = total >= read_ahead.READ_AHEAD_BYTES and (os.cpu_count() or 1) > 1
        source = CheckedRows(path, binary, rows, min(CHECK_BATCH, batch_size), helper=helper)
        try:
            for lines, checked, batch in source:
                if checked is None and batch:
                    checked = check_batch(batch)  # left unchecked by the helper, or in doubt
                if checked is not None:
                    queued += checked
                    writer.lines += lines
                else:
                    for line, row in zip(lines, batch or (), strict=True):
                        if (one := check(row)) is None:
                            writer.add(rows.fields(row, line), line)
                        else:
                            queued.append(one)
                            writer.lines.append(line)
                if len(queued) >= batch_size:
                    batch_written()
        finally:
            source.close()
    writer.finish()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while importing.

    An import makes no reference cycles, but a million rows' tuples, lists and strings set
    the collector off hundreds of times, each pass walking every object still alive: 0.7-0.9 s
    of a ~10 s million-row import. Reference counting still frees everything as it goes.
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
    store.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(StoreError):
            store.execute(f"PRAGMA cache_size = {int(size)}")


@contextlib.contextmanager
def _fts_hash_size(conn: sqlite3.Connection, size: int) -> Iterator[None]:
    """Let the full-text index gather ``size`` bytes of terms before it writes a segment.

    FTS5's default (1 MiB) makes a million titles many small segments, merged again and again;
    16 MiB took 0.3-0.4 s off its 1.8 s. The setting is stored in the index's config table, so
    it is put back to the default after. A SQLite without the option just goes on without it.
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
    the end; one run of the whole index, as the import's big cache allows, sorted slower. At a
    million rows the event table's four indexes took 3.3-3.7 s so, 1.3-2.1 s this way.
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


_INSERT_EVENT = (
    "INSERT INTO event (key, kind, title, summary, start_day, end_day, precision,"
    " date_wording, confidence, origin, details) VALUES "
)
_EVENT_VALUES = "(?,?,?,?,?,?,?,?,?,?,?)"
_chain = itertools.chain.from_iterable
ROWS_PER_INSERT = 2_000


@dataclass(frozen=True)
class _Batch:
    """Rows to write together: new events (ids from ``first_id`` on), updates, and theirs."""

    first_id: int
    event_rows: list[tuple]
    lines: list[int]
    update_rows: list[tuple]
    source_rows: list[tuple]
    link_rows: list[tuple]


class _ImportWriter:
    """Collects parsed events into batches and writes them inside the caller's transaction."""

    def __init__(
        self, conn: sqlite3.Connection, name: str, replace: bool, rebuild_indexes: bool
    ) -> None:
        self.conn, self.name, self.replace = conn, name, replace
        # as many rows a statement as the build's limit on parameters allows
        variables = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self.rows_per_insert = max(1, min(ROWS_PER_INSERT, variables // _EVENT_VALUES.count("?")))
        self.first_new_id = (conn.execute("SELECT max(id) FROM event").fetchone()[0] or 0) + 1
        self.written = 0  # new events already inserted
        self.updated_count = 0
        self.added: list[str] = []
        self.updated: list[str] = []
        # new events' table columns after ``id`` (ids follow from their place: see flush)
        self.event_rows: list[tuple] = []
        self.update_rows: list[tuple] = []
        self.lines: list[int] = []
        self.source_rows: list[tuple] = []
        self.link_rows: list[tuple] = []
        # relations and keys named in details may point forward in the file: they wait here
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS import_link (line INTEGER, source_id INTEGER,"
            " source_key TEXT, field TEXT, type TEXT, target_key TEXT)"
        )
        conn.execute("DELETE FROM temp.import_link")
        # schema changes inside the transaction: a rollback brings every trigger and index back
        self.dropped = conn.execute(
            "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'event' AND ("
            f" (type = 'trigger' AND name IN ({','.join('?' * len(BULK_TRIGGERS))}))"
            " OR (type = 'index' AND sql IS NOT NULL AND ?))",
            (*BULK_TRIGGERS, rebuild_indexes),
        ).fetchall()
        for kind, object_name, _sql in self.dropped:
            conn.execute(f'DROP {kind.upper()} "{object_name}"')

    def add(self, raw: object, line: int) -> None:
        """Validate one event through the domain and queue its rows."""
        where = f"{self.name} line {line}"
        origin = raw.get("origin", "user") if isinstance(raw, dict) else "user"
        if not isinstance(origin, str) or not origin:
            raise ImportRejected(f"{where}, field 'origin': must be a text", line, "origin")
        try:
            event = parse_event(raw, where, origin=origin)
        except DatasetError as exc:
            raise ImportRejected(str(exc), line, exc.field) from None
        event_id = self._existing_id(event.key) if self.replace else None
        row = event_row(event)
        if event_id is None:
            event_id = self.first_new_id + self.written + len(self.event_rows)
            self.event_rows.append(row)
            self.lines.append(line)
        else:
            self.update_rows.append((*row, event_id))
            if self.updated_count < CHANGES_KEY_LIMIT:
                self.updated.append(event.key)
            self.updated_count += 1
        # most rows of a big user file have none of these: skip the work (a million times)
        if event.sources:
            self.source_rows += [
                (event_id, i, s.title, s.url, s.section, s.paragraph, s.publisher)
                for i, s in enumerate(event.sources)
            ]
        if event.relations:
            self.link_rows += [
                (line, event_id, event.key, f"relations[{i}].target", r.type.value, r.target_key)
                for i, r in enumerate(event.relations)
            ]
        if event.details:
            self.link_rows += [
                (line, event_id, event.key, field, None, key)
                for field, key in referenced_keys(event)
            ]

    @property
    def done(self) -> int:
        """Events read so far (written or queued, new or updated)."""
        return self.written + len(self.event_rows) + self.updated_count

    def _existing_id(self, key: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM event WHERE key = ? AND id < ?", (key, self.first_new_id)
        ).fetchone()
        return row[0] if row else None

    def flush(self) -> None:
        """Write the queued rows (still inside the transaction)."""
        batch = _Batch(
            first_id=self.first_new_id + self.written,
            event_rows=self.event_rows[:],
            lines=self.lines[:],
            update_rows=self.update_rows[:],
            source_rows=self.source_rows[:],
            link_rows=self.link_rows[:],
        )
        for rows in (self.event_rows, self.update_rows, self.lines, self.source_rows):
            rows.clear()
        self.link_rows.clear()
        self._write(batch)
        if self.written < CHANGES_KEY_LIMIT:
            self.added += [row[0] for row in batch.event_rows[: CHANGES_KEY_LIMIT - self.written]]
        self.written += len(batch.event_rows)

    def _write(self, batch: _Batch) -> None:
        conn, event_rows = self.conn, batch.event_rows
        # no id given: SQLite takes max(id) + 1, which is first_id + the row's place
        # (checked below, since sources and relations were queued with those ids)
        try:
            # many rows a statement: a million one-row steps cost ~1 s more (2.7 s, not 1.7)
            step = self.rows_per_insert
            whole = len(event_rows) - len(event_rows) % step
            if whole:
                many = _INSERT_EVENT + ",".join([_EVENT_VALUES] * step)
                for start in range(0, whole, step):
                    conn.execute(many, list(_chain(event_rows[start : start + step])))
            conn.executemany(_INSERT_EVENT + _EVENT_VALUES, event_rows[whole:])
        except sqlite3.IntegrityError:
            raise self._duplicate(batch) from None
        if event_rows:
            last = conn.execute("SELECT max(id) FROM event").fetchone()[0]
            if last != batch.first_id + len(event_rows) - 1:
                raise StoreError(f"{self.name}: new events did not get the expected ids")
        if batch.update_rows:
            ids = [(row[-1],) for row in batch.update_rows]
            conn.executemany("DELETE FROM source WHERE event_id = ?", ids)
            conn.executemany("DELETE FROM relation WHERE source_id = ?", ids)
            conn.executemany(
                "UPDATE event SET key=?, kind=?, title=?, summary=?, start_day=?, end_day=?,"
                " precision=?, date_wording=?, confidence=?, origin=?, details=? WHERE id=?",
                batch.update_rows,
            )
        try:
            conn.executemany(
                "INSERT INTO source (event_id, position, title, url, section, paragraph,"
                " publisher) VALUES (?,?,?,?,?,?,?)",
                batch.source_rows,
            )
        except sqlite3.IntegrityError:  # an event given twice with --replace
            raise self._duplicate_update() from None
        conn.executemany("INSERT INTO temp.import_link VALUES (?,?,?,?,?,?)", batch.link_rows)

    def _duplicate(self, batch: _Batch) -> ImportRejected:
        """The first event of the batch whose id is taken: by the store, earlier in the file
        or earlier in the batch (a failed statement wrote none of its rows)."""
        seen: set[str] = set()
        for place, (row, line) in enumerate(zip(batch.event_rows, batch.lines, strict=True)):
            key, where = row[0], f"{self.name} line {line}, event {row[0]!r}, field 'id'"
            found = self.conn.execute("SELECT id FROM event WHERE key = ?", (key,)).fetchone()
            if key in seen or (
                found and found[0] >= self.first_new_id and found[0] != batch.first_id + place
            ):
                return ImportRejected(f"{where}: appears twice in the file", line, "id")
            if found and found[0] < self.first_new_id:
                return ImportRejected(
                    f"{where}: already in the store (import with --replace to update it)",
                    line,
                    "id",
                )
            seen.add(key)
        return ImportRejected(f"{self.name}: an event breaks a rule of the store")

    def _duplicate_update(self) -> ImportRejected:
        return ImportRejected(f"{self.name}: an event to update appears twice in the file")

    def finish(self) -> None:
        """Write the last batch, then the relations, once every target is known."""
        self.flush()
        conn = self.conn
        dangling = conn.execute(
            "SELECT l.line, l.source_key, l.field, l.target_key FROM temp.import_link l"
            " LEFT JOIN event e ON e.key = l.target_key WHERE e.id IS NULL"
            " ORDER BY l.line LIMIT 1"
        ).fetchone()
        if dangling:
            line, key, field, target = dangling
            raise ImportRejected(
                f"{self.name} line {line}, event {key!r}, field {field!r}: "
                f"no event {target!r} in the file or the store",
                line,
                field,
            )
        conn.execute(
            "INSERT OR IGNORE INTO relation (source_id, type, target_id)"
            " SELECT l.source_id, l.type, e.id FROM temp.import_link l"
            " JOIN event e ON e.key = l.target_key WHERE l.type IS NOT NULL"
        )
        conn.execute("DELETE FROM temp.import_link")
        # the triggers' bulk work (the full-text index) first, with the import's big cache
        with _fts_hash_size(conn, IMPORT_FTS_HASH_BYTES):
            for kind, object_name, sql in self.dropped:
                if kind == "trigger":
                    conn.execute(sql)
                    for statement in BULK_TRIGGERS.get(object_name, ()):
                        conn.execute(statement, (self.first_new_id,) if "?" in statement else ())
        indexes = [sql for kind, _name, sql in self.dropped if kind == "index"]
        if indexes:
            with _index_sorting(conn):
                for sql in indexes:
                    conn.execute(sql)

    def changes(self) -> Changes:
        """What the import changed (``store_replaced`` for a large import)."""
        if self.done > CHANGES_KEY_LIMIT:
            return Changes(store_replaced=True)
        return Changes(added=tuple(self.added), updated=tuple(self.updated))
