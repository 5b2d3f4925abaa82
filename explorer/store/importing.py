"""Import a JSON or CSV file into a store: streamed, all or nothing.

:func:`import_events` is a plain function a worker thread can call (it opens no window and no
second connection); ``progress`` and ``cancelled`` let a dialog show and stop it.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from explorer.domain.dataset import DatasetError, parse_event
from explorer.domain.details import referenced_keys
from explorer.domain.events import Changes
from explorer.store import read_ahead
from explorer.store.bulk_write import bulk_transaction
from explorer.store.errors import ImportCancelled, ImportRejected, StoreError
from explorer.store.event_files import CsvRows, file_format, read_json
from explorer.store.event_table import (
    DELETE_RELATIONS,
    DELETE_SOURCES,
    INSERT_SOURCE,
    KEY_PLACE,
    UPDATE_EVENT,
    event_table_row,
    insert_event_rows,
    rows_per_insert,
    source_rows,
)
from explorer.store.plain_rows import plain_batch_check
from explorer.store.read_ahead import CheckedRows
from explorer.store.saved_views import import_views
from explorer.store.store import Store

BATCH_SIZE = 20_000
# CSV rows are checked this many at a time, a column at a time: few enough that a batch's
# cells are still in the CPU's cache from reading (20,000 at a time was slower than one by one)
CHECK_BATCH = 256
# past this many events an import reports ``store_replaced``: panes reload instead of
# receiving a million keys
CHANGES_KEY_LIMIT = 10_000
# Above this many bytes (and more than the store holds already) the event table's secondary
# indexes are dropped and rebuilt: sorting once beats a million random index inserts.
BULK_INDEX_BYTES = 8 << 20
BYTES_PER_ROW_GUESS = 80

Progress = Callable[[int, int, int], None]


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
    store.refuse_if_damaged()  # writing into a damaged file could spread the damage
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
        # the notes are written last, once the full-text index holds the new events: a note
        # reaches the index through the event's update trigger, which a bulk insert suspends
        notes: list[tuple[str, int]] = []
        write_notes = functools.partial(_write_notes, notes=notes)
        with bulk_transaction(store, rebuild_indexes=rebuild_indexes, then=write_notes) as conn:
            writer = _ImportWriter(conn, path.name, replace, notes)
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
        header: dict = {}
        for record in read_json(binary, path.name, header):
            writer.add(record.fields, record.line)
            if len(queued) >= batch_size:
                batch_written()
        import_views(writer.conn, header.get("views"), path.name, replace)
    elif replace:
        # --replace looks every id up anyway: no shortcut
        for line, row in rows:
            writer.add(rows.fields(row, line), line)
            if len(queued) >= batch_size:
                batch_written()
    else:
        # A batch is checked a column at a time; only a batch with a doubtful row is
        # gone through row by row (the same check of a batch of one, else the domain,
        # which names the fault). A checked row is queued as it is: its id is the next one by its
        # place in the queue, and the writer counts it when it writes the batch.
        # A big file is read and checked in a second process while this one writes.
        check_batch = plain_batch_check(rows.header)
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
                        if (one := check_batch([row])) is None:
                            writer.add(rows.fields(row, line), line)
                        else:
                            queued += one
                            writer.lines.append(line)
                if len(queued) >= batch_size:
                    batch_written()
        finally:
            source.close()
    writer.finish()


@dataclass(frozen=True)
class _Batch:
    """Rows to write together: new events (ids from ``first_id`` on), updates, and theirs."""

    first_id: int
    event_rows: list[tuple]
    lines: list[int]
    update_rows: list[tuple]
    source_rows: list[tuple]
    link_rows: list[tuple]


def _note(raw: dict, where: str, key: str, line: int) -> str | None:
    """The user's note an exported event carries (plain text); None when it has none, so that
    a file without notes (a CSV file, an older export) leaves a note in the store alone."""
    note = raw.get("note")
    if note is None or isinstance(note, str):
        return note
    raise ImportRejected(f"{where}, event {key!r}, field 'note': must be a text", line, "note")


def _write_notes(conn: sqlite3.Connection, notes: list[tuple[str, int]]) -> None:
    conn.executemany("UPDATE event SET note = ? WHERE id = ?", notes)


class _ImportWriter:
    """Collects parsed events into batches and writes them inside the caller's transaction."""

    def __init__(
        self, conn: sqlite3.Connection, name: str, replace: bool, notes: list[tuple[str, int]]
    ) -> None:
        self.conn, self.name, self.replace = conn, name, replace
        self.notes = notes  # (note, event id) of every event carrying one: few
        self.rows_per_insert = rows_per_insert(conn)
        self.first_new_id = (conn.execute("SELECT max(id) FROM event").fetchone()[0] or 0) + 1
        self.written = 0  # new events already inserted
        self.updated_count = 0
        self.added: list[str] = []
        self.updated: list[str] = []
        self.update_lines: dict[str, int] = {}  # key -> line, of events updated (--replace)
        # counted inside the write transaction: another import committing around this one
        # is not counted as ours (the store holds these plus the new ones at the end)
        self.count_before = conn.execute("SELECT count(*) FROM event").fetchone()[0]
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
        note = _note(raw, where, event.key, line)
        event_id = self._existing_id(event.key) if self.replace else None
        row = event_table_row(event)
        if event_id is None:
            event_id = self.first_new_id + self.written + len(self.event_rows)
            self.event_rows.append(row)
            self.lines.append(line)
        else:
            first = self.update_lines.setdefault(event.key, line)
            if first != line:
                raise ImportRejected(
                    f"{where}, event {event.key!r}, field 'id': appears twice in the file "
                    f"(lines {first} and {line}); an import updates an event once",
                    line,
                    "id",
                )
            self.update_rows.append((*row, event_id))
            if self.updated_count < CHANGES_KEY_LIMIT:
                self.updated.append(event.key)
            self.updated_count += 1
        if note is not None:
            self.notes.append((note, event_id))
        # most rows of a big user file have none of these: skip the work (a million times)
        if event.sources:
            self.source_rows += source_rows(event_id, event)
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
            new_rows = batch.event_rows[: CHANGES_KEY_LIMIT - self.written]
            self.added += [row[KEY_PLACE] for row in new_rows]
        self.written += len(batch.event_rows)

    def _write(self, batch: _Batch) -> None:
        conn, event_rows = self.conn, batch.event_rows
        # no id given: SQLite takes max(id) + 1, which is first_id + the row's place
        # (checked below, since sources and relations were queued with those ids)
        try:
            insert_event_rows(conn, event_rows, self.rows_per_insert)
        except sqlite3.IntegrityError:
            raise self._duplicate(batch) from None
        if event_rows:
            last = conn.execute("SELECT max(id) FROM event").fetchone()[0]
            if last != batch.first_id + len(event_rows) - 1:
                raise StoreError(f"{self.name}: new events did not get the expected ids")
        if batch.update_rows:
            ids = [(row[-1],) for row in batch.update_rows]
            conn.executemany(DELETE_SOURCES, ids)
            conn.executemany(DELETE_RELATIONS, ids)
            conn.executemany(UPDATE_EVENT, batch.update_rows)
        try:
            conn.executemany(INSERT_SOURCE, batch.source_rows)
        except sqlite3.IntegrityError:  # an event given twice with --replace
            raise self._duplicate_update() from None
        conn.executemany("INSERT INTO temp.import_link VALUES (?,?,?,?,?,?)", batch.link_rows)

    def _duplicate(self, batch: _Batch) -> ImportRejected:
        """The first event of the batch whose id is taken: by the store, earlier in the file
        or earlier in the batch (a failed statement wrote none of its rows)."""
        seen: set[str] = set()
        for place, (row, line) in enumerate(zip(batch.event_rows, batch.lines, strict=True)):
            key = row[KEY_PLACE]
            where = f"{self.name} line {line}, event {key!r}, field 'id'"
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

    def changes(self) -> Changes:
        """What the import changed (``store_replaced`` for a large import)."""
        counts = {
            "added_count": self.written,
            "updated_count": self.updated_count,
            "store_count": self.count_before + self.written,
        }
        if self.done > CHANGES_KEY_LIMIT:
            return Changes(store_replaced=True, **counts)
        return Changes(added=tuple(self.added), updated=tuple(self.updated), **counts)
