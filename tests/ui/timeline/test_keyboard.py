"""Keyboard navigation of the timeline, by key presses alone."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from explorer.domain.events import Lane

K = Qt.Key


def selected_key(store, view_state):
    return store.summary(view_state.selected).key if view_state.selected is not None else None


def press(qtbot, timeline, *keys, modifier=Qt.KeyboardModifier.NoModifier):
    for key in keys:
        qtbot.keyClick(timeline, key, modifier)


def test_home_end_and_left_right_walk_through_time(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    timeline.setFocus()
    press(qtbot, timeline, K.Key_End)
    assert selected_key(small_store, view_state) == "month-2018"
    press(qtbot, timeline, K.Key_Home)
    assert selected_key(small_store, view_state) == "isaf"
    press(qtbot, timeline, K.Key_Right)
    assert selected_key(small_store, view_state) == "ana-fund"
    press(qtbot, timeline, K.Key_Right, K.Key_Right)
    assert selected_key(small_store, view_state) == "agreement-2012"
    press(qtbot, timeline, K.Key_Left)
    assert selected_key(small_store, view_state) == "visit-2010"
    press(qtbot, timeline, K.Key_Home, K.Key_Left)  # nothing before the first: stays
    assert selected_key(small_store, view_state) == "isaf"
    assert timeline.hasFocus() and timeline.item.show_focus


def test_up_and_down_move_to_the_nearest_event_in_the_next_lane(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    view_state.select(small_store.id_of("warsaw-summit-2016"))
    timeline.setFocus()
    press(qtbot, timeline, K.Key_Down)  # missions: the 2017 change is nearer than RSM's start
    assert selected_key(small_store, view_state) == "troops-2017"
    press(qtbot, timeline, K.Key_Down)
    assert selected_key(small_store, view_state) == "ana-fund"
    press(qtbot, timeline, K.Key_Down)  # agreements, nearest to 2007: the 2012 agreement
    assert selected_key(small_store, view_state) == "agreement-2012"
    press(qtbot, timeline, K.Key_Up, K.Key_Up)
    assert selected_key(small_store, view_state) == "isaf"
    press(qtbot, timeline, K.Key_Up)
    assert selected_key(small_store, view_state) == "warsaw-summit-2016"
    press(qtbot, timeline, K.Key_Up)  # no lane above: stays
    assert selected_key(small_store, view_state) == "warsaw-summit-2016"


def test_moves_skip_hidden_lanes(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    view_state.set_lanes(frozenset(Lane) - {Lane.MEETINGS, Lane.FUNDS})
    view_state.select(small_store.id_of("troops-2015"))
    timeline.setFocus()
    press(qtbot, timeline, K.Key_Right)  # past the hidden Warsaw Summit and Brussels meeting
    assert selected_key(small_store, view_state) == "troops-2017"
    press(qtbot, timeline, K.Key_Down)  # past the hidden funds lane
    assert selected_key(small_store, view_state) == "unscr-2189"
    press(qtbot, timeline, K.Key_Home)
    assert selected_key(small_store, view_state) == "isaf"


def test_moving_to_an_off_screen_event_brings_it_into_view(small_store, make_timeline, qtbot):
    timeline, view_state = make_timeline(small_store)
    timeline.set_range(12000, 12100)
    timeline.setFocus()
    press(qtbot, timeline, K.Key_End)
    first, last = timeline.visible_range()
    assert first < 17713 < last and abs((last - first) - 100) < 1e-6
    point = timeline.glyph_position(view_state.selected)
    assert timeline.viewport_widget().geometry().contains(point)


def test_page_keys_pan_and_zoom_keys_zoom_around_the_current_event(
    small_store, make_timeline, qtbot
):
    timeline, view_state = make_timeline(small_store)
    timeline.set_range(15000, 16000)
    timeline.setFocus()
    press(qtbot, timeline, K.Key_PageDown)
    assert timeline.visible_range() == (16000, 17000)
    press(qtbot, timeline, K.Key_PageUp, K.Key_PageUp)
    assert timeline.visible_range() == (14000, 15000)
    view_state.select(small_store.id_of("unscr-2189"))  # 2014-12-12, day 16416, off screen
    first, last = timeline.visible_range()
    assert first < 16416 < last  # brought into view
    fraction = (16416 - first) / (last - first)
    press(qtbot, timeline, K.Key_Plus)
    first, last = timeline.visible_range()
    assert last - first == 500
    assert abs((16416 - first) / (last - first) - fraction) < 1e-9  # it stays put
    press(qtbot, timeline, K.Key_Minus)
    assert last - first < timeline.visible_range()[1] - timeline.visible_range()[0]
    press(qtbot, timeline, K.Key_Equal, modifier=Qt.KeyboardModifier.ControlModifier)
    assert timeline.visible_range()[1] - timeline.visible_range()[0] == 500
    press(qtbot, timeline, K.Key_0)
    assert timeline.visible_range() == timeline.full_range()
    press(qtbot, timeline, K.Key_Z, modifier=Qt.KeyboardModifier.ShiftModifier)
    first, last = timeline.visible_range()
    assert first < 16416 < last and last - first < 60


class Recorder(QWidget):
    def __init__(self):
        super().__init__()
        self.keys = []

    def keyPressEvent(self, event):  # noqa: N802
        self.keys.append((event.key(), event.modifiers()))


def test_keys_for_the_main_window_propagate(small_store, qtbot):
    from explorer.ui.open_store import OpenStore
    from explorer.ui.timeline.widget import TimelineWidget
    from explorer.ui.view_state import ViewState

    parent = Recorder()
    qtbot.addWidget(parent)
    view_state = ViewState()
    timeline = TimelineWidget(OpenStore(small_store, parent), view_state, parent)
    QVBoxLayout(parent).addWidget(timeline)
    parent.resize(1200, 500)
    parent.show()
    qtbot.waitExposed(parent)
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow)
    timeline.setFocus()
    view_state.select(small_store.id_of("visit-2010"))
    press(qtbot, timeline, K.Key_Return, K.Key_Escape, K.Key_F6)
    qtbot.keyClick(timeline, K.Key_Left, Qt.KeyboardModifier.AltModifier)
    keys = [k for k, _ in parent.keys if k != K.Key_Alt]
    assert keys == [K.Key_Return, K.Key_Escape, K.Key_F6, K.Key_Left]
    assert selected_key(small_store, view_state) == "visit-2010"
