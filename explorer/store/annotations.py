"""The curated history drawn over the timeline, as one query reads it: the mission periods
(eras), the troop-level steps of those missions and the funds' commitments, ids included.

A store holding many events of one of these kinds is "big data", not a curated history: its
details are not read (seconds at load, and nothing legible to draw).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.domain.dates import FuzzyDate, Precision
from explorer.domain.details import fund_details
from explorer.domain.events import Event, EventKind
from explorer.domain.series import troop_series

MAX_ANNOTATED = 200  # mission periods, and funds with commitments, read at most
# more events of one kind than this and that kind is not annotated at all
MAX_OF_A_KIND = MAX_ANNOTATED * 50

_PERIOD, _TROOP, _FUND, _COMMITMENT = range(4)

# One statement: each row starts (part, day, id, index) to order by, then the part's own fields:
#   period:     title, end_day, mission
#   troop, fund: key, end_day, precision, date_wording, details
#   commitment: meeting id, meeting start_day   (index: the commitment's place in the fund's list)
ANNOTATIONS_SQL = f"""
WITH
small(kind) AS (
    SELECT value FROM json_each(:kinds)
    WHERE (SELECT count(*) FROM (SELECT 1 FROM event WHERE kind = value LIMIT :most + 1)) <= :most
),
periods AS (
    SELECT id, title, start_day, end_day, json_extract(details, '$.mission') AS mission
    FROM event
    WHERE kind = :milestone AND kind IN (SELECT kind FROM small) AND json_extract(details, '$.mission_period')
    ORDER BY start_day, id LIMIT :limit
),
funds AS (
    SELECT id, key, start_day, end_day, precision, date_wording, details FROM event
    WHERE kind = :fund AND kind IN (SELECT kind FROM small) AND json_array_length(details, '$.commitments') > 0
    ORDER BY start_day, id LIMIT :limit
)
SELECT {_PERIOD}, start_day, id, 0, title, end_day, mission, NULL, NULL FROM periods
UNION ALL
SELECT {_TROOP}, start_day, id, 0, key, end_day, precision, date_wording, details FROM event
WHERE kind = :troop AND kind IN (SELECT kind FROM small)
    AND json_extract(details, '$.mission') IN (SELECT mission FROM periods)
UNION ALL
SELECT {_FUND}, start_day, id, 0, key, end_day, precision, date_wording, details FROM funds
UNION ALL
SELECT {_COMMITMENT}, f.start_day, f.id, c.key, m.id, m.start_day, NULL, NULL, NULL
FROM funds f, json_each(f.details, '$.commitments') c
JOIN event m ON m.key = json_extract(c.value, '$.set_at')
ORDER BY 1, 2, 3, 4
"""


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
    eras = [Era(r[2], r[4], r[6], float(r[1]), float(r[5])) for r in rows if r[0] == _PERIOD]
    troops = [r for r in rows if r[0] == _TROOP]
    funds = {r[2]: fund_details(_event(r, EventKind.FUND)) for r in rows if r[0] == _FUND}
    commitments = []
    for r in rows:
        if r[0] == _COMMITMENT:
            commitment = funds[r[2]].commitments[r[3]]
            wording = commitment.wording or commitment.horizon.exact_text()
            text = f"{commitment.action}: {wording}"
            commitments.append(CommitmentMark(r[2], float(r[5]), r[4], text))
    horizons = [
        (fund_id, float(details.latest_horizon.end_day))
        for fund_id, details in funds.items()
        if details.latest_horizon is not None
    ]
    return TimelineAnnotations(
        tuple(eras), tuple(_troop_steps(eras, troops)), tuple(commitments), tuple(horizons)
    )


def _troop_steps(eras: list[Era], rows: list[Sequence]) -> list[TroopStep]:
    """A step chart for each mission with a period on the timeline (ISAF, Resolute Support):
    each step lasts until the next, the last one until its mission's period ends."""
    mission_end = {era.mission: era.end for era in eras if era.mission}
    ids = {r[4]: r[2] for r in rows}
    events = [_event(r, EventKind.TROOP_LEVEL_CHANGE) for r in rows]
    steps = []
    for mission in sorted(mission_end):
        series = troop_series(events, mission)
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
                )
            )
    return steps


def _event(row: Sequence, kind: EventKind) -> Event:
    """Enough of a troop or fund row's event for the domain's readers of its details."""
    when = FuzzyDate(row[1], row[5], Precision(row[6]), row[7])
    return Event(row[4], kind, "", when, details=json.loads(row[8]))
