"""A date is said once: the source's wording only where it says more than the exact form."""

from explorer.domain.dates import FuzzyDate
from explorer.domain.details import mission_name
from explorer.domain.events import EventKind


def test_wording_that_only_repeats_the_exact_form_is_not_shown_twice():
    warsaw = FuzzyDate.parse("2016-07-08/2016-07-09", wording="8-9 July 2016")
    assert warsaw.distinct_wording is None
    assert warsaw.full_text() == "8–9 July 2016"


def test_wording_that_says_more_follows_the_exact_form():
    late = FuzzyDate.parse("2014", wording="late 2014")
    assert late.distinct_wording == "late 2014"
    assert late.full_text() == "2014 (as written: late 2014)"
    assert FuzzyDate.parse("2016-07-08").full_text() == "8 July 2016"


def test_kind_headings_and_mission_names():
    assert EventKind.UN_RESOLUTION.heading == "UN resolution"
    assert EventKind.TROOP_LEVEL_CHANGE.heading == "Troop-level change"
    assert mission_name("RSM") == "Resolute Support Mission"
    assert mission_name("Mission 7") == "Mission 7"  # a store's own code stays as written
