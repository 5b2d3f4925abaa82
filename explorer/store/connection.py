"""The one owner of a store's sqlite3 connection: pragmas, transactions and schema migrations."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from explorer.store.errors import (
    NotAStore,
    StoreCorrupt,
    StoreEnvironmentError,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreNotFound,
    StoreReadOnly,
    StoreTooNew,
)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
APPLICATION_ID = 0x54454C58  # 'TELX' in PRAGMA application_id marks the file as ours


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every numbered migration, in order."""
    found = []
    for entry in resources.files("explorer.store.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise StoreError(f"migration {name} is out of sequence (expected {expected:04d})")
    return found


SCHEMA_VERSION = len(migrations())
PAGE_SIZE = 16384


def explain(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """Translate a sqlite3 error into the store error a user can act on."""
    text = str(exc).lower()
    if "disk i/o error" in text and _no_space_left(path):
        # SQLite says only "disk I/O error" when a write finds no free byte at all
        return StoreFull(f"{path}: the disk is full; free some space and retry")
    if "readonly" in text or "read-only" in text or "attempt to write" in text:
        return StoreReadOnly(f"{path}: the store cannot be written (read-only file or folder)")
    if "locked" in text or "busy" in text:
        return StoreLocked(f"{path}: the store is locked by another program; close it and retry")
    if "disk is full" in text or "database or disk is full" in text:
        return StoreFull(f"{path}: the disk is full; free some space and retry")
    if "not a database" in text or "file is encrypted" in text:
        return NotAStore(f"{path}: not a Timeline Explorer store (not a SQLite database)")
    if "malformed" in text or "corrupt" in text:
        return StoreCorrupt(f"{path}: the store is damaged ({exc})")
    if "unable to open" in text:
        return StoreReadOnly(f"{path}: the store cannot be opened or created here ({exc})")
    return StoreError(f"{path}: {exc}")


def _no_space_left(path: Path | str) -> bool:
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder if str(folder) else ".").free < 64 << 10
    except OSError:
        return False


def sqlite_uri(path: Path, read_only: bool = False, immutable: bool = False) -> str:
    """The ``file:`` URI of a path, quoted: '?', '#' and '%' in a file name stay part of it."""
    query = "?mode=ro" if read_only else ""
    if immutable:
        query += "&immutable=1"
    return f"file:{urllib.parse.quote(str(path))}{query}"


class StoreFile:
    """One SQLite store file: owns the connection, its pragmas, transactions and migrations."""

    def __init__(self, path: Path | str, *, create: bool = True, read_only: bool = False) -> None:
        """Open (or create) the store. With ``create=False`` it only reads if it cannot write:
        a read-only store can still be listed, exported and checked."""
        self.path = Path(path)
        self.read_only = read_only
        if not self.path.exists() and (not create or read_only):
            raise StoreNotFound(f"{self.path}: no such store")
        if self.path.exists() and self.path.is_dir():
            raise NotAStore(f"{self.path}: is a folder, not a store")
        if not create and self.path.stat().st_size == 0:
            raise NotAStore(f"{self.path}: an empty file, not a Timeline Explorer store")
        created = not self.path.exists()
        try:
            self._open()
        except (StoreReadOnly, StoreFull):
            if create or read_only:
                if created:  # a store that could not be made (a full disk) leaves no file
                    for extra in ("", "-wal", "-shm", "-journal"):
                        with contextlib.suppress(OSError):
                            os.unlink(f"{self.path}{extra}")
                raise
            self.read_only = True
            self._open()

    def _open(self) -> None:
        self._conn = self._connect()
        try:
            self._check_and_migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- connection ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        folder = self.path.parent if self.path.parent.exists() else Path(".")
        if is_new and not self.read_only and not os.access(folder, os.W_OK):
            raise StoreReadOnly(f"{self.path}: the folder cannot be written")
        try:
            conn = self._connect_uri(sqlite_uri(self.path, self.read_only))
        except sqlite3.Error as exc:
            if not self.read_only:
                raise explain(exc, self.path) from None
            # a store in WAL mode on a read-only medium: without a -shm file SQLite cannot
            # share it, but nobody can write it there either
            try:
                conn = self._connect_uri(sqlite_uri(self.path, True, immutable=True))
            except sqlite3.Error as exc:
                raise explain(exc, self.path) from None
        return conn

    @staticmethod
    def _connect_uri(uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _check_and_migrate(self) -> None:
        conn = self._conn
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None
        if tables and app_id != APPLICATION_ID:
            raise NotAStore(f"{self.path}: a SQLite database, but not a Timeline Explorer store")
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path}: written by a newer Timeline Explorer (store version {version}, "
                f"this app reads up to {SCHEMA_VERSION}); it was left untouched. "
                "Update the app to open it."
            )
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise StoreReadOnly(f"{self.path}: needs an upgrade but is opened read-only")
            return
        try:
            if not tables:
                # before the first write: a new store's pages are 16 KiB (SQLite's default is 4),
                # which makes a large import measurably quicker and costs small stores little
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None
        for number, _name, sql in migrations()[version:]:
            self._apply_migration(number, sql)

    def _apply_migration(self, number: int, sql: str) -> None:
        """One migration in one transaction; user_version moves with it or not at all."""
        statements = "BEGIN IMMEDIATE;\n" + sql
        statements += f"\nPRAGMA application_id = {APPLICATION_ID};"
        statements += f"\nPRAGMA user_version = {number};\nCOMMIT;"
        try:
            self._conn.executescript(statements)
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise explain(exc, self.path) from None

    @property
    def schema_version(self) -> int:
        """The store's ``PRAGMA user_version``."""
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
        if self.read_only:
            raise StoreReadOnly(f"{self.path}: opened read-only")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.ProgrammingError):
                raise explain(exc, self.path) from None
            raise

    def execute(self, sql: str, params: tuple | list = ()) -> sqlite3.Cursor:
        """Run one read statement; environment faults become store errors."""
        try:
            return self._conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise explain(exc, self.path) from None

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; empty when the file is sound."""
        try:
            rows = [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
            problems = [r for r in rows if r != "ok"]
            for table, rowid, parent, _ in self._conn.execute("PRAGMA foreign_key_check"):
                # WITHOUT ROWID tables (source, relation) report no rowid
                row = f"{table} row {rowid}" if rowid is not None else f"a {table} row"
                problems.append(f"{row} points to a missing {parent}")
            if not self.read_only:  # FTS5's check is asked for with an INSERT
                self._conn.execute(
                    "INSERT INTO event_fts(event_fts, rank) VALUES('integrity-check', 1)"
                )
        except sqlite3.DatabaseError as exc:
            problems = [str(explain(exc, self.path))]
        return problems

    def refuse_if_damaged(self) -> None:
        """Raise :class:`StoreCorrupt` when SQLite's quick check finds the file damaged: a
        damaged store takes no import (about 1 s per million events stored)."""
        try:
            rows = [r[0] for r in self._conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.DatabaseError as exc:
            raise explain(exc, self.path) from None
        if rows != ["ok"]:
            found = " ".join(rows[0].replace("*** in database main ***", "").split())
            raise StoreCorrupt(
                f"{self.path}: the store is damaged ({found}); run 'check', "
                "restore a copy or export what can be read"
            )

    def meta(self, name: str) -> str | None:
        """A value from the store's meta table."""
        row = self.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> StoreFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["StoreFile", "SCHEMA_VERSION", "StoreEnvironmentError", "explain", "migrations"]
