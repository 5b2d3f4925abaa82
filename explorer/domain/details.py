"""Typed, validated views of the kind-specific details of an event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.domain.dates import DateError, FuzzyDate
from explorer.domain.events import Event, EventKind

MEETING_LEVELS = {
    "heads_of_state_and_government": "Heads of State and Government",
    "leaders": "Leaders' meeting",
    "defence_ministers": "Defence Ministers",
    "foreign_ministers": "Foreign Ministers",
    "foreign_and_defence_ministers": "Foreign and Defence Ministers",
}
# A troop-level change names its mission by a short code; a reader wants the mission's name.
MISSION_NAMES = {
    "ISAF": "International Security Assistance Force (ISAF)",
    "RSM": "Resolute Support Mission",
}
COMMITMENT_ACTIONS = ("set", "extended", "reaffirmed")
CONTRIBUTION_QUALIFIERS = ("over", "about", "exactly", "at least", "under")


def mission_name(code: str) -> str:
    """The full name of a mission code ('RSM' -> 'Resolute Support Mission'); an unknown code
    (a store of your own) is shown as it is."""
    return MISSION_NAMES.get(code, code)


class DetailsError(ValueError):
    """A kind-specific field is missing or malformed; ``field`` names it (dotted path)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision taken at a meeting, optionally about another event (``concerns``), and the
    event's own sources that state it (``sources``: 1-based positions in the event's list)."""

    text: str
    concerns: str | None
    sources: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingDetails:
    """Place, level, participants and decisions of a summit or meeting."""

    place: str
    level: str
    participants: tuple[str, ...]
    decisions: tuple[Decision, ...]

    @property
    def level_label(self) -> str:
        """The level in words."""
        return MEETING_LEVELS.get(self.level, self.level)


@dataclass(frozen=True, slots=True)
class TroopLevelChange:
    """A change of a mission's troop level from ``level_before`` to ``level_after``."""

    mission: str
    level_before: int | None
    level_after: int | None
    approximate: bool
    period: FuzzyDate | None
    contributing_nations: int | None
    # the figure is sourced up to the end of this date; after it no source gives one until the
    # next change, and the series shows that stretch as a gap instead of holding the figure
    sourced_until: FuzzyDate | None = None

    @property
    def change(self) -> int | None:
        """After minus before, when both are known."""
        if self.level_before is None or self.level_after is None:
            return None
        return self.level_after - self.level_before

    @property
    def change_percent(self) -> float | None:
        """The change as a percentage of the level before."""
        if self.change is None or not self.level_before:
            return None
        return 100.0 * self.change / self.level_before


@dataclass(frozen=True, slots=True)
class Contribution:
    """Money paid into a fund up to ``as_of``."""

    amount_usd: int
    qualifier: str
    as_of: FuzzyDate
    wording: str


@dataclass(frozen=True, slots=True)
class Commitment:
    """A funding horizon, and the meeting that set, extended or reaffirmed it."""

    horizon: FuzzyDate
    wording: str
    set_at: str | None
    action: str


@dataclass(frozen=True, slots=True)
class FundDetails:
    """Administrator, purpose, establishment, contributions and commitment horizons of a fund."""

    administrator: str
    purpose: str
    established: FuzzyDate | None
    contributions: tuple[Contribution, ...]
    commitments: tuple[Commitment, ...]

    @property
    def latest_horizon(self) -> FuzzyDate | None:
        """The furthest commitment horizon, which ends the fund's span on the timeline."""
        return max((c.horizon for c in self.commitments), key=lambda d: d.end_day, default=None)


@dataclass(frozen=True, slots=True)
class Place:
    """A place of a mission (hub or spoke)."""

    name: str
    role: str
    region: str


@dataclass(frozen=True, slots=True)
class MissionDetails:
    """The mission a milestone belongs to; ``mission_period`` marks the mission's whole span."""

    mission: str | None
    mission_period: bool
    places: tuple[Place, ...]


def meeting_details(event: Event) -> MeetingDetails:
    """The meeting view of a summit, leaders' or ministerial meeting."""
    d = event.details
    decisions = tuple(
        Decision(
            _str(x, "text", f"decisions[{i}].text"),
            _opt_str(x, "concerns"),
            _source_positions(x, f"decisions[{i}].sources", len(event.sources)),
        )
        for i, x in enumerate(_list(d, "decisions"))
    )
    participants = tuple(str(p) for p in _list(d, "participants"))
    return MeetingDetails(
        _opt_str(d, "place") or "", _opt_str(d, "level") or "", participants, decisions
    )


def troop_level_change(event: Event) -> TroopLevelChange:
    """The troop-level view of a troop-level change event."""
    d = event.details
    period, until = d.get("period"), d.get("sourced_until")
    return TroopLevelChange(
        mission=_str(d, "mission", "mission"),
        level_before=_opt_int(d, "level_before"),
        level_after=_opt_int(d, "level_after"),
        approximate=bool(d.get("approximate", False)),
        period=_date(period, "period") if period else None,
        contributing_nations=_opt_int(d, "contributing_nations"),
        sourced_until=_date({"date": until}, "sourced_until") if until else None,
    )


