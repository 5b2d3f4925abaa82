"""Short titles: what a label says when an event's whole title does not fit beside its glyph
("Warsaw 2016" for the Warsaw Summit, "DefMin Nov 2017" for a Defence Ministers' meeting)."""

from __future__ import annotations

import re

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import EventKind

_RESOLUTION = re.compile(r"\b[Rr]esolution (\d{3,4})\b")
_FIGURE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d{4,})\b")
_MISSIONS = (("Resolute Support", "RS"), ("ISAF", "ISAF"))
_MINISTERS = (
    ("Foreign and Defence Ministers", "Ministers"),
    ("Defence Ministers", "DefMin"),
    ("Foreign Ministers", "ForMin"),
)


def short_title(kind: EventKind, title: str, when: FuzzyDate) -> str | None:
    """A short form of ``title`` built from the kind, the place or subject and the date, or None
    when the title has no shorter form that still says which event it is."""
    if kind is EventKind.SUMMIT and title.endswith(" Summit"):
        return f"{title.removesuffix(' Summit')} {when.start.year}"
    if kind is EventKind.MINISTERIAL_MEETING:
        for prefix, short in _MINISTERS:
            if title.startswith(prefix):
                return f"{short} {_month(when)}"
    if kind is EventKind.LEADERS_MEETING:
        return f"Leaders {_month(when)}"
    if kind is EventKind.UN_RESOLUTION:
        number = _RESOLUTION.search(title)
        return f"UNSCR {number.group(1)}" if number else f"UNSC {_month(when)}"
    if kind is EventKind.TROOP_LEVEL_CHANGE:
        return _troop_short(title)
    return None


def _month(when: FuzzyDate) -> str:
    """'Nov 2017', or the year alone when the month is not known."""
    start = when.start
    if when.days > 31 and when.start.year == when.last.year and when.start.month != when.last.month:
        return str(start.year)
    return f"{start:%b %Y}"


def _troop_short(title: str) -> str | None:
    """'ISAF ~18,500' from 'ISAF at about 18,500 troops'."""
    mission = next((short for name, short in _MISSIONS if title.startswith(name)), None)
    figure = _FIGURE.search(title)
    if mission is None or figure is None:
        return None
    about = "~" if "about" in title else ""
    return f"{mission} {about}{figure.group(1)}"
