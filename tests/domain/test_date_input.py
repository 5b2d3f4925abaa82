"""Dates as people type them for Go to Date."""

import pytest

from explorer.domain.date_input import parse_date_input
from explorer.domain.dates import DateError


@pytest.mark.parametrize(
    ("typed", "iso", "precision"),
    [
        ("2016", "2016", "year"),
        ("2016-07", "2016-07", "month"),
        (" 2016-07-08 ", "2016-07-08", "day"),
        ("8 July 2016", "2016-07-08", "day"),
        ("8 jul. 2016", "2016-07-08", "day"),
        ("July 8, 2016", "2016-07-08", "day"),
        ("July 2016", "2016-07", "month"),
        ("Sept 2016", "2016-09", "month"),
    ],
)
def test_dates_people_type(typed, iso, precision):
    when = parse_date_input(typed)
    assert (when.iso(), when.precision.value) == (iso, precision)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "type a date"),
        ("31 February 2016", "day is out of range"),
        ("Juny 2016", "not a month"),
        ("next week", "not a date"),
    ],
)
def test_what_is_not_a_date_is_said(typed, message):
    with pytest.raises(DateError, match=message):
        parse_date_input(typed)
