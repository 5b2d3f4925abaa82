from explorer.domain.dataset import parse_event
from explorer.domain.series import troop_series


def change(key, date, mission, after, period=None, approximate=False):
    details = {"mission": mission, "level_after": after, "approximate": approximate}
    if period:
        details["period"] = {"date": period}
    raw = {"id": key, "kind": "troop_level_change", "title": key, "date": date, "details": details}
    return parse_event(raw, "t")


def test_series_steps_in_time_order_per_mission():
    events = [
        change("rsm-2018", "2018", "RSM", 16000, period="2018", approximate=True),
        change("isaf-2003", "2003-08-11", "ISAF", 5000),
        change("rsm-2015", "2015-01-01", "RSM", 13000),
        change("rsm-announced", "2020-02", "RSM", None),
    ]
    steps = troop_series(events, "RSM")
    assert [(s.event_key, s.level, s.approximate) for s in steps] == [
        ("rsm-2015", 13000, False),
        ("rsm-2018", 16000, True),
    ]
    # a change over a period takes effect when the period ends
    assert (
        steps[1].day
        == parse_event(
            {"id": "x", "kind": "other", "title": "x", "date": "2018-12-31"}, "t"
        ).when.start_day
    )
    assert [s.level for s in troop_series(events, "ISAF")] == [5000]
