"""Fixtures: real stores in tmp_path and a shown TimelineWidget over them."""

import pytest

from explorer.store.store import Store
from tests.timeline.stores import (  # noqa: F401 (fixtures and helpers the tests here use)
    SMALL_EVENTS,
    big_store_path,
    event,
    fill_synthetic,
    small_store,
)


@pytest.fixture
def bundled_store(store_path):
    """A store holding the bundled NATO-Afghanistan dataset (tests/ui/conftest.py's copy)."""
    store = Store(store_path)
    yield store
    store.close()


@pytest.fixture
def make_timeline(qtbot):
    """Build a shown TimelineWidget over a store: make_timeline(store) -> (widget, view_state)."""
    from explorer.ui.open_store import OpenStore
    from explorer.ui.timeline.widget import TimelineWidget
    from explorer.ui.view_state import ViewState

    def make(store, width=1200, height=520):
        view_state = ViewState()
        widget = TimelineWidget(OpenStore(store), view_state)
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        return widget, view_state

    return make


def pytest_collection_modifyitems(items):
    """The offscreen platform warns that it cannot size or raise top-level windows (tooltips
    included); that is the platform, not the timeline."""
    for item in items:
        if "tests/ui/timeline" in str(item.fspath).replace("\\", "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
            )
