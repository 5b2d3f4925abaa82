"""The queries the window and the command line use, on real store files."""

import random
import sqlite3

import pytest

from explorer.domain.dates import FuzzyDate, date_of
from explorer.domain.events import EventKind
from explorer.store import ImportRejected, Store
from explorer.store.connection import APPLICATION_ID, SCHEMA_VERSION, migrations
from explorer.store.store import SPAN_BIN_SHIFTS, TOP_BIN, span_bin
from tests.store.factory import bundled_store, event, new_store


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
    # whatever it finds are the store's own events, as the list would show them
    assert all(store.summary_by_key(s.key) == s for s in found)
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
    assert rsm.when.iso() == "2015-01-01/2021-09"  # the exact launch day is kept
    assert rsm.when.exact_text() == "1 January 2015 – September 2021"
    assert [(r.type.value, r.target_key) for r in rsm.relations] == [("supersedes", "isaf")]
    assert rsm.sources[0].url == "https://example.org/"


def _random_spans(rng, count):
    """(first day, last day) pairs: single days, spans of weeks to centuries, pre-1970 too."""
    spans = []
    for _ in range(count):
        start = rng.randrange(day("1850-01-01"), day("2040-01-01"))
        length = rng.choice([1, 1, 1, rng.randrange(2, 70), rng.randrange(70, 5000)])
        length = rng.choice([length, length, rng.randrange(5000, 60000)])
        spans.append((start, start + length - 1))
    # the extremes a date can reach, and spans across the bins' power-of-two boundaries
    spans += [(day("0001-01-01"), day("0001-01-01")), (day("9999-12-31"), day("9999-12-31"))]
    spans += [(day("0001-01-01"), day("9999-12-31")), (-1, 0), (-8, -1), (-4097, 4096)]
    return spans


def _span_events(spans):
    return [
        event(f"e{i}", f"{date_of(first).isoformat()}/{date_of(last).isoformat()}")
        for i, (first, last) in enumerate(spans)
    ]


def _windows(rng, count):
    for _ in range(count):
        start = rng.randrange(day("1800-01-01"), day("2060-01-01"))
        width = rng.choice([0, 1, 7, 60, 400, 5000, 40000, -3])
        yield start, start + width
    yield day("0001-01-01"), day("0001-01-02")
    yield day("9999-12-31"), day("9999-12-31") + 1
    yield -(10**9), 10**9


def _brute_force(rows, start, end):
    """The overlapping events by definition, in time order."""
    found = sorted((s, i, key) for i, key, s, e in rows if s < end and e > start)
    return [key for _s, _i, key in found]


def test_a_window_finds_what_a_scan_of_every_event_finds(tmp_path):
    rng = random.Random(6)
    with new_store(tmp_path) as store:
        store.add_events(_span_events(_random_spans(rng, 600)))
        rows = store.execute("SELECT id, key, start_day, end_day FROM event").fetchall()
        assert min(r[2] for r in rows) < 0  # before 1970
        for start, end in _windows(rng, 300):
            assert keys(store.events_between(start, end)) == _brute_force(rows, start, end)
        sample = (day("1900-01-01"), day("2000-01-01"))
        assert keys(store.events_between(*sample, limit=5)) == _brute_force(rows, *sample)[:5]