def fund_details(event: Event) -> FundDetails:
    """The fund view of a fund event."""
    d = event.details
    contributions = []
    for i, c in enumerate(_list(d, "contributions")):
        where = f"contributions[{i}]"
        qualifier = _opt_str(c, "qualifier") or "exactly"
        if qualifier not in CONTRIBUTION_QUALIFIERS:
            raise DetailsError(f"{where}.qualifier", f"unknown qualifier {qualifier!r}")
        contributions.append(
            Contribution(
                _int(c, "amount_usd", f"{where}.amount_usd"),
                qualifier,
                _date({"date": c.get("as_of")}, f"{where}.as_of"),
                _opt_str(c, "wording") or "",
            )
        )
    commitments = []
    for i, c in enumerate(_list(d, "commitments")):
        where = f"commitments[{i}]"
        action = _opt_str(c, "action") or "set"
        if action not in COMMITMENT_ACTIONS:
            raise DetailsError(f"{where}.action", f"unknown action {action!r}")
        commitments.append(
            Commitment(
                _date({"date": c.get("horizon")}, f"{where}.horizon"),
                _opt_str(c, "wording") or "",
                _opt_str(c, "set_at"),
                action,
            )
        )
    established = d.get("established")
    return FundDetails(
        administrator=_opt_str(d, "administrator") or "",
        purpose=_opt_str(d, "purpose") or "",
        established=_date({"date": established}, "established") if established else None,
        contributions=tuple(contributions),
        commitments=tuple(commitments),
    )


def mission_details(event: Event) -> MissionDetails:
    """The mission view of a mission milestone."""
    d = event.details
    places = tuple(
        Place(
            _str(p, "name", f"places[{i}].name"),
            _opt_str(p, "role") or "",
            _opt_str(p, "region") or "",
        )
        for i, p in enumerate(_list(d, "places"))
    )
    return MissionDetails(_opt_str(d, "mission"), bool(d.get("mission_period", False)), places)


def validate_details(event: Event) -> None:
    """Raise :class:`DetailsError` if the event's details do not fit its kind."""
    if not isinstance(event.details, dict):
        raise DetailsError("details", "must be an object")
    if event.kind.is_meeting:
        m = meeting_details(event)
        if m.level and m.level not in MEETING_LEVELS:
            raise DetailsError("details.level", f"unknown level {m.level!r}")
    elif event.kind is EventKind.TROOP_LEVEL_CHANGE:
        troop_level_change(event)
    elif event.kind is EventKind.FUND:
        fund_details(event)
    elif event.kind is EventKind.MISSION_MILESTONE:
        mission_details(event)


def referenced_keys(event: Event) -> list[tuple[str, str]]:
    """(field, key) pairs of every other event that the details name (decisions, commitments)."""
    found: list[tuple[str, str]] = []
    if event.kind.is_meeting:
        for i, decision in enumerate(meeting_details(event).decisions):
            if decision.concerns:
                found.append((f"details.decisions[{i}].concerns", decision.concerns))
    elif event.kind is EventKind.FUND:
        for i, commitment in enumerate(fund_details(event).commitments):
            if commitment.set_at:
                found.append((f"details.commitments[{i}].set_at", commitment.set_at))
    return found


def _source_positions(d: Any, where: str, count: int) -> tuple[int, ...]:
    """A decision's ``sources``: distinct positions (1 = the event's first source) that exist."""
    value = d.get("sources") if isinstance(d, dict) else None
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DetailsError(where, "must be a list of source numbers")
    for j, position in enumerate(value):
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            raise DetailsError(f"{where}[{j}]", "must be a source number (1 is the first)")
        if position > count:
            has = f"has {count} source{'s' if count != 1 else ''}" if count else "has no sources"
            raise DetailsError(f"{where}[{j}]", f"no source {position}: the event {has}")
        if position in value[:j]:
            raise DetailsError(f"{where}[{j}]", f"source {position} is named twice")
    return tuple(value)


def _list(d: Any, name: str) -> list:
    value = d.get(name) if isinstance(d, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        raise DetailsError(name, "must be a list")
    return value


def _str(d: Any, name: str, where: str) -> str:
    value = d.get(name) if isinstance(d, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DetailsError(where, "must be a non-empty text")
    return value


def _opt_str(d: Any, name: str) -> str | None:
    value = d.get(name) if isinstance(d, dict) else None
    if value is None:
        return None
    if not isinstance(value, str):
        raise DetailsError(name, "must be a text")
    return value


def _int(d: Any, name: str, where: str) -> int:
    value = d.get(name) if isinstance(d, dict) else None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DetailsError(where, "must be a whole number")
    return value


def _opt_int(d: Any, name: str) -> int | None:
    if not isinstance(d, dict) or d.get(name) is None:
        return None
    return _int(d, name, name)


def _date(d: Any, where: str) -> FuzzyDate:
    if not isinstance(d, dict):
        raise DetailsError(where, "must be an object with a 'date'")
    try:
        return FuzzyDate.parse(d.get("date"), d.get("precision"), d.get("wording"))
    except DateError as exc:
        raise DetailsError(where, str(exc)) from None
