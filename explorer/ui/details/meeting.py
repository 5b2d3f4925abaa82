"""The pane of a summit or meeting: place, dates, level, participants and decisions."""

from __future__ import annotations

from explorer.domain.details import DetailsError, meeting_details
from explorer.ui.details.base import DetailPane
from explorer.ui.details.widgets import stacked, text_label


class MeetingPane(DetailPane):
    """Name, place, date in its original wording and exact form, level, participants and the
    decisions taken, each linked to the troop-level change or fund it concerns."""

    def add_kind_fields(self) -> None:
        """Add the meeting's fields and its decisions."""
        try:
            meeting = meeting_details(self.record)
        except DetailsError as exc:
            self.row(self.fields, "Details", f"unreadable ({exc})")
            return
        self.row(self.fields, "Place", meeting.place or "—")
        self.add_date_rows(self.fields)
        self.row(self.fields, "Level", meeting.level_label or "—")
        self.row(self.fields, "Participants", ", ".join(meeting.participants) or "—")
        if not meeting.decisions:
            return
        layout = self.section("Decisions")
        for number, decision in enumerate(meeting.decisions, start=1):
            parts = [text_label(decision.text, self, name=f"Decision {number}")]
            if decision.concerns:
                parts.append(self.link_to_key(decision.concerns))
            self.row(layout, f"{number}.", stacked(self, *parts))
