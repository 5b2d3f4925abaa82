"""Data-quality findings over events: what a reviewer of a timeline would flag by hand.

Pure functions (no Qt, no sqlite3): give them events, get back findings, each naming its event,
the rule it breaks and a one-line message. The rules are written down in README's "Where the
facts come from"; only the parts a program can check are checked here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.dates import MONTH_NAMES, Precision
from explorer.domain.details import DetailsError, mission_details, troop_level_change
from explorer.domain.events import Event, EventKind, RelationType, Source
from explorer.domain.series import TroopLevelStep, troop_series

# Rules, in the order a report lists them.
UNSOURCED = "unsourced"
CONFIDENCE = "confidence"
SERIES_MISMATCH = "series-mismatch"
SERIES_ORDER = "series-order"
UNSOURCED_PERIOD = "unsourced-period"
MISSING_RELATION = "missing-relation"
LOST_PRECISION = "lost-precision"
RULES = (
    UNSOURCED,
    CONFIDENCE,
    SERIES_MISMATCH,
    SERIES_ORDER,
    UNSOURCED_PERIOD,
    MISSING_RELATION,
    LOST_PRECISION,
)

# A secondary source says what it is in its publisher: "(Wikipedia mirror)", "(reprint of NATO
# release)", "(copy of NATO document)", "(aggregator)"; Wikipedia itself is one too.
SECONDARY_MARKERS = ("mirror", "digest", "copy of", "reprint", "aggregator", "wikipedia")
# A held figure longer than this, with no source for the stretch, is a finding.
LONGEST_UNSOURCED_DAYS = 366
# Two approximate figures ("about 16,000", 15,937) agree when this close.
APPROXIMATE_TOLERANCE = 0.05

_DAY_IN_WORDS = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTH_NAMES) + r") (\d{4})\b")
_DEADLINE = re.compile(r"\b(by|before|after|until|from)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with one event: its key, the rule broken and a one-line message."""

    event_key: str
    rule: str
    message: str

    def line(self) -> str:
        """The finding as one line of a report."""
        return f"{self.event_key}: [{self.rule}] {self.message}"


def is_secondary(source: Source) -> bool:
    """True for a mirror, digest, copy, reprint or aggregator (named so in its publisher)."""
    text = f"{source.publisher} {source.title}".lower()
    return any(marker in text for marker in SECONDARY_MARKERS)


def findings(events: Iterable[Event]) -> list[Finding]:
    """Every finding over ``events``, grouped by rule, then in event order."""
    found: list[Finding] = []
    troop_changes = []  # only these are kept: a store may hold a million events
    for event in events:
        found += _event_findings(event)
        if event.kind is EventKind.TROOP_LEVEL_CHANGE:
            troop_changes.append(event)
    found += _series_findings(troop_changes)
    order = {rule: i for i, rule in enumerate(RULES)}
    return sorted(found, key=lambda f: (order[f.rule], f.event_key))


def findings_by_event(events: Iterable[Event]) -> dict[str, list[Finding]]:
    """The same findings keyed by event, for a pane that shows an event's own warnings."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings(events):
        grouped.setdefault(finding.event_key, []).append(finding)
    return grouped


def _event_findings(event: Event) -> list[Finding]:
    found = []
    key = event.key
    if not event.sources:
        found.append(Finding(key, UNSOURCED, "no source is given"))
    if event.confidence == "high":
        if event.sources and all(is_secondary(s) for s in event.sources):
            found.append(Finding(key, CONFIDENCE, "marked high, but every source is secondary"))
        if event.when.precision is Precision.APPROXIMATE:
            found.append(
                Finding(key, CONFIDENCE, "marked high, but its date is known only approximately")
            )
    found += _relation_findings(event)
    found += _precision_findings(event)
    return found


def _relation_findings(event: Event) -> list[Finding]:
    types = {r.type for r in event.relations}
    if event.kind is EventKind.TROOP_LEVEL_CHANGE and RelationType.PART_OF not in types:
        return [Finding(event.key, MISSING_RELATION, "a troop-level change with no part_of")]
    if event.kind is EventKind.MISSION_MILESTONE and RelationType.DECIDED_AT not in types:
        try:
            whole_mission = mission_details(event).mission_period
        except DetailsError:
            return []
        if whole_mission:
            return [Finding(event.key, MISSING_RELATION, "a mission with no decided_at")]
    return []


def _precision_findings(event: Event) -> list[Finding]:
    """A day the wording gives for an end of the interval whose stored form no longer shows it
    (a deadline, "by 1 May", names no end and is skipped)."""
    when = event.when
    if not when.wording or when.precision.is_exact:
        return []
    found = []
    first, _, last = when.iso().partition("/")
    for match in _DAY_IN_WORDS.finditer(when.wording):
        if _DEADLINE.search(when.wording[: match.start()]):
            continue
        day, month, year = match.groups()
        try:
            named = dt.date(int(year), MONTH_NAMES.index(month) + 1, int(day))
        except ValueError:
            continue
        for end, date, shown in (("start", when.start, first), ("end", when.last, last or first)):
            if named == date and len(shown) < len("YYYY-MM-DD"):
                message = f"the wording gives {day} {month} {year}, but the {end} is stored as {when.iso()}"
                found.append(Finding(event.key, LOST_PRECISION, message))
    return found


def _series_findings(events: list[Event]) -> list[Finding]:
    by_key = {e.key: e for e in events}
    missions = set()
    for event in events:
        if event.kind is EventKind.TROOP_LEVEL_CHANGE:
            try:
                missions.add(troop_level_change(event).mission)
            except DetailsError:
                continue
    found = []
    for mission in sorted(missions):
        try:
            steps = troop_series(events, mission)
        except DetailsError:
            continue
        found += _step_findings(steps, by_key)
    return found


def _step_findings(steps: list[TroopLevelStep], by_key: dict[str, Event]) -> list[Finding]:
    found = []
    for i, step in enumerate(steps):
        change = troop_level_change(by_key[step.event_key])
        if i and change.level_before is not None:
            previous = steps[i - 1]
            if not _agree(
                change.level_before, previous.level, change.approximate or previous.approximate
            ):
                earlier = [s for s in steps[: i - 1] if s.level == change.level_before]
                if earlier:
                    message = (
                        f"level_before {change.level_before:,} is the level of {earlier[-1].event_key},"
                        f" but {previous.event_key} ({previous.level:,}) comes between: out of order"
                    )
                    found.append(Finding(step.event_key, SERIES_ORDER, message))
                else:
                    message = (
                        f"level_before {change.level_before:,} does not match the previous step,"
                        f" {previous.event_key} ({previous.level:,})"
                    )
                    found.append(Finding(step.event_key, SERIES_MISMATCH, message))
        if i + 1 < len(steps) and step.sourced_until_day is None:
            held = steps[i + 1].day - step.day
            if held > LONGEST_UNSOURCED_DAYS:
                message = (
                    f"holds {step.level:,} for {held} days until {steps[i + 1].event_key} with no"
                    " source for the stretch (mark sourced_until to show it as a gap)"
                )
                found.append(Finding(step.event_key, UNSOURCED_PERIOD, message))
    return found


def _agree(before: int, previous: int, approximate: bool) -> bool:
    if not approximate:
        return before == previous
    return abs(before - previous) <= APPROXIMATE_TOLERANCE * max(before, previous, 1)
