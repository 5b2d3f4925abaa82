"""The pane of every other kind: mission milestones, agreements, UN resolutions, visits."""

from __future__ import annotations

from explorer.domain.details import DetailsError, mission_details
from explorer.domain.events import EventKind
from explorer.ui.details.base import DetailPane


class GeneralPane(DetailPane):
    """Date, summary and whatever figures the event carries, as plain text."""

    def add_kind_fields(self) -> None:
        """Add the date forms and the event's figures (or the mission's places)."""
        when = self.record.when
        self.row(self.fields, "Date as written", when.wording or "—")
        self.row(self.fields, "Exact date", f"{when.exact_text()} ({when.iso()})")
        if when.uncertain_end:
            self.row(self.fields, "Uncertain", when.uncertain_end)
        if self.record.kind is EventKind.MISSION_MILESTONE:
            try:
                mission = mission_details(self.record)
            except DetailsError as exc:
                self.row(self.fields, "Details", f"unreadable ({exc})")
                return
            if mission.mission:
                self.row(self.fields, "Mission", mission.mission)
            for place in mission.places:
                where = ", ".join(p for p in (place.role, place.region) if p)
                self.row(self.fields, "Place", f"{place.name} ({where})" if where else place.name)
        figures = self.record.details.get("figures")
        if isinstance(figures, dict) and figures:
            layout = self.section("Figures")
            for name, value in figures.items():
                self.row(layout, str(name).replace("_", " ").capitalize(), str(value))
