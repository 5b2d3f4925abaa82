"""The drawing in the real window tells no lies: the selected title's plate hides the labels it
covers, the kind filter acts on the timeline, the overview and the status bar as on the list,
search dims the labels it does not match, an unsourced troop stretch says so when hovered."""

import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.domain.events import EventKind
from explorer.store.columns import KIND_ORDER
from tests.ui.helpers import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _intersecting(rects: np.ndarray, rect) -> np.ndarray:
    x, y, w, h = rect
    r = rects
    return (r[:, 0] < x + w) & (x < r[:, 0] + r[:, 2]) & (r[:, 1] < y + h) & (y < r[:, 1] + r[:, 3])


def test_home_selects_the_first_event_and_its_plate_hides_what_it_covers(make_window, qtbot):
    window = make_window()
    window.timeline.setFocus()
    press(qtbot, Qt.Key.Key_Home)
    first = window.store.id_of("article-5-invoked-2001")
    assert window.view_state.selected == first
    frame = window.timeline.current_frame()
    assert frame.plate_text == "NATO invokes Article 5"
    assert not _intersecting(frame.label_rects, frame.plate_rect).any()
    assert first not in frame.label_ids


def test_the_troop_change_linked_from_warsaw_reads_whole(make_window, qtbot):
    window = make_window()
    window.view_state.select(window.store.id_of("rsm-sustained-beyond-2016"), origin="test")
    frame = window.timeline.current_frame()
    assert frame.plate_text == "Resolute Support kept at about 13,000 beyond 2016"
    assert not _intersecting(frame.label_rects, frame.plate_rect).any()


def _status_count(window) -> int:
    window._update_status()
    return int(
        re.search(r"([\d,]+) events? in view", window.range_label.text())[1].replace(",", "")
    )


def _list_count(window) -> int:
    return int(
        re.search(r"([\d,]+) events? in view", window.list_panel.result_label.text())[1].replace(
            ",", ""
        )
    )


def test_unticking_a_kind_hides_it_everywhere(make_window, qtbot):
    window = make_window()
    summit = KIND_ORDER.index(EventKind.SUMMIT)
    frame = window.timeline.current_frame()
    assert (window.columns.kind[frame.glyph_pos] == summit).any()
    before = _status_count(window)
    overview_before = sum(len(s) for s, _e in window.timeline.overview.strip.parts)
    box = window.list_panel.kind_boxes[EventKind.SUMMIT]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert EventKind.SUMMIT not in window.view_state.kinds
    frame = window.timeline.current_frame()
    assert not (window.columns.kind[frame.glyph_pos] == summit).any()
    summits = int((window.columns.kind == summit).sum())
    assert (
        sum(len(s) for s, _e in window.timeline.overview.strip.parts) == overview_before - summits
    )
    qtbot.waitUntil(lambda: _list_count(window) == _status_count(window))
    assert _status_count(window) == before - summits


def test_search_dims_unmatched_labels_and_no_match_dims_everything(make_window, qtbot):
    window = make_window()
    qtbot.keyClicks(window.list_panel.search_box, "Warsaw")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    frame = window.timeline.current_frame()
    warsaw = window.store.id_of("warsaw-summit-2016")
    assert warsaw in frame.label_ids  # a match is labelled
    dim = dict(zip(frame.label_ids, frame.label_dim, strict=True))
    assert not dim[warsaw] and any(dim.values())
    window.list_panel.search_box.clear()
    qtbot.keyClicks(window.list_panel.search_box, "zzqqxx")
    qtbot.waitUntil(lambda: window.view_state.search_matches == frozenset())
    frame = window.timeline.current_frame()
    assert frame.glyph_dim.all() and frame.label_dim.all()


def test_an_unsourced_troop_stretch_says_so_when_hovered(make_window, qtbot):
    window = make_window()
    frame = window.timeline.current_frame()
    assert len(frame.gap_boxes)
    x, y, w, h = frame.gap_boxes[np.argmax(frame.gap_boxes[:, 2])]
    # a spot of the gap with no glyph over it
    for fx in np.linspace(x + 2, x + w - 2, 9):
        tip = window.timeline.tooltip_at(QPoint(round(fx), round(y + h - 2)))
        if tip and "No troop figure is sourced" in tip:
            break
    else:
        raise AssertionError("no gap tooltip")
