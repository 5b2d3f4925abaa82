"""View > Save View… and the Views menu, driven through their dialogs and menu."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from explorer.domain.events import EventKind, Lane
from explorer.store.saved_views import list_views
from explorer.ui.saved_views import NameDialog
from tests.ui.helpers import select, selected_key


def the_dialog(qtbot, window):
    found = []
    qtbot.waitUntil(
        lambda: bool(
            found.extend(d for d in window.findChildren(NameDialog) if d.isVisible()) or found
        )
    )
    dialog = found[-1]
    qtbot.waitExposed(dialog)
    return dialog


def press_ok(qtbot, dialog):
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def views_menu(window):
    return next(m for m in window.actions.menus if m.title() == "Vie&ws")


def test_a_saved_view_brings_back_range_lanes_kinds_search_and_selection(make_window, qtbot):
    window = make_window()
    select(window, "warsaw-summit-2016")
    window.view_state.set_visible_range(16800.0, 17300.0, origin="test")
    window.view_state.set_lanes(frozenset({Lane.MEETINGS, Lane.FUNDS}))
    window.list_panel.kind_boxes[EventKind.FUND].setChecked(False)
    window.list_panel.search_box.setText("summit")
    window.actions["save_view"].trigger()
    dialog = the_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, "Warsaw & after")
    press_ok(qtbot, dialog)
    assert [v.name for v in list_views(window.store)] == ["Warsaw & after"]

    # change everything, then choose the view from the Views menu
    select(window, "bonn-agreement-2001")
    window.view_state.set_lanes(frozenset(Lane))
    window.list_panel.kind_boxes[EventKind.FUND].setChecked(True)
    window.list_panel.search_box.setText("")
    window.timeline.fit_all()
    menu = views_menu(window)
    menu.aboutToShow.emit()
    item = next(a for a in menu.actions() if a.objectName() == "view_1")
    assert item.text() == "&1 Warsaw && after"
    item.trigger()
    assert selected_key(window) == "warsaw-summit-2016"
    assert window.view_state.lanes == frozenset({Lane.MEETINGS, Lane.FUNDS})
    assert not window.list_panel.kind_boxes[EventKind.FUND].isChecked()
    assert window.list_panel.search_box.text() == "summit"
    qtbot.waitUntil(lambda: window.view_state.visible_range == (16800.0, 17300.0))
    first, last = window.timeline.visible_range()
    assert abs(first - 16800) < 1 and abs(last - 17300) < 1


def test_rename_and_delete_a_view(make_window, qtbot):
    window = make_window()
    window.actions["save_view"].trigger()
    dialog = the_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name, "First")
    press_ok(qtbot, dialog)
    menu = views_menu(window)
    menu.aboutToShow.emit()
    window.actions["rename_view"].trigger()
    dialog = the_dialog(qtbot, window)
    dialog.name.clear()
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and "needs a name" in dialog.problem.text()
    qtbot.keyClicks(dialog.name, "Renamed")
    press_ok(qtbot, dialog)
    assert [v.name for v in list_views(window.store)] == ["Renamed"]
    menu.aboutToShow.emit()
    window.actions["delete_view"].trigger()
    press_ok(qtbot, the_dialog(qtbot, window))
    assert list_views(window.store) == []
    menu.aboutToShow.emit()
    assert not window.actions["rename_view"].isEnabled()
