"""What a screen reader says about the timeline, from the columns alone: an event's place in its
lane ("3 of 85 in Summits and meetings"), the dates in view and how many events they hold."""

import datetime as dt

from explorer.domain.dates import day_number
from explorer.domain.events import Lane
from explorer.store.columns import LANE_ORDER
from explorer.timeline.spoken import place_in_lane, range_text, rows_in_view, view_text

ALL = frozenset(Lane)


def _day(year, month, day):
    return float(day_number(dt.date(year, month, day)))


def test_an_event_is_placed_among_its_lanes_events_in_view(bundled):
    columns = bundled.model.columns
    first, last = _day(2008, 1, 1), _day(2013, 1, 1)
    rows = rows_in_view(columns, first, last, ALL)
    meetings = [int(r) for r in rows if LANE_ORDER[columns.lane[r]] is Lane.MEETINGS]
    assert len(meetings) > 2
    for number, position in enumerate(meetings, start=1):
        place = place_in_lane(columns, position, first, last)
        assert place.text() == f"{number} of {len(meetings)} in Summits and meetings"


def test_an_event_out_of_view_is_placed_in_its_whole_lane(bundled):
    columns = bundled.model.columns
    lane = LANE_ORDER.index(Lane.FUNDS)
    in_lane = [i for i in range(len(columns)) if columns.lane[i] == lane]
    place = place_in_lane(columns, in_lane[-1], _day(2001, 1, 1), _day(2001, 2, 1))
    assert (place.number, place.count, place.lane) == (len(in_lane), len(in_lane), Lane.FUNDS)


def test_the_view_is_said_with_its_dates_and_count(bundled):
    columns = bundled.model.columns
    first, last = _day(2016, 1, 1), _day(2017, 1, 1)  # the end is exclusive
    assert range_text(first, last) == "1 Jan 2016 – 31 Dec 2016"
    shown = frozenset({Lane.MEETINGS})
    count = len(rows_in_view(columns, first, last, shown))
    assert view_text(columns, first, last, shown) == (
        f"Showing 1 Jan 2016 – 31 Dec 2016, {count} event{'s' if count != 1 else ''}"
    )
    assert count < len(rows_in_view(columns, first, last, ALL))
