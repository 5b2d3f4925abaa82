"""Hostile values in one event: each is refused with the field named, never a crash."""

import datetime as dt

import pytest

from explorer.domain.dataset import (
    MAX_DETAILS_DEPTH,
    MAX_FIELD_CHARS,
    MAX_LIST_ITEMS,
    DatasetError,
    event_to_json,
    parse_event,
)
from explorer.domain.dates import END_DAY, FIRST_DAY, DateError, FuzzyDate, Precision


def event(**fields):
    return {"id": "e1", "kind": "other", "title": "t", "date": "2016", **fields}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date_wording": {"a": 1}}, "date_wording"),
        ({"date_wording": ["late", "2014"]}, "date_wording"),
        ({"summary": {"x": 1}}, "summary"),
        ({"precision": ["day"]}, "precision"),
        ({"title": "\ud800"}, "title"),
        ({"summary": "ok \udfff"}, "summary"),
        ({"details": {"note": "\ud800"}}, "details.note"),
        ({"sources": [{"title": "s", "section": {"a": 1}}]}, "sources[0].section"),
        ({"title": "x" * (MAX_FIELD_CHARS + 1)}, "title"),
        ({"details": {"p": list(range(MAX_LIST_ITEMS + 1))}}, "details.p"),
        ({"relations": [{"type": "extends", "target": "a"}] * (MAX_LIST_ITEMS + 1)}, "relations"),
        ({"details": {"x": float("nan")}}, "details.x"),
        ({"details": {"x": 10**30}}, "details.x"),
        ({"id": "abc\n"}, "id"),
        ({"date": "２０１６"}, "date"),
        ({"date": "0000"}, "date"),
        ({"date": "12016"}, "date"),
        ({"date": "2016\n"}, None),  # surrounding white space is allowed, as before
    ],
)
def test_a_hostile_field_is_named(fields, field):
    if field is None:
        assert parse_event(event(**fields), "f").when.iso() == "2016"
        return
    with pytest.raises(DatasetError) as caught:
        parse_event(event(**fields), "f")
    assert caught.value.field == field


def test_deep_details_are_refused_without_recursing():
    deep: dict = {}
    inner = deep
    for _ in range(100_000):  # far past Python's recursion limit
        inner["x"] = {}
        inner = inner["x"]
    with pytest.raises(DatasetError) as caught:
        parse_event(event(details=deep), "f")
    assert caught.value.field.startswith("details.x")
    assert f"deeper than {MAX_DETAILS_DEPTH}" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["0001", "0999-02", "1000/9999", "9999-12-31", "0001-01-02/0002-03-04"]
)
def test_dates_of_years_1_to_9999_round_trip_with_four_digits(text):
    when = FuzzyDate.parse(text)
    assert when.iso() == text
    again = parse_event(event(date=text), "f")
    assert event_to_json(again)["date"] == text


def test_day_numbers_outside_years_1_to_9999_are_no_date():
    first = dt.date(1, 1, 1).toordinal() - dt.date(1970, 1, 1).toordinal()
    assert first == FIRST_DAY
    for start, end in ((FIRST_DAY - 1, FIRST_DAY + 1), (END_DAY - 1, END_DAY + 1)):
        with pytest.raises(DateError):
            FuzzyDate(start, end, Precision.DAY)
    with pytest.raises(DateError):
        FuzzyDate(0, 1.5, Precision.DAY)
    with pytest.raises(DateError):
        FuzzyDate(0, 1, "sometime")