def test_the_bin_of_every_event_is_the_one_span_bin_computes(tmp_path):
    # span_bins_filter trusts span_bin's arithmetic to be the migration's SQL, bin for bin
    spans = _random_spans(random.Random(10), 600)
    with new_store(tmp_path) as store:
        store.add_events(_span_events(spans))
        rows = store.execute("SELECT start_day, end_day, bin FROM event").fetchall()
        assert len(rows) == len(spans)
        assert len({b for _s, _e, b in rows}) > 100  # many bins, on every level
        assert {b // (1 << 22) for _s, _e, b in rows} == set(range(len(SPAN_BIN_SHIFTS) + 1))
        for start, end, sql_bin in rows:
            assert span_bin(start, end) == sql_bin, (start, end)
        # and at the edge of the days a date can hold, and past it (only the SQL writes these)
        last_binned = (3 * 2**20 - 1, 3 * 2**20)
        assert span_bin(*last_binned) < TOP_BIN
        for start, end in ((-(2**20) - 1, -(2**20)), (3 * 2**20, 3 * 2**20 + 1), (0, 2**23)):
            sql_bin = store.execute(
                "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
                " VALUES (?, 'other', 'Far', ?, ?, 'day_range') RETURNING bin",
                (f"far{start}", start, end),
            ).fetchone()[0]
            assert span_bin(start, end) == sql_bin == TOP_BIN
        sql_bin = store.execute(
            "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
            " VALUES ('edge', 'other', 'Edge', ?, ?, 'day') RETURNING bin",
            last_binned,
        ).fetchone()[0]
        assert span_bin(*last_binned) == sql_bin


def test_a_store_of_version_2_with_events_climbs_to_the_binned_span_index(tmp_path):
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    for number, _name, sql in migrations()[:2]:
        conn.executescript(sql)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {number}")
    spans = _random_spans(random.Random(8), 300)
    conn.executemany(
        "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
        " VALUES (?, 'other', 'Old event', ?, ?, 'day_range')",
        [(f"old{i}", first, last + 1) for i, (first, last) in enumerate(spans)],
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION >= 3
        tables = {r[0] for r in store.execute("SELECT name FROM sqlite_schema")}
        assert "event_span" not in tables and "event_bin" in tables
        rows = store.execute("SELECT id, key, start_day, end_day FROM event").fetchall()
        for start, end in _windows(random.Random(9), 200):
            assert keys(store.events_between(start, end)) == _brute_force(rows, start, end)
        # the triggers still keep full-text search in step, without the R*Tree
        assert keys(store.search("old event", limit=3))
        store.add_events([event("new", "2016-07-08")])
        assert keys(store.events_between(day("2016-07-08"), day("2016-07-09")))[-1:] == ["new"]
        assert store.integrity_problems() == []


def test_curated_structure_queries_find_mission_periods_and_funds(tmp_path):
    store = Store(bundled_store(tmp_path / "bundled.sqlite3"))
    annotations = store.timeline_annotations()
    periods = {store.summary(era.event_id).key for era in annotations.eras}
    assert periods == {"isaf-nato-command", "resolute-support-mission"}
    funds = {store.summary(fund_id).key for fund_id, _ in annotations.fund_horizons}
    assert "ana-trust-fund" in funds
    assert store.count_of_kind("fund") == 3
    store.close()


def test_the_bundled_keys_are_read_from_their_own_small_index(tmp_path):
    from explorer.store.dataset import BUNDLED_KEYS

    store = Store(bundled_store(tmp_path / "bundled.sqlite3"))
    plan = " ".join(row[-1] for row in store.execute(f"EXPLAIN QUERY PLAN {BUNDLED_KEYS}"))
    assert "USING INDEX event_origin" in plan or "COVERING INDEX event_origin" in plan
    assert len(list(store.execute(BUNDLED_KEYS))) == store.count() > 80


def test_a_new_store_has_16_kib_pages(tmp_path):
    store = new_store(tmp_path)
    assert store.execute("PRAGMA page_size").fetchone()[0] == 16384


def test_summaries_of_many_ids_come_in_the_order_asked_with_none_for_no_event(tmp_path):
    store = new_store(tmp_path)
    store.add_events(event(f"e{i}", f"2010-01-{1 + i % 28:02d}") for i in range(1200))
    ids = [store.id_of(f"e{i}") for i in range(1199, -1, -1)]  # more than one statement's worth
    asked = [ids[3], 10**9, *ids]
    got = store.summaries(asked)
    assert len(got) == len(asked)
    assert got[1] is None
    assert [s.id for s in got[2:]] == ids and got[0] == store.summary(ids[3])
    assert store.summaries([]) == []
    store.close()
