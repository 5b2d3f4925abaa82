"""The timeline over 200,000 events: what is drawn and picked matches a direct query."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.domain.binning import column_edges
from explorer.domain.events import EventKind, Lane
from explorer.store.store import Store
from explorer.timeline.frame import HALF
from explorer.timeline.model import LONG_DAYS
from explorer.timeline.picking import PICK_SLACK as PICK_SLACK_FOR_TESTS

pytestmark = pytest.mark.slow


@pytest.fixture
def big_store(big_store_path):
    store = Store(big_store_path)
    yield store
    store.close()


def lane_rows(store, lane):
    kinds = [k.value for k in EventKind if k.lane is lane]
    marks = ",".join("?" * len(kinds))
    return np.array(
        store.execute(
            f"SELECT id, start_day, end_day FROM event WHERE kind IN ({marks})", kinds
        ).fetchall()
    )


def test_zoomed_out_density_equals_a_direct_count(big_store, make_timeline):
    timeline, _ = make_timeline(big_store, width=1400, height=520)
    frame = timeline.current_frame()
    assert len(frame.glyph_pos) == 0  # far too many to draw one by one
    m = frame.mapping
    edges = column_edges(m.first_day, m.last_day, int(m.width))
    for lf in frame.lanes:
        rows = lane_rows(big_store, lf.lane)
        long = (rows[:, 2] - rows[:, 1]) >= LONG_DAYS  # long spans are counted apart
        for counts, part in ((lf.density, rows[~long]), (lf.span_density, rows[long])):
            start, end = part[:, 1], part[:, 2]
            direct = [
                int(np.sum((start < b) & (end > a)))
                for a, b in zip(edges[:-1], edges[1:], strict=True)
            ]
            assert counts.tolist() == direct
            assert sum(direct) >= len(part) > 0


def test_zoomed_in_the_glyphs_drawn_are_exactly_the_events_in_the_window(big_store, make_timeline):
    timeline, _ = make_timeline(big_store, width=1400, height=520)
    timeline.set_range(15000, 15012)
    frame = timeline.current_frame()
    first, last = frame.mapping.first_day, frame.mapping.last_day
    for lf in frame.lanes:
        assert lf.density is None  # the day's events one by one ...
        rows = lane_rows(big_store, lf.lane)
        if lf.span_density is not None:  # ... while dozens of long spans crossing it are counted
            rows = rows[(rows[:, 2] - rows[:, 1]) < LONG_DAYS]
        expected = set(rows[(rows[:, 1] < last) & (rows[:, 2] > first), 0].tolist())
        in_lane = timeline.model.columns.lane[frame.glyph_pos] == list(Lane).index(lf.lane)
        drawn = set(timeline.model.columns.ids[frame.glyph_pos[in_lane]].tolist())
        assert drawn == expected and len(drawn) > 20


def test_picking_at_a_zoom_returns_the_event_under_the_cursor(big_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(big_store, width=1400, height=520)
    timeline.set_range(16000, 16004)
    frame = timeline.current_frame()
    x, y = frame.glyph_x, frame.glyph_y
    # glyphs with no other glyph near them in their row: the pick has one right answer
    close = (np.abs(x[:, None] - x[None, :]) < 2 * HALF + 2 * PICK_SLACK_FOR_TESTS) & (
        np.abs(y[:, None] - y[None, :]) < 1
    )
    alone = np.flatnonzero(close.sum(axis=1) == 1)
    assert len(alone) >= 5
    viewport = timeline.viewport_widget()
    for i in alone[:12]:
        event_id = int(timeline.model.columns.ids[frame.glyph_pos[i]])
        point = timeline.glyph_position(event_id)
        assert timeline.event_at(point) == event_id
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport.mapFrom(timeline, point))
        assert view_state.selected == event_id


def test_keyboard_order_matches_the_store(big_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(big_store, width=1400, height=520)
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert view_state.selected == big_store.edge(last=True).id
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    here = big_store.summary(view_state.selected)
    assert here.id == big_store.edge(last=False).id
    for _ in range(5):
        qtbot.keyClick(timeline, Qt.Key.Key_Right)
        here = big_store.neighbour(here.key, 1)
        assert view_state.selected == here.id


def test_labels_never_overlap_at_scale(big_store, make_timeline, qtbot):
    timeline, _ = make_timeline(big_store, width=1400, height=520)
    for first, last in [(15000, 15004), (15000, 15001.5), (17000, 17030)]:
        timeline.set_range(first, last)
        qtbot.waitUntil(lambda: not timeline.current_frame().missing_titles)
        frame = timeline.current_frame()
        r = frame.label_rects
        assert 0 < len(r) <= 300
        ox = (r[:, None, 0] < r[None, :, 0] + r[None, :, 2]) & (
            r[None, :, 0] < r[:, None, 0] + r[:, None, 2]
        )
        oy = (r[:, None, 1] < r[None, :, 1] + r[None, :, 3]) & (
            r[None, :, 1] < r[:, None, 1] + r[:, None, 3]
        )
        overlap = ox & oy
        np.fill_diagonal(overlap, False)
        assert not overlap.any()


def test_search_matches_show_one_by_one_over_a_dense_lane(big_store, make_timeline):
    timeline, view_state = make_timeline(big_store, width=1400, height=520)
    matches = frozenset(s.id for s in big_store.search("number 12345"))  # prefix: 12345, 123450..
    assert 1 < len(matches) < 50
    view_state.set_search_matches(matches)
    frame = timeline.current_frame()
    assert any(lf.density is not None for lf in frame.lanes)  # still too many to draw
    drawn = set(timeline.model.columns.ids[frame.glyph_pos].tolist())
    assert drawn == set(matches) and not frame.glyph_dim.any()
