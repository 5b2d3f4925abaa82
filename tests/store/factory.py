"""Small events for store tests, built through the domain's own parser."""

from explorer.domain.dataset import parse_event
from explorer.domain.events import Event
from explorer.store import Store


def event(key: str, date: str, kind: str = "other", title: str | None = None, **fields) -> Event:
    """A valid event; ``fields`` are further JSON fields (summary, relations, details ...)."""
    raw = {"id": key, "kind": kind, "title": title or key.replace("-", " ").title(), "date": date}
    raw.update(fields)
    raw.setdefault("sources", [{"title": "Test source", "url": "https://example.org/"}])
    return parse_event(raw, "test", origin=fields.pop("origin", "user"))


def new_store(tmp_path, name: str = "events.sqlite3") -> Store:
    """A fresh store file in tmp_path."""
    return Store(tmp_path / name)
