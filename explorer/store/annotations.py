"""The curated history drawn over the timeline, as one query reads it: the mission periods
(eras), the troop-level steps of those missions and the funds' commitments, ids included.

A store holding many events of one of these kinds is "big data", not a curated history: its
details are not read (seconds at load, and nothing legible to draw).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.domain.dates import FuzzyDate
from explorer.domain.details import FundDetails, fund_details
from explorer.domain.events import Event, EventKind
from explorer.domain.series import troop_series
from explorer.store.valid_rows import VALID_EVENT

MAX_ANNOTATED = 200  # mission periods, and funds with commitments, read at most
# more events of one kind than this and that kind is not annotated at all
MAX_OF_A_KIND = MAX_ANNOTATED * 50

# Two arms, so that each of ``periods`` and ``funds`` is read once (SQLite evaluates a CTE again
# in each arm that names it). A period comes with each troop-level change of its mission, a fund
# with each of its commitments and the meeting that made it; rows repeat the period or fund:
#   0, period id, start_day, end_day, title, mission,   troop id, key, start_day, end_day,
#      precision, date_wording, details        (troop fields NULL for a mission without changes)
#   1, fund id, start_day, end_day, key, precision,     date_wording, details, commitment index,
#      meeting id, meeting start_day, NULL, NULL   (meeting NULL when the store does not hold it)
# Each kind is read as ``small CROSS JOIN event``: when a kind is too big to annotate, ``small``
# lacks it and its events are never visited (a filter ``kind IN small`` was tested on every one of
# them: 0.36 s at a million events, on every start).
# Every event read is one the store's readers accept (VALID_EVENT), and a JSON function is
# never given details that are not JSON (it would stop the whole query): another program may
# have written the store.
ANNOTATIONS_SQL = """
WITH
small(kind) AS (
    SELECT value FROM json_each(:kinds)
    WHERE (SELECT count(*) FROM (SELECT 1 FROM event WHERE kind = value LIMIT :most + 1)) <= :most
),
periods AS (
    SELECT e.id, e.title, e.start_day, e.end_day,
        json_extract(DETAILS(e), '$.mission') AS mission
    FROM small CROSS JOIN event e
    WHERE small.kind = :milestone AND e.kind = small.kind
        AND json_extract(DETAILS(e), '$.mission_period') AND VALID(e)
    ORDER BY e.start_day, e.id LIMIT :limit
),
troops AS (
    SELECT e.id, e.key, e.start_day, e.end_day, e.precision, e.date_wording, e.details,
        json_extract(DETAILS(e), '$.mission') AS mission
    FROM small CROSS JOIN event e
    WHERE small.kind = :troop AND e.kind = small.kind AND VALID(e)
),
funds AS (
    SELECT e.id, e.key, e.start_day, e.end_day, e.precision, e.date_wording, e.details
    FROM small CROSS JOIN event e
    WHERE small.kind = :fund AND e.kind = small.kind
        AND json_array_length(DETAILS(e), '$.commitments') > 0 AND VALID(e)
    ORDER BY e.start_day, e.id LIMIT :limit
)
SELECT 0, p.id, p.start_day, p.end_day, p.title, p.mission,
    t.id, t.key, t.start_day, t.end_day, t.precision, t.date_wording, t.details
FROM periods p
LEFT JOIN troops t ON t.mission = p.mission
UNION ALL
SELECT 1, f.id, f.start_day, f.end_day, f.key, f.precision,
    f.date_wording, f.details, c.key, m.id, m.start_day, NULL, NULL
