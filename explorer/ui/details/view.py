"""The detail area: shows the pane of the selected event and follows the ViewState."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from explorer.domain.events import Event, EventKind
from explorer.ui.details.base import DetailPane
from explorer.ui.details.fund import FundPane
from explorer.ui.details.general import GeneralPane
from explorer.ui.details.meeting import MeetingPane
from explorer.ui.details.troop import TroopLevelPane
from explorer.ui.details.widgets import LinkButton, text_label
from explorer.ui.view_state import ViewState

EMPTY_TEXT = "Select an event on the timeline or in the list to read about it here."


def pane_class(kind: EventKind) -> type[DetailPane]:
    """The pane that shows events of ``kind``."""
    if kind.is_meeting:
        return MeetingPane
    if kind is EventKind.TROOP_LEVEL_CHANGE:
        return TroopLevelPane
    if kind is EventKind.FUND:
        return FundPane
    return GeneralPane


class DetailView(QScrollArea):
    """Scrollable home of one DetailPane; links select through the ViewState, never directly."""

    def __init__(self, store, view_state: ViewState, parent=None) -> None:
        super().__init__(parent)
        self._store, self._view_state = store, view_state
        self.pane: DetailPane | None = None
        self._cache: dict = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Event details")
        self.setAccessibleDescription(
            "Details of the selected event. Tab moves between links, Enter or Space follows "
            "one, Escape returns to the timeline."
        )
        view_state.selection_changed.connect(self._on_selection_changed)
        view_state.store_changed.connect(lambda _changes: self._cache.clear())
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.show_event(view_state.selected)

    def set_store(self, store) -> None:
        """Read from another store."""
        self._store = store
        self._cache = {}
        self.show_event(self._view_state.selected)

    def _on_selection_changed(self, event_id: int | None, _origin: object) -> None:
        # a link in this pane also comes back here: the pane must be rebuilt for its event
        self.show_event(event_id)

    def show_event(self, event_id: int | None) -> None:
        """Build the pane of ``event_id`` (or the hint when nothing is selected)."""
        focus_was_here = self.isAncestorOf(QApplication.focusWidget())
        summary = self._store.summary(event_id) if event_id is not None else None
        event = self._store.event(summary.key) if summary else None
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        if event is None:
            self.pane = None
            hint = text_label(EMPTY_TEXT, name="No event selected")
            hint.setContentsMargins(10, 10, 10, 10)
            hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.setWidget(hint)
        else:
            self.pane = self._build(event)
            self.setWidget(self.pane)
        if focus_was_here:
            self.focus_first_link()

    def _build(self, event: Event) -> DetailPane:
        return pane_class(event.kind)(self._store, event, self._select_key, self._cache)

    def _select_key(self, key: str) -> None:
        event_id = self._store.id_of(key)
        if event_id is not None:
            self._view_state.select(event_id, origin=self)

    @property
    def links(self) -> list[LinkButton]:
        """The pane's links in Tab order."""
        return list(self.pane.links) if self.pane else []

    def focus_first_link(self) -> None:
        """Put keyboard focus on the pane's first link (or on the pane when it has none)."""
        first = self._first_in_tab_order()
        (first or self).setFocus(Qt.FocusReason.TabFocusReason)
        self.verticalScrollBar().setValue(0) if first is None else self.ensureWidgetVisible(first)

    def _first_in_tab_order(self) -> QWidget | None:
        links = set(self.links)
        if not links:
            return None
        widget = self.pane.nextInFocusChain()
        for _ in range(10_000):
            if widget in links:
                return widget
            widget = widget.nextInFocusChain()
        return self.links[0]

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.pane is not None and self.pane.isAncestorOf(new):
            self.ensureWidgetVisible(new, 20, 20)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.pane is not None:
            self.show_event(self._view_state.selected)  # the chart and links take new colours
