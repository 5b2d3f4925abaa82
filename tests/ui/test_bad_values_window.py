"""The window over a store holding rows it cannot read: it skips them and says how many."""

from tests.cli.helpers import BAD_VALUE_ROWS, bundled_count, write_bad_values

BUNDLED = bundled_count()


def test_the_window_skips_unreadable_events_and_counts_them(make_window, store_path):
    write_bad_values(store_path)
    window = make_window()
    assert len(window.columns) == BUNDLED
    banner = window.skipped_label
    assert banner.isVisible()
    assert banner.text().startswith(f"{len(BAD_VALUE_ROWS)} events of this store cannot be read")
    assert window.list_panel.isVisible()


def test_no_banner_over_a_sound_store(make_window):
    window = make_window()
    assert not window.skipped_label.isVisible()
