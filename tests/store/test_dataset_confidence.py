"""The bundled dataset against the confidence rule written in README ("Where the facts come
from"), the corrections made after checking it against its sources, and the data-quality check."""

import datetime as dt

import pytest

from explorer.domain.dates import Precision
from explorer.domain.details import meeting_details
from explorer.domain.quality import findings, is_secondary
from explorer.domain.series import troop_gaps
from explorer.store.dataset import bundled_dataset, install_bundled_dataset
from explorer.store.store import Store
from tests.data_facts import facts_table as facts

EVENTS = [event for _, event in bundled_dataset().events]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("confidence") / "events.sqlite3")
    install_bundled_dataset(store)
    yield store
    store.close()


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.key)
def test_every_event_keeps_the_confidence_rule(event):
    assert event.sources, "every event names a source"
    if event.confidence == "high":
        assert not all(is_secondary(s) for s in event.sources), "high needs a non-secondary source"
        assert event.when.precision is not Precision.APPROXIMATE, "high needs a stated date"


def test_secondary_sources_are_recognised_by_what_their_publisher_says():
    publishers = {s.publisher: is_secondary(s) for e in EVENTS for s in e.sources}
    assert publishers["WikiMili (Wikipedia mirror)"]
    assert publishers["docslib.org (copy of NATO document)"]
    assert publishers["newsreportmx.com (reprint of NATO release)"]
    assert not publishers["NATO"]
    assert not publishers["United Nations"]
    assert not publishers["Stars and Stripes"]


def test_the_shipped_dataset_has_no_quality_findings():
    assert [f.line() for f in findings(EVENTS)] == []


@pytest.mark.parametrize("key, iso", facts.CORRECTED_DATES)
def test_corrected_dates_survive_the_store(store, key, iso):
    assert store.event(key).when.iso() == iso


@pytest.mark.parametrize("key, confidence", facts.CONFIDENCE_MARKS)
def test_confidence_marks(store, key, confidence):
    assert store.event(key).confidence == confidence


@pytest.mark.parametrize("key, participants", facts.CORRECTED_PARTICIPANTS)
def test_corrected_participants(store, key, participants):
    assert list(meeting_details(store.event(key)).participants) == participants


@pytest.mark.parametrize("key, text", facts.CORRECTED_WORDING)
def test_corrected_wording(store, key, text):
    assert text in store.event(key).summary


def test_the_2017_defence_ministers_recorded_their_funding_decision(store):
    decisions = meeting_details(store.event("defence-ministers-2017-11")).decisions
    assert ("ana-trust-fund" in [d.concerns for d in decisions]) and any(
        "funding" in d.text for d in decisions
    )


@pytest.mark.parametrize("mission, key, first_day, next_key", facts.TROOP_GAPS)
def test_unsourced_stretches_are_gaps_not_held_figures(store, mission, key, first_day, next_key):
    gaps = {g.after_key: g for g in troop_gaps(store.troop_series(mission))}
    gap = gaps[key]
    assert gap.before_key == next_key
    assert dt.date(1970, 1, 1) + dt.timedelta(days=gap.start_day) == dt.date.fromisoformat(
        first_day
    )


@pytest.mark.parametrize("key, kind, first, last", facts.ADDED_EVENTS)
def test_added_events_have_their_kind_days_and_sources(store, key, kind, first, last):
    event = store.event(key)
    assert event.kind.value == kind and event.sources
    assert (event.when.start, event.when.last) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )


@pytest.mark.parametrize("key, meeting", facts.MISSIONS_DECIDED_AT)
def test_missions_name_where_they_were_decided(store, key, meeting):
    assert ("decided_at", meeting) in [
        (r.type.value, r.target_key) for r in store.event(key).relations
    ]


@pytest.mark.parametrize("key, field, words", facts.FACTSHEET_DETAILS)
def test_fact_sheet_items_in_the_details(store, key, field, words):
    assert words in store.event(key).details["figures"][field]


@pytest.mark.parametrize("key, words", facts.FACTSHEET_SUMMARY_TEXTS)
def test_fact_sheet_items_in_the_summary(store, key, words):
    assert words in store.event(key).summary


@pytest.mark.parametrize("meeting, words, concerns", facts.FACTSHEET_MORE_DECISIONS)
def test_fact_sheet_decisions_added(store, meeting, words, concerns):
    decisions = meeting_details(store.event(meeting)).decisions
    assert any(words in d.text and d.concerns == concerns for d in decisions)
