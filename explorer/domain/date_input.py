"""Dates as people type them: '2016', '2016-07', '8 July 2016', 'July 2016', 'Jul 8, 2016'."""

from __future__ import annotations

import calendar
import re

from explorer.domain.dates import DateError, FuzzyDate

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")


def parse_date_input(text: str) -> FuzzyDate:
    """The day, month or year a person typed; DateError says what was expected."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise DateError("type a date: 2016, 2016-07, 8 July 2016")
    if cleaned[0].isdigit() and not _DAY_MONTH_YEAR.match(cleaned):
        return FuzzyDate.parse(cleaned)  # ISO: 2016, 2016-07, 2016-07-08
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"), (_MONTH_YEAR, "my")):
        if match := pattern.match(cleaned):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS.get(parts["m"].lower())
            if month is None:
                raise DateError(f"not a month: {parts['m']!r}")
            iso = f"{int(parts['y']):04d}-{month:02d}"
            if "d" in parts:
                iso += f"-{int(parts['d']):02d}"
            return FuzzyDate.parse(iso)
    raise DateError(f"not a date: {text!r} (try 2016, 2016-07 or 8 July 2016)")
