"""Frames of the bundled history built without Qt: lanes share the height, each glyph sits in its
lane, labels fit and never overlap (each other or the troop-step labels), annotations land on
their days."""

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Lane
from explorer.store.columns import LANE_ORDER
from explorer.timeline.frame import HALF, LABEL_H, MAX_LABELS
from tests.timeline.helpers import measure

# whole history, a few years, a few months, a few weeks around the Warsaw Summit (8 July 2016)
WINDOWS = [None, ("2014-01-01", "2018-01-01"), ("2016-03-01", "2016-10-01"), ("2016-06-20", "2016-07-25")]  # fmt: skip


def days(window):
    """(first, last) day of a window of ISO dates; None for the whole history."""
    if window is None:
        return None, None
    return (FuzzyDate.parse(window[0]).start_day, FuzzyDate.parse(window[1]).start_day)


def overlapping_pairs(rects: np.ndarray) -> list[tuple[int, int]]:
    x0, y0 = rects[:, 0], rects[:, 1]
    x1, y1 = x0 + rects[:, 2], y0 + rects[:, 3]
    pairs = []
    for i in range(len(rects)):
        hit = (x0[i] < x1) & (x0 < x1[i]) & (y0[i] < y1) & (y0 < y1[i])
        hit[: i + 1] = False
        pairs += [(i, int(j)) for j in np.flatnonzero(hit)]
    return pairs


def test_the_shown_lanes_share_the_height_top_to_bottom(bundled):
    frame = bundled.frame()
    assert [lf.lane for lf in frame.lanes] == list(LANE_ORDER)
    assert frame.lanes[0].top == frame.mapping.top
    assert frame.lanes[-1].bottom == pytest.approx(frame.mapping.top + frame.mapping.height)
    for upper, lower in zip(frame.lanes, frame.lanes[1:], strict=False):
        assert upper.bottom == pytest.approx(lower.top)
    missions = next(lf for lf in frame.lanes if lf.lane is Lane.MISSIONS)
    meetings = frame.lanes[0]
    assert missions.bottom - missions.top > meetings.bottom - meetings.top  # room for steps
    hidden = bundled.frame(shown=frozenset(Lane) - {Lane.MEETINGS})
    assert Lane.MEETINGS not in [lf.lane for lf in hidden.lanes]


@pytest.mark.parametrize("window", WINDOWS)
def test_each_glyph_sits_in_its_own_lane_inside_the_plot(bundled, window):
    frame = bundled.frame(*days(window))
    columns = bundled.model.columns
    assert len(frame.glyph_pos)
    for lf in frame.lanes:
        mine = columns.lane[frame.glyph_pos] == LANE_ORDER.index(lf.lane)
        assert ((frame.glyph_y[mine] > lf.top) & (frame.glyph_y[mine] < lf.bottom)).all()
    m = frame.mapping
    assert (frame.glyph_x >= m.left - HALF).all()
    assert (frame.glyph_x <= m.left + m.width + HALF).all()


@pytest.mark.parametrize("width", [500.0, 1200.0])
@pytest.mark.parametrize("window", WINDOWS)
def test_labels_fit_their_room_and_never_overlap(bundled, window, width):
    frame = bundled.frame(*days(window), width=width)
    assert 0 < len(frame.label_text) <= MAX_LABELS
    assert overlapping_pairs(frame.label_rects) == []
    for (x, _y, w, h), text in zip(frame.label_rects, frame.label_text, strict=True):
        assert measure(text) <= w + 1e-6 and h == LABEL_H
        assert frame.mapping.left <= x and x + w <= frame.mapping.left + frame.mapping.width


def test_a_roomy_view_labels_an_event_with_its_whole_title(bundled):
    frame = bundled.frame(*days(WINDOWS[-1]))
    warsaw = bundled.store.id_of("warsaw-summit-2016")
    assert frame.label_text[frame.label_ids.index(warsaw)] == "Warsaw Summit"


def test_a_narrow_view_elides_titles_rather_than_overlap(bundled):
    frame = bundled.frame(*days(WINDOWS[1]), width=500.0)
    assert any(text.endswith("…") for text in frame.label_text)


def test_troop_steps_chart_the_levels_in_the_missions_lane(bundled):
    frame = bundled.frame()
    missions = next(lf for lf in frame.lanes if lf.lane is Lane.MISSIONS)
    assert missions.step_top < missions.step_bottom <= missions.bottom
    points = frame.step_points[~np.isnan(frame.step_points[:, 0])]
    assert (
        (points[:, 1] >= missions.step_top - 1e-6) & (points[:, 1] <= missions.step_bottom)
    ).all()
    steps = bundled.model.steps
    top = max(steps, key=lambda s: s.level)
    box = frame.step_boxes[frame.step_index.index(steps.index(top))]
    assert box[1] + box[3] / 2 == pytest.approx(missions.step_top)  # the highest level on top
    step_labels = [t for t in frame.label_text if t.lstrip("~").replace(",", "").isdigit()]
    assert step_labels and set(step_labels) <= {s.text for s in steps}


def test_eras_and_commitment_marks_land_on_their_days(bundled):
    frame = bundled.frame()
    m, model = frame.mapping, bundled.model
    assert [model.eras[i].title for _, _, i in frame.era_spans] == [e.title for e in model.eras]
    for x0, x1, i in frame.era_spans:
        assert m.day(x0) == pytest.approx(model.eras[i].start)
        assert m.day(x1) == pytest.approx(model.eras[i].end)
    funds = next(lf for lf in frame.lanes if lf.lane is Lane.FUNDS)
    assert len(frame.commitment_marks) == len(model.commitments)
    for x, y, i in frame.commitment_marks:
        assert m.day(x) == pytest.approx(model.commitments[i].day)
        assert funds.top < y < funds.bottom
    without_funds = bundled.frame(shown=frozenset(Lane) - {Lane.FUNDS})
    assert without_funds.commitment_marks == []


def test_a_search_dims_every_glyph_but_the_matches(bundled):
    columns = bundled.model.columns
    warsaw = bundled.store.id_of("warsaw-summit-2016")
    frame = bundled.frame(matches=columns.ids == warsaw)
    ids = columns.ids[frame.glyph_pos]
    assert set(ids[~frame.glyph_dim].tolist()) == {warsaw}
    assert not bundled.frame().glyph_dim.any()