FROM funds f
JOIN json_each(f.details, '$.commitments') c
LEFT JOIN event m ON m.key = json_extract(c.value, '$.set_at') AND VALID(m)
ORDER BY 1, 3, 2, 9
"""
for _alias in ("e", "m"):
    ANNOTATIONS_SQL = ANNOTATIONS_SQL.replace(
        f"DETAILS({_alias})", f"CASE WHEN json_valid({_alias}.details) THEN {_alias}.details END"
    ).replace(f"VALID({_alias})", VALID_EVENT.replace("e.", f"{_alias}."))


def annotations_parameters(limit: int = MAX_ANNOTATED) -> dict[str, object]:
    """The named parameters of :data:`ANNOTATIONS_SQL`."""
    kinds = (EventKind.MISSION_MILESTONE, EventKind.TROOP_LEVEL_CHANGE, EventKind.FUND)
    return {
        "kinds": json.dumps([k.value for k in kinds]),
        "most": MAX_OF_A_KIND,
        "limit": limit,
        "milestone": EventKind.MISSION_MILESTONE.value,
        "troop": EventKind.TROOP_LEVEL_CHANGE.value,
        "fund": EventKind.FUND.value,
    }


@dataclass(frozen=True, slots=True)
class Era:
    """A mission period shading the whole plot."""

    event_id: int
    title: str
    mission: str | None
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class TroopStep:
    """One step of a mission's troop level, linked to the change event that set it."""

    event_id: int
    mission: str
    start: float
    end: float
    level: int
    approximate: bool
    sourced_until: float | None = None  # no source gives the figure from this day to ``end``

    @property
    def text(self) -> str:
        """'~16,000' for an approximate level."""
        return f"{'~' if self.approximate else ''}{self.level:,}"


@dataclass(frozen=True, slots=True)
class CommitmentMark:
    """Where (the meeting's date) a fund's commitment was made, and the meeting's id."""

    fund_id: int
    day: float
    meeting_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class TimelineAnnotations:
    """What the timeline draws over the events of a curated history."""

    eras: tuple[Era, ...] = ()
    steps: tuple[TroopStep, ...] = ()  # by mission (in name order), each in time order
    commitments: tuple[CommitmentMark, ...] = ()
    fund_horizons: tuple[tuple[int, float], ...] = ()  # (fund id, end of its latest horizon)


def annotations_from_rows(rows: Sequence[Sequence]) -> TimelineAnnotations:
    """The annotations from the rows of :data:`ANNOTATIONS_SQL`, in its order."""
    eras: dict[int, Era] = {}
    troops: dict[int, Event] = {}
    funds: dict[int, FundDetails] = {}
    commitments = []
    for r in rows:
        if r[0] == 0:
            eras.setdefault(r[1], Era(r[1], r[4], r[5], float(r[2]), float(r[3])))
            if r[6] is not None:
                troops[r[6]] = _event(EventKind.TROOP_LEVEL_CHANGE, *r[7:13])
            continue
        fund = funds.get(r[1])
        if fund is None:
            fund = funds[r[1]] = fund_details(_event(EventKind.FUND, r[4], *r[2:4], *r[5:8]))
        if r[9] is not None:
            commitment = fund.commitments[r[8]]
            wording = commitment.wording or commitment.horizon.exact_text()
            commitments.append(
                CommitmentMark(r[1], float(r[10]), r[9], f"{commitment.action}: {wording}")
            )
    horizons = [
        (fund_id, float(fund.latest_horizon.end_day))
        for fund_id, fund in funds.items()
        if fund.latest_horizon is not None
    ]
    steps = _troop_steps(list(eras.values()), troops)
    return TimelineAnnotations(tuple(eras.values()), steps, tuple(commitments), tuple(horizons))


def _troop_steps(eras: list[Era], changes: dict[int, Event]) -> tuple[TroopStep, ...]:
    """A step chart for each mission with a period on the timeline (ISAF, Resolute Support):
    each step lasts until the next, the last one until its mission's period ends."""
    mission_end = {era.mission: era.end for era in eras if era.mission}
    ids = {event.key: event_id for event_id, event in changes.items()}
    steps = []
    for mission in sorted(mission_end):
        series = troop_series(changes.values(), mission)
        for i, step in enumerate(series):
            until = series[i + 1].day if i + 1 < len(series) else mission_end[mission]
            steps.append(
                TroopStep(
                    ids[step.event_key],
                    mission,
                    float(step.day),
                    float(max(until, step.day + 1)),
                    step.level,
                    step.approximate,
                    _gap_start(step.sourced_until_day, step.day, until),
                )
            )
    return tuple(steps)


def _gap_start(sourced_until: int | None, day: int, until: float) -> float | None:
    """Where a step's figure stops being sourced, when that is before the step ends."""
    if sourced_until is None or not day < sourced_until < until:
        return None
    return float(sourced_until)


def _event(kind: EventKind, key, start_day, end_day, precision, wording, details) -> Event:
    """Enough of a troop-level change or a fund for the domain's readers of its details."""
    when = FuzzyDate.from_stored(start_day, end_day, precision, wording)
    return Event(key, kind, "", when, details=json.loads(details))
