"""Events, their kinds and lanes, sources and typed relations (plain Python, no Qt, no sqlite3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from explorer.domain.dates import FuzzyDate


class EventKind(StrEnum):
    """What an event is."""

    SUMMIT = "summit"
    LEADERS_MEETING = "leaders_meeting"
    MINISTERIAL_MEETING = "ministerial_meeting"
    MISSION_MILESTONE = "mission_milestone"
    TROOP_LEVEL_CHANGE = "troop_level_change"
    FUND = "fund"
    AGREEMENT = "agreement"
    UN_RESOLUTION = "un_resolution"
    VISIT = "visit"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human-readable name, lower case: 'troop-level change'."""
        return _KIND_LABELS[self]

    @property
    def heading(self) -> str:
        """The label as a heading starts: 'UN resolution', 'Troop-level change' (never
        str.capitalize, which lowers the rest: 'Un resolution')."""
        return sentence_case(self.label)

    @property
    def lane(self) -> Lane:
        """The timeline lane this kind is drawn in."""
        return _KIND_LANES[self]

    @property
    def is_meeting(self) -> bool:
        """True for summits, leaders' meetings and ministerial meetings."""
        return self in MEETING_KINDS


class Lane(StrEnum):
    """Horizontal lanes of the timeline, top to bottom."""

    MEETINGS = "meetings"
    MISSIONS = "missions"
    FUNDS = "funds"
    AGREEMENTS = "agreements"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The lane's title."""
        return _LANE_LABELS[self]


class RelationType(StrEnum):
    """How one event relates to another (source -> target)."""

    DECIDED_AT = "decided_at"
    REAFFIRMED_AT = "reaffirmed_at"
    EXTENDS = "extends"
    SUPERSEDES = "supersedes"
    LEGAL_BASIS = "legal_basis"
    PART_OF = "part_of"

    @property
    def label(self) -> str:
        """How the relation reads from its source event."""
        return _RELATION_LABELS[self][0]

    @property
    def inverse_label(self) -> str:
        """How the relation reads from its target event."""
        return _RELATION_LABELS[self][1]


def sentence_case(text: str) -> str:
    """``text`` with its first letter upper case and the rest left as written."""
    return text[:1].upper() + text[1:]


MEETING_KINDS = frozenset(
    {EventKind.SUMMIT, EventKind.LEADERS_MEETING, EventKind.MINISTERIAL_MEETING}
)

_KIND_LABELS = {
    EventKind.SUMMIT: "summit",
    EventKind.LEADERS_MEETING: "leaders' meeting",
    EventKind.MINISTERIAL_MEETING: "ministerial meeting",
    EventKind.MISSION_MILESTONE: "mission milestone",
    EventKind.TROOP_LEVEL_CHANGE: "troop-level change",
    EventKind.FUND: "fund",
    EventKind.AGREEMENT: "agreement",
    EventKind.UN_RESOLUTION: "UN resolution",
    EventKind.VISIT: "visit",
    EventKind.OTHER: "other",
}
_KIND_LANES = {
    EventKind.SUMMIT: Lane.MEETINGS,
    EventKind.LEADERS_MEETING: Lane.MEETINGS,
    EventKind.MINISTERIAL_MEETING: Lane.MEETINGS,
    EventKind.MISSION_MILESTONE: Lane.MISSIONS,
    EventKind.TROOP_LEVEL_CHANGE: Lane.MISSIONS,
    EventKind.FUND: Lane.FUNDS,
    EventKind.AGREEMENT: Lane.AGREEMENTS,
    EventKind.UN_RESOLUTION: Lane.AGREEMENTS,
    EventKind.VISIT: Lane.OTHER,
    EventKind.OTHER: Lane.OTHER,
}
_LANE_LABELS = {
    Lane.MEETINGS: "Summits and meetings",
    Lane.MISSIONS: "Missions",
    Lane.FUNDS: "Funds",
    Lane.AGREEMENTS: "Agreements and UN resolutions",
    Lane.OTHER: "Other",
}
_RELATION_LABELS = {
    RelationType.DECIDED_AT: ("decided at", "decided here"),
    RelationType.REAFFIRMED_AT: ("reaffirmed at", "reaffirmed here"),
    RelationType.EXTENDS: ("extends", "extended by"),
    RelationType.SUPERSEDES: ("supersedes", "superseded by"),
    RelationType.LEGAL_BASIS: ("legal basis", "legal basis of"),
    RelationType.PART_OF: ("part of", "includes"),
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a document and the place in it."""

    title: str
    url: str | None = None
    section: str = ""
    paragraph: str = ""
    publisher: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from ``source_key`` to ``target_key``."""

    type: RelationType
    source_key: str
    target_key: str


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event with its kind-specific details, sources and outgoing relations.

    ``details`` holds the kind-specific fields as plain JSON-able values; the typed views in
    :mod:`explorer.domain.details` read them.
    """

    key: str
    kind: EventKind
    title: str
    when: FuzzyDate
    summary: str = ""
    confidence: str = "high"
    details: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    relations: tuple[Relation, ...] = ()
    origin: str = "user"

    @property
    def lane(self) -> Lane:
        """The lane this event is drawn in."""
        return self.kind.lane


@dataclass(frozen=True, slots=True)
class EventSummary:
    """The few fields of an event that lists and the timeline show."""

    id: int
    key: str
    kind: EventKind
    title: str
    when: FuzzyDate

    def accessible_text(self) -> str:
        """'Warsaw Summit, summit, 8–9 July 2016': what a screen reader announces."""
        return f"{self.title}, {self.kind.label}, {self.when.display()}"


@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """Another event related to the one shown, and how (from the shown event's side)."""

    type: RelationType
    outgoing: bool
    other: EventSummary

    @property
    def label(self) -> str:
        """'decided at', or for the incoming direction 'decided here'."""
        return self.type.label if self.outgoing else self.type.inverse_label


@dataclass(frozen=True, slots=True)
class Changes:
    """What a data operation changed, so panes can update; ``origin`` names who started it.

    ``store_replaced``: too much changed to name (a large import), read everything again.
    ``opened``: another store is shown; row ids, selection and history of the old one mean
    nothing in it.
    ``row_ids``: when known, the row ids (old and new) of every event whose place on the
    timeline may have moved, so the shared columns are patched in place instead of re-read;
    ``()`` says no event moved (a note, a bookmark), None that the columns must be re-read."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    store_replaced: bool = False
    opened: bool = False
    origin: object = None
    # an import's counts, taken inside its transaction (``added`` may name only the first keys)
    added_count: int = 0
    updated_count: int = 0
    store_count: int | None = None
    row_ids: tuple[int, ...] | None = None

    @property
    def names_rows(self) -> bool:
        """True for an edit: the rows that moved are named (``row_ids``), so the shared columns
        and the panes are patched with them; False when everything is read again."""
        return self.row_ids is not None and not (self.store_replaced or self.opened)

    @property
    def any(self) -> bool:
        """True when anything changed."""
        return bool(
            self.added or self.updated or self.removed or self.store_replaced or self.opened
        )
