"""The open store: the one owner of the store the window shows, of its shared columns and of
the selected event as read once, and the one signal every change reaches the panes through."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from explorer.domain.events import Changes, Event, EventSummary, LinkedEvent
from explorer.store.change_log import MAX_NAMED, changes_since, newest_change
from explorer.store.columns import EventColumns, load_columns, patch_columns
from explorer.store.edits import EventState, event_state
from explorer.store.store import Store


@dataclass(frozen=True, slots=True)
class SelectedEvent:
    """One event as every pane shows it: read once per selection and shared."""

    summary: EventSummary
    event: Event
    linked: tuple[LinkedEvent, ...]
    state: EventState  # the user's part: revision, note, bookmark, the dataset's version


class OpenStore(QObject):
    """Owns the open store and its columns; ``changed`` carries a Changes record for every
    change (an import, another store opened, an edit), after the columns are re-read."""

    changed = Signal(object)  # a domain Changes record

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        # where the store's change log stood when the columns were read (taken first: a
        # change committed meanwhile is laid in again, which changes nothing)
        self._seen_change = newest_change(store)
        self._columns = load_columns(store)
        self._selected: SelectedEvent | None = None
        self._spares: dict | None = None  # buffers the next edit's columns are written into

    @property
    def store(self) -> Store:
        """The store every pane reads."""
        return self._store

    @property
    def columns(self) -> EventColumns:
        """Every event's numeric columns: one copy, shared by the panes, re-read per change."""
        return self._columns

    def notify(self, changes: Changes) -> None:
        """Something committed to the store: re-read once, then tell every pane."""
        if not changes.any:
            return
        if changes.row_ids is not None and len(changes.row_ids) > MAX_NAMED:
            # so many events (a restore of thousands) that reading all is quicker than patching
            changes = replace(changes, row_ids=None)
        if not changes.names_rows:
            self._seen_change = newest_change(self._store)
            self._spares = None
            self._columns = load_columns(self._store)
        else:  # an edit: the few events it moved are patched in, not every event re-read
            spares, self._spares = self._spares, None
            self._columns = patch_columns(self._store, self._columns, changes.row_ids, spares)
        self._selected = None
        self.changed.emit(changes)

    def follow_other_writers(self, origin: object) -> None:
        """Another window or program committed to the store: the events its change log names
        are laid in as an edit of this window's would be; a bulk write, or more than a couple
        of thousand events, reads everything again."""
        logged = changes_since(self._store, self._seen_change)
        if logged is None:
            self.notify(Changes(store_replaced=True, origin=origin))
            return
        self._seen_change = logged.newest
        if logged.row_ids:
            self.notify(
                Changes(
                    updated=logged.present,
                    removed=logged.gone,
                    row_ids=logged.row_ids,
                    origin=origin,
                )
            )

    def prepare_for_edits(self) -> None:
        """Make ready what an edit needs, so that it does not wait for it: the columns' id
        lookup (a few ms at a million events) and buffers already written through for the
        patched columns (the page faults of fresh ones cost the first edit 10-15 ms). Called
        as an editor opens; kept for then rather than done at start, where it would hold
        memory in a window only read (the buffers, 27 MB at a million events, until the edit)."""
        self._columns.prepare_lookup()
        if self._spares is None:
            self._spares = self._columns.spare_buffers()

    def drop_edit_buffers(self) -> None:
        """The editor closed without an edit: give back the buffers made for one."""
        self._spares = None

    def replace(self, store: Store) -> None:
        """Show ``store`` instead (File > Open Store); the old one is closed after the panes
        have moved to the new one."""
        old, self._store = self._store, store
        self.notify(Changes(store_replaced=True, opened=True, origin=self))
        if old is not store:
            old.close()

    def selected_event(self, event_id: int | None) -> SelectedEvent | None:
        """The event ``event_id`` with what its panes show, read from the store once per
        selection: the list, the details and the timeline share it."""
        if event_id is None:
            return None
        remembered = self._selected
        if remembered is not None and remembered.summary.id == event_id:
            return remembered
        summary = self._store.summary(event_id)
        state = event_state(self._store, summary.key) if summary is not None else None
        if state is None:
            return None
        linked = tuple(self._store.linked_events(summary.key))
        self._selected = SelectedEvent(summary, state.event, linked, state)
        return self._selected
