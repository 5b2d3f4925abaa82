"""The events a report covers: by ids, or by range, kinds and search text, in time order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from explorer.domain.details import referenced_keys
from explorer.domain.events import Event, EventKind
from explorer.store.errors import StoreError
from explorer.store.store import Store

# a report is read by people: past this it is a book, and the command says so
REPORT_MAX_EVENTS = 2_000


@dataclass(frozen=True)
class ReportFilter:
    """Which events: ``keys`` alone, or a day range, kinds and search text together."""

    first_day: int | None = None
    end_day: int | None = None
    kinds: tuple[str, ...] = ()
    search: str = ""
    keys: tuple[str, ...] = ()


def report_events(
    store: Store, chosen: ReportFilter, limit: int = REPORT_MAX_EVENTS
) -> list[Event]:
    """The chosen events with details and sources, in time order; refuses a missing id and
    more than ``limit`` events."""
    if chosen.keys:
        events = []
        for key in dict.fromkeys(chosen.keys):
            event = store.event(key)
            if event is None:
                raise StoreError(f"--ids: no event {key!r} in {store.path}")
            events.append(event)
        return sorted(events, key=lambda e: (e.when.start_day, e.key))
    kinds = [EventKind(k) for k in chosen.kinds] or None
    if chosen.search:
        summaries = store.search(chosen.search, limit=limit + 1, kinds=kinds)
    else:
        first = chosen.first_day if chosen.first_day is not None else -(1 << 30)
        end = chosen.end_day if chosen.end_day is not None else 1 << 30
        summaries = store.events_between(first, end, kinds, limit=limit + 1)
    if chosen.search and (chosen.first_day is not None or chosen.end_day is not None):
        first = chosen.first_day if chosen.first_day is not None else -(1 << 30)
        end = chosen.end_day if chosen.end_day is not None else 1 << 30
        summaries = [s for s in summaries if s.when.start_day < end and s.when.end_day > first]
    if len(summaries) > limit:
        raise StoreError(f"more than {limit:,} events match; narrow the range, kinds or search")
    events = [e for s in summaries if (e := store.event(s.key)) is not None]
    return sorted(events, key=lambda e: (e.when.start_day, e.key))


def referenced_titles(store: Store, events: Iterable[Event]) -> dict[str, str]:
    """Titles of the events that the details of ``events`` name (decisions, commitments)."""
    titles: dict[str, str] = {}
    for event in events:
        for _field, key in _references(event):
            if key not in titles and (summary := store.summary_by_key(key)) is not None:
                titles[key] = summary.title
    return titles


def _references(event: Event) -> Sequence[tuple[str, str]]:
    try:
        return referenced_keys(event)
    except ValueError:  # unreadable details are reported by the report itself
        return ()
