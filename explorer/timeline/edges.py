"""Which part of an interval is certain: an interval drawn with a sharp edge where the day of an
end is known, and a bracketed, faded edge over the month or year an end is known only to."""

from __future__ import annotations

import datetime as dt

from explorer.domain.dates import FuzzyDate, day_number

_UNIT_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


def end_units(when: FuzzyDate) -> tuple[str, str] | None:
    """How exactly each end of a two-ended interval is known ("day", "month", "year"), or None
    for a date that is one unit (a month, a year) or whose ends are not known apart."""
    if when.ends:
        return when.ends
    parts = when.iso().split("/")
    if len(parts) != 2:
        return None
    units = tuple(_UNIT_BY_LENGTH.get(len(part), "") for part in parts)
    if "" in units or "day" in units:  # an "about" on days says nothing per end
        return None
    return units  # type: ignore[return-value]


def certain_days(when: FuzzyDate) -> tuple[int, int] | None:
    """Days ``[first, last)`` the event surely covers (the interval less the month or year
    each rough end is known to), or None when no day of it is certain."""
    if when.precision.is_exact:
        return when.start_day, when.end_day
    units = end_units(when)
    if units is None:
        return None
    first = when.start_day if units[0] == "day" else _after_unit(when.start, units[0])
    last = when.end_day if units[1] == "day" else _unit_start(when.last, units[1])
    return (first, last) if first < last else None


def _unit_start(date: dt.date, unit: str) -> int:
    if unit == "year":
        return day_number(dt.date(date.year, 1, 1))
    return day_number(date.replace(day=1))


def _after_unit(date: dt.date, unit: str) -> int:
    if unit == "year":
        return day_number(dt.date(date.year + 1, 1, 1))
    following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
    return day_number(following)
