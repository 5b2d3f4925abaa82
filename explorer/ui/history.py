"""The selection history behind Go > Back and Go > Forward."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from explorer.domain.events import Changes
from explorer.ui.open_store import OpenStore
from explorer.ui.view_state import ViewState

MAX_ENTRIES = 500


class SelectionHistory(QObject):
    """Records every selection made anywhere; Back and Forward re-select through the ViewState."""

    changed = Signal()  # can_go_back / can_go_forward may differ

    def __init__(
        self, open_store: OpenStore, view_state: ViewState, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._view_state = view_state
        self._entries: list[int] = []
        self._index = -1
        view_state.selection_changed.connect(self._on_selection_changed)
        open_store.changed.connect(self._on_store_changed)

    @property
    def can_go_back(self) -> bool:
        """True when there is an earlier selection."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True after going back, until a new selection is made."""
        return self._index < len(self._entries) - 1

    def back(self) -> None:
        """Select the previous event in the history."""
        if self.can_go_back:
            self._index -= 1
            self._view_state.select(self._entries[self._index], origin=self)
            self.changed.emit()

    def forward(self) -> None:
        """Select the next event in the history."""
        if self.can_go_forward:
            self._index += 1
            self._view_state.select(self._entries[self._index], origin=self)
            self.changed.emit()

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.opened:  # the old store's row ids mean other events in this one
            self.clear()

    def clear(self) -> None:
        """Forget everything but the current selection."""
        self._entries, self._index = [], -1
        selected = self._view_state.selected
        if selected is not None:
            self._entries, self._index = [selected], 0
        self.changed.emit()

    def _on_selection_changed(self, event_id: int | None, origin: object) -> None:
        if origin is self or event_id is None:
            return
        if self._index >= 0 and self._entries[self._index] == event_id:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(event_id)
        if len(self._entries) > MAX_ENTRIES:
            del self._entries[0]
        self._index = len(self._entries) - 1
        self.changed.emit()
