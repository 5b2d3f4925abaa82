"""The model of the bundled history: every event in one lane part, the eras, troop steps and
fund commitments read by the store's one query, and nothing annotated in a big store."""

import numpy as np

from explorer.domain.events import EventKind, Lane
from explorer.store.annotations import MAX_OF_A_KIND
from explorer.store.columns import LANE_ORDER, load_columns
from explorer.timeline.model import LONG_DAYS, load_timeline_model, nearest_in_lane
from explorer.timeline.titles import TitleCache
from tests.timeline.stores import fill_synthetic


def test_every_event_sits_once_in_its_lane_as_a_point_or_a_long_span(bundled):
    model = bundled.model
    seen = []
    for code, lane in enumerate(LANE_ORDER):
        points, spans = model.points[lane], model.spans[lane]
        for part, long in ((points, False), (spans, True)):
            assert (model.columns.lane[part.index] == code).all()
            assert (np.diff(part.start) >= 0).all()
            assert (((part.end - part.start) >= LONG_DAYS) == long).all()
            seen += part.index.tolist()
    assert sorted(seen) == list(range(len(model.columns)))
    assert len(model.spans[Lane.MISSIONS]) and len(model.points[Lane.MEETINGS])


def test_the_eras_are_the_two_mission_periods(bundled):
    eras = bundled.model.eras
    assert [(era.title, era.mission) for era in eras] == [
        ("ISAF under NATO command", "ISAF"),
        ("Resolute Support Mission", "RSM"),
    ]
    isaf = bundled.store.summary(eras[0].event_id)
    assert (eras[0].start, eras[0].end) == (isaf.when.start_day, isaf.when.end_day)


def test_each_troop_step_lasts_until_the_next_and_links_its_change(bundled):
    steps, store = bundled.model.steps, bundled.store
    assert {step.mission for step in steps} == {"ISAF", "RSM"}
    for step in steps:
        assert store.summary(step.event_id).kind is EventKind.TROOP_LEVEL_CHANGE
        assert step.end > step.start
    for mission in ("ISAF", "RSM"):
        mine = [s for s in steps if s.mission == mission]
        assert [s.end for s in mine[:-1]] == [s.start for s in mine[1:]]
        era = next(era for era in bundled.model.eras if era.mission == mission)
        assert mine[-1].end == era.end
    rsm = [s for s in steps if s.mission == "RSM"]
    assert [s.level for s in store.troop_series("RSM")] == [s.level for s in rsm]
    assert rsm[0].text == "~13,000"


def test_the_fund_reaches_its_latest_horizon_with_a_mark_per_commitment_meeting(bundled):
    model, store = bundled.model, bundled.store
    fund = bundled.position("ana-trust-fund")
    assert model.drawn.end[fund] == 20089  # 2025-01-01: the end of the "through 2024" horizon
    assert model.drawn.end[fund] > model.columns.end[fund]
    marks = model.commitments
    assert {mark.fund_id for mark in marks} == {store.id_of("ana-trust-fund")}
    warsaw = store.summary(store.id_of("warsaw-summit-2016"))
    (at_warsaw,) = [mark for mark in marks if mark.meeting_id == warsaw.id]
    assert at_warsaw.day == warsaw.when.start_day
    assert at_warsaw.text == "extended: until the end of 2020"
    for mark in marks:
        assert store.summary(mark.meeting_id).kind.is_meeting


def test_unstretched_columns_are_shared_not_copied(small_store):
    small_store.remove_events(["ana-fund"])
    model = load_timeline_model(small_store, load_columns(small_store))
    assert model.drawn.end is model.columns.end
    assert model.commitments == ()


def test_a_store_too_big_to_be_a_curated_history_gets_no_annotations(bundled_store):
    fill_synthetic(bundled_store, 11 * MAX_OF_A_KIND)  # past the limit for every kind
    model = load_timeline_model(bundled_store, load_columns(bundled_store))
    assert (model.eras, model.steps, model.commitments) == ((), (), ())
    assert model.drawn.end is model.columns.end  # no fund stretched to its horizon


def test_nearest_in_lane_picks_the_closer_of_two_neighbouring_starts(bundled):
    model = bundled.model
    meetings = model.points[Lane.MEETINGS]
    gaps = np.diff(meetings.start)
    i = int(np.argmax(gaps))  # the longest quiet time between two meetings
    before, after = meetings.start[i], meetings.start[i + 1]
    assert nearest_in_lane(model, Lane.MEETINGS, before + 0.3 * gaps[i]) == meetings.index[i]
    assert nearest_in_lane(model, Lane.MEETINGS, before + 0.7 * gaps[i]) == meetings.index[i + 1]
    assert nearest_in_lane(model, Lane.MEETINGS, after + 1e5) == meetings.index[-1]


def test_the_title_cache_reads_only_what_it_is_asked_and_forgets_the_oldest(small_store):
    titles = TitleCache(small_store, size=2)
    warsaw, visit, rsm = (small_store.id_of(k) for k in ("warsaw-summit-2016", "visit-2010", "rsm"))
    assert titles.get(warsaw) is None
    assert titles.fetch(warsaw).title == "Warsaw Summit"
    version = titles.version
    titles.fetch_many([visit, rsm])
    assert titles.version == version + 1
    assert titles.get(warsaw) is None and titles.get(rsm).title == "Resolute Support"
