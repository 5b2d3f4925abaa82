"""The detail area: shows the pane of the selected event and follows the ViewState."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from explorer.domain.events import Changes, EventKind
from explorer.ui.details.base import DetailPane
from explorer.ui.details.fund import FundPane
from explorer.ui.details.general import GeneralPane
from explorer.ui.details.meeting import MeetingPane
from explorer.ui.details.troop import TroopLevelPane
from explorer.ui.details.widgets import LinkButton, text_label
from explorer.ui.details.yours import UserHooks, UserPart
from explorer.ui.open_store import OpenStore, SelectedEvent
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

    def __init__(self, open_store: OpenStore, view_state: ViewState, parent=None) -> None:
        super().__init__(parent)
        self._open_store, self._view_state = open_store, view_state
        self.pane: DetailPane | None = None
        self.user_part: UserPart | None = None
        self.user_hooks = UserHooks(editable=False)  # the window's editing fills it in
        self._cache: dict = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Event details")
        self.setAccessibleDescription(
            "Details of the selected event. Tab moves through its fields and links in reading "
            "order, Enter or Space follows a link, Escape returns to the timeline."
        )
        view_state.selection_changed.connect(self._on_selection_changed)
        open_store.changed.connect(self._on_store_changed)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.show_event(view_state.selected)

    def _on_store_changed(self, changes: Changes) -> None:
        """Events changed or another store opened: what the panes remembered is stale (but
        a note saved from this pane is already shown as it is)."""
        if changes.origin is self and changes.row_ids == ():
            return
        if changes.names_rows:
            self._cache = {}
            record = self.pane.record if self.pane is not None else None
            touched = {*changes.added, *changes.updated, *changes.removed}
            if (
                record is not None
                and record.key not in touched
                and not self._links_to(touched)
                and record.kind not in (EventKind.TROOP_LEVEL_CHANGE, EventKind.FUND)
            ):
                return  # an edit of an unrelated event: this pane still says the same
        if changes.any:
            self._cache = {}
            self.show_event(self._view_state.selected)

    def _links_to(self, keys: set[str]) -> bool:
        """True when the shown pane links one of ``keys`` (its title or date may be shown)."""
        return self.pane is not None and any(item.other.key in keys for item in self.pane.linked)

    def _on_selection_changed(self, event_id: int | None, _origin: object) -> None:
        # a link in this pane also comes back here: the pane must be rebuilt for its event
        self.show_event(event_id)

    def show_event(self, event_id: int | None) -> None:
        """Build the pane of ``event_id`` (or the hint when nothing is selected)."""
        self.save_note()
        focus_was_here = self.isAncestorOf(QApplication.focusWidget())
        selected = self._open_store.selected_event(event_id)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.user_part = None
        if selected is None:
            self.pane = None
            hint = text_label(EMPTY_TEXT, name="No event selected")
            hint.setContentsMargins(10, 10, 10, 10)
            hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.setWidget(hint)
        else:
            self.pane = self._build(selected)
            self.setWidget(self.pane)
        if focus_was_here:
            self.focus_start()

    def _build(self, selected: SelectedEvent) -> DetailPane:
        pane = pane_class(selected.event.kind)
        built = pane(self._open_store.store, selected, self._select_key, self._cache)
        self.user_part = UserPart(selected.state, self.user_hooks, built)
        built.layout_.insertWidget(2, self.user_part)  # under the title and the date
        return built

    def save_note(self) -> None:
        """Save a note being typed now (before the pane changes or the window closes)."""
        if self.user_part is not None:
            self.user_part.note_edit.save()

    def _select_key(self, key: str) -> None:
        event_id = self._open_store.store.id_of(key)
        if event_id is not None:
            self._view_state.select(event_id, origin=self)

    @property
    def links(self) -> list[LinkButton]:
        """The pane's links in Tab order."""
        return list(self.pane.links) if self.pane else []

    def focus_start(self) -> None:
        """Put keyboard focus on the pane's title (a reader starts there and Tabs on through
        every field and link), or on the hint when nothing is selected."""
        first = self.pane.title_label if self.pane is not None else self.widget()
        if first is None or first.focusPolicy() == Qt.FocusPolicy.NoFocus:
            first = self
        first.setFocus(Qt.FocusReason.TabFocusReason)
        self.verticalScrollBar().setValue(0)

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
