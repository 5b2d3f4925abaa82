"""The user's edits of a store, one transaction each, each returning the Changes it made:
adding, editing, deleting (into ``deleted_event``, restorable) and restoring events, going back
to the dataset's version of a bundled event, notes and bookmarks.

An edit of the event itself names the ``revision`` it was made on; when the stored event has
moved on (another window saved first) the edit is refused with :class:`EditRefused`.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from explorer.domain.dataset import DatasetError, event_to_json, parse_event
from explorer.domain.details import referenced_keys
from explorer.domain.events import Changes, Event, EventSummary
from explorer.store.errors import EditRefused
from explorer.store.store import Store

USER = "user"
DELETED_FILE = "deleted events"
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class EventState:
    """One stored event with what the user added to it: the revision an edit must name, the
    note, the bookmark and, for an edited bundled event, the dataset's own version."""

    row_id: int
    event: Event
    revision: int
    note: str
    bookmarked: bool
    dataset_event: Event | None

    @property
    def added_by_user(self) -> bool:
        """True for an event the user added (not from the bundled dataset)."""
        return self.event.origin == USER

    @property
    def edited(self) -> bool:
        """True for a bundled event the user changed."""
        return self.dataset_event is not None


@dataclass(frozen=True, slots=True)
class DeletedEvent:
    """A row of the Deleted events view."""

    key: str
    title: str
    origin: str
    deleted_at: str


def event_state(store: Store, key: str) -> EventState | None:
    """The event ``key`` with its revision, note, bookmark and dataset version; None if absent."""
    row = store.execute(
        "SELECT id, revision, note, bookmarked, dataset_json FROM event WHERE key = ?", (key,)
    ).fetchone()
    event = store.event(key) if row else None
    if event is None:
        return None
    dataset = _event_from_json(row[4], event.origin) if row[4] else None
    return EventState(row[0], event, row[1], row[2], bool(row[3]), dataset)


def new_key(store: Store, title: str) -> str:
    """A free event id made from a title: 'warsaw-summit', else 'warsaw-summit-2' and so on."""
    base = _SLUG_JUNK.sub("-", title.lower()).strip("-")[:60].strip("-") or "event"
    key, n = base, 1
    while _key_taken(store, key):
        n += 1
        key = f"{base}-{n}"
    return key


def check_references(store: Store, event: Event) -> None:
    """Every relation target and every event named in the details must be in the store;
    raises DatasetError naming the field, as the importer does."""
    for i, relation in enumerate(event.relations):
        if store.id_of(relation.target_key) is None:
            raise DatasetError(
                "", event.key, f"relations[{i}].target", f"no event {relation.target_key!r}"
            )
    for field, ref in referenced_keys(event):
        if store.id_of(ref) is None:
            raise DatasetError("", event.key, field, f"no event {ref!r}")


# -- the event itself ---------------------------------------------------------------------------


def add_event(store: Store, event: Event, origin: object = None) -> Changes:
    """Add the user's new event (with its sources and relations)."""
    event = dataclasses.replace(event, origin=USER)
    with store.transaction() as conn:
        if _key_taken(store, event.key):
            raise EditRefused(f"an event with the id {event.key!r} exists already")
        store.write_events(conn, [event])
        row_id = _row_id(conn, event.key)
    return Changes(added=(event.key,), origin=origin, row_ids=(row_id,))


def update_event(store: Store, event: Event, revision: int, origin: object = None) -> Changes:
    """Save the user's version of an event that was at ``revision``. A bundled event keeps
    the dataset's version aside, to compare with and to revert to."""
    with store.transaction() as conn:
        row_id, stored_origin = _current(conn, event.key, revision)
        if stored_origin != USER:
            # the store's own reader runs on this connection, inside this transaction
            conn.execute(
                "UPDATE event SET dataset_json = ? WHERE id = ? AND dataset_json IS NULL",
                (_json_of(store.event(event.key)), row_id),
            )
        _write(store, conn, dataclasses.replace(event, origin=stored_origin), row_id)
    return Changes(updated=(event.key,), origin=origin, row_ids=(row_id,))


def set_version(
    store: Store,
    event: Event,
    revision: int,
    dataset_event: Event | None,
    origin: object = None,
) -> Changes:
    """Put back one version of an event as a whole, with the dataset's version beside it
    (None: the event is as the dataset has it). What undo and revert write."""
    with store.transaction() as conn:
        row_id, stored_origin = _current(conn, event.key, revision)
        dataset = _json_of(dataset_event) if dataset_event is not None else None
        conn.execute("UPDATE event SET dataset_json = ? WHERE id = ?", (dataset, row_id))
        _write(store, conn, dataclasses.replace(event, origin=stored_origin), row_id)
    return Changes(updated=(event.key,), origin=origin, row_ids=(row_id,))


