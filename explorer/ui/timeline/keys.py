"""The timeline's keys (issue 4): moving between events, panning and zooming from the keyboard.
Enter, Escape, Alt+arrows, F6 and Ctrl+F are left to the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from explorer.ui.timeline import navigation

if TYPE_CHECKING:
    from explorer.ui.timeline.widget import TimelineWidget

K = Qt.Key
ZOOM_STEP = 2.0


def handle_key(timeline: TimelineWidget, event: QKeyEvent) -> bool:
    """Act on a key press; False when the key is not the timeline's (so it propagates)."""
    mods = event.modifiers()
    if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return False
    key = event.key()
    data, shown = timeline.data, timeline.view_state.lanes
    here = timeline._selected_position()
    if key in (K.Key_Left, K.Key_Right) and not mods & Qt.KeyboardModifier.ControlModifier:
        step = 1 if key == K.Key_Right else -1
        if here is None:
            target = navigation.first_from(data, timeline.visible_range()[0], shown)
        else:
            target = navigation.step_in_time(data, here, step, shown)
        return _move(timeline, target)
    if key in (K.Key_Up, K.Key_Down):
        if here is None:
            return _move(timeline, navigation.first_from(data, timeline.visible_range()[0], shown))
        return _move(
            timeline, navigation.across_lanes(data, here, 1 if key == K.Key_Down else -1, shown)
        )
    if key in (K.Key_Home, K.Key_End):
        return _move(timeline, navigation.edge(data, key == K.Key_End, shown))
    if key in (K.Key_PageUp, K.Key_PageDown):
        timeline.pan_by_screens(-1.0 if key == K.Key_PageUp else 1.0)
        return True
    if key == K.Key_Plus or (key == K.Key_Equal and mods & Qt.KeyboardModifier.ControlModifier):
        timeline.zoom_by(ZOOM_STEP, _current_day(timeline))
        return True
    if key in (K.Key_Minus, K.Key_Underscore):
        timeline.zoom_by(1 / ZOOM_STEP, _current_day(timeline))
        return True
    if key == K.Key_0 and not mods & Qt.KeyboardModifier.ControlModifier:
        timeline.fit_all()
        return True
    if key == K.Key_Z and mods & Qt.KeyboardModifier.ShiftModifier:
        timeline.zoom_to_selection()
        return True
    return False


def _current_day(timeline: TimelineWidget) -> float | None:
    here = timeline._selected_position()
    if here is None:
        return None
    day = float(timeline.data.columns.start[here])
    x0, x1 = timeline.visible_range()
    return day if x0 <= day <= x1 else None


def _move(timeline: TimelineWidget, position: int | None) -> bool:
    """Select the event at ``position`` and bring it into view (a key at the end is still ours)."""
    if position is not None:
        event_id = int(timeline.data.columns.ids[position])
        timeline.view_state.select(event_id, origin=timeline)
        timeline.bring_into_view(event_id)
    return True
