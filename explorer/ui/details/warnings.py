"""An event's own data-quality findings, as ``check`` reports them, for the detail pane."""

from __future__ import annotations

from explorer.domain.details import DetailsError, troop_level_change
from explorer.domain.events import Event, EventKind
from explorer.domain.quality import (
    CONFIDENCE,
    LOST_PRECISION,
    MISSING_RELATION,
    SERIES_MISMATCH,
    SERIES_ORDER,
    UNSOURCED,
    UNSOURCED_PERIOD,
    Finding,
    findings,
    findings_by_event,
)

RULE_TEXT = {
    UNSOURCED: "No source",
    CONFIDENCE: "Confidence",
    SERIES_MISMATCH: "Troop series",
    SERIES_ORDER: "Troop series order",
    UNSOURCED_PERIOD: "Unsourced period",
    MISSING_RELATION: "Missing link",
    LOST_PRECISION: "Lost precision",
}


def rule_text(rule: str) -> str:
    """A rule's name as a reader says it ('series-order' -> 'Troop series order')."""
    return RULE_TEXT.get(rule, rule.replace("-", " ").capitalize())


def event_warnings(store, event: Event, cache: dict) -> list[Finding]:
    """The findings about ``event``: its own, and for a troop-level change those its mission's
    series gives it. Only the mission's changes are read (once per store and mission, in
    ``cache``), not the whole store, so selecting an event stays quick in a store of a million."""
    if event.kind is EventKind.TROOP_LEVEL_CHANGE:
        try:
            mission = troop_level_change(event).mission
        except DetailsError:
            return findings([event])
        key = ("mission_findings", mission)
        if key not in cache:
            cache[key] = findings_by_event(store.troop_changes(mission))
        return cache[key].get(event.key, [])
    return findings([event])
