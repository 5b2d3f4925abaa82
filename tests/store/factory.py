"""The tests' one way to make events and stores: events through the domain's own parser,
stores the way the app writes them (the bundled dataset's installer, the bulk writer)."""

from collections.abc import Iterable
from pathlib import Path

from explorer.domain.dataset import parse_event
from explorer.domain.events import Event
from explorer.store import Store
from explorer.store.bulk_write import bulk_transaction
from explorer.store.dataset import install_bundled_dataset
from explorer.store.event_table import EVENT_COLUMNS, insert_event_rows, rows_per_insert


def event(key: str, date: str, kind: str = "other", title: str | None = None, **fields) -> Event:
    """A valid event; ``fields`` are further JSON fields (summary, relations, details ...)."""
    raw = {"id": key, "kind": kind, "title": title or key.replace("-", " ").title(), "date": date}
    raw.update(fields)
    raw.setdefault("sources", [{"title": "Test source", "url": "https://example.org/"}])
    return parse_event(raw, "test", origin=fields.pop("origin", "user"))


def new_store(tmp_path, name: str = "events.sqlite3") -> Store:
    """A fresh store file in tmp_path."""
    return Store(tmp_path / name)


def bundled_store(path: Path) -> Path:
    """A store holding the bundled dataset, closed (its WAL folded back into the file)."""
    with Store(path) as store:
        install_bundled_dataset(store)
    return path


def write_in_bulk(store: Store, events: Iterable[dict]) -> None:
    """Insert many events fast, through the bulk writer that ``import`` and ``generate`` use.

    Each event is a dict of the event table's columns; absent ones take the table's defaults.
    """
    defaults = {"summary": "", "date_wording": None, "confidence": "high", "origin": "user"}
    defaults["details"] = "{}"
    rows = [tuple({**defaults, **e}[name] for name in EVENT_COLUMNS) for e in events]
    with bulk_transaction(store, rebuild_indexes=True) as conn:
        insert_event_rows(conn, rows, rows_per_insert(conn))
