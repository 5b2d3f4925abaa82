"""Fixtures: real stores in tmp_path and a shown TimelineWidget over them."""

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Event, EventKind, Source
from explorer.store.store import Store

SOURCE = (Source("test source"),)


def event(key, kind, date, title=None, **details):
    """A minimal valid event."""
    return Event(
        key=key,
        kind=EventKind(kind),
        title=title or key.replace("-", " ").title(),
        when=FuzzyDate.parse(date),
        details=details,
        sources=SOURCE,
    )


SMALL_EVENTS = [
    event(
        "isaf",
        "mission_milestone",
        "2003-08-11/2014-12-31",
        "ISAF",
        mission="ISAF",
        mission_period=True,
    ),
    event(
        "rsm",
        "mission_milestone",
        "2015-01-01/2021-09",
        "Resolute Support",
        mission="RSM",
        mission_period=True,
    ),
    event("unscr-2189", "un_resolution", "2014-12-12", "UNSCR 2189"),
    event("agreement-2012", "agreement", "2012-05-02", "Enduring Partnership"),
    event("visit-2010", "visit", "2010-03-01", "A visit"),
    event("warsaw-summit-2016", "summit", "2016-07-08/2016-07-09", "Warsaw Summit"),
    event("brussels-2017", "ministerial_meeting", "2017-11-08", "Brussels Defence Ministers"),
    event(
        "troops-2017",
        "troop_level_change",
        "2017-11-09",
        "About 16,000 troops",
        mission="RSM",
        level_before=13000,
        level_after=16000,
        approximate=True,
    ),
    event(
        "troops-2015",
        "troop_level_change",
        "2015-01-01",
        "RSM begins with 13,000",
        mission="RSM",
        level_before=None,
        level_after=13000,
        approximate=True,
    ),
    event("month-2018", "other", "2018-07", "Known only to the month"),
    event(
        "ana-fund",
        "fund",
        "2007",
        "ANA Trust Fund",
        commitments=[
            {"horizon": "2020-12-31", "set_at": "warsaw-summit-2016", "action": "extended"}
        ],
    ),
]


@pytest.fixture
def small_store(tmp_path):
    """A store with a handful of events in every lane."""
    store = Store(tmp_path / "small.db")
    store.add_events(SMALL_EVENTS)
    yield store
    store.close()


@pytest.fixture
def bundled_store(tmp_path):
    """A store holding the bundled NATO-Afghanistan dataset."""
    from explorer.store.dataset import install_bundled_dataset

    store = Store(tmp_path / "bundled.db")
    install_bundled_dataset(store)
    yield store
    store.close()


KINDS = [k.value for k in EventKind]


def fill_synthetic(store, n, seed=0):
    """Insert ``n`` synthetic events fast (raw executemany: triggers keep the indexes)."""
    rng = np.random.default_rng(seed)
    start = rng.integers(11323, 18993, n)
    length = np.where(rng.random(n) < 0.15, rng.integers(2, 120, n), 1)
    kinds = rng.integers(0, len(KINDS), n)
    rows = (
        (
            f"e{i}",
            KINDS[int(kinds[i])],
            f"Synthetic event number {i}",
            int(start[i]),
            int(start[i] + length[i]),
            "day" if length[i] == 1 else "day_range",
        )
        for i in range(n)
    )
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO event (key, kind, title, start_day, end_day, precision)"
            " VALUES (?,?,?,?,?,?)",
            rows,
        )


@pytest.fixture(scope="session")
def big_store_path(tmp_path_factory):
    """A 200,000-event store, built once per session."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    store = Store(path)
    fill_synthetic(store, 200_000)
    store.close()
    return path


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
