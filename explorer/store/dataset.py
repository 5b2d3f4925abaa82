"""The bundled NATO-Afghanistan dataset: reading it from resources and loading it into a store."""

from __future__ import annotations

import json
from dataclasses import dataclass

from explorer.domain.dataset import (
    DatasetError,
    check_references,
    event_to_json,
    parse_event,
    parse_sources_catalogue,
)
from explorer.domain.events import Changes, Event
from explorer.locations import resource
from explorer.store.store import Store

DATASET_FORMAT = "timeline-explorer-dataset"
BUNDLED = "bundled"
# the origin written out, not bound: SQLite uses a partial index only for a WHERE it can read
# (migration 0004 indexes the keys WHERE origin = 'bundled')
BUNDLED_KEYS = f"SELECT key FROM event WHERE origin = '{BUNDLED}'"
EDITED_KEYS = "SELECT key FROM event WHERE dataset_json IS NOT NULL"
META_DATASET_VERSION = "dataset_version"


@dataclass(frozen=True)
class Dataset:
    """The parsed bundled dataset: its version and every event with the file it came from."""

    version: str
    events: tuple[tuple[str, Event], ...]


def read_json(name: str) -> object:
    """One JSON file of resources/data, with a clear error when it does not parse."""
    path = f"resources/data/{name}"
    try:
        return json.loads(resource("data", name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError(path, None, "file", "missing") from None
    except json.JSONDecodeError as exc:
        raise DatasetError(path, None, "json", f"line {exc.lineno}: {exc.msg}") from None


def bundled_dataset() -> Dataset:
    """Read and validate every file the manifest names; raises DatasetError on the first fault."""
    manifest = read_json("manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != DATASET_FORMAT:
        raise DatasetError("resources/data/manifest.json", None, "format", "not our dataset")
    catalogue = parse_sources_catalogue(read_json("sources.json"), "resources/data/sources.json")
    events: list[tuple[str, Event]] = []
    seen: dict[str, str] = {}
    for name in manifest.get("files", []):
        if name == "sources.json":
            continue
        path = f"resources/data/{name}"
        data = read_json(name)
        raw_events = data.get("events") if isinstance(data, dict) else None
        if not isinstance(raw_events, list):
            raise DatasetError(path, None, "events", "must be a list")
        for raw in raw_events:
            event = parse_event(raw, path, catalogue, origin=BUNDLED)
            if not event.sources:
                raise DatasetError(path, event.key, "sources", "every event needs a source")
            if event.key in seen:
                raise DatasetError(path, event.key, "id", f"also defined in {seen[event.key]}")
            seen[event.key] = path
            events.append((path, event))
    check_references(events, set(seen))
    return Dataset(str(manifest.get("dataset_version", "0")), tuple(events))


def install_bundled_dataset(store: Store, dataset: Dataset | None = None) -> Changes:
    """Bring the store's bundled events up to the bundled dataset's version.

    Bundled events are updated in place by key (their row ids, and so the user's relations to
    them, stay); bundled events the new dataset dropped are removed; user events are untouched.
    An event the user deleted stays deleted; one they edited keeps their version, with the new
    dataset version kept beside it. Does nothing when the store already has this dataset version.
    """
    if dataset is None:
        manifest = read_json("manifest.json")
        version = str(manifest.get("dataset_version", "0")) if isinstance(manifest, dict) else ""
        if store.meta(META_DATASET_VERSION) == version:
            return Changes()  # the common start: nothing to parse
        dataset = bundled_dataset()
    if store.meta(META_DATASET_VERSION) == dataset.version:
        return Changes()
    new_keys = {event.key for _, event in dataset.events}
    old_keys = {row[0] for row in store.execute(BUNDLED_KEYS)}
    user_keys = {
        row[0] for row in store.execute("SELECT key FROM event WHERE origin != ?", (BUNDLED,))
    }
    # the user's work is never overwritten: an event they deleted stays deleted, an event they
    # edited keeps their version and gets the new dataset version beside it to compare
    deleted = {row[0] for row in store.execute("SELECT key FROM deleted_event")}
    edited = {row[0] for row in store.execute(EDITED_KEYS)}
    skipped = user_keys | deleted | edited
    events = [e for _, e in dataset.events if e.key not in skipped]
    with store.transaction() as conn:
        changes = store.write_events(conn, events, replace=True)
        conn.executemany(
            "UPDATE event SET revision = revision + 1 WHERE key = ?",
            [(k,) for k in changes.updated],
        )
        conn.executemany(
            "UPDATE event SET dataset_json = ? WHERE key = ?",
            [
                (json.dumps(event_to_json(e), ensure_ascii=False, sort_keys=True), e.key)
                for _, e in dataset.events
                if e.key in edited
            ],
        )
        gone = sorted(old_keys - new_keys - edited)
        conn.executemany(
            "DELETE FROM event WHERE key = ? AND origin = ?", [(k, BUNDLED) for k in gone]
        )
        # an edited event the dataset dropped is the user's own from now on
        conn.executemany(
            "UPDATE event SET origin = 'user', dataset_json = NULL WHERE key = ?",
            [(k,) for k in sorted((old_keys & edited) - new_keys)],
        )
        store.set_meta(META_DATASET_VERSION, dataset.version)
    return Changes(added=changes.added, updated=changes.updated, removed=tuple(gone))
