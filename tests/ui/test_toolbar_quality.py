"""The toolbar (its buttons, its View toggle, remembered) and Help > Data Quality…"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Event, EventKind
from explorer.ui.actions import menu_paths
from tests.ui.helpers import pane_texts, select, selected_key


def toolbar_button(window, text):
    """The toolbar's button showing ``text``."""
    for button in window.toolbar.findChildren(QToolButton):
        if button.defaultAction() is not None and button.text() == text:
            return button
    raise AssertionError(f"no toolbar button {text!r}")


def test_the_toolbar_has_the_buttons_people_look_for_first(make_window):
    window = make_window()
    assert window.toolbar.isVisible()
    texts = [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()]
    assert texts == ["Back", "Forward", "Zoom In", "Zoom Out", "Fit All", "Find"]
    for action in window.toolbar.actions():
        assert action.isSeparator() or not action.icon().isNull()


def test_toolbar_buttons_act_on_the_window(make_window, qtbot):
    window = make_window()
    start, end = window.view_state.visible_range
    qtbot.mouseClick(toolbar_button(window, "Zoom In"), Qt.MouseButton.LeftButton)
    zoomed = window.view_state.visible_range
    assert zoomed[1] - zoomed[0] < end - start
    qtbot.mouseClick(toolbar_button(window, "Fit All"), Qt.MouseButton.LeftButton)
    fitted = window.view_state.visible_range
    assert fitted[1] - fitted[0] > zoomed[1] - zoomed[0]
    select(window, "warsaw-summit-2016")
    select(window, "wales-summit-2014")
    qtbot.mouseClick(toolbar_button(window, "Back"), Qt.MouseButton.LeftButton)
    assert selected_key(window) == "warsaw-summit-2016"
    qtbot.mouseClick(toolbar_button(window, "Forward"), Qt.MouseButton.LeftButton)
    assert selected_key(window) == "wales-summit-2014"
    qtbot.mouseClick(toolbar_button(window, "Find"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.list_panel.search_box.hasFocus)


def test_the_view_menu_hides_the_toolbar_and_the_next_start_remembers(make_window, tmp_path):
    settings = tmp_path / "kept.ini"
    window = make_window(settings=settings)
    paths = {path: action for action, path, _route in menu_paths(window.actions.menus)}
    toggle = paths["View > Toolbar"]
    assert toggle.isChecked()
    toggle.trigger()
    assert not window.toolbar.isVisible()
    window.close()  # saves the window state
    again = make_window(settings=settings)
    assert not again.toolbar.isVisible()
    assert not again.actions["toolbar"].isChecked()


def test_data_quality_lists_the_findings_and_opens_their_event(make_window, qtbot):
    window = make_window()
    event = Event("said-nowhere", EventKind.OTHER, "Said nowhere", FuzzyDate.parse("2012-03-04"))
    window.open_store.notify(window.store.add_events([event]))
    paths = {path: action for action, path, _route in menu_paths(window.actions.menus)}
    paths["Help > Data Quality…"].trigger()
    dialog = window.quality_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: dialog.findings is not None)  # the check runs in the background
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [["Said nowhere", "No source", "no source is given"]]
    assert dialog.summary_label.text().startswith("1 finding about 1 event")
    table.setCurrentCell(0, 2)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert selected_key(window) == "said-nowhere"
    assert "No source: no source is given" in pane_texts(window)


def test_data_quality_of_the_shipped_dataset_finds_nothing(make_window, qtbot):
    window = make_window()
    window.show_data_quality()
    dialog = window.quality_dialog
    qtbot.waitUntil(lambda: dialog.findings is not None)
    assert dialog.table.rowCount() == 0
    assert dialog.summary_label.text().startswith("No findings")
    assert not dialog.open_button.isEnabled()


def test_data_quality_of_a_big_store_lists_the_first_thousand(make_window, qtbot, tmp_path):
    from explorer.store.generate import write_store

    path = tmp_path / "generated.db"
    write_store(path, 1500)  # generated events have no sources: one finding each
    window = make_window(path=path)
    window.show_data_quality()
    dialog = window.quality_dialog
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=20_000)
    assert len(dialog.findings) >= 1500
    assert dialog.table.rowCount() == 1000
    assert "The first 1,000 are listed" in dialog.summary_label.text()
    # a change to the store runs the check again
    event = Event("one-more", EventKind.OTHER, "One more", FuzzyDate.parse("2012-03-04"))
    window.open_store.notify(window.store.add_events([event]))
    assert dialog.findings is None
    qtbot.waitUntil(lambda: dialog.findings is not None, timeout=20_000)
    assert any(f.event_key == "one-more" for f in dialog.findings)
