"""The troop level of a mission over time, derived from its troop-level change events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.details import troop_level_change
from explorer.domain.events import Event, EventKind


@dataclass(frozen=True, slots=True)
class TroopLevelStep:
    """From ``day`` on, the mission stands at ``level``; ``event_key`` names the change.

    ``sourced_until_day`` (exclusive) is set when a source gives the figure only up to that
    day: from there to the next step no figure is sourced (a gap, not a held value).
    """

    day: int
    level: int
    approximate: bool
    event_key: str
    sourced_until_day: int | None = None


@dataclass(frozen=True, slots=True)
class TroopLevelGap:
    """Days ``[start_day, end_day)`` of a mission for which no source gives a troop figure."""

    start_day: int
    end_day: int
    after_key: str  # the change whose figure stops being sourced
    before_key: str  # the change that next gives a figure


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
        until = change.sourced_until.end_day if change.sourced_until else None
        steps.append(TroopLevelStep(day, change.level_after, change.approximate, event.key, until))
    steps.sort(key=lambda s: (s.day, s.event_key))
    return steps


def troop_gaps(steps: list[TroopLevelStep]) -> list[TroopLevelGap]:
    """The stretches between steps where no source gives a figure, for a chart to draw as gaps
    (dashed or empty) with a note that no figure is sourced."""
    gaps = []
    for step, following in zip(steps, steps[1:], strict=False):
        until = step.sourced_until_day
        if until is not None and until < following.day:
            gaps.append(TroopLevelGap(until, following.day, step.event_key, following.event_key))
    return gaps
