"""The pane of every other kind: mission milestones, agreements, UN resolutions, visits."""

from __future__ import annotations

from explorer.domain.details import DetailsError, mission_details, mission_name
from explorer.domain.events import EventKind, sentence_case
from explorer.ui.details.base import DetailPane


class GeneralPane(DetailPane):
    """Date, summary and whatever figures the event carries, as plain text."""

    def add_kind_fields(self) -> None:
        """Add the date forms and the event's figures (or the mission's places)."""
        self.add_date_rows(self.fields)
        if self.record.kind is EventKind.MISSION_MILESTONE:
            try:
                mission = mission_details(self.record)
            except DetailsError as exc:
                self.row(self.fields, "Details", f"unreadable ({exc})")
                return
            if mission.mission:
                self.row(self.fields, "Mission", mission_name(mission.mission))
            for role, names in places_by_role(mission.places):
                self.row(self.fields, role, ", ".join(names))
        figures = self.record.details.get("figures")
        if isinstance(figures, dict) and figures:
            layout = self.section("Figures")
            for name, value in figures.items():
                self.row(layout, figure_name(str(name)), figure_text(value))


# words of figure names that are abbreviations, written as a reader expects them
ABBREVIATIONS = {"usd": "USD", "gbp": "GBP", "ana": "ANA", "uk": "UK", "us": "US", "asff": "ASFF"}


def figure_name(name: str) -> str:
    """'usd_pledged_2015' -> 'USD pledged 2015'."""
    words = [ABBREVIATIONS.get(word, word) for word in name.split("_")]
    return sentence_case(" ".join(words))


def figure_text(value: object) -> str:
    """A figure as text; a bare number gets thousands separators ('120,000')."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{0 if value.is_integer() else 2}f}"
    return str(value)


def places_by_role(places) -> list[tuple[str, list[str]]]:
    """The places grouped by role, in order: ('Hub', ['Kabul/Bagram']), ('Spokes', ['Herat
    (west)', ...]); places with no role are 'Place'/'Places'."""
    groups: dict[str, list[str]] = {}
    for place in places:
        name = f"{place.name} ({place.region})" if place.region else place.name
        groups.setdefault(place.role or "place", []).append(name)
    return [
        (sentence_case(role + ("s" if len(names) > 1 else "")), names)
        for role, names in groups.items()
    ]
