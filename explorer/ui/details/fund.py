"""The pane of a fund: administrator, purpose, establishment, contributions, commitments."""

from __future__ import annotations

from explorer.domain.details import DetailsError, fund_details
from explorer.domain.events import RelationType
from explorer.ui.details.base import DetailPane
from explorer.ui.details.widgets import stacked, text_label


def usd(amount: int, qualifier: str) -> str:
    """'over US$3,000,000,000'."""
    prefix = "" if qualifier == "exactly" else f"{qualifier} "
    return f"{prefix}US${amount:,}"


class FundPane(DetailPane):
    """Administrator, purpose, date established, contributions with their 'as of' dates, and
    the commitment horizons with the meetings that set or extended them (linked)."""

    def add_kind_fields(self) -> None:
        """Add the fund's fields, contributions and commitments."""
        try:
            fund = fund_details(self.record)
        except DetailsError as exc:
            self.row(self.fields, "Details", f"unreadable ({exc})")
            return
        self.row(self.fields, "Administrator", fund.administrator or "—")
        self.row(self.fields, "Purpose", fund.purpose or "—")
        established = fund.established.display() if fund.established else "—"
        self.row(self.fields, "Established", established)
        if fund.latest_horizon:
            self.row(self.fields, "Committed until", fund.latest_horizon.display())
        if fund.contributions:
            layout = self.section("Contributions to date")
            for item in fund.contributions:
                amount = item.wording or usd(item.amount_usd, item.qualifier)
                text = f"{amount} ({usd(item.amount_usd, item.qualifier)})"
                self.row(layout, f"As of {item.as_of.display()}", text)
        if fund.commitments:
            layout = self.section("Commitment horizons")
            ordered = sorted(fund.commitments, key=lambda c: c.horizon.start_day)
            for item in ordered:
                horizon = item.wording or item.horizon.display()
                parts = [text_label(f"{item.action.capitalize()}: {horizon}", self)]
                if item.set_at:
                    parts.append(self.link_to_key(item.set_at))
                self.row(layout, item.horizon.exact_text(), stacked(self, *parts))
        extends = [r for r in self.record.relations if r.type is RelationType.EXTENDS]
        if extends:
            self.row(self.fields, "Extends", self.link_to_key(extends[0].target_key))
