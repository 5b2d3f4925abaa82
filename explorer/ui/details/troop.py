"""The pane of a troop-level change: before -> after, change, period, nations, deciding meeting."""

from __future__ import annotations

from explorer.domain.details import DetailsError, TroopLevelChange, mission_name, troop_level_change
from explorer.domain.events import RelationType
from explorer.ui.details.base import DetailPane
from explorer.ui.details.chart import TroopLevelChart


def troops(level: int | None, approximate: bool) -> str:
    """'about 13,000', or 'unknown'."""
    if level is None:
        return "unknown"
    return f"{'about ' if approximate else ''}{level:,}"


class TroopLevelPane(DetailPane):
    """Mission, before -> after, the change as a number and a percentage, the period, the
    contributing nations, the deciding meeting (linked) and the mission's step chart."""

    def add_kind_fields(self) -> None:
        """Add the change's fields and the chart."""
        try:
            change = troop_level_change(self.record)
        except DetailsError as exc:
            self.row(self.fields, "Details", f"unreadable ({exc})")
            return
        self.change = change
        name = mission_name(change.mission)
        self.row(self.fields, "Mission", name)
        for label, text in troop_rows(change):
            self.row(self.fields, label, text)
        if change.period:
            period = change.period
            wording = f"{period.wording} ({period.exact_text()})" if period.wording else ""
            self.row(self.fields, "Period", wording or period.exact_text())
        else:
            self.row(self.fields, "Period", f"from {self.record.when.full_text()}")
        nations = change.contributing_nations
        self.row(self.fields, "Contributing nations", f"{nations:,}" if nations else "—")
        deciding = [
            r.target_key for r in self.record.relations if r.type is RelationType.DECIDED_AT
        ]
        self.row(
            self.fields,
            "Decided at",
            self.link_to_key(deciding[0]) if deciding else "—",
        )
        # a big store's mission can have thousands of steps: read them once per store
        key = ("troop_series", change.mission)
        if key not in self.cache:
            self.cache[key] = self.store.troop_series(change.mission)
        steps = self.cache[key]
        self.section(f"Troop level — {name}")
        self.chart = TroopLevelChart(name, steps, self.record.key, self)
        self.layout_.addWidget(self.chart)


def troop_rows(change: TroopLevelChange) -> list[tuple[str, str]]:
    """The 'Troops' and 'Change' rows: before -> after and the change when both are known; the
    level alone when the source states a level, not a change (never '+0 (+0.0 %)')."""
    before, after = change.level_before, change.level_after
    if after is None:
        return [("Troops", "no figure given")]
    level = troops(after, change.approximate)
    if before is None:
        return [("Troops", level)]
    if before == after:
        return [("Troops", level), ("Change", "none: the level is kept")]
    shown = f"{troops(before, change.approximate)} → {level}"
    return [("Troops", shown), ("Change", change_text(change.change, change.change_percent))]


def change_text(change: int | None, percent: float | None) -> str:
    """'+3,000 (+23.1 %)', or 'unknown'."""
    if change is None:
        return "unknown"
    text = f"{change:+,}"
    return f"{text} ({percent:+.1f} %)" if percent is not None else text
