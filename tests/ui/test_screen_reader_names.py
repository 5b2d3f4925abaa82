"""What a screen reader gets from the widgets, through Qt's own accessibility API (runs
offscreen, everywhere): the timeline's items, announcements, roles and names."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QSizeGrip

from explorer.ui.announce import announcements
from explorer.ui.details.widgets import LinkButton
from explorer.ui.event_list import MARK
from tests.ui.helpers import press, select

K = Qt.Key
NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


def _iface(widget):
    return QAccessible.queryAccessibleInterface(widget)


def _said(qtbot, action):
    """The announcements made while ``action`` runs."""
    heard = []
    announcements.said.connect(heard.append)
    try:
        action()
        QApplication.processEvents()
    finally:
        announcements.said.disconnect(heard.append)
    return heard


def test_the_timeline_is_a_list_of_the_events_in_view(make_window, qtbot):
    window = make_window()
    timeline = window.timeline
    iface = _iface(timeline)
    assert iface.role() == QAccessible.Role.List
    items = [iface.child(i) for i in range(iface.childCount())]
    events = [item for item in items if item.role() == QAccessible.Role.ListItem]
    assert len(events) == window.store.count()  # the whole history is in view
    meetings = [e for e in events if e.text(DESCRIPTION).endswith(" in Summits and meetings")]
    assert meetings[0].text(DESCRIPTION) == f"1 of {len(meetings)} in Summits and meetings"
    assert all(e.text(NAME) for e in events)
    parts = [item for item in items if item.role() != QAccessible.Role.ListItem]
    assert all(part.text(NAME) for part in parts)  # legend, drawing, overview


def test_each_key_moves_the_focus_to_one_event_and_edges_are_spoken(make_window, qtbot):
    window = make_window()
    timeline = window.timeline
    assert _said(qtbot, lambda: press(qtbot, K.Key_Home)) == []
    first = window.view_state.selected
    focused = _iface(timeline).focusChild()
    assert focused.event_id == first and focused.state().focused
    assert focused.text(DESCRIPTION).startswith("1 of ")
    assert _said(qtbot, lambda: press(qtbot, K.Key_Left)) == ["No earlier event"]
    assert _said(qtbot, lambda: press(qtbot, K.Key_Home)) == ["First event"]
    press(qtbot, K.Key_Right)
    second = _iface(timeline).focusChild()
    assert second.event_id == window.view_state.selected != first
    heard = _said(qtbot, lambda: press(qtbot, K.Key_Plus))
    assert len(heard) == 1 and heard[0].startswith("Showing ") and heard[0].endswith(" events")
    press(qtbot, K.Key_End)
    assert _said(qtbot, lambda: press(qtbot, K.Key_Right)) == ["No later event"]


def test_where_am_i_says_range_counts_and_selection(make_window, qtbot):
    window = make_window()
    select(window, "warsaw-summit-2016")
    assert window.actions["where_am_i"].shortcut().toString() == "F7"
    heard = _said(qtbot, window.actions["where_am_i"].trigger)
    assert len(heard) == 1
    text = heard[0]
    assert text.startswith("Showing ") and "List: " in text
    assert "Selected: Warsaw Summit, summit, 8-9 July 2016, " in text
    assert " in Summits and meetings." in text
    assert window.statusBar().currentMessage() == text  # shown as well as spoken


def test_the_search_says_how_many_it_found(make_window, qtbot):
    window = make_window()
    heard = []
    announcements.said.connect(heard.append)
    try:
        window.actions["find"].trigger()
        qtbot.keyClicks(window.list_panel.search_box, "warsaw")
        qtbot.waitUntil(lambda: any("for “warsaw”" in text for text in heard))
    finally:
        announcements.said.disconnect(heard.append)
    assert heard[0] == "Search events, empty"  # the first entry, which Orca leaves silent
    shown = window.list_panel.model.rowCount()  # the rows the list shows for the search
    assert shown > 1
    said = f"{shown} matches for “warsaw”"
    assert heard[-1] == window.list_panel.result_label.text() == said
    status = _iface(window.list_panel.result_label)
    assert status.text(NAME) == said  # the count is readable, not a label


def test_a_search_without_matches_says_so(make_window, qtbot):
    window = make_window()
    heard = []
    announcements.said.connect(heard.append)
    try:
        window.actions["find"].trigger()
        qtbot.keyClicks(window.list_panel.search_box, "zzyzx")
        qtbot.waitUntil(lambda: any("“zzyzx”" in text for text in heard))
    finally:
        announcements.said.disconnect(heard.append)
    assert window.list_panel.model.rowCount() == 0
    assert heard[-1] == window.list_panel.result_label.text() == "No events match “zzyzx”"


def test_the_yours_column_is_spoken_in_words(make_window, qtbot):
    window = make_window()
    select(window, "warsaw-summit-2016")
    model = window.list_panel.model
    row = model.row_of(window.view_state.selected)
    cell = model.index(row, MARK)
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == "none"  # blank, yet named
    window.actions["bookmark"].trigger()
    qtbot.waitUntil(
        lambda: "★" in (model.index(model.row_of(window.view_state.selected), MARK).data() or "")
    )
    row = model.row_of(window.view_state.selected)
    assert model.index(row, MARK).data(Qt.ItemDataRole.AccessibleTextRole) == "bookmarked"
    header = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.AccessibleTextRole)
    assert header.startswith("Warsaw Summit, ") and header.endswith(", bookmarked")


def test_the_details_read_in_order_with_headings_and_links(make_window, qtbot):
    window = make_window()
    select(window, "warsaw-summit-2016")
    pane = window.detail_view.pane
    title = _iface(pane.title_label)
    assert title.role() == QAccessible.Role.Heading and title.text(NAME) == "Warsaw Summit"
    window.timeline.setFocus()
    press(qtbot, K.Key_Return)
    assert QApplication.focusWidget() is pane.title_label
    read = []
    for _ in range(60):
        press(qtbot, K.Key_Tab)
        focus = QApplication.focusWidget()
        if not pane.isAncestorOf(focus):
            break
        iface = _iface(focus)
        read.append((iface.role(), iface.text(NAME), iface.text(DESCRIPTION)))
    described = {description: name for _role, name, description in read}
    assert described["Summary"] == window.store.event("warsaw-summit-2016").summary
    assert described["Place"] == "Warsaw, Poland"
    assert "Decision 1" in described
    assert (QAccessible.Role.Heading, "Decisions", "") in read
    confidence = [name for _role, name, description in read if description == "Confidence"]
    assert confidence and confidence[0].startswith("high: ")  # not "Confidence Confidence"
    links = pane.findChildren(LinkButton)
    assert all(_iface(link).role() == QAccessible.Role.Link for link in links)


def test_a_source_link_is_named_by_the_source(make_window):
    window = make_window()
    select(window, "bonn-agreement-2001")
    event = window.store.event("bonn-agreement-2001")
    links = [_iface(link) for link in window.detail_view.pane.findChildren(LinkButton)]
    web = [link for link in links if " opens https://" in link.text(DESCRIPTION)]
    assert [link.text(NAME) for link in web] == [source.title for source in event.sources]
    assert all(link.role() == QAccessible.Role.Link for link in web)


def test_names_start_with_what_is_shown_and_nothing_is_unnamed(make_window):
    window = make_window()
    panel = window.list_panel
    for box in [*panel.kind_boxes.values(), panel.bookmarked_box]:
        shown = box.text().removeprefix("★ ")  # the star is decoration; voice control says the word
        assert box.accessibleName().startswith(shown), box.text()
    for splitter in (window.main_splitter, window.lower_splitter):
        assert _iface(splitter.handle(1)).text(NAME)
    grip = window.statusBar().findChild(QSizeGrip)
    assert grip is None or _iface(grip).text(NAME)
    legend = window.timeline.legend
    assert all(_iface(icon).text(NAME) for icon in legend.findChildren(QLabel))
    assert _iface(window.range_label).text(NAME) == window.range_label.text()
