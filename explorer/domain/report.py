"""The text of a report: heading, every event with its details, numbered source footnotes.

Written as the small HTML subset QTextDocument reads; every text from a store is escaped, so
a title such as ``<b>`` reaches the page as those characters. A source document cited by
several events (or several times by one) gets one footnote number; the citation beside the
event names its section and paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from explorer.domain.dates import FuzzyDate, Precision
from explorer.domain.details import (
    DetailsError,
    fund_details,
    meeting_details,
    mission_details,
    troop_level_change,
)
from explorer.domain.events import Event, EventKind, Source

TIMELINE_IMAGE = "report-timeline.png"


@dataclass(frozen=True)
class ReportScope:
    """What a report covers, in words for its heading."""

    first_day: int | None = None
    end_day: int | None = None
    kinds: tuple[str, ...] = ()
    search: str = ""
    chosen: str = ""  # 'the selected event', 'the events in view' ...

    def lines(self) -> list[str]:
        """One line per filter, for the heading."""
        out = []
        if self.first_day is not None and self.end_day is not None:
            out.append(
                f"Range: {FuzzyDate(self.first_day, self.end_day, Precision.DAY_RANGE).exact_text()}"
            )
        if self.kinds:
            out.append("Kinds: " + ", ".join(EventKind(k).label for k in self.kinds))
        if self.search:
            out.append(f"Search: “{self.search}”")
        if self.chosen:
            out.append(f"Events: {self.chosen}")
        return out or ["All events"]


@dataclass
class Footnotes:
    """Numbers for source documents, in order of first citation."""

    numbers: dict[tuple, int] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def number(self, source: Source) -> int:
        """The footnote number of ``source``'s document (title, address, publisher)."""
        document = (source.title, source.url, source.publisher)
        if document not in self.numbers:
            self.numbers[document] = len(self.numbers) + 1
            self.sources.append(source)
        return self.numbers[document]


def report_html(
    events: Sequence[Event],
    *,
    title: str,
    scope: ReportScope,
    store_name: str,
    generated: dt.datetime,
    titles: Mapping[str, str] | None = None,
    with_image: bool = True,
) -> str:
    """The whole report as HTML; ``titles`` names other events that details refer to."""
    titles = titles or {}
    notes = Footnotes()
    body = [f"<h1>{escape(title)}</h1>"]
    body += [f"<p class='scope'>{escape(line)}</p>" for line in scope.lines()]
    count = f"{len(events):,} event" + ("" if len(events) == 1 else "s")
    body.append(
        f"<p class='meta'>{escape(count)} · Store: {escape(store_name)} · Generated "
        f"{escape(generated.strftime('%d %B %Y, %H:%M %Z').strip().rstrip(','))}</p>"
    )
    if with_image:
        body.append(f"<p><img src='{TIMELINE_IMAGE}'></p>")
    for event in events:
        body += _event_html(event, notes, titles)
    body.append("<h2>Sources</h2>")
    if not notes.sources:
        body.append("<p>No sources are cited.</p>")
    for number, source in enumerate(notes.sources, start=1):
        parts = [escape(source.title)]
        if source.publisher:
            parts.append(escape(source.publisher))
        if source.url:
            parts.append(f"<a href='{escape(source.url, quote=True)}'>{escape(source.url)}</a>")
        body.append(f"<p class='note'>[{number}] {'. '.join(parts)}</p>")
    return _STYLE + "\n".join(body) + "</body></html>"


_STYLE = """<html><head><style>
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 14px; }
h3 { font-size: 12pt; margin-top: 12px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 2px; } .scope { font-size: 10pt; }
.meta, .date, .note, .cite { font-size: 9pt; color: #444; }
td { padding-right: 8px; font-size: 10pt; vertical-align: top; }
</style></head><body>"""


