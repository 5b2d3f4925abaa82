"""What the frame's text says and where it goes, over the bundled history without Qt: the
selected title's plate hides what it covers, no mark crosses a label, events of one day are
fanned out, summits are labelled, search dims the labels it does not match, rough interval ends
are drawn as bracketed bands and unsourced troop figures as gaps."""

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import EventKind, Lane
from explorer.store.columns import KIND_ORDER
from explorer.timeline.model import with_kinds
from explorer.timeline.picking import event_point, gap_at, pick, stack_at
from tests.timeline.test_frame import WINDOWS, days, overlapping_pairs

YEARS = [(f"{y}-01-01", f"{y + 1}-01-01") for y in range(2002, 2022)]


def intersecting(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) of rects a[i], b[j] that overlap (touching edges do not)."""
    pairs = []
    for i, (x, y, w, h) in enumerate(a):
        hit = (
            (x < b[:, 0] + b[:, 2])
            & (b[:, 0] < x + w)
            & (y < b[:, 1] + b[:, 3])
            & (b[:, 1] < y + h)
        )
        pairs += [(i, int(j)) for j in np.flatnonzero(hit)]
    return pairs


def select(bundled, frame, key):
    """Select the event ``key`` in ``frame`` as the widget does."""
    event_id = bundled.store.id_of(key)
    point = event_point(bundled.model, frame, bundled.position(key))
    title = bundled.titles.get(event_id).title
    before = frame.label_rects.copy()
    bundled.builder.add_selection(frame, event_id, point, title)
    return before


@pytest.mark.parametrize(
    ("key", "window"),
    [
        ("article-5-invoked-2001", None),  # Home on the shipped dataset
        ("rsm-sustained-beyond-2016", ("2015-01-01", "2019-01-01")),  # linked from Warsaw
        ("rsm-sustained-beyond-2016", None),
    ],
)
def test_the_title_plate_hides_the_labels_it_covers(bundled, key, window):
    frame = bundled.frame(*days(window))
    before = select(bundled, frame, key)
    plate = np.array([frame.plate_rect])
    assert intersecting(before, plate), "the case needs a label under the plate"
    assert intersecting(frame.label_rects, plate) == []
    assert bundled.store.id_of(key) not in frame.label_ids  # the plate says it
    assert frame.plate_text == bundled.titles.get(bundled.store.id_of(key)).title
    assert len(frame.label_text) == len(frame.label_ids) == len(frame.label_rects)


@pytest.mark.parametrize("window", WINDOWS + YEARS)
def test_no_mark_crosses_a_label(bundled, window):
    frame = bundled.frame(*days(window))
    marks = frame.mark_rects()
    assert intersecting(frame.label_rects, marks) == []
    assert overlapping_pairs(frame.label_rects) == []


def test_a_funds_title_stops_before_its_commitment_ticks(bundled):
    frame = bundled.frame(*days(("2006-01-01", "2022-01-01")))
    fund = bundled.store.id_of("ana-trust-fund")
    x, _y, w, _h = frame.label_rects[frame.label_ids.index(fund)]
    ticks = [mx for mx, _my, _i in frame.commitment_marks if mx > x]
    assert ticks and x + w < min(ticks)


def test_events_of_one_day_are_fanned_out_and_each_can_be_picked(bundled):
    """The US-Taliban agreement and the US-Afghan declaration were both of 29 February 2020."""
    frame = bundled.frame(*days(("2020-02-20", "2020-03-10")))
    keys = ("us-taliban-agreement-2020", "us-afghanistan-joint-declaration-2020")
    points = [event_point(bundled.model, frame, bundled.position(k)) for k in keys]
    assert abs(points[0][0] - points[1][0]) >= 6.0  # side by side, not one on the other
    for key, (x, y) in zip(keys, points, strict=True):
        assert pick(bundled.model, frame, x, y) == bundled.store.id_of(key)
    stack = frame.glyph_stack[np.isin(frame.glyph_pos, [bundled.position(k) for k in keys])]
    assert stack[0] == stack[1] >= 0
    x, y = points[0]
    ids = {bundled.store.id_of(k) for k in keys}
    assert set(stack_at(bundled.model, frame, x, y)) == ids


def test_every_summit_is_labelled_zoomed_out(bundled):
    frame = bundled.frame(width=1340.0, height=270.0)  # the timeline of a 1366x768 window
    summits = bundled.model.columns.ids[
        bundled.model.columns.kind == KIND_ORDER.index(EventKind.SUMMIT)
    ]
    assert set(int(i) for i in summits) <= set(frame.label_ids)


def test_a_title_that_does_not_fit_is_shortened_not_cut(bundled):
    frame = bundled.frame(width=1340.0, height=270.0)
    shortened = [t for t in frame.label_text if t.startswith(("DefMin ", "ForMin ", "UNSCR "))]
    assert shortened
    assert not any(t.endswith("…") and len(t) < 8 for t in frame.label_text)


def test_search_dims_the_labels_it_does_not_match(bundled):
    matches = np.zeros(len(bundled.model.columns), bool)
    warsaw = bundled.position("warsaw-summit-2016")
    matches[warsaw] = True
    frame = bundled.frame(matches=matches)
    labelled = dict(zip(frame.label_ids, frame.label_dim, strict=True))
    assert labelled[bundled.store.id_of("warsaw-summit-2016")] == False  # noqa: E712
    assert sum(labelled.values()) == len(labelled) - 1
    assert frame.bar_dim.all() and frame.band_dim.all()  # no span matches "Warsaw"
    none = bundled.frame(matches=np.zeros(len(bundled.model.columns), bool))
    assert none.label_dim.all() and none.glyph_dim.all()
    assert not bundled.frame().bar_dim.any()


def test_unticked_kinds_are_not_drawn(bundled):
    shown = [KIND_ORDER.index(k) for k in EventKind if k is not EventKind.SUMMIT]
    bundled.model = with_kinds(bundled.model, np.array(shown))
    frame = bundled.frame()
    kinds = bundled.model.columns.kind[frame.glyph_pos]
    assert len(kinds) and KIND_ORDER.index(EventKind.SUMMIT) not in kinds


def test_an_interval_known_to_the_day_at_one_end_has_one_sharp_edge(bundled):
    """Resolute Support: launched on 1 January 2015, ended some time in September 2021."""
    frame = bundled.frame(*days(("2014-06-01", "2022-01-01")))
    rsm = bundled.position("resolute-support-mission")
    bars = frame.bar_rects[frame.bar_pos == rsm]
    bands = frame.band_rects[frame.band_pos == rsm]
    brackets = frame.band_brackets[frame.band_pos == rsm]
    m = frame.mapping
    launch, september = (m.x(FuzzyDate.parse(d).start_day) for d in ("2015-01-01", "2021-09"))
    assert len(bars) == 1 and bars[0][0] == pytest.approx(launch)  # the sharp edge
    assert bars[0][0] + bars[0][2] == pytest.approx(september)
    assert len(bands) == 1 and bands[0][0] == pytest.approx(september)  # the faded month
    assert brackets.tolist() == [[False, True]]  # bracketed at its rough end only


def test_a_stretch_with_no_sourced_figure_is_drawn_as_a_gap(bundled):
    frame = bundled.frame()
    assert len(frame.gap_lines) and len(frame.gap_boxes) == len(frame.gap_text)
    missions = next(lf for lf in frame.lanes if lf.lane is Lane.MISSIONS)
    x0, y0, w, h = frame.gap_boxes[0]
    assert y0 >= missions.top and y0 + h <= missions.bottom
    assert gap_at(frame, x0 + w / 2, y0 + h / 2).startswith("No troop figure is sourced")
    # the solid step line never runs over a gap
    points = frame.step_points[~np.isnan(frame.step_points[:, 0])]
    for gx0, gx1, _y in frame.gap_lines:
        inside = (points[:, 0] > gx0 + 0.5) & (points[:, 0] < gx1 - 0.5)
        assert not inside.any()
