"""What the user arranged comes back on the next start (a temporary settings file)."""

import datetime as dt

from PySide6.QtCore import Qt

from explorer.domain.dates import day_number
from explorer.domain.events import Lane
from explorer.ui.settings import Settings
from tests.ui.helpers import press, select, selected_key


def test_settings_survive_a_restart(make_window, qtbot, tmp_path):
    settings_file = tmp_path / "restart.ini"
    first = make_window(settings=settings_file)
    first.resize(780, 560)  # within the offscreen screen (800x600): restoring clamps to it
    first.main_splitter.setSizes([200, 300])
    first.lower_splitter.setSizes([300, 480])
    first.view_state.set_visible_range(
        day_number(dt.date(2009, 1, 1)), day_number(dt.date(2013, 1, 1)), origin="test"
    )
    press(qtbot, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # hide the "Other" lane
    select(first, "chicago-summit-2012")
    main_sizes, lower_sizes = first.main_splitter.sizes(), first.lower_splitter.sizes()
    visible = first.view_state.visible_range
    first.close()
    assert settings_file.exists()

    second = make_window(settings=settings_file, size=None)
    assert selected_key(second) == "chicago-summit-2012"
    assert second.detail_view.pane.title_label.text() == "Chicago Summit"
    assert Lane.OTHER not in second.view_state.lanes
    assert not second.actions.lane_action(Lane.OTHER).isChecked()
    start, end = second.view_state.visible_range
    assert abs(start - visible[0]) < 1 and abs(end - visible[1]) < 1
    assert second.main_splitter.sizes() == main_sizes
    assert second.lower_splitter.sizes() == lower_sizes
    assert (second.width(), second.height()) == (780, 560)


def test_settings_file_is_typed_and_tolerates_hand_edits(tmp_path):
    path = tmp_path / "hand.ini"
    path.write_text(
        "[view]\nvisible_range=abc\nlanes=meetings,nonsense\nselected_event=\n"
        "[appearance]\ncolor_scheme=purple\n[window]\nsplitter_main=-5,3\n",
        encoding="utf-8",
    )
    settings = Settings(path)
    assert settings.visible_range is None
    assert settings.lanes == frozenset({Lane.MEETINGS})
    assert settings.selected_event is None
    assert settings.color_scheme == "system"
    assert settings.splitter_sizes("main") is None


def test_non_finite_or_far_ranges_in_a_hand_edited_file_are_ignored(tmp_path, make_window):
    path = tmp_path / "hand.ini"
    for value in ("nan,nan", "0,inf", "-inf,5", "1e300,1e301", "-1e12,0"):
        path.write_text(f"[view]\nvisible_range={value}\n", encoding="utf-8")
        assert Settings(path).visible_range is None, value
    path.write_text("[view]\nvisible_range=nan,nan\n[window]\nsplitter_main=inf,3\n")
    window = make_window(settings=path)  # starts, on its default range
    start, end = window.view_state.visible_range
    assert start < end and end - start < 1e6
