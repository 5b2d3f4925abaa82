"""Events read from JSON objects, and written back (the export format)."""

import pytest

from explorer.domain.dataset import DatasetError, event_to_json, parse_event
from explorer.domain.dates import FuzzyDate, Precision
from explorer.domain.events import RelationType

FULL = {
    "id": "warsaw-summit-2016",
    "kind": "summit",
    "title": "Warsaw Summit",
    "date": "2016-07-08/2016-07-09",
    "precision": "day_range",
    "date_wording": "8-9 July 2016",
    "summary": "Allies agreed to sustain the mission.",
    "confidence": "medium",
    "origin": "user",
    "details": {"place": "Warsaw, Poland", "level": "heads_of_state_and_government"},
    "relations": [{"type": "reaffirmed_at", "target": "other-event"}],
    "sources": [
        {
            "title": "Fact sheet",
            "url": "https://www.nato.int/",
            "section": "Funding",
            "paragraph": "2",
            "publisher": "NATO",
        }
    ],
}


def test_an_event_survives_json_both_ways():
    event = parse_event(FULL, "f.json")
    assert event.relations[0].type is RelationType.REAFFIRMED_AT
    assert event.when.display() == "8-9 July 2016"
    assert event_to_json(event) == FULL


def test_sources_may_refer_to_a_catalogue():
    from explorer.domain.events import Source

    raw = dict(FULL, sources=[{"ref": "fs", "section": "S", "paragraph": "3"}])
    event = parse_event(raw, "f.json", {"fs": Source("Fact sheet", None, publisher="NATO")})
    assert event.sources[0].title == "Fact sheet" and event.sources[0].paragraph == "3"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"id": "no spaces allowed"}, "id"),
        ({"kind": "party"}, "kind"),
        ({"title": "  "}, "title"),
        ({"date": "8 July 2016"}, "date"),
        ({"date": "2016-02-30"}, "date"),
        ({"precision": "roughly"}, "date"),
        ({"confidence": "certain"}, "confidence"),
        ({"details": []}, "details"),
        ({"relations": [{"type": "likes", "target": "x"}]}, "relations[0].type"),
        ({"relations": [{"type": "extends"}]}, "relations[0].target"),
        ({"sources": [{"title": "T", "url": "javascript:alert(1)"}]}, "sources[0].url"),
        ({"sources": [{"ref": "nowhere"}]}, "sources[0].ref"),
    ],
)
def test_each_fault_names_file_event_and_field(change, field):
    with pytest.raises(DatasetError) as caught:
        parse_event(dict(FULL, **change), "meetings.json")
    assert caught.value.field == field
    assert str(caught.value).startswith("meetings.json")


def test_a_stated_precision_overrides_the_derived_one():
    assert FuzzyDate.parse("2014-09/2014-12").precision is Precision.APPROXIMATE
    assert FuzzyDate.parse("2018", "approximate", "over the course of 2018").precision is (
        Precision.APPROXIMATE
    )
    assert FuzzyDate.parse("2016-07-08/2016-07-09").precision is Precision.DAY_RANGE
    assert FuzzyDate.parse("2010/2012").exact_text() == "2010–2012"
    assert (
        FuzzyDate.parse("2014-12-31/2015-01-02").exact_text() == "31 December 2014 – 2 January 2015"
    )
