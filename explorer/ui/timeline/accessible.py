"""The timeline as assistive technology sees it: a list whose items are the events in view,
each named as the list names it ("Warsaw Summit, summit, 8–9 July 2016") and placed in its lane
("3 of 85 in Summits and meetings"), the current one focused and selected.

The canvas itself draws pixels only; this interface gives a screen reader the same events
(installed by explorer.ui.accessible)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QSize
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget

from explorer.timeline.spoken import rows_in_view

if TYPE_CHECKING:
    from explorer.ui.timeline.widget import TimelineWidget

MAX_ITEMS = 500  # a reader walks a page of events, not a million
_HALF, _GLYPH = QPoint(6, 6), QSize(12, 12)  # the item's box around its glyph's centre


class EventItem(QAccessibleInterface):
    """One event of the timeline as a list item (it has no QObject of its own)."""

    def __init__(self, timeline: TimelineAccessible, event_id: int) -> None:
        super().__init__()
        self._timeline, self.event_id = timeline, event_id

    def _widget(self) -> TimelineWidget:
        return self._timeline.timeline()

    def isValid(self) -> bool:  # noqa: N802 - Qt override
        return self._timeline.isValid()

    def object(self) -> QObject | None:
        return None

    def window(self):
        return self._timeline.window()

    def parent(self) -> QAccessibleInterface:
        return self._timeline

    def child(self, _index: int):
        return None

    def childCount(self) -> int:  # noqa: N802 - Qt override
        return 0

    def indexOfChild(self, _child) -> int:  # noqa: N802 - Qt override
        return -1

    def childAt(self, _x: int, _y: int):  # noqa: N802 - Qt override
        return None

    def focusChild(self):  # noqa: N802 - Qt override
        return None

    def relations(self, _match=None):
        return []

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def text(self, kind: QAccessible.Text) -> str:
        widget = self._widget()
        if kind == QAccessible.Text.Name:
            summary = widget.titles.fetch(self.event_id)
            return summary.accessible_text() if summary is not None else ""
        if kind == QAccessible.Text.Description:
            return widget.place_text(self.event_id)
        return ""

    def setText(self, _kind, _text) -> None:  # noqa: N802 - Qt override
        pass

    def rect(self) -> QRect:
        widget = self._widget()
        point = widget.glyph_position(self.event_id)
        if point is None:
            return QRect()
        return QRect(widget.mapToGlobal(point) - _HALF, _GLYPH)

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        widget = self._widget()
        state.selectable = True
        state.focusable = True
        current = widget.view_state.selected == self.event_id
        state.selected = current
        state.focused = current and widget.hasFocus()
        state.invisible = widget.glyph_position(self.event_id) is None
        return state


class TimelineAccessible(QAccessibleWidget):
    """The timeline widget as a list: its own parts (legend, plot, overview) first, then one item
    per event in view (in lane order, then time), at most MAX_ITEMS around the current one."""

    def __init__(self, widget: TimelineWidget) -> None:
        super().__init__(widget, QAccessible.Role.List, "Timeline")
        self._items: dict[int, EventItem] = {}  # Qt's cache keeps a pointer: ours keep them alive

    def timeline(self) -> TimelineWidget:
        return self.widget()

    def item(self, event_id: int) -> EventItem:
        """The (one, kept) accessible item of ``event_id``."""
        found = self._items.get(event_id)
        if found is None:
            found = self._items[event_id] = EventItem(self, event_id)
        return found

    def _events(self) -> list[int]:
        widget = self.timeline()
        columns = widget.model.columns
        first, last = widget.visible_range()
        rows = rows_in_view(columns, first, last, widget.view_state.lanes)
        if len(rows) > MAX_ITEMS:
            here = widget.selected_position()
            middle = int(rows.searchsorted(here)) if here is not None else 0
            start = max(0, min(middle - MAX_ITEMS // 2, len(rows) - MAX_ITEMS))
            rows = rows[start : start + MAX_ITEMS]
        lanes = columns.lane[rows]
        ordered = rows[lanes.argsort(kind="stable")]
        return [int(i) for i in columns.ids[ordered]]

    def _parts(self) -> int:
        return super().childCount()

    def childCount(self) -> int:  # noqa: N802 - Qt override
        return self._parts() + len(self._events())

    def child(self, index: int):
        parts = self._parts()
        if index < parts:
            return super().child(index)
        events = self._events()
        index -= parts
        return self.item(events[index]) if 0 <= index < len(events) else None

    def indexOfChild(self, child) -> int:  # noqa: N802 - Qt override
        if isinstance(child, EventItem):
            events = self._events()
            return self._parts() + events.index(child.event_id) if child.event_id in events else -1
        return super().indexOfChild(child)

    def focusChild(self):  # noqa: N802 - Qt override
        widget = self.timeline()
        selected = widget.view_state.selected
        if selected is None or not widget.hasFocus():
            return None
        return self.item(selected)

    def text(self, kind: QAccessible.Text) -> str:
        widget = self.timeline()
        if kind == QAccessible.Text.Name:
            return widget.accessibleName()
        if kind == QAccessible.Text.Description:
            return widget.accessibleDescription()
        return super().text(kind)


def focus_event(widget: TimelineWidget, event_id: int) -> None:
    """Tell assistive technology that the event ``event_id`` is now the current item."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if not isinstance(iface, TimelineAccessible):
        return
    item = iface.item(event_id)
    QAccessible.updateAccessibility(QAccessibleEvent(item, QAccessible.Event.Selection))
    if widget.hasFocus():
        QAccessible.updateAccessibility(QAccessibleEvent(item, QAccessible.Event.Focus))
