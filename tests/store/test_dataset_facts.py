"""Every fact-sheet meeting, figure, fund and link is in the bundled dataset (table-driven from
tests/data_facts/facts_table.py, which the dataset's author keeps)."""

import datetime as dt

import pytest

from explorer.domain.dates import day_number
from explorer.domain.details import fund_details, meeting_details, mission_details
from explorer.domain.details import troop_level_change as troop_change
from explorer.store.store import Store
from tests.data_facts import facts_table as facts
from tests.store.factory import bundled_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store(bundled_store(tmp_path_factory.mktemp("facts") / "events.sqlite3"))
    yield store
    store.close()


def get(store, key):
    event = store.event(key)
    assert event is not None, f"no event {key!r} in the dataset"
    return event


def days(first, last):
    return day_number(dt.date.fromisoformat(first)), day_number(dt.date.fromisoformat(last)) + 1


def interval(event):
    return event.when.start_day, event.when.end_day


@pytest.mark.parametrize(
    "key, kind, first, last", facts.FACTSHEET_MEETINGS + facts.FACTSHEET_MILESTONES
)
def test_meetings_and_milestones_have_their_kind_and_days(store, key, kind, first, last):
    event = get(store, key)
    assert event.kind.value == kind
    assert interval(event) == days(first, last)


@pytest.mark.parametrize("key, wording", facts.FACTSHEET_DATE_WORDINGS)
def test_the_sheets_own_date_wording_is_kept(store, key, wording):
    assert get(store, key).when.wording == wording


@pytest.mark.parametrize("meeting, concerns", facts.FACTSHEET_DECISIONS)
def test_meeting_decisions(store, meeting, concerns):
    decisions = meeting_details(get(store, meeting)).decisions
    assert concerns in [d.concerns for d in decisions]


@pytest.mark.parametrize("key, mission, before, after", facts.FACTSHEET_TROOP_FIGURES)
def test_troop_figures(store, key, mission, before, after):
    change = troop_change(get(store, key))
    assert (change.mission, change.level_before, change.level_after) == (mission, before, after)


@pytest.mark.parametrize("key, nations", facts.FACTSHEET_CONTRIBUTING_NATIONS)
def test_contributing_nations(store, key, nations):
    assert troop_change(get(store, key)).contributing_nations == nations


@pytest.mark.parametrize("key, meeting", facts.TROOP_CHANGES_DECIDED_AT)
def test_troop_changes_name_the_meeting_that_decided_them(store, key, meeting):
    assert ("decided_at", meeting) in [
        (r.type.value, r.target_key) for r in get(store, key).relations
    ]


@pytest.mark.parametrize("key, mission, first, level", facts.TROOP_SERIES)
def test_troop_series_points(store, key, mission, first, level):
    event = get(store, key)
    assert event.when.start == dt.date.fromisoformat(first)
    assert troop_change(event).level_after == level
    steps = {s.event_key: s.level for s in store.troop_series(mission)}
    if level is None:
        assert key not in steps
    else:
        assert steps[key] == level


@pytest.mark.parametrize("key, administrator, established", facts.FACTSHEET_FUNDS)
def test_funds(store, key, administrator, established):
    fund = fund_details(get(store, key))
    assert fund.administrator == administrator
    assert fund.established.iso() == established


@pytest.mark.parametrize("key, amount, qualifier, as_of", facts.FUND_CONTRIBUTIONS)
def test_fund_contributions(store, key, amount, qualifier, as_of):
    found = [
        (c.amount_usd, c.qualifier, c.as_of.iso())
        for c in fund_details(get(store, key)).contributions
    ]
    assert (amount, qualifier, as_of) in found


@pytest.mark.parametrize("key, horizon, meeting, action", facts.FACTSHEET_COMMITMENT_HORIZONS)
def test_commitment_horizons_name_the_meeting(store, key, horizon, meeting, action):
    commitments = fund_details(get(store, key)).commitments
    assert (horizon, meeting, action) in [
        (c.horizon.iso(), c.set_at, c.action) for c in commitments
    ]
    get(store, meeting)


@pytest.mark.parametrize("meeting, who, amount, per", facts.FACTSHEET_PLEDGES)
def test_pledges_at_meetings(store, meeting, who, amount, per):
    event = get(store, meeting)
    words = f"{amount // 1_000_000} million"
    texts = [d.text for d in meeting_details(event).decisions] + [str(event.details)]
    assert any(who in t and words in t for t in texts)


@pytest.mark.parametrize("key, mission", facts.MISSION_PERIODS)
def test_mission_periods(store, key, mission):
    details = mission_details(get(store, key))
    assert details.mission == mission and details.mission_period


@pytest.mark.parametrize("key, name, role, region", facts.FACTSHEET_PLACES)
def test_the_hub_and_its_spokes(store, key, name, role, region):
    places = [(p.name, p.role, p.region or None) for p in mission_details(get(store, key)).places]
    assert (name, role, region) in places


@pytest.mark.parametrize("area", facts.ROADMAP_FOCUS_AREAS)
def test_roadmap_focus_areas(store, area):
    figures = get(store, "afghan-security-roadmap-2017").details.get("figures", {})
    assert area in " ".join(map(str, figures.values())).lower()


@pytest.mark.parametrize("key, relation, target", facts.FACTSHEET_RELATIONS)
def test_relations(store, key, relation, target):
    assert (relation, target) in [(r.type.value, r.target_key) for r in get(store, key).relations]
    assert (key, relation) in [
        (link.other.key, link.type.value)
        for link in store.linked_events(target)
        if not link.outgoing
    ]


@pytest.mark.parametrize("entry, keys", sorted(facts.FACTS_BEYOND_INCLUDED.items()))
def test_facts_beyond_the_sheet_are_present_and_sourced(store, entry, keys):
    for key in keys:
        assert get(store, key).sources


def test_every_event_is_sourced_and_no_relation_dangles(store):
    for event in store.iter_events():
        assert event.sources, event.key
        for relation in event.relations:
            assert store.id_of(relation.target_key) is not None
    assert store.integrity_problems() == []


def test_the_summits_run_from_2001_to_2021(store):
    summits = [e for e in store.iter_events() if e.kind.value == "summit"]
    years = {e.when.start.year for e in summits}
    assert min(years) >= 2001 and max(years) <= 2021
    assert {2004, 2008, 2009, 2010, 2012, 2014, 2016, 2018, 2021} <= years
