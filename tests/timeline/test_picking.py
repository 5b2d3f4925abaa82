"""Which event is under a pixel, from the frame alone: glyphs, spans, troop steps, commitment
marks and density lanes."""

import numpy as np

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Lane
from explorer.timeline.picking import PICK_SLACK, event_point, pick
from tests.timeline.helpers import Timeline
from tests.timeline.stores import fill_synthetic

SUMMER_2016 = (FuzzyDate.parse("2016-06-20").start_day, FuzzyDate.parse("2016-07-25").start_day)


def test_a_glyph_picks_its_event_and_empty_space_picks_nothing(bundled):
    frame = bundled.frame(*SUMMER_2016)
    warsaw = bundled.store.id_of("warsaw-summit-2016")
    x, y = event_point(bundled.model, frame, bundled.position("warsaw-summit-2016"))
    assert pick(bundled.model, frame, x, y) == warsaw
    assert pick(bundled.model, frame, x + PICK_SLACK, y) == warsaw
    meetings = frame.lanes[0]
    assert pick(bundled.model, frame, x, meetings.bottom - 1) is None
    assert pick(bundled.model, frame, x, frame.mapping.top + frame.mapping.height + 5) is None


def test_every_glyph_drawn_picks_an_event_drawn_at_that_spot(bundled):
    frame = bundled.frame()
    ids = bundled.model.columns.ids[frame.glyph_pos]
    for x, y in zip(frame.glyph_x, frame.glyph_y, strict=True):
        found = pick(bundled.model, frame, float(x), float(y))
        # glyphs may share a spot at this zoom: the pick is one of those there
        there = (np.abs(frame.glyph_x - x) < 1e-6) & (frame.glyph_y == y)
        assert found in set(ids[there].tolist())


def test_a_hidden_lane_has_no_glyph_point(bundled):
    frame = bundled.frame(shown=frozenset(Lane) - {Lane.MEETINGS})
    assert event_point(bundled.model, frame, bundled.position("warsaw-summit-2016")) is None


def test_a_troop_step_picks_the_change_that_set_it(bundled):
    frame = bundled.frame()
    steps = bundled.model.steps
    # wide enough that no neighbouring step's box reaches its middle
    wide = [
        (box, i) for box, i in zip(frame.step_boxes, frame.step_index, strict=True) if box[2] > 12
    ]
    assert len(wide) > len(steps) / 2
    for box, i in wide:
        x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
        assert pick(bundled.model, frame, x, y) == steps[i].event_id


def test_a_commitment_mark_picks_the_meeting_where_it_was_made(bundled):
    frame = bundled.frame()
    x, y, i = frame.commitment_marks[0]
    assert pick(bundled.model, frame, x, y + 5) == bundled.model.commitments[i].meeting_id


def test_a_density_lane_picks_the_event_starting_under_the_cursor(bundled_store):
    fill_synthetic(bundled_store, 30_000)
    timeline = Timeline(bundled_store)
    frame = timeline.frame()
    meetings = frame.lanes[0]
    assert meetings.density is not None and not len(frame.glyph_pos)
    model = timeline.model
    position = int(model.points[Lane.MEETINGS].index[1000])
    x = float(frame.mapping.x(model.columns.start[position]))
    found = pick(model, frame, x, (meetings.top + meetings.bottom) / 2)
    start = model.columns.start[model.columns.index_of(found)]
    assert abs(frame.mapping.x(start) - x) <= PICK_SLACK
    assert model.columns.lane[model.columns.index_of(found)] == 0
