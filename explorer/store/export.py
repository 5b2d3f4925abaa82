"""Export a store to a JSON or CSV file, streamed: a million events never sit in memory."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
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
        views = [view.to_json() for view in list_views(store)]
        out.write(json_footer(empty=count == 0, views=views))
    except sqlite3.DatabaseError as exc:
        raise explain(exc, store.path) from None
    return count


def export_to_path(store: Store, path: Path | str) -> int:
    """Export to a file, replacing it only once the export is complete (never half a file)."""
    path = Path(path)
    fmt = file_format(path)
    _remove_stale_exports(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", dir=path.parent or "."
        )
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
