"""The queries the window and the command line use, on real store files."""

import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import EventKind
from explorer.store import ImportRejected
from tests.store.factory import event, new_store


def day(text):
    return FuzzyDate.parse(text).start_day


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    store.add_events(
        [
            event("isaf", "2003-08-11/2014-12-31", "mission_milestone", "ISAF under NATO command"),
            event(
                "rsm",
                "2015-01-01/2021-09",
                "mission_milestone",
                "Resolute Support Mission",
                relations=[{"type": "supersedes", "target": "isaf"}],
            ),
            event(
                "wales",
                "2014-09-04/2014-09-05",
                "summit",
                "Wales Summit",
                summary="Allies prepared the follow-on mission.",
            ),
            event(
                "warsaw",
                "2016-07-08/2016-07-09",
                "summit",
                "Warsaw Summit",
                summary="The summit extended funding for the Afghan forces.",
            ),
            event("chicago", "2012-05-20/2012-05-21", "summit", "Chicago Summit"),
            event(
                "funding-note",
                "2016-07",
                "other",
                "Funding note",
                summary="Funding funding funding for the Warsaw decisions.",
                relations=[{"type": "decided_at", "target": "warsaw"}],
            ),
        ]
    )
    yield store
    store.close()


def keys(summaries):
    return [s.key for s in summaries]


def test_a_window_finds_events_overlapping_it_including_long_spans(store):
    found = store.events_between(day("2016-01-01"), day("2016-12-31"))
    assert keys(found) == ["rsm", "funding-note", "warsaw"]
    # a window inside ISAF's eleven years, far from its start and end, still finds it
    assert keys(store.events_between(day("2009-03-01"), day("2009-03-02"))) == ["isaf"]
    # the end is exclusive, the start inclusive: the last day of ISAF is 2014-12-31
    assert keys(store.events_between(day("2015-01-01"), day("2015-01-02"))) == ["rsm"]
    assert "isaf" in keys(store.events_between(day("2014-12-31"), day("2015-01-01")))


def test_a_window_can_be_limited_to_kinds(store):
    found = store.events_between(day("2000"), day("2030"), kinds=[EventKind.SUMMIT])
    assert keys(found) == ["chicago", "wales", "warsaw"]
    assert store.events_between(day("2000"), day("2030"), kinds=[]) == []


def test_neighbours_step_through_time_and_stop_at_the_ends(store):
    assert store.neighbour("wales", +1).key == "rsm"
    assert store.neighbour("wales", -1).key == "chicago"
    assert store.neighbour("isaf", -1) is None
    assert store.neighbour("warsaw", +1) is None
    assert store.neighbour("chicago", +1, kinds=["summit"]).key == "wales"
    assert store.edge(last=False).key == "isaf" and store.edge(last=True).key == "warsaw"


def test_relations_are_seen_from_both_ends(store):
    from_rsm = store.linked_events("rsm")
    from_isaf = store.linked_events("isaf")
    assert [(link.label, link.other.key) for link in from_rsm] == [("supersedes", "isaf")]
    assert [(link.label, link.other.key) for link in from_isaf] == [("superseded by", "rsm")]
    assert [(link.label, link.other.key) for link in store.linked_events("warsaw")] == [
        ("decided here", "funding-note")
    ]


def test_search_ranks_title_hits_first_and_matches_prefixes(store):
    assert keys(store.search("warsaw")) == ["warsaw", "funding-note"]
    assert keys(store.search("fund")) == ["funding-note", "warsaw"]
    assert keys(store.search("summit", kinds=["summit"]))[:1] in (
        ["chicago"],
        ["wales"],
        ["warsaw"],
    )


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "'",
        "*",
        "warsaw*",
        "NEAR(",
        "NEAR(warsaw summit",
        "a OR",
        "title:",
        "-",
        "^",
        '")(',
        "",
    ],
)
def test_hostile_search_text_never_fails(store, typed):
    found = store.search(typed)
    assert all(hasattr(s, "key") for s in found)
    if typed == "warsaw*":
        assert keys(found) == ["warsaw", "funding-note"]


def test_a_failed_write_leaves_nothing_behind(store):
    before = store.count()
    bad = [
        event("new-one", "2019"),
        event("new-two", "2019", relations=[{"type": "extends", "target": "nowhere"}]),
    ]
    with pytest.raises(ImportRejected):
        store.add_events(bad)
    assert store.count() == before
    assert store.event("new-one") is None
    assert store.search("new") == []
    assert keys(store.events_between(day("2019"), day("2020"))) == ["rsm"]


def test_an_exception_inside_a_transaction_rolls_back(store):
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("DELETE FROM event")
        raise RuntimeError("stop")
    assert store.count() == 6
    assert store.integrity_problems() == []


def test_one_event_comes_back_with_everything(store):
    rsm = store.event("rsm")
    assert rsm.when.iso() == "2015-01/2021-09"
    assert rsm.when.exact_text() == "January 2015 – September 2021"
    assert [(r.type.value, r.target_key) for r in rsm.relations] == [("supersedes", "isaf")]
    assert rsm.sources[0].url == "https://example.org/"
