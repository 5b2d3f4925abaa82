"""The store's one query for the timeline's annotations, at its edges."""

from explorer.store.annotations import MAX_OF_A_KIND
from tests.timeline.stores import event


def add_funds(store, n: int) -> None:
    """``n`` funds without details, written fast."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
            " VALUES (?, 'fund', 'A fund', 15000, 15001, 'day')",
            [(f"fund-{i}",) for i in range(n)],
        )


def test_a_mission_with_two_periods_still_has_each_step_once(small_store):
    small_store.add_events(
        [
            event(
                "rsm-2",
                "mission_milestone",
                "2016",
                "RSM again",
                mission="RSM",
                mission_period=True,
            )
        ]
    )
    annotations = small_store.timeline_annotations()
    assert [era.title for era in annotations.eras] == ["ISAF", "Resolute Support", "RSM again"]
    ids = [step.event_id for step in annotations.steps]
    assert len(ids) == len(set(ids)) == 2


def test_a_commitment_made_at_a_meeting_the_store_lacks_stretches_the_fund_without_a_mark(
    small_store,
):
    lone = event(
        "lone-fund",
        "fund",
        "2009",
        commitments=[{"horizon": "2030", "set_at": "no-such-meeting", "action": "set"}],
    )
    small_store.add_events([lone])
    annotations = small_store.timeline_annotations()
    fund_id = small_store.id_of("lone-fund")
    assert (fund_id, 22280.0) in annotations.fund_horizons  # 2031-01-01
    assert fund_id not in {mark.fund_id for mark in annotations.commitments}
    assert len(annotations.commitments) == 1  # the ANA fund's, made at Warsaw


def test_too_many_funds_leave_the_funds_unannotated_but_keep_the_eras(small_store):
    add_funds(small_store, MAX_OF_A_KIND)  # one more than the limit, with the ANA fund
    annotations = small_store.timeline_annotations()
    assert annotations.commitments == () and annotations.fund_horizons == ()
    assert len(annotations.eras) == 2 and len(annotations.steps) == 2


def test_exactly_the_limit_of_a_kind_is_still_annotated(small_store):
    add_funds(small_store, MAX_OF_A_KIND - 1)  # the ANA fund makes it the limit
    assert len(small_store.timeline_annotations().commitments) == 1
