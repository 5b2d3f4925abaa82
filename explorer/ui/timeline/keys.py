"""The timeline's keys: moving between events, panning and zooming from the keyboard, as calls on
the model's navigation. Enter, Escape, Alt+arrows, F6 and Ctrl+F are left to the main window."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from explorer.timeline import navigation
from explorer.timeline.model import TimelineModel
from explorer.timeline.navigation import ZOOM_STEP
from explorer.ui.view_state import ViewState

K = Qt.Key


class KeyTarget(Protocol):
    """What the keys move: the timeline widget."""

    model: TimelineModel
    view_state: ViewState

    def selected_position(self) -> int | None: ...
    def visible_range(self) -> tuple[float, float]: ...
    def pan_by_screens(self, screens: float) -> None: ...
    def zoom_by(self, factor: float, around_day: float | None = None) -> None: ...
    def fit_all(self) -> None: ...
    def zoom_to_selection(self) -> None: ...
    def bring_into_view(self, event_id: int) -> None: ...
    def announce_view(self) -> None: ...
    def say(self, text: str) -> None: ...


_NOTHING_THERE = {
    K.Key_Left: "No earlier event",
    K.Key_Right: "No later event",
    K.Key_Up: "No event above",
    K.Key_Down: "No event below",
}


def handle_key(timeline: KeyTarget, event: QKeyEvent) -> bool:
    """Act on a key press; False when the key is not the timeline's (so it propagates)."""
    mods = event.modifiers()
    if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return False
    key = event.key()
    model, shown = timeline.model, timeline.view_state.lanes
    here = timeline.selected_position()
    if key in (K.Key_Left, K.Key_Right) and not mods & Qt.KeyboardModifier.ControlModifier:
        step = 1 if key == K.Key_Right else -1
        if here is None:
            target = navigation.first_from(model, timeline.visible_range()[0], shown)
        else:
            target = navigation.step_in_time(model, here, step, shown)
        return _move(timeline, target, _NOTHING_THERE[key])
    if key in (K.Key_Up, K.Key_Down):
        if here is None:
            return _move(timeline, navigation.first_from(model, timeline.visible_range()[0], shown))
        target = navigation.across_lanes(model, here, 1 if key == K.Key_Down else -1, shown)
        return _move(timeline, target, _NOTHING_THERE[key])
    if key in (K.Key_Home, K.Key_End):
        target = navigation.edge(model, key == K.Key_End, shown)
        if target is not None and target == here:  # already there: say so, or the key is silent
            timeline.say("Last event" if key == K.Key_End else "First event")
            return True
        return _move(timeline, target, "No events")
    if key in (K.Key_PageUp, K.Key_PageDown):
        timeline.pan_by_screens(-1.0 if key == K.Key_PageUp else 1.0)
        timeline.announce_view()
        return True
    zoom_in = key == K.Key_Plus or (
        key == K.Key_Equal and mods & Qt.KeyboardModifier.ControlModifier
    )
    if zoom_in or key in (K.Key_Minus, K.Key_Underscore):
        around = navigation.day_in_view(model, here, *timeline.visible_range())
        timeline.zoom_by(ZOOM_STEP if zoom_in else 1 / ZOOM_STEP, around)
        timeline.announce_view()
        return True
    if key == K.Key_0 and not mods & Qt.KeyboardModifier.ControlModifier:
        timeline.fit_all()
        timeline.announce_view()
        return True
    if key == K.Key_Z and mods & Qt.KeyboardModifier.ShiftModifier:
        timeline.zoom_to_selection()
        timeline.announce_view()
        return True
    return False


def _move(timeline: KeyTarget, position: int | None, nothing: str = "") -> bool:
    """Select the event at ``position`` and bring it into view; at an edge (no event there) a
    reader hears ``nothing`` (and the key is still ours)."""
    if position is None:
        timeline.say(nothing)
    else:
        event_id = int(timeline.model.columns.ids[position])
        timeline.view_state.select(event_id, origin=timeline)
        timeline.bring_into_view(event_id)
    return True
