"""Timeline, list and details show one selection; links navigate; Back and Forward return."""

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from explorer.domain.dates import day_number
from explorer.ui.details.fund import FundPane
from explorer.ui.details.meeting import MeetingPane
from explorer.ui.event_list import EVENT_ID_ROLE, TITLE
from tests.ui.helpers import link, select, selected_key

WARSAW = "warsaw-summit-2016"


def _day(year, month=1, day=1):
    return day_number(dt.date(year, month, day))


def _list_selection(window):
    index = window.list_panel.table.currentIndex()
    return index.data(EVENT_ID_ROLE) if index.isValid() else None


def test_clicking_a_glyph_selects_it_in_every_pane(make_window, qtbot):
    window = make_window()
    window.view_state.set_visible_range(_day(2016, 3), _day(2016, 11), origin="test")
    warsaw = window.store.id_of(WARSAW)
    qtbot.waitUntil(lambda: window.timeline.glyph_position(warsaw) is not None)
    viewport = window.timeline.viewport_widget()
    spot = viewport.mapFrom(window.timeline, window.timeline.glyph_position(warsaw))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=spot)
    assert window.view_state.selected == warsaw
    assert isinstance(window.detail_view.pane, MeetingPane)
    assert window.detail_view.pane.title_label.text() == "Warsaw Summit"
    qtbot.waitUntil(lambda: _list_selection(window) == warsaw)


def test_selecting_in_the_list_brings_the_event_into_view(make_window, qtbot):
    window = make_window()
    window.view_state.set_visible_range(_day(2003), _day(2005), origin="test")
    qtbot.keyClicks(window.list_panel.search_box, "Warsaw")
    model = window.list_panel.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and window.view_state.search_matches)
    row = model.row_of(window.store.id_of(WARSAW))
    assert row is not None
    table = window.list_panel.table
    rect = table.visualRect(model.index(row, TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected_key(window) == WARSAW
    start, end = window.view_state.visible_range
    assert start < _day(2016, 7, 8) < end
    assert window.timeline.glyph_position(window.store.id_of(WARSAW)) is not None
    assert window.detail_view.pane.title_label.text() == "Warsaw Summit"


def test_search_filters_the_list_and_dims_the_timeline(make_window, qtbot):
    window = make_window()
    qtbot.keyClicks(window.list_panel.search_box, "trust fund")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    model = window.list_panel.model
    shown = {model.event_id(r) for r in range(model.rowCount())}
    assert shown == set(window.view_state.search_matches)
    assert window.store.id_of("ana-trust-fund") in shown
    assert len(shown) < window.store.count()
    window.list_panel.search_box.clear()
    qtbot.waitUntil(lambda: window.view_state.search_matches is None)


def test_detail_links_navigate_and_back_returns(make_window, qtbot):
    window = make_window()
    select(window, WARSAW)
    qtbot.mouseClick(
        link(window, "Afghan National Army (ANA) Trust Fund"), Qt.MouseButton.LeftButton
    )
    assert selected_key(window) == "ana-trust-fund"
    assert isinstance(window.detail_view.pane, FundPane)
    qtbot.mouseClick(link(window, "Chicago Summit"), Qt.MouseButton.LeftButton)
    assert selected_key(window) == "chicago-summit-2012"
    window.actions["back"].trigger()
    assert selected_key(window) == "ana-trust-fund"
    window.actions["back"].trigger()
    assert selected_key(window) == WARSAW
    assert not window.actions["back"].isEnabled()
    window.actions["forward"].trigger()
    assert selected_key(window) == "ana-trust-fund"


def test_kind_filters_narrow_the_list(make_window, qtbot):
    window = make_window()
    panel = window.list_panel
    total = panel.model.rowCount()
    for kind, box in panel.kind_boxes.items():
        if kind.value != "summit":
            qtbot.keyClick(box, Qt.Key.Key_Space)
    summaries = [panel.model.summary(r) for r in range(panel.model.rowCount())]
    assert 0 < len(summaries) < total
    assert {s.kind.value for s in summaries} == {"summit"}


def test_sorting_by_kind_and_date(make_window, qtbot):
    window = make_window()
    table, model = window.list_panel.table, window.list_panel.model
    header = table.horizontalHeader()
    kind_header = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=kind_header)
    labels = [model.summary(r).kind.label.casefold() for r in range(model.rowCount())]
    assert labels == sorted(labels) or labels == sorted(labels, reverse=True)
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    starts = [model.summary(r).when.start_day for r in range(model.rowCount())]
    assert starts == sorted(starts, reverse=True)


def test_following_a_link_into_a_hidden_lane_shows_the_lane(make_window, qtbot):
    from explorer.domain.events import Lane

    window = make_window()
    select(window, WARSAW)
    window.actions.lane_action(Lane.FUNDS).trigger()  # hide the funds
    assert Lane.FUNDS not in window.view_state.lanes
    qtbot.mouseClick(
        link(window, "Afghan National Army (ANA) Trust Fund"), Qt.MouseButton.LeftButton
    )
    assert selected_key(window) == "ana-trust-fund"
    assert Lane.FUNDS in window.view_state.lanes
    assert window.actions.lane_action(Lane.FUNDS).isChecked()
    assert window.timeline.glyph_position(window.view_state.selected) is not None


def test_events_added_elsewhere_appear_in_the_list(make_window, qtbot):
    from explorer.domain.dates import FuzzyDate
    from explorer.domain.events import Event, EventKind, Source

    window = make_window()
    before = window.list_panel.model.rowCount()
    added = Event(
        "new-visit",
        EventKind.VISIT,
        "A new visit",
        FuzzyDate.parse("2016-05-05"),
        sources=(Source("test"),),
    )
    window.open_store.notify(window.store.add_events([added], origin="import"))
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == before + 1)
    assert window.list_panel.model.row_of(window.store.id_of("new-visit")) is not None
    assert window.range_label.text().endswith(f"{before + 1} events in view")
