"""Export a store to a JSON or CSV file, streamed: a million events never sit in memory."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from explorer.domain.dataset import event_to_json
from explorer.store.connection import explain
from explorer.store.errors import StoreError
from explorer.store.event_files import (
    csv_row,
    csv_writer,
    file_format,
    json_event_line,
    json_footer,
    json_header,
)
from explorer.store.saved_views import list_views
from explorer.store.store import Store


def write_export(store: Store, out: TextIO, fmt: str = "json", *, only_mine: bool = False) -> int:
    """Write every event of ``store`` (``only_mine``: those the user added or edited) to
    ``out`` as JSON or CSV; returns how many. JSON carries each event's note as ``note`` (an
    older reader skips the field); CSV leaves notes out, as its readers refuse an unknown
    column."""
    count = 0
    events = store.iter_events(mine=only_mine)
    try:
        if fmt == "csv":
            writer = csv_writer(out)
            for event in events:
                writer.writerow(csv_row(event_to_json(event)))
                count += 1
            return count
        notes = _notes(store)
        out.write(json_header())
        for event in events:
            record = event_to_json(event)
            if event.key in notes:
                record["note"] = notes[event.key]
            out.write(json_event_line(record, first=count == 0))
            count += 1
        views = [view.to_json() for view in list_views(store)]
        out.write(json_footer(empty=count == 0, views=views))
    except sqlite3.DatabaseError as exc:
        raise explain(exc, store.path) from None
    return count


def _notes(store: Store) -> dict[str, str]:
    """The user's notes by event id (few: only events a user wrote one for)."""
    return dict(store.execute("SELECT key, note FROM event WHERE note != ''").fetchall())


def export_to_path(store: Store, path: Path | str, *, only_mine: bool = False) -> int:
    """Export to a file, replacing it only once the export is complete (never half a file)."""
    path = Path(path)
    fmt = file_format(path)
    return write_replacing(path, lambda out: write_export(store, out, fmt, only_mine=only_mine))


def write_replacing(path: Path, write: Callable[[TextIO], int], newline: str | None = "") -> int:
    """Write ``path`` through ``write(out)`` (which returns a count) into a temporary file beside
    it, and put it in place only once complete; leftovers of killed exports are removed first."""
    _remove_stale_exports(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", dir=path.parent or "."
        )
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with open(handle, "w", encoding="utf-8", newline=newline) as out:
            count = write(out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write here ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return count


def _remove_stale_exports(path: Path) -> None:
    """Delete the temporary files of exports to ``path`` whose process was killed: each names
    its process, so a running export's file is left alone."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for leftover in (path.parent or Path(".")).iterdir():
            pid = leftover.name[len(prefix) :].split(".", 1)[0]
            if not leftover.name.startswith(prefix) or not pid.isdigit() or _alive(int(pid)):
                continue
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no such call here: leave its file alone
        return True
    return True