def _event_html(event: Event, notes: Footnotes, titles: Mapping[str, str]) -> list[str]:
    when = event.when
    date = escape(when.display())
    if when.exact_text() != when.display():
        date += f" ({escape(when.exact_text())})"
    out = [
        f"<h3>{escape(event.title)}</h3>",
        f"<p class='date'>{date} · {escape(event.kind.label)}</p>",
    ]
    if event.summary:
        out.append(f"<p>{escape(event.summary)}</p>")
    rows = _detail_rows(event, titles)
    if rows:
        out.append("<table>")
        out += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
        out.append("</table>")
    note = event.details.get("note") if isinstance(event.details, dict) else None
    if isinstance(note, str) and note.strip():
        out.append(f"<p><i>Note:</i> {escape(note)}</p>")
    if event.confidence != "high":
        out.append(f"<p class='date'>Confidence: {escape(event.confidence)}</p>")
    if event.sources:
        cites = []
        for source in event.sources:
            paragraph = source.paragraph
            if paragraph.isdigit():
                paragraph = f"para. {paragraph}"
            where = ", ".join(x for x in (source.section, paragraph) if x)
            cites.append(f"[{notes.number(source)}]" + (f" {escape(where)}" if where else ""))
        out.append(f"<p class='cite'>Sources: {'; '.join(cites)}</p>")
    return out


def _detail_rows(event: Event, titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, text) pairs of the kind-specific details, as exact as the store has them."""
    try:
        if event.kind.is_meeting:
            return _meeting_rows(event, titles)
        if event.kind is EventKind.TROOP_LEVEL_CHANGE:
            return _troop_rows(event)
        if event.kind is EventKind.FUND:
            return _fund_rows(event, titles)
        if event.kind is EventKind.MISSION_MILESTONE:
            mission = mission_details(event)
            rows = [("Mission", mission.mission)] if mission.mission else []
            rows += [("Place", f"{p.name} ({p.role}, {p.region})") for p in mission.places]
            return rows
    except DetailsError as exc:
        return [("Details", f"unreadable ({exc})")]
    return []


def _meeting_rows(event: Event, titles: Mapping[str, str]) -> list[tuple[str, str]]:
    meeting = meeting_details(event)
    rows = []
    if meeting.place:
        rows.append(("Place", meeting.place))
    if meeting.level:
        rows.append(("Level", meeting.level_label))
    if meeting.participants:
        rows.append(("Participants", ", ".join(meeting.participants)))
    for i, decision in enumerate(meeting.decisions, start=1):
        text = decision.text
        if decision.concerns:
            text += f" (concerns: {titles.get(decision.concerns, decision.concerns)})"
        rows.append((f"Decision {i}", text))
    return rows


def _troop_rows(event: Event) -> list[tuple[str, str]]:
    change = troop_level_change(event)

    def troops(level: int | None) -> str:
        if level is None:
            return "unknown"
        return f"{'about ' if change.approximate else ''}{level:,}"

    rows = [
        ("Mission", change.mission),
        ("Troops", f"{troops(change.level_before)} → {troops(change.level_after)}"),
    ]
    if change.change is not None:
        text = f"{change.change:+,}"
        if change.change_percent is not None:
            text += f" ({change.change_percent:+.1f} %)"
        rows.append(("Change", text))
    if change.period:
        rows.append(("Period", change.period.display()))
    if change.contributing_nations:
        rows.append(("Contributing nations", str(change.contributing_nations)))
    return rows


def _usd(amount: int, qualifier: str) -> str:
    return ("" if qualifier == "exactly" else f"{qualifier} ") + f"US${amount:,}"


def _fund_rows(event: Event, titles: Mapping[str, str]) -> list[tuple[str, str]]:
    fund = fund_details(event)
    rows = []
    if fund.administrator:
        rows.append(("Administrator", fund.administrator))
    if fund.purpose:
        rows.append(("Purpose", fund.purpose))
    if fund.established:
        rows.append(("Established", fund.established.display()))
    for c in fund.contributions:
        amount = _usd(c.amount_usd, c.qualifier)
        text = f"{c.wording} ({amount})" if c.wording else amount
        rows.append((f"Contributions as of {c.as_of.display()}", text))
    for c in sorted(fund.commitments, key=lambda c: c.horizon.start_day):
        text = f"{c.action.capitalize()}: {c.wording or c.horizon.display()}"
        if c.set_at:
            text += f" (at {titles.get(c.set_at, c.set_at)})"
        rows.append((f"Horizon {c.horizon.exact_text()}", text))
    return rows