def revert_to_dataset(store: Store, key: str, revision: int, origin: object = None) -> Changes:
    """Replace the user's version of a bundled event with the dataset's."""
    state = event_state(store, key)
    if state is None or state.dataset_event is None:
        raise EditRefused(f"event {key!r} has no dataset version to go back to")
    return set_version(store, state.dataset_event, revision, None, origin)


def remove_added_event(store: Store, key: str, revision: int, origin: object = None) -> Changes:
    """Take back the adding of an event: it goes for good (undo of New Event)."""
    with store.transaction() as conn:
        row_id, _origin = _current(conn, key, revision)
        conn.execute("DELETE FROM event WHERE id = ?", (row_id,))
    return Changes(removed=(key,), origin=origin, row_ids=(row_id,))


# -- deleting and restoring -------------------------------------------------------------------


def delete_events(
    store: Store, keys: list[str] | tuple[str, ...], origin: object = None
) -> Changes:
    """Delete events into the Deleted events view, whole (relations both ways, note,
    bookmark), so that :func:`restore_events` brings them back as they were."""
    keys = list(dict.fromkeys(keys))
    row_ids = []
    with store.transaction() as conn:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for key in keys:
            row_id = _row_id(conn, key)
            if row_id is None:
                raise EditRefused(f"no event {key!r} in the store; nothing was deleted")
            snapshot = _snapshot(store, conn, key, row_id)
            conn.execute(
                "INSERT OR REPLACE INTO deleted_event (key, origin, title, deleted_at, snapshot)"
                " VALUES (?, ?, ?, ?, ?)",
                (key, snapshot["event"]["origin"], snapshot["event"]["title"], now,
                 json.dumps(snapshot, ensure_ascii=False)),
            )  # fmt: skip
            row_ids.append(row_id)
        conn.executemany("DELETE FROM event WHERE id = ?", [(i,) for i in row_ids])
    return Changes(removed=tuple(keys), origin=origin, row_ids=tuple(row_ids))


