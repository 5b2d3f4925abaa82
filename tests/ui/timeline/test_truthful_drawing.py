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


def _drawn(window, key) -> tuple[bool, bool]:
    """(drawn as a glyph, drawn dimmed) for the event ``key`` in the frame on screen, the view
    a few weeks around the event."""
    row_id = window.store.id_of(key)
    day = float(window.store.summary(row_id).when.start_day)
    window.view_state.set_visible_range(day - 20, day + 20)
    window.timeline.viewport_widget().repaint()
    frame = window.timeline.current_frame()
    position = window.columns.index_of(window.store.id_of(key))
    at = np.flatnonzero(frame.glyph_pos == position) if position is not None else []
    return (len(at) > 0, bool(frame.glyph_dim[at].all()) if len(at) else False)


def test_an_edit_under_a_kind_filter_and_a_search_is_drawn_as_a_fresh_window_would(
    make_window, qtbot
):
    """An edit is laid into the filtered, searched timeline in place: a visit stays hidden
    while visits are unticked, a summit shows, and one not matching the search is dimmed."""
    import dataclasses

    from explorer.store import edits
    from explorer.ui.editing.commands import AddEvent, EditEvent
    from tests.store.factory import event

    window = make_window()
    box = window.list_panel.kind_boxes[EventKind.VISIT]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert EventKind.VISIT not in window.view_state.kinds
    qtbot.keyClicks(window.list_panel.search_box, "Warsaw")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    history = window.editing.history
    assert history.push(AddEvent(history, event("a-visit", "2016-07-08", "visit")))
    assert history.push(
        AddEvent(history, event("warsaw-talks", "2012-03-01", "summit", "Warsaw talks"))
    )
    assert history.push(AddEvent(history, event("lisbon-talks", "2012-03-02", "summit")))
    # at once, before the search runs again: the mask was patched with the edit
    matches = list(window.view_state.search_matches)
    assert np.array_equal(window.timeline._match_mask, np.isin(window.columns.ids, matches))
    qtbot.waitUntil(
        lambda: window.store.id_of("warsaw-talks") in (window.view_state.search_matches or ())
    )
    assert _drawn(window, "a-visit") == (False, False)  # its kind is unticked
    assert _drawn(window, "warsaw-talks") == (True, False)  # shown, a match
    assert _drawn(window, "lisbon-talks") == (True, True)  # shown, not a match: dimmed
    state = edits.event_state(window.store, "lisbon-talks")
    moved = dataclasses.replace(state.event, kind=EventKind.VISIT)
    assert history.push(EditEvent(history, state, moved))
    assert _drawn(window, "lisbon-talks") == (False, False)  # now a visit: hidden
    # what the patched timeline draws is what a fresh window on the same store draws
    patched = window.timeline.current_frame()
    box.click()  # visits back on, then off: the filter's model is built afresh
    box.click()
    window.timeline.viewport_widget().repaint()
    fresh = window.timeline.current_frame()
    assert np.array_equal(patched.glyph_pos, fresh.glyph_pos)
    assert np.array_equal(patched.glyph_dim, fresh.glyph_dim)
    assert patched.label_ids == fresh.label_ids


def test_an_event_of_an_unticked_kind_the_store_had_none_of_stays_hidden(
    make_window, qtbot, tmp_path
):
    """Visits unticked in a store without visits: the filter hides nothing yet, and the first
    visit added is hidden as the filter says."""
    from explorer.store import Store
    from explorer.ui.editing.commands import AddEvent
    from tests.store.factory import event

    path = tmp_path / "no-visits.sqlite3"
    with Store(path) as store:
        store.add_events([event("talks", "2012-03-01", "summit", "Talks")])
    window = make_window(path)
    box = window.list_panel.kind_boxes[EventKind.VISIT]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert EventKind.VISIT not in window.view_state.kinds
    history = window.editing.history
    assert history.push(AddEvent(history, event("first-visit", "2012-03-02", "visit")))
    assert _drawn(window, "first-visit") == (False, False)
    assert _drawn(window, "talks") == (True, False)
