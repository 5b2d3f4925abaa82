"""The pane of a summit or meeting: place, dates, level, participants and decisions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from explorer.domain.decision_chain import decision_chain
from explorer.domain.details import DetailsError, fund_details, meeting_details
from explorer.domain.events import EventKind
from explorer.ui.details.base import DetailPane, source_text
from explorer.ui.details.widgets import stacked, text_label

SOURCE_INDENT = 16  # pixels a decision's own sources stand in from its text


class MeetingPane(DetailPane):
    """Name, place, date in its original wording and exact form, level, participants and the
    decisions taken, each with the sources that state it and linked to the troop-level change
    or fund it concerns; a commitment to a fund shows its horizon and the meetings that
    reaffirmed or extended it later."""

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
            parts += self._decision_sources(decision.sources, number)
            if decision.concerns:
                parts.append(self.link_to_key(decision.concerns))
                parts += self._follow_up(decision.concerns, number)
            self.row(layout, f"{number}.", stacked(self, *parts))

    def _decision_sources(self, positions: tuple[int, ...], number: int) -> list[QWidget]:
        """The event's sources that state this decision, right under it (the foot of the pane
        keeps every source, numbered the same)."""
        parts: list[QWidget] = []
        for position in positions:
            text = f"Source {position}: {source_text(self.record.sources[position - 1])}"
            parts += self.source_parts(position, text, f"Source {position} of decision {number}")
        if not parts:
            return []
        holder = stacked(self, *parts)
        holder.layout().setContentsMargins(SOURCE_INDENT, 2, 0, 2)  # read as part of the decision
        return [holder]

    def _follow_up(self, concerns: str, number: int) -> list[QWidget]:
        """The commitment a decision made to a fund (its horizon) and the meetings that later
        reaffirmed or extended it, or that it built on, as links."""
        concerned = self.store.event(concerns)
        if concerned is None or concerned.kind is not EventKind.FUND:
            return []
        try:
            chain = decision_chain(self.record.key, fund_details(concerned))
        except DetailsError:
            return []
        if chain is None:
            return []
        horizon = chain.wording or chain.horizon.display()
        parts: list[QWidget] = [
            text_label(
                f"Commitment {chain.action}: {horizon} (to {chain.horizon.exact_text()})",
                self,
                name=f"Decision {number} horizon",
            )
        ]
        for link in (*chain.earlier, *chain.later):
            wording = link.wording or link.horizon.display()
            parts.append(text_label(f"{link.action.capitalize()} ({wording}):", self))
            parts.append(self.link_to_key(link.meeting_key))
        return parts
