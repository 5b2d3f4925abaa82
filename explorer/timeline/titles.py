"""The titles the timeline's labels show, fetched from the store only for labelled events."""

from __future__ import annotations

from collections import OrderedDict

from explorer.domain.events import EventSummary
from explorer.store.store import Store


class TitleCache:
    """A small LRU cache of event summaries, filled from the store only for labelled events."""

    def __init__(self, store: Store, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self._items: OrderedDict[int, EventSummary] = OrderedDict()
        self.version = 0  # bumps when new titles arrive, so cached frames are recomputed

    def get(self, event_id: int) -> EventSummary | None:
        """The cached summary, or None (never queries)."""
        item = self._items.get(event_id)
        if item is not None:
            self._items.move_to_end(event_id)
        return item

    def fetch(self, event_id: int) -> EventSummary | None:
        """The summary, from the cache or the store."""
        item = self.get(event_id)
        if item is None:
            item = self.store.summary(event_id)
            if item is not None:
                self._put(item)
        return item

    def fetch_many(self, event_ids) -> None:
        """Fetch the missing ones of ``event_ids`` (the throttled label request)."""
        for event_id in event_ids:
            if int(event_id) not in self._items:
                self.fetch(int(event_id))
        self.version += 1

    def remember(self, summary: EventSummary) -> None:
        """Keep ``summary``, read elsewhere (the selected event's), without a query."""
        self._put(summary)

    def forget(self, event_ids) -> None:
        """Drop the cached summaries of edited events (their titles may have changed)."""
        for event_id in event_ids:
            self._items.pop(int(event_id), None)
        self.version += 1

    def preload(self, summaries) -> None:
        """Fill from a list of summaries (a small store is read whole at once)."""
        for item in summaries:
            self._put(item)
        self.version += 1

    def _put(self, item: EventSummary) -> None:
        self._items[item.id] = item
        self._items.move_to_end(item.id)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
