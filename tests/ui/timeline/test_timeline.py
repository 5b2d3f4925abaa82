"""The timeline widget driven like a user drives it: clicks, the wheel, the overview strip."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from explorer.domain.events import Lane
from explorer.ui.timeline.widget import tooltip_text


def drag(widget, start, end, steps=10):
    """Press, move with the button held (QTest's moves carry no buttons), release."""
    left = Qt.MouseButton.LeftButton
    for kind, pos, buttons in (
        [(QEvent.Type.MouseButtonPress, start, left)]
        + [
            (QEvent.Type.MouseMove, start + (end - start) * i / steps, left)
            for i in range(1, steps + 1)
        ]
        + [(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)]
    ):
        point = QPointF(pos)
        event = QMouseEvent(
            kind,
            point,
            QPointF(widget.mapToGlobal(point)),
            left,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)
        QApplication.processEvents()


def click(qtbot, timeline, point):
    viewport = timeline.viewport_widget()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport.mapFrom(timeline, point))


def test_clicking_a_glyph_selects_its_event(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    for key in ("warsaw-summit-2016", "unscr-2189", "visit-2010", "agreement-2012"):
        event_id = small_store.id_of(key)
        point = timeline.glyph_position(event_id)
        assert point is not None and timeline.rect().contains(point)
        with qtbot.waitSignal(view_state.selection_changed):
            click(qtbot, timeline, point)
        assert view_state.selected == event_id
    assert timeline.hasFocus()


def test_selection_from_elsewhere_brings_the_event_into_view(small_store, make_timeline):
    timeline, view_state = make_timeline(small_store)
    timeline.set_range(11400, 11500)  # early 2001: the summit of 2016 is far off screen
    view_state.select(small_store.id_of("warsaw-summit-2016"), origin="list")
    first, last = timeline.visible_range()
    assert first < 16990 < last
    assert last - first == 100  # the zoom is kept
    frame = timeline.current_frame()
    assert frame.selected_xy is not None
    # the selected event's title is shown whole beside it, whatever room its neighbours leave
    assert frame.selected_title == small_store.summary_by_key("warsaw-summit-2016").title


def day_under(timeline, viewport_x):
    return timeline.current_frame().mapping.day(viewport_x)


def wheel(timeline, pos, delta):
    viewport = timeline.viewport_widget()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_the_wheel_zooms_around_the_cursor(small_store, make_timeline):
    timeline, view_state = make_timeline(small_store)
    viewport = timeline.viewport_widget()
    pos = QPoint(int(viewport.width() * 0.7), viewport.height() // 2)
    before_range = timeline.visible_range()
    day = day_under(timeline, pos.x())
    for _ in range(3):
        wheel(timeline, pos, 120)
    after_range = timeline.visible_range()
    assert after_range[1] - after_range[0] < 0.7 * (before_range[1] - before_range[0])
    assert abs(day_under(timeline, pos.x()) - day) < 0.01 * (after_range[1] - after_range[0])
    assert view_state.visible_range == after_range
    for _ in range(20):
        wheel(timeline, pos, -120)
    assert timeline.visible_range() == timeline.full_range()  # no further out than the limits


def test_zoom_stops_at_about_a_week(small_store, make_timeline):
    timeline, _ = make_timeline(small_store)
    for _ in range(40):
        timeline.zoom_by(2.0)
    first, last = timeline.visible_range()
    assert 6.9 <= last - first <= 7.1


def test_lanes_never_scroll_vertically(small_store, make_timeline, qtbot):
    timeline, _ = make_timeline(small_store)
    viewport = timeline.viewport_widget()
    timeline.set_range(14000, 15000)
    y_before = timeline.view_box.viewRange()[1]
    drag(viewport, QPoint(600, 100), QPoint(400, 300))  # drag left and down
    first, last = timeline.visible_range()
    assert first > 14100 and last - first == 1000  # dragging pans the time axis ...
    assert timeline.view_box.viewRange()[1] == y_before  # ... and never the lanes


def test_overview_region_and_timeline_stay_in_step(small_store, make_timeline):
    timeline, view_state = make_timeline(small_store)
    region = timeline.overview.region
    region.setRegion((15000, 16000))  # what dragging the region's body or edges does
    assert np.allclose(timeline.visible_range(), (15000, 16000))
    assert view_state.visible_range == timeline.visible_range()
    timeline.set_range(16500, 17200)
    assert np.allclose(region.getRegion(), (16500, 17200))
    view_state.set_visible_range(13000, 13500, origin="main window")
    assert np.allclose(timeline.visible_range(), (13000, 13500))
    assert np.allclose(region.getRegion(), (13000, 13500))


def test_dragging_the_overview_region_with_the_mouse_pans(small_store, make_timeline, qtbot):
    timeline, _ = make_timeline(small_store)
    timeline.set_range(14000, 15000)
    overview = timeline.overview
    vb = overview.getViewBox()
    middle = overview.mapFromScene(vb.mapViewToScene(QPointF(14500, 0.5)))
    target = overview.mapFromScene(vb.mapViewToScene(QPointF(16500, 0.5)))
    drag(overview.viewport(), middle, target)
    first, last = timeline.visible_range()
    assert abs((first + last) / 2 - 16500) < 60
    assert abs((last - first) - 1000) < 1


def test_a_month_precision_event_is_drawn_as_a_band(small_store, make_timeline):
    timeline, _ = make_timeline(small_store)
    timeline.set_range(17600, 18000)
    frame = timeline.current_frame()
    position = timeline.model.columns.index_of(small_store.id_of("month-2018"))
    rows = np.flatnonzero(frame.band_pos == position)
    assert len(rows) == 1
    x, _y, w, _h = frame.band_rects[rows[0]]
    m = frame.mapping
    july_first, august_first = 17713, 17744  # 2018-07-01 and 2018-08-01
    assert abs(x - m.x(july_first)) < 0.5 and abs(x + w - m.x(august_first)) < 0.5
    assert position not in frame.bar_pos  # not drawn as if it were known to the day


def test_labels_are_shown_where_they_fit_and_never_overlap(bundled_store, make_timeline, qtbot):
    timeline, _ = make_timeline(bundled_store, width=1366, height=480)
    for first, last in [timeline.full_range(), (15900, 17800), (16950, 17050), (12000, 12400)]:
        timeline.set_range(first, last)
        qtbot.waitUntil(lambda: not timeline.current_frame().missing_titles)
        frame = timeline.current_frame()
        assert len(frame.label_text) > 0
        rects = frame.label_rects
        x0, y0 = rects[:, 0], rects[:, 1]
        x1, y1 = x0 + rects[:, 2], y0 + rects[:, 3]
        overlap = (x0[:, None] < x1[None, :]) & (x0[None, :] < x1[:, None])
        overlap &= (y0[:, None] < y1[None, :]) & (y0[None, :] < y1[:, None])
        np.fill_diagonal(overlap, False)
        assert not overlap.any(), (first, last)
        m = frame.mapping
        assert (x0 >= m.left - 1).all() and (x1 <= m.left + m.width + 1).all()


def test_a_span_starting_off_screen_keeps_its_label_at_the_left_edge(
    small_store, make_timeline, qtbot
):
    timeline, _ = make_timeline(small_store)
    timeline.set_range(14000, 14600)  # inside ISAF's period, long after it began
    qtbot.waitUntil(lambda: not timeline.current_frame().missing_titles)
    frame = timeline.current_frame()
    isaf = small_store.id_of("isaf")
    assert isaf in frame.label_ids
    x = frame.label_rects[frame.label_ids.index(isaf)][0]
    assert x < frame.mapping.left + 40


def test_hidden_lanes_collapse(small_store, make_timeline):
    timeline, view_state = make_timeline(small_store)
    summit = small_store.id_of("warsaw-summit-2016")
    fund_y = timeline.glyph_position(small_store.id_of("ana-fund")).y()
    view_state.set_lanes(frozenset(Lane) - {Lane.MEETINGS})
    frame = timeline.current_frame()
    assert [lf.lane for lf in frame.lanes] == [
        Lane.MISSIONS,
        Lane.FUNDS,
        Lane.AGREEMENTS,
        Lane.OTHER,
    ]
    assert timeline.glyph_position(summit) is None
    assert timeline.glyph_position(small_store.id_of("ana-fund")).y() < fund_y


def test_search_dims_what_does_not_match(small_store, make_timeline):
    timeline, view_state = make_timeline(small_store)
    summit = small_store.id_of("warsaw-summit-2016")
    view_state.set_search_matches(frozenset({summit}))
    frame = timeline.current_frame()
    ids = timeline.model.columns.ids[frame.glyph_pos]
    assert set(ids[~frame.glyph_dim]) == {summit}
    assert frame.glyph_dim.sum() == len(ids) - 1
    view_state.set_search_matches(None)
    assert not timeline.current_frame().glyph_dim.any()


def test_the_fund_spans_to_its_latest_horizon_with_its_commitment_marked(
    small_store, make_timeline
):
    timeline, _ = make_timeline(small_store)
    fund = timeline.model.columns.index_of(small_store.id_of("ana-fund"))
    frame = timeline.current_frame()
    row = np.flatnonzero(frame.bar_pos == fund)
    assert len(row) == 1
    x, _y, w, _h = frame.bar_rects[row[0]]
    assert abs(frame.mapping.day(x + w) - 18628) < 1  # 2021-01-01, the end of the 2020 horizon
    ((mark_x, _mark_y, i),) = frame.commitment_marks
    assert abs(frame.mapping.day(mark_x) - 16990) < 1  # made at the Warsaw Summit
    assert timeline.model.commitments[i].meeting_id == small_store.id_of("warsaw-summit-2016")


def test_clicking_a_troop_step_selects_the_change_that_set_it(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    frame = timeline.current_frame()
    steps = timeline.model.steps
    assert [s.text for s in steps] == ["~13,000", "~16,000"]
    box = frame.step_boxes[frame.step_index.index(1)]
    point = QPoint(int(box[0] + box[2] / 2), int(box[1] + box[3] / 2))
    click(qtbot, timeline, timeline.viewport_widget().mapTo(timeline, point))
    assert view_state.selected == small_store.id_of("troops-2017")
    assert "~16,000" in frame.label_text


def test_eras_shade_the_mission_periods(small_store, make_timeline):
    timeline, _ = make_timeline(small_store)
    titles = [timeline.model.eras[i].title for _, _, i in timeline.current_frame().era_spans]
    assert titles == ["ISAF", "Resolute Support"]


def test_tooltip_shows_title_kind_and_original_wording_as_text(small_store):
    summary = small_store.summary(small_store.id_of("month-2018"))
    assert "July 2018" in tooltip_text(summary) and "other" in tooltip_text(summary)
    hostile = summary.__class__(1, "x", summary.kind, "<b>x</b><img src=y>", summary.when)
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=y&gt;" in tooltip_text(hostile)


def test_selection_is_announced_to_assistive_technology(small_store, make_timeline):
    from PySide6.QtGui import QAccessible

    from tests.ui.helpers import timeline_item

    timeline, view_state = make_timeline(small_store)
    event_id = small_store.id_of("warsaw-summit-2016")
    view_state.select(event_id, origin="list")
    timeline.setFocus()
    item = timeline_item(timeline, event_id)
    assert item.role() == QAccessible.Role.ListItem
    assert item.text(QAccessible.Text.Name) == "Warsaw Summit, summit, 8–9 July 2016"
    assert " in Summits and meetings" in item.text(QAccessible.Text.Description)
    assert item.state().selected and item.state().focused
    iface = QAccessible.queryAccessibleInterface(timeline)
    assert iface.role() == QAccessible.Role.List and iface.text(QAccessible.Text.Name) == "Timeline"
    assert iface.focusChild().text(QAccessible.Text.Name) == item.text(QAccessible.Text.Name)


def test_export_writes_png_and_svg(small_store, make_timeline, tmp_path):
    timeline, _ = make_timeline(small_store)
    from PySide6.QtCore import QSize

    image = timeline.render_to_image(QSize(800, 400))
    assert (image.width(), image.height()) == (800, 400)
    timeline.export_svg(tmp_path / "view.svg")
    text = (tmp_path / "view.svg").read_text(encoding="utf-8")
    assert "<svg" in text and "Warsaw" in text


def test_events_added_elsewhere_appear_and_the_view_stays(small_store, make_timeline):
    from explorer.domain.events import Changes

    from .conftest import event

    timeline, view_state = make_timeline(small_store)
    timeline.set_range(17000, 17400)
    changes = small_store.add_events([event("new-2017", "visit", "2017-03-01", "A new visit")])
    timeline.open_store.notify(Changes(added=changes.added, origin="import"))
    assert timeline.visible_range() == (17000, 17400)
    assert timeline.glyph_position(small_store.id_of("new-2017")) is not None
    assert small_store.id_of("new-2017") in timeline.model.columns.ids


def test_hovering_a_glyph_shows_its_tooltip(small_store, make_timeline, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    timeline, _ = make_timeline(small_store)
    viewport = timeline.viewport_widget()
    point = viewport.mapFrom(timeline, timeline.glyph_position(small_store.id_of("month-2018")))
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Known only to the month" in QToolTip.text() and "July 2018" in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
def test_events_of_one_day_are_fanned_out_and_the_rest_listed(tmp_path, make_timeline, qtbot):
    """Four meetings on one day: three glyphs side by side (each can be hovered and selected),
    the top one saying "+1"; its tooltip names all four, a click lists them to choose from."""
    from explorer.store.store import Store

    from .conftest import event

    store = Store(tmp_path / "same-day.db")
    store.add_events(
        [
            event(f"meeting-{i}", "ministerial_meeting", "2016-07-08", f"Meeting {i}")
            for i in range(4)
        ]
    )
    timeline, view_state = make_timeline(store)
    timeline.set_range(16980, 17000)
    qtbot.waitUntil(lambda: not timeline.current_frame().missing_titles)
    frame = timeline.current_frame()
    assert len(frame.glyph_pos) == 4
    assert len(set(np.round(frame.glyph_x, 1))) == 3  # fanned out: three spots
    assert any(text.endswith(" +1") for text in frame.label_text)
    top = int(np.argmax(frame.glyph_x))
    viewport = timeline.viewport_widget()
    at = QPoint(round(frame.glyph_x[top]), round(frame.glyph_y[top]))
    tip = timeline.tooltip_at(at)
    assert all(f"Meeting {i}" in tip for i in range(4))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    menu = timeline.stack_menu
    assert menu is not None and len(menu.actions()) == 4
    menu.actions()[0].trigger()
    assert view_state.selected == store.id_of("meeting-0")
    menu.close()
    store.close()


def test_a_glyph_at_the_right_edge_is_labelled_on_its_left(tmp_path, make_timeline, qtbot):
    """The only event on screen sits at the right edge: its label goes left of it, inside the
    plot (a frame in which no glyph had room on its right once crashed the window in paint)."""
    from explorer.store.store import Store
    from tests.ui.timeline.conftest import event

    store = Store(tmp_path / "one.db")
    store.add_events([event("visit-2010", "visit", "2010-03-01", "A visit")])
    timeline, _view_state = make_timeline(store)
    day = float(timeline.model.columns.start[0])
    timeline.set_range(day - 30, day + 1)  # the glyph sits half a day from the right edge
    frame = timeline.current_frame()
    assert list(timeline.model.columns.ids[frame.glyph_pos]) == [store.id_of("visit-2010")]
    assert frame.label_text == ["A visit"]
    x, _y, w, _h = frame.label_rects[0]
    assert frame.mapping.left <= x and x + w < frame.glyph_x[0]
    assert not timeline.grab().isNull()
    store.close()
