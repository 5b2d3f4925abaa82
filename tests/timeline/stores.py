"""Stores the timeline is tested over, for the model's tests and the widget's: a handful of events
in every lane, the bundled dataset, and a big synthetic store."""

import numpy as np
import pytest

from explorer.domain.events import EventKind
from explorer.store.store import Store
from tests.store import factory


def event(key, kind, date, title=None, **details):
    """A minimal valid event of the tests' factory, its details given as keywords."""
    return factory.event(
        key, date, kind, title, details=details, sources=[{"title": "test source"}]
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
    store = Store(factory.bundled_store(tmp_path / "bundled.sqlite3"))
    yield store
    store.close()


KINDS = [k.value for k in EventKind]


def fill_synthetic(store, n, seed=0):
    """Insert ``n`` synthetic events fast, through the bulk writer import and generate use."""
    rng = np.random.default_rng(seed)
    start = rng.integers(11323, 18993, n)
    length = np.where(rng.random(n) < 0.15, rng.integers(2, 120, n), 1)
    kinds = rng.integers(0, len(KINDS), n)
    factory.write_in_bulk(
        store,
        (
            {
                "key": f"e{i}",
                "kind": KINDS[int(kinds[i])],
                "title": f"Synthetic event number {i}",
                "start_day": int(start[i]),
                "end_day": int(start[i] + length[i]),
                "precision": "day" if length[i] == 1 else "day_range",
            }
            for i in range(n)
        ),
    )


@pytest.fixture(scope="session")
def big_store_path(tmp_path_factory):
    """A 200,000-event store, built once per session."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    store = Store(path)
    fill_synthetic(store, 200_000)
    store.close()
    return path