def restore_events(
    store: Store, keys: list[str] | tuple[str, ...], origin: object = None
) -> Changes:
    """Bring deleted events back with their sources, relations (to events still there),
    note and bookmark, at the revision they had: the same version, so an undo step made on it
    before the deletion still applies."""
    keys = list(dict.fromkeys(keys))
    row_ids = []
    with store.transaction() as conn:
        snapshots = []
        for key in keys:
            row = conn.execute(
                "SELECT snapshot FROM deleted_event WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                raise EditRefused(f"no deleted event {key!r} to restore")
            if _row_id(conn, key) is not None:
                raise EditRefused(f"an event with the id {key!r} exists again; not restored")
            snapshots.append(json.loads(row[0]))
        restored = set(keys)
        events = []
        for snapshot in snapshots:
            raw = snapshot["event"]
            event = _event_from_json(json.dumps(raw), raw.get("origin") or USER)
            alive = tuple(
                r for r in event.relations
                if r.target_key in restored or _row_id(conn, r.target_key) is not None
            )  # fmt: skip
            events.append(dataclasses.replace(event, relations=alive))
        store.write_events(conn, events)
        for snapshot, event in zip(snapshots, events, strict=True):
            row_id = _row_id(conn, event.key)
            conn.execute(
                "UPDATE event SET revision = ?, note = ?, bookmarked = ?, dataset_json = ?"
                " WHERE id = ?",
                (snapshot["revision"], snapshot["note"], int(snapshot["bookmarked"]),
                 snapshot["dataset_json"], row_id),
            )  # fmt: skip
            conn.executemany(
                "INSERT OR IGNORE INTO relation (source_id, type, target_id)"
                " SELECT id, ?, ? FROM event WHERE key = ?",
                [(rtype, row_id, source) for source, rtype in snapshot["incoming"]],
            )
            row_ids.append(row_id)
        conn.executemany("DELETE FROM deleted_event WHERE key = ?", [(k,) for k in keys])
    return Changes(added=tuple(keys), origin=origin, row_ids=tuple(row_ids))


def deleted_events(store: Store) -> list[DeletedEvent]:
    """The deleted events, most recently deleted first."""
    rows = store.execute(
        "SELECT key, title, origin, deleted_at FROM deleted_event ORDER BY deleted_at DESC, key"
    )
    return [DeletedEvent(*row) for row in rows]


# -- notes and bookmarks ----------------------------------------------------------------------


def set_note(store: Store, key: str, text: str, origin: object = None) -> Changes:
    """Replace the note on ``key`` (plain text; empty removes it)."""
    with store.transaction() as conn:
        cur = conn.execute("UPDATE event SET note = ? WHERE key = ?", (text, key))
        if cur.rowcount == 0:
            raise EditRefused(f"no event {key!r} in the store")
    return Changes(updated=(key,), origin=origin, row_ids=())


def set_bookmark(store: Store, key: str, on: bool, origin: object = None) -> Changes:
    """Star (or unstar) ``key``."""
    with store.transaction() as conn:
        cur = conn.execute("UPDATE event SET bookmarked = ? WHERE key = ?", (int(on), key))
        if cur.rowcount == 0:
            raise EditRefused(f"no event {key!r} in the store")
    return Changes(updated=(key,), origin=origin, row_ids=())


def bookmarked_events(store: Store) -> list[EventSummary]:
    """The starred events in time order."""
    rows = store.execute("SELECT id FROM event WHERE bookmarked ORDER BY start_day, id")
    return [s for (row_id,) in rows.fetchall() if (s := store.summary(row_id)) is not None]


def bookmarked_ids(store: Store) -> frozenset[int]:
    """Row ids of the starred events (for the Bookmarked filter)."""
    return frozenset(r[0] for r in store.execute("SELECT id FROM event WHERE bookmarked"))


def user_keys(store: Store) -> list[str]:
    """Keys of the events the user added or edited, in time order."""
    rows = store.execute(
        "SELECT key FROM event WHERE origin = ? OR dataset_json IS NOT NULL"
        " ORDER BY start_day, key",
        (USER,),
    )
    return [r[0] for r in rows]


def notes_of(store: Store, keys: list[str]) -> dict[str, str]:
    """The non-empty notes of ``keys``."""
    notes = {}
    for key in keys:
        row = store.execute("SELECT note FROM event WHERE key = ?", (key,)).fetchone()
        if row and row[0]:
            notes[key] = row[0]
    return notes


# -- inside a transaction ---------------------------------------------------------------------


def _row_id(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute("SELECT id FROM event WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _key_taken(store: Store, key: str) -> bool:
    return bool(
        store.execute(
            "SELECT EXISTS (SELECT 1 FROM event WHERE key = ?)"
            " OR EXISTS (SELECT 1 FROM deleted_event WHERE key = ?)",
            (key, key),
        ).fetchone()[0]
    )


def _current(conn: sqlite3.Connection, key: str, revision: int) -> tuple[int, str]:
    """The row id and origin of ``key``, refusing when it moved past ``revision``."""
    row = conn.execute(
        "SELECT id, revision, origin, title FROM event WHERE key = ?", (key,)
    ).fetchone()
    if row is None:
        raise EditRefused(f"{key!r} is no longer in the store (deleted elsewhere); not saved")
    if row[1] != revision:
        raise EditRefused(
            f"“{row[3]}” was changed elsewhere (another window or program) after you opened "
            "it; your change was not saved. Open the event again to see the newer version."
        )
    return row[0], row[2]


def _write(store: Store, conn: sqlite3.Connection, event: Event, row_id: int) -> None:
    store.write_events(conn, [event], replace=True)
    conn.execute("UPDATE event SET revision = revision + 1 WHERE id = ?", (row_id,))


def _json_of(event: Event) -> str:
    return json.dumps(event_to_json(event), ensure_ascii=False, sort_keys=True)


def _event_from_json(text: str, origin: str) -> Event:
    return parse_event(json.loads(text), DELETED_FILE, origin=origin)


def _snapshot(store: Store, conn: sqlite3.Connection, key: str, row_id: int) -> dict:
    event = store.event(key)
    revision, note, bookmarked, dataset = conn.execute(
        "SELECT revision, note, bookmarked, dataset_json FROM event WHERE id = ?", (row_id,)
    ).fetchone()
    incoming = conn.execute(
        "SELECT s.key, r.type FROM relation r JOIN event s ON s.id = r.source_id"
        " WHERE r.target_id = ? AND r.source_id != ?",
        (row_id, row_id),
    ).fetchall()
    return {
        "event": event_to_json(event),
        "revision": revision,
        "note": note,
        "bookmarked": bool(bookmarked),
        "dataset_json": dataset,
        "incoming": [list(r) for r in incoming],
    }
