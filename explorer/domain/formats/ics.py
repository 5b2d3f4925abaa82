"""iCalendar (RFC 5545) export: meetings and mission milestones as all-day events.

A re-export gives every event the same UID (its id), so a calendar that subscribed or imported
before updates the events instead of adding them twice. Only dates known to the day are
exported: a meeting known only as 'July 2016' would otherwise fill a whole month of a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from explorer import __version__
from explorer.domain.details import meeting_details
from explorer.domain.events import Event, EventKind

UID_DOMAIN = "timeline-explorer.invalid"
PRODID = f"-//Timeline Explorer//Timeline Explorer {__version__}//EN"
_LINE_OCTETS = 75


def in_calendar(event: Event) -> bool:
    """Meetings and mission milestones known to the day go in the calendar."""
    wanted = event.kind.is_meeting or event.kind is EventKind.MISSION_MILESTONE
    return wanted and event.when.precision.is_exact


def icalendar_text(events: Iterable[Event], name: str, stamp: dt.datetime) -> str:
    """A VCALENDAR of the events that :func:`in_calendar` keeps, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        if in_calendar(event):
            lines += _vevent(event, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _vevent(event: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.key}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        # all-day: a DATE start and an exclusive DATE end, as RFC 5545 3.6.1 describes
        f"DTSTART;VALUE=DATE:{event.when.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.when.start + dt.timedelta(days=event.when.days):%Y%m%d}",
        f"SUMMARY:{escape_text(event.title)}",
        f"CATEGORIES:{escape_text(event.kind.label)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.kind.is_meeting and (place := meeting_details(event).place):
        lines.append(f"LOCATION:{escape_text(place)}")
    description = [event.summary] if event.summary else []
    if event.when.wording:
        description.append(f"Date as written: {event.when.wording}")
    if event.kind.is_meeting:
        description += [f"Decision: {d.text}" for d in meeting_details(event).decisions]
    description += [
        "Source: " + ", ".join(x for x in (s.title, s.section, s.url) if x) for s in event.sources
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(chr(10).join(description))}")
    if event.sources and event.sources[0].url:
        lines.append(f"URL:{event.sources[0].url}")
    lines.append("END:VEVENT")
    return lines


def escape_text(text: str) -> str:
    """A TEXT value as RFC 5545 3.3.11 writes it: backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _LINE_OCTETS:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)
