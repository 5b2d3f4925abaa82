"""Keyboard moves over the model's columns: next/previous in time among the shown lanes, the
nearest event in the lane above or below, first and last, and where a zoom stays put."""

import numpy as np

from explorer.domain.events import Lane
from explorer.store.columns import LANE_ORDER
from explorer.timeline import navigation

ALL = frozenset(Lane)


def walk(model, shown, step):
    """Positions visited pressing Right (step 1) or Left (-1) from one end to the other."""
    here = navigation.edge(model, step < 0, shown)
    visited = []
    while here is not None:
        visited.append(here)
        here = navigation.step_in_time(model, here, step, shown)
    return visited


def test_right_visits_every_event_in_time_order_and_left_walks_back(bundled):
    model = bundled.model
    forward = walk(model, ALL, 1)
    assert forward == list(range(len(model.columns)))
    assert walk(model, ALL, -1) == forward[::-1]


def test_hidden_lanes_are_skipped(bundled):
    model = bundled.model
    shown = ALL - {Lane.MEETINGS, Lane.FUNDS}
    visited = walk(model, shown, 1)
    lanes = {LANE_ORDER[code] for code in model.columns.lane[visited]}
    assert lanes == shown
    expected = np.flatnonzero(np.isin(model.columns.lane, [LANE_ORDER.index(x) for x in shown]))
    assert visited == expected.tolist()


def test_home_and_end_are_the_first_and_last_shown_events(bundled):
    model = bundled.model
    assert navigation.edge(model, False, ALL) == 0
    assert navigation.edge(model, True, ALL) == len(model.columns) - 1
    funds = navigation.edge(model, False, frozenset({Lane.FUNDS}))
    assert LANE_ORDER[model.columns.lane[funds]] is Lane.FUNDS
    assert navigation.edge(model, False, frozenset()) is None


def test_down_and_up_go_to_the_nearest_event_in_the_next_lane(bundled):
    model = bundled.model
    warsaw = bundled.position("warsaw-summit-2016")
    day = model.columns.start[warsaw]
    below = navigation.across_lanes(model, warsaw, 1, ALL)
    assert LANE_ORDER[model.columns.lane[below]] is Lane.MISSIONS
    missions = np.flatnonzero(model.columns.lane == LANE_ORDER.index(Lane.MISSIONS))
    nearest = np.min(np.abs(model.columns.start[missions] - day))
    assert abs(model.columns.start[below] - day) == nearest
    assert navigation.across_lanes(model, warsaw, -1, ALL) is None  # the top lane
    skipping = navigation.across_lanes(model, warsaw, 1, ALL - {Lane.MISSIONS})
    assert LANE_ORDER[model.columns.lane[skipping]] is Lane.FUNDS


def test_the_first_key_press_starts_from_the_view(bundled):
    model = bundled.model
    warsaw = bundled.position("warsaw-summit-2016")
    day = float(model.columns.start[warsaw])
    found = navigation.first_from(model, day, ALL)
    assert model.columns.start[found] == day and found <= warsaw
    last = len(model.columns) - 1
    assert navigation.first_from(model, 1e9, ALL) == last  # past the end: the last event


def test_a_keyboard_zoom_keeps_the_selection_in_place_only_when_it_shows(bundled):
    model = bundled.model
    warsaw = bundled.position("warsaw-summit-2016")
    day = float(model.columns.start[warsaw])
    assert navigation.day_in_view(model, warsaw, day - 10, day + 10) == day
    assert navigation.day_in_view(model, warsaw, day + 1, day + 10) is None
    assert navigation.day_in_view(model, None, day - 10, day + 10) is None
