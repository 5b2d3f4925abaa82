"""Go > Go to Date… (Ctrl+G): type a date, the timeline centres on it."""

from PySide6.QtCore import Qt

from explorer.domain.dates import FuzzyDate
from explorer.ui.go_to_date import GoToDateDialog


def the_dialog(qtbot, window):
    found = []
    qtbot.waitUntil(
        lambda: bool(
            found.extend(d for d in window.findChildren(GoToDateDialog) if d.isVisible()) or found
        )
    )
    dialog = found[-1]
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as the window manager does for a new dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_ctrl_g_then_a_date_centres_the_timeline(make_window, qtbot):
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = the_dialog(qtbot, window)
    qtbot.keyClicks(dialog.line, "8 July 2016")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    first, last = window.timeline.visible_range()
    day = FuzzyDate.parse("2016-07-08").start_day
    assert abs((first + last) / 2 - (day + 0.5)) < 1
    assert last - first < 400  # zoomed in to see the day


def test_a_wrong_date_is_explained_and_the_dialog_stays(make_window, qtbot):
    window = make_window()
    before = window.view_state.visible_range
    window.actions["go_to_date"].trigger()
    dialog = the_dialog(qtbot, window)
    qtbot.keyClicks(dialog.line, "31 February 2016")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "day is out of range" in dialog.problem.text()
    assert window.view_state.visible_range == before
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "2010")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    first, last = window.view_state.visible_range
    year = FuzzyDate.parse("2010")
    assert first <= year.start_day and last >= year.end_day
