"""Everything by keyboard alone, focus never lost, and the shortcuts dialog tells how."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from explorer.ui.actions import menu_paths, shortcut_text
from explorer.ui.details.fund import FundPane
from explorer.ui.details.meeting import MeetingPane
from explorer.ui.details.troop import TroopLevelPane
from explorer.ui.details.widgets import LinkButton
from explorer.ui.dialogs import show_shortcuts
from tests.ui.helpers import focus_inside, press, selected_key

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _step(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    press(qtbot, key, modifier)
    assert focus_inside(window), f"focus lost after {QKeySequence(key).toString()}"


def _arrow_to(qtbot, window, key, limit=300):
    """Press Right (or Left) until ``key`` is selected, as a user reading the timeline would."""
    target = window.store.id_of(key)
    start = window.store.summary(window.view_state.selected).when.start_day
    arrow = K.Key_Right if window.store.summary(target).when.start_day >= start else K.Key_Left
    for _ in range(limit):
        if window.view_state.selected == target:
            return
        _step(qtbot, window, arrow)
    raise AssertionError(f"{key} not reached with the arrow keys")


def _tab_to_link(qtbot, window, text, limit=150):
    for _ in range(limit):
        focus = QApplication.focusWidget()
        if isinstance(focus, LinkButton) and focus.full_text == text:
            return
        _step(qtbot, window, K.Key_Tab)
    raise AssertionError(f"no link {text!r} reached with Tab")


def test_keyboard_only_tour(make_window, qtbot):
    window = make_window()
    timeline = window.timeline
    assert QApplication.focusWidget() is timeline or timeline.isAncestorOf(
        QApplication.focusWidget()
    )
    columns = window.columns
    _step(qtbot, window, K.Key_End)
    last = window.store.summary(window.view_state.selected)
    assert last.when.start_day == columns.start.max()
    _step(qtbot, window, K.Key_Home)
    first = window.store.summary(window.view_state.selected)
    assert first.when.start_day == columns.start.min()

    _arrow_to(qtbot, window, "warsaw-summit-2016")
    assert isinstance(window.detail_view.pane, MeetingPane)
    _step(qtbot, window, K.Key_Return)  # into the details, on the event's title
    assert QApplication.focusWidget() is window.detail_view.pane.title_label
    assert QApplication.focusWidget().text() == "Warsaw Summit"
    # Tab to the link to the troop-level change Warsaw decided, and follow it
    troops = window.store.summary_by_key("rsm-sustained-beyond-2016").title
    _tab_to_link(qtbot, window, troops)
    _step(qtbot, window, K.Key_Return)
    assert selected_key(window) == "rsm-sustained-beyond-2016"
    assert isinstance(window.detail_view.pane, TroopLevelPane)
    _step(qtbot, window, K.Key_Left, ALT)
    assert selected_key(window) == "warsaw-summit-2016"
    assert isinstance(window.detail_view.pane, MeetingPane)
    # and the fund it committed to: back to the timeline, into the details again
    _step(qtbot, window, K.Key_Escape)
    _step(qtbot, window, K.Key_Return)
    fund = window.store.summary_by_key("ana-trust-fund").title
    _tab_to_link(qtbot, window, fund)
    _step(qtbot, window, K.Key_Return)
    assert selected_key(window) == "ana-trust-fund"
    assert isinstance(window.detail_view.pane, FundPane)
    _step(qtbot, window, K.Key_Left, ALT)
    assert selected_key(window) == "warsaw-summit-2016"

    # the same from the meeting that decided the troop-level change 13,000 -> 16,000
    _step(qtbot, window, K.Key_Escape)
    assert QApplication.focusWidget() is timeline or timeline.isAncestorOf(
        QApplication.focusWidget()
    )
    _arrow_to(qtbot, window, "defence-ministers-2017-11")
    _step(qtbot, window, K.Key_Enter)
    _tab_to_link(qtbot, window, "Resolute Support grows to about 16,000")
    _step(qtbot, window, K.Key_Space)
    assert selected_key(window) == "rsm-increase-2018"
    assert isinstance(window.detail_view.pane, TroopLevelPane)
    assert window.detail_view.isAncestorOf(QApplication.focusWidget())
    _step(qtbot, window, K.Key_Left, ALT)
    assert selected_key(window) == "defence-ministers-2017-11"
    _step(qtbot, window, K.Key_Right, ALT)
    assert selected_key(window) == "rsm-increase-2018"


def test_search_by_keyboard(make_window, qtbot):
    window = make_window()
    _step(qtbot, window, K.Key_F, CTRL)
    assert QApplication.focusWidget() is window.list_panel.search_box
    qtbot.keyClicks(QApplication.focusWidget(), "Warsaw")
    assert window.list_panel.search_box.text() == "Warsaw"
    _step(qtbot, window, K.Key_Backspace)  # edits the text; Back (also Backspace) does not fire
    assert window.list_panel.search_box.text() == "Warsa"
    qtbot.keyClicks(QApplication.focusWidget(), "w")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    _step(qtbot, window, K.Key_Down)
    assert QApplication.focusWidget() is window.list_panel.table
    first_hit = window.list_panel.model.event_id(0)
    assert window.view_state.selected == first_hit
    _step(qtbot, window, K.Key_Return)
    assert QApplication.focusWidget() is window.timeline or window.timeline.isAncestorOf(
        QApplication.focusWidget()
    )
    assert window.view_state.selected == first_hit


def test_f6_cycles_the_panes(make_window, qtbot):
    window = make_window()
    window.view_state.select(window.store.id_of("warsaw-summit-2016"), origin="test")
    expected = [window.list_panel, window.detail_view, window.timeline, window.list_panel]
    for pane in expected:
        _step(qtbot, window, K.Key_F6)
        focus = QApplication.focusWidget()
        assert focus is pane or pane.isAncestorOf(focus)
    for pane in [window.timeline, window.detail_view]:
        _step(qtbot, window, K.Key_F6, SHIFT)
        focus = QApplication.focusWidget()
        assert focus is pane or pane.isAncestorOf(focus)


def test_lanes_toggle_with_their_own_shortcuts(make_window, qtbot):
    window = make_window()
    lanes = window.view_state.lanes
    _step(qtbot, window, K.Key_3, CTRL)
    (hidden,) = lanes - window.view_state.lanes
    assert not window.actions.lane_action(hidden).isChecked()
    assert window.list_panel.model.rowCount() > 0
    kinds = {
        window.list_panel.model.summary(r).kind.lane
        for r in range(window.list_panel.model.rowCount())
    }
    assert hidden not in kinds
    _step(qtbot, window, K.Key_3, CTRL)
    assert window.view_state.lanes == lanes


def test_every_action_is_reachable_and_listed(make_window):
    window = make_window()
    dialog = show_shortcuts(window)
    rows = dialog.rows()
    listed = {(action_path, keys) for action_path, keys, _route in rows}
    for action, path, route in menu_paths(window.actions.menus):
        keys = shortcut_text(action)
        assert keys or route.count(",") >= 1, f"{path} has neither shortcut nor mnemonic"
        assert (path, keys or "—") in listed
        if keys:
            for sequence in action.shortcuts():
                text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
                assert any(text in row_keys for _p, row_keys, _r in rows)
    # mnemonics are unique within each menu
    for menu in window.actions.menus:
        letters = [a.text().split("&")[1][0].upper() for a in menu.actions() if "&" in a.text()]
        assert len(letters) == len(set(letters)), menu.title()
    dialog.close()


def test_no_two_actions_share_a_shortcut(make_window):
    window = make_window()
    seen = {}
    for action in window.findChildren(type(window.actions["quit"])):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    assert "Alt+Left" in seen and "F1" in seen and "Ctrl+F" in seen


def test_down_and_enter_choose_the_best_match_not_the_earliest(make_window, qtbot):
    window = make_window()
    _step(qtbot, window, K.Key_F, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "warsaw")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    best = window.store.search("warsaw")[0]
    hits = window.view_state.search_matches
    earliest = min(hits, key=lambda i: (window.store.summary(i).when.start_day, i))
    assert best.key == "warsaw-summit-2016" and earliest != best.id  # a case that tells them apart
    _step(qtbot, window, K.Key_Down)
    _step(qtbot, window, K.Key_Return)
    assert selected_key(window) == "warsaw-summit-2016"
    # a click on the Date header still sorts the results by date
    header = window.list_panel.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + QPoint(header.sectionViewportPosition(0) + 5, 5),
    )
    assert window.list_panel.model.event_id(0) == earliest


def test_escape_clears_the_search_then_goes_back_to_the_timeline(make_window, qtbot):
    window = make_window()
    box = window.list_panel.search_box
    _step(qtbot, window, K.Key_F, CTRL)
    qtbot.keyClicks(box, "warsaw")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    _step(qtbot, window, K.Key_Escape)
    assert box.text() == "" and QApplication.focusWidget() is box
    qtbot.waitUntil(lambda: window.view_state.search_matches is None)
    _step(qtbot, window, K.Key_Escape)
    assert QApplication.focusWidget() is window.timeline


def test_a_search_without_a_match_says_so_and_dims_everything(make_window, qtbot):
    window = make_window()
    _step(qtbot, window, K.Key_F, CTRL)
    qtbot.keyClicks(window.list_panel.search_box, "zzqxv")
    qtbot.waitUntil(lambda: window.view_state.search_matches is not None)
    assert window.list_panel.result_label.text() == "No events match “zzqxv”"
    assert window.list_panel.model.rowCount() == 0
    frame = window.timeline.current_frame()
    assert len(frame.glyph_dim) and frame.glyph_dim.all()
