"""Dates typed into the search box or the From/To fields."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.domain.date_query import (
    DateInterval,
    DateQueryError,
    between,
    parse_date_range,
    split_dates,
)
from explorer.domain.dates import FuzzyDate, date_of, day_number


def _days(interval: DateInterval | None) -> tuple[str, str] | None:
    if interval is None:
        return None
    return date_of(interval.start_day).isoformat(), date_of(interval.end_day - 1).isoformat()


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2020", "2020-01-01", "2020-12-31", "2020"),
        ("Aug 2021", "2021-08-01", "2021-08-31", "August 2021"),
        ("August 2021", "2021-08-01", "2021-08-31", "August 2021"),
        ("aug. 2021", "2021-08-01", "2021-08-31", "August 2021"),
        ("Sept 2019", "2019-09-01", "2019-09-30", "September 2019"),
        ("February 2020", "2020-02-01", "2020-02-29", "February 2020"),
        ("2014-2016", "2014-01-01", "2016-12-31", "2014–2016"),
        ("2014..2021", "2014-01-01", "2021-12-31", "2014–2021"),
        ("2014 .. 2021", "2014-01-01", "2021-12-31", "2014–2021"),
        ("2014 – 2016", "2014-01-01", "2016-12-31", "2014–2016"),
        ("2014 to 2016", "2014-01-01", "2016-12-31", "2014–2016"),
        ("8 July 2016", "2016-07-08", "2016-07-08", "8 July 2016"),
        ("8th July 2016", "2016-07-08", "2016-07-08", "8 July 2016"),
        ("July 8, 2016", "2016-07-08", "2016-07-08", "8 July 2016"),
        ("2016-07-08", "2016-07-08", "2016-07-08", "8 July 2016"),
        ("2016-07", "2016-07-01", "2016-07-31", "July 2016"),
        ("2016-07/2016-09", "2016-07-01", "2016-09-30", "July–September 2016"),
        ("Jul 2016..Aug 2021", "2016-07-01", "2021-08-31", "July 2016 – August 2021"),
        ("8 July 2016 - 2017", "2016-07-08", "2017-12-31", "8 July 2016 – 31 December 2017"),
    ],
)
def test_a_date_alone_is_read_as_its_whole_interval(text, first, last, label):
    split = split_dates(text)
    assert _days(split.interval) == (first, last)
    assert split.interval.label() == label
    assert split.interval.text == text
    assert split.rest == ""
    assert _days(parse_date_range(text)) == (first, last)


@pytest.mark.parametrize(
    ("text", "days", "rest"),
    [
        ("2020 defence", ("2020-01-01", "2020-12-31"), "defence"),
        ("defence ministers 2020", ("2020-01-01", "2020-12-31"), "defence ministers"),
        ("trust fund 2014-2016 board", ("2014-01-01", "2016-12-31"), "trust fund board"),
        ("kabul August 2021", ("2021-08-01", "2021-08-31"), "kabul"),
        ("place:Brussels 2018", ("2018-01-01", "2018-12-31"), "place:Brussels"),
    ],
)
def test_a_date_among_words_leaves_the_words(text, days, rest):
    split = split_dates(text)
    assert _days(split.interval) == days
    assert split.rest == rest


@pytest.mark.parametrize(
    "text",
    [
        "increase 16000",  # a number, not a year
        "16,000 troops",
        '"2020" defence',  # quoted: the user asked for the word
        'the "August 2021" airlift',
        "title:2020",  # a field term keeps its value
        "A2020 aircraft",
        "2020s",
        "30 February 2020",  # no such day: left as typed
        "may meeting",  # a month without a year is a word
        "resolution 2189",  # not a year a timeline holds
    ],
)
def test_what_is_not_a_date_stays_text(text):
    split = split_dates(text)
    assert split.interval is None
    assert split.rest == " ".join(text.split())


def test_only_the_first_date_is_taken():
    split = split_dates("2016 and 2018")
    assert _days(split.interval) == ("2016-01-01", "2016-12-31")
    assert split.rest == "and 2018"


def test_overlap_keeps_events_touching_the_interval():
    year = split_dates("2020").interval
    assert year.overlaps(
        FuzzyDate.parse("2020-10-19").start_day, FuzzyDate.parse("2020-10-19").end_day
    )
    spanning = FuzzyDate.parse("2019-12/2020-06")
    assert year.overlaps(spanning.start_day, spanning.end_day)
    warsaw = FuzzyDate.parse("2016-07-08/2016-07-09")
    assert not year.overlaps(warsaw.start_day, warsaw.end_day)
    # end days are exclusive: an event ending on 1 January 2020 is of 2019
    new_year = day_number(dt.date(2020, 1, 1))
    assert not year.overlaps(new_year - 5, new_year)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_field_is_no_date(text):
    assert parse_date_range(text) is None


@pytest.mark.parametrize(
    "text", ["soon", "2020 defence", "2016-13", "30 February 2020", "2021..2014", "20200"]
)
def test_a_field_that_is_not_a_date_says_so_in_one_line(text):
    with pytest.raises(DateQueryError) as caught:
        parse_date_range(text)
    assert "\n" not in str(caught.value)


def test_between_joins_from_and_to_and_either_may_be_open():
    start, end = parse_date_range("2014"), parse_date_range("Aug 2021")
    assert _days(between(start, end)) == ("2014-01-01", "2021-08-31")
    assert _days(between(start, None))[0] == "2014-01-01"
    assert _days(between(None, end))[1] == "2021-08-31"
    assert between(None, None) is None
    with pytest.raises(DateQueryError):
        between(end, start)
