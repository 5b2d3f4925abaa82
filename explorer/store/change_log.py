"""Which events changed since a window last looked, read from the store's change log
(migration 0009): what lets a window follow another window's edit by patching its columns
with the few events it touched, instead of reading a million events again."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from explorer.store.errors import StoreError
from explorer.store.store import Store

EVERYTHING = -1  # the row id a bulk write logs: too much changed to name
# past this many changed events a window reads everything again rather than patch each
MAX_NAMED = 2_000
# log entries read at most: an edit logs an event once or a few times (its row and its revision)
MAX_ENTRIES = 4 * MAX_NAMED
KEEP = 10_000  # entries kept when the log is trimmed


@dataclass(frozen=True, slots=True)
class LoggedChanges:
    """The events changed after one point of the log, up to ``newest``."""

    newest: int
    row_ids: tuple[int, ...]  # every row id touched (old and new)
    present: tuple[str, ...]  # keys of the touched events the store holds now
    gone: tuple[str, ...]  # keys of touched events it no longer holds


def newest_change(store: Store) -> int:
    """The log's newest entry: where a window that has just read everything stands."""
    return store.execute("SELECT coalesce(max(seq), 0) FROM event_change").fetchone()[0]


def changes_since(store: Store, seq: int) -> LoggedChanges | None:
    """What changed after entry ``seq``; None when it cannot be named event by event (a
    bulk write, more than :data:`MAX_NAMED` events, or entries trimmed since)."""
    trimmed = store.execute(
        "SELECT trimmed_through FROM event_change_state WHERE id = 1"
    ).fetchone()[0]
    if seq < trimmed:
        return None
    rows = store.execute(
        "SELECT seq, row_id, key FROM event_change WHERE seq > ? ORDER BY seq LIMIT ?",
        (seq, MAX_ENTRIES + 1),
    ).fetchall()
    if not rows:
        return LoggedChanges(seq, (), (), ())
    row_ids = {row_id for _seq, row_id, _key in rows}
    if EVERYTHING in row_ids or len(row_ids) > MAX_NAMED or len(rows) > MAX_ENTRIES:
        return None
    keys = sorted({key for _seq, _row_id, key in rows})
    marks = ",".join("?" * len(keys))
    held = {key for (key,) in store.execute(f"SELECT key FROM event WHERE key IN ({marks})", keys)}
    return LoggedChanges(
        newest=rows[-1][0],
        row_ids=tuple(sorted(row_ids)),
        present=tuple(k for k in keys if k in held),
        gone=tuple(k for k in keys if k not in held),
    )


def trim_change_log(store: Store, keep: int = KEEP) -> None:
    """Forget all but the newest ``keep`` entries (a window that looked before them reads
    everything again). Nothing happens in a store that cannot be written, or is busy."""
    if store.read_only:
        return
    newest = newest_change(store)
    if newest - keep <= 0:
        return
    with contextlib.suppress(StoreError), store.transaction() as conn:
        conn.execute("DELETE FROM event_change WHERE seq <= ?", (newest - keep,))
        conn.execute(
            "UPDATE event_change_state SET trimmed_through = max(trimmed_through, ?)",
            (newest - keep,),
        )
