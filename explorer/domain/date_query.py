"""Dates typed into a search box or a From/To field: '2020', 'Aug 2021', '2014-2016', '8 July 2016'.

:func:`split_dates` reads the date out of a search text and leaves the other words;
:func:`parse_date_range` reads a whole field as one interval. Both give intervals of day numbers
``[start_day, end_day)`` as :mod:`explorer.domain.dates` counts them; an event matches a date
when its own interval overlaps it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from explorer.domain.dates import FuzzyDate, Precision, day_number

_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH_NAMES["sept"] = 9
_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"  # four digits in the years a timeline of events would hold
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ISO = rf"{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"

# One date, most specific form first: 8 July 2016, July 8 2016, July 2016, 2016-07-08, 2016
_ONE = (
    rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH}\s+{_DAY},\s*{_YEAR}"
    rf"|{_MONTH}\s+{_DAY}\s+{_YEAR}"
    rf"|{_MONTH},?\s+{_YEAR}"
    rf"|{_ISO})"
)
# A range: two dates joined by '..', a dash (with spaces, or none between two years), 'to', 'until'
_JOIN = r"(?:\s*\.\.\s*|\s*/\s*|\s+[-–—]\s+|\s*[–—]\s*|\s+(?:to|until|till)\s+)"
_RANGE = re.compile(
    rf"(?<![\w:])(?P<a>{_ONE}){_JOIN}(?P<b>{_ONE})(?![\w-])"
    rf"|(?<![\w:-])(?P<ya>{_YEAR})-(?P<yb>{_YEAR})(?![\w-])"
    rf"|(?<![\w:])(?P<one>{_ONE})(?![\w-])",
    re.IGNORECASE,
)
_QUOTED = re.compile(r'"[^"]*"?')
_DAY_MONTH_YEAR = re.compile(rf"^({_DAY})\s+({_MONTH}),?\s+({_YEAR})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH})\s+({_DAY}),?\s+({_YEAR})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^({_MONTH}),?\s+({_YEAR})$", re.IGNORECASE)


class DateQueryError(ValueError):
    """Text that was meant as a date (a From/To field) but is not one."""


@dataclass(frozen=True, slots=True)
class DateInterval:
    """Days ``[start_day, end_day)`` and the words they were read from."""

    start_day: int
    end_day: int
    text: str

    def overlaps(self, start_day: int, end_day: int) -> bool:
        """True when the interval ``[start_day, end_day)`` shares a day with this one."""
        return start_day < self.end_day and end_day > self.start_day

    def label(self) -> str:
        """The interval in plain words: '2020', 'August 2021', '2014–2016', '8 July 2016'."""
        return FuzzyDate(self.start_day, self.end_day, Precision.DAY_RANGE).exact_text()


@dataclass(frozen=True, slots=True)
class DateSplit:
    """A search text taken apart: the date read from it (if any) and the rest, as typed."""

    interval: DateInterval | None
    rest: str


def _one(text: str) -> tuple[int, int]:
    """First day and end day (exclusive) of one date written in any of the accepted forms."""
    text = " ".join(text.split())
    for pattern, order in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_MONTH_YEAR, "my"),
    ):
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        year = int(parts["y"])
        month = _MONTH_NAMES[parts["m"].lower().rstrip(".")]
        if "d" not in parts:
            last = calendar.monthrange(year, month)[1]
            return day_number(dt.date(year, month, 1)), day_number(dt.date(year, month, last)) + 1
        day = int(re.match(r"\d+", parts["d"]).group())
        try:
            first = day_number(dt.date(year, month, day))
        except ValueError:
            raise DateQueryError(f"not a date: {text!r}") from None
        return first, first + 1
    try:
        when = FuzzyDate.parse(text)
    except ValueError:
        raise DateQueryError(f"not a date: {text!r}") from None
    return when.start_day, when.end_day


def _interval(match: re.Match) -> DateInterval:
    if match.group("one"):
        start, end = _one(match.group("one"))
    elif match.group("ya"):
        start, end = _one(match.group("ya"))[0], _one(match.group("yb"))[1]
    else:
        start, end = _one(match.group("a"))[0], _one(match.group("b"))[1]
    if end <= start:
        raise DateQueryError(f"the range ends before it starts: {match.group(0)!r}")
    return DateInterval(start, end, match.group(0))


def split_dates(text: str) -> DateSplit:
    """Read the first date (or range of dates) out of ``text``; the other words are the rest.

    A date inside quotes (``"2020"``), a field term (``title:2020``) or a word (``A400M``)
    stays a word; a date that cannot be one (30 February) stays plain text too.
    """
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    for match in _RANGE.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in quoted):
            continue
        try:
            interval = _interval(match)
        except DateQueryError:
            continue
        rest = text[: match.start()] + " " + text[match.end() :]
        return DateSplit(interval, " ".join(rest.split()))
    return DateSplit(None, " ".join(text.split()))


def parse_date_range(text: str) -> DateInterval | None:
    """A whole field as one interval ('2014', '2014..2021', 'Aug 2021'); None when empty.

    Raises :class:`DateQueryError` with a one-line message when the text is not a date.
    """
    text = " ".join(text.split())
    if not text:
        return None
    match = _RANGE.fullmatch(text)
    if match is None:
        raise DateQueryError(
            f"not a date: {text!r} (try 2020, Aug 2021, 8 July 2016, 2016-07-08 or 2014..2021)"
        )
    return _interval(match)


def between(start: DateInterval | None, end: DateInterval | None) -> DateInterval | None:
    """The interval from the first day of ``start`` to the last day of ``end`` (either open)."""
    if start is None and end is None:
        return None
    first = start.start_day if start else day_number(dt.date(1, 1, 1))
    stop = end.end_day if end else day_number(dt.date(9999, 12, 31)) + 1
    if stop <= first:
        raise DateQueryError("the period ends before it starts")
    words = f"{start.text if start else '…'} – {end.text if end else '…'}"
    return DateInterval(first, stop, words)
