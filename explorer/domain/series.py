"""The troop level of a mission over time, derived from its troop-level change events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.details import troop_level_change
from explorer.domain.events import Event, EventKind


@dataclass(frozen=True, slots=True)
class TroopLevelStep:
    """From ``day`` on, the mission stands at ``level``; ``event_key`` names the change."""

    day: int
    level: int
    approximate: bool
    event_key: str


def troop_series(events: Iterable[Event], mission: str) -> list[TroopLevelStep]:
    """Steps of ``mission``'s troop level in time order.

    A change that happens over a period (``period``) takes effect when the period ends; one
    without a period takes effect on the event's first day. Changes with no ``level_after``
    (announcements without a figure) add no step.
    """
    steps = []
    for event in events:
        if event.kind is not EventKind.TROOP_LEVEL_CHANGE:
            continue
        change = troop_level_change(event)
        if change.mission != mission or change.level_after is None:
            continue
        day = change.period.end_day - 1 if change.period else event.when.start_day
        steps.append(TroopLevelStep(day, change.level_after, change.approximate, event.key))
    steps.sort(key=lambda s: (s.day, s.event_key))
    return steps
