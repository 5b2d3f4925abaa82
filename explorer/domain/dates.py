"""Dates with precision: a normalised interval of days beside the source's own wording.

Days are counted as integers from 1970-01-01 (day 0); an interval's ``end_day`` is exclusive,
so a single day ``d`` is ``[d, d + 1)``.  The timeline's x axis uses the same numbers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
# The supported range: years 1-9999, always written with four digits (what ``date`` and ISO
# text can hold); every interval, read from a file or a store, lies inside it.
FIRST_DAY = dt.date(1, 1, 1).toordinal() - EPOCH_ORDINAL
END_DAY = dt.date(9999, 12, 31).toordinal() - EPOCH_ORDINAL + 1  # exclusive

# ASCII digits only: \d would also take fullwidth and other scripts' digits
_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Precision(StrEnum):
    """How exactly a date is known."""

    DAY = "day"
    DAY_RANGE = "day_range"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"

    @property
    def is_exact(self) -> bool:
        """True when the interval is known to the day (drawn without an uncertainty band)."""
        return self in (Precision.DAY, Precision.DAY_RANGE)


class DateError(ValueError):
    """A date string that is not of the form YYYY, YYYY-MM, YYYY-MM-DD or A/B of those."""


def day_number(date: dt.date) -> int:
    """The day number of ``date`` (days since 1970-01-01)."""
    return date.toordinal() - EPOCH_ORDINAL


def date_of(day: int) -> dt.date:
    """The calendar date of a day number."""
    return dt.date.fromordinal(day + EPOCH_ORDINAL)


def _parse_part(text: str) -> tuple[dt.date, dt.date, str]:
    """First day, last day (inclusive) and precision name of one ISO part."""
    match = _PART.fullmatch(text.strip())
    if not match:
        raise DateError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), "month"
        exact = dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"not a date: {text!r} ({exc})") from None
    return exact, exact, "day"


# How exactly one end of an interval is known; an interval whose ends differ keeps both.
END_PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """An interval of days ``[start_day, end_day)`` with its precision and original wording.

    ``ends`` is set only for an interval whose two ends are known to different precisions
    (``2015-01-01/2021-09``: the first day exactly, the last only to the month); it holds the
    precision of each end, ``("day", "month")``.
    """

    start_day: int
    end_day: int
    precision: Precision
    wording: str | None = None
    ends: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        # also guards values read from a store another program may have written
        for day in (self.start_day, self.end_day):
            if type(day) is not int:
                raise DateError(f"a day number must be a whole number, not {day!r}")
        if self.start_day < FIRST_DAY or self.end_day > END_DAY:
            raise DateError(
                f"day numbers {self.start_day}..{self.end_day} lie outside years 1-9999"
            )
        if not isinstance(self.precision, Precision):
            raise DateError(f"unknown precision: {self.precision!r}")
        if self.wording is not None and not isinstance(self.wording, str):
            raise DateError(f"the date's wording must be a text, not {type(self.wording).__name__}")
        if self.end_day <= self.start_day:
            raise DateError(f"interval ends before it starts: {self.iso()}")

    @classmethod
    def parse(
        cls, text: str, precision: str | Precision | None = None, wording: str | None = None
    ) -> FuzzyDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``A/B``; derive precision unless given."""
        if not isinstance(text, str) or not text.strip():
            raise DateError(f"not a date: {text!r}")
        parts = text.split("/")
        if len(parts) > 2:
            raise DateError(f"not a date: {text!r} (at most one '/')")
        first, _, kind_a = _parse_part(parts[0])
        ends = None
        if len(parts) == 2:
            _, last, kind_b = _parse_part(parts[1])
            derived = "day_range" if kind_a == kind_b == "day" else "approximate"
            if kind_a != kind_b:
                ends = (kind_a, kind_b)
        else:
            last, derived = _parse_part(parts[0])[1], kind_a
        try:
            chosen = Precision(precision) if precision else Precision(derived)
        except ValueError:
            raise DateError(f"unknown precision: {precision!r}") from None
        return cls(day_number(first), day_number(last) + 1, chosen, wording or None, ends)

    @classmethod
    def from_stored(
        cls, start_day: int, end_day: int, precision: str, wording: str | None = None
    ) -> FuzzyDate:
        """The date as a store keeps it: ``precision`` is :attr:`stored_precision`."""
        start, slash, end = precision.partition("/")
        if slash and start in END_PRECISIONS and end in END_PRECISIONS and start != end:
            return cls(start_day, end_day, Precision.APPROXIMATE, wording, (start, end))
        return cls(start_day, end_day, Precision(precision), wording)

    @property
    def stored_precision(self) -> str:
        """The precision as one text: its name, or ``start/end`` (``day/month``) when the two
        ends are known to different precisions, so a store keeps both without a new column."""
        return f"{self.ends[0]}/{self.ends[1]}" if self.ends else self.precision.value

    @property
    def start_exact(self) -> bool:
        """True when the first day is known exactly (a sharp edge where the day is known)."""
        return self.ends[0] == "day" if self.ends else self.precision.is_exact

    @property
    def end_exact(self) -> bool:
        """True when the last day is known exactly."""
        return self.ends[1] == "day" if self.ends else self.precision.is_exact

    @property
    def uncertain_end(self) -> str | None:
        """One line naming the end that is not known to the day, for an interval whose ends
        differ ('The start is known to the day; the end only to the month.'), else None."""
        if not self.ends:
            return None
        start, end = self.ends
        if start == "day":
            return f"The start is known to the day; the end only to the {end}."
        if end == "day":
            return f"The end is known to the day; the start only to the {start}."
        return f"The start is known to the {start}; the end only to the {end}."

    @property
    def start(self) -> dt.date:
        """First day of the interval."""
        return date_of(self.start_day)

    @property
    def last(self) -> dt.date:
        """Last day of the interval (inclusive)."""
        return date_of(self.end_day - 1)

    @property
    def days(self) -> int:
        """Length of the interval in days."""
        return self.end_day - self.start_day

    def iso(self) -> str:
        """The normalised ISO form, as written in the dataset (round-trips through ``parse``)."""
        start, last = self.start, self.last
        if self.days == 1:
            return start.isoformat()
        if self.ends:
            return f"{_iso_part(start, self.ends[0])}/{_iso_part(last, self.ends[1])}"
        month_end = calendar.monthrange(last.year, last.month)[1]
        whole_months = start.day == 1 and last.day == month_end
        # four digits even before the year 1000 (str() and strftime's %Y would drop them)
        if whole_months and start.month == 1 and last.month == 12:
            a, b = f"{start.year:04d}", f"{last.year:04d}"
        elif whole_months:
            a, b = f"{start.year:04d}-{start.month:02d}", f"{last.year:04d}-{last.month:02d}"
        else:
            a, b = start.isoformat(), last.isoformat()
        return a if a == b else f"{a}/{b}"

    def exact_text(self) -> str:
        """The interval in plain words: '8–9 July 2016', 'July 2018', '2014', '1 Jan 2015 – Sep 2021'."""
        start, last = self.start, self.last
        iso = self.iso()
        if self.ends:
            return f"{_end_text(start, self.ends[0])} – {_end_text(last, self.ends[1])}"
        if "/" not in iso:
            if len(iso) == 4:
                return str(start.year)
            if len(iso) == 7:
                return f"{MONTH_NAMES[start.month - 1]} {start.year}"
            return _day_text(start)
        if len(iso) == 9:  # YYYY/YYYY
            return f"{start.year}–{last.year}"
        if len(iso) == 15:  # YYYY-MM/YYYY-MM
            if start.year == last.year:
                return f"{MONTH_NAMES[start.month - 1]}–{MONTH_NAMES[last.month - 1]} {start.year}"
            return f"{MONTH_NAMES[start.month - 1]} {start.year} – {MONTH_NAMES[last.month - 1]} {last.year}"
        if start.year == last.year and start.month == last.month:
            return f"{start.day}–{last.day} {MONTH_NAMES[start.month - 1]} {start.year}"
        if start.year == last.year:
            return f"{start.day} {MONTH_NAMES[start.month - 1]} – {_day_text(last)}"
        return f"{_day_text(start)} – {_day_text(last)}"

    def display(self) -> str:
        """The source's wording when there is one, else the exact text."""
        return self.wording or self.exact_text()

    @property
    def distinct_wording(self) -> str | None:
        """The source's wording when it says more than the exact text ('late 2014'); None
        when there is none or it only repeats it ('8-9 July 2016' beside '8–9 July 2016')."""
        if not self.wording:
            return None
        return None if _same_words(self.wording, self.exact_text()) else self.wording

    def full_text(self) -> str:
        """The date once: the exact text, with the source's wording after it only when that
        wording says something more ('2014 (late 2014)')."""
        exact = self.exact_text()
        wording = self.distinct_wording
        return f"{exact} (as written: {wording})" if wording else exact


@functools.lru_cache(maxsize=1 << 16)
def parse_date_cached(text: str, precision: str | None = None) -> FuzzyDate:
    """:meth:`FuzzyDate.parse` without wording, remembered (a fault is not).

    The one cache of parsed dates: a large import repeats the same few thousand dates.
    """
    return FuzzyDate.parse(text, precision)


_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")


def _same_words(a: str, b: str) -> bool:
    """True when two date texts differ only in dashes, spaces or case."""

    def norm(text: str) -> str:
        return " ".join(_DASHES.sub("-", text).casefold().split())

    return norm(a) == norm(b)


def _day_text(date: dt.date) -> str:
    return f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year}"


def _iso_part(date: dt.date, precision: str) -> str:
    # four digits even before the year 1000 (str() and strftime's %Y would drop them)
    if precision == "year":
        return f"{date.year:04d}"
    return f"{date.year:04d}-{date.month:02d}" if precision == "month" else date.isoformat()


def _end_text(date: dt.date, precision: str) -> str:
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{MONTH_NAMES[date.month - 1]} {date.year}"
    return _day_text(date)
