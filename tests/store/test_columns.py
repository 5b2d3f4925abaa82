"""The timeline's numeric columns: the packed cache equals SQL, follows every change, and
window() finds exactly what the store's span query finds."""

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate, Precision
from explorer.domain.events import EventKind
from explorer.store import Store
from explorer.store.columns import (
    KIND_ORDER,
    LANE_ORDER,
    load_columns,
    read_cached_columns,
    read_columns_from_sql,
)
from explorer.store.generate import write_store
from tests.store import factory

FIELDS = ("ids", "start", "end", "kind", "lane", "exact")


@pytest.fixture(scope="module")
def big_store_path(tmp_path_factory):
    """200,000 generated events."""
    path = tmp_path_factory.mktemp("cols") / "big.db"
    write_store(path, 200_000, seed=11)
    return path


def assert_same(a, b):
    assert len(a) == len(b)
    for name in FIELDS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.max_duration == b.max_duration


def test_cached_columns_equal_columns_read_with_sql(big_store_path):
    with Store(big_store_path) as store:
        cached = read_cached_columns(store)  # written by generate
        assert cached is not None
        assert_same(cached, read_columns_from_sql(store))
        assert_same(load_columns(store), cached)


def test_columns_are_sorted_by_start_then_id_and_describe_each_event(big_store_path):
    with Store(big_store_path) as store:
        columns = load_columns(store)
        order = np.lexsort((columns.ids, columns.start))
        assert np.array_equal(order, np.arange(len(columns)))
        for i in (0, 777, 150_000, len(columns) - 1):
            summary = store.summary(int(columns.ids[i]))
            assert (summary.when.start_day, summary.when.end_day) == (
                columns.start[i],
                columns.end[i],
            )
            assert KIND_ORDER[columns.kind[i]] is summary.kind
            assert LANE_ORDER[columns.lane[i]] is summary.kind.lane
            assert columns.exact[i] == summary.when.precision.is_exact
            assert columns.index_of(summary.id) == i


def test_window_finds_what_the_store_finds_for_random_windows(big_store_path):
    rng = np.random.default_rng(5)
    with Store(big_store_path) as store:
        columns = load_columns(store)
        lo, hi = columns.start.min(), columns.end.max()
        for _ in range(25):
            start = int(rng.integers(lo - 30, hi))
            end = start + int(rng.choice([1, 3, 40, 400, 3000]))
            expected = [s.id for s in store.events_between(start, end)]
            assert columns.ids[columns.window(start, end)].tolist() == expected


def event(key, start_day, days=1, kind=EventKind.VISIT, precision=Precision.DAY):
    """An event of the tests' factory, given by its day numbers."""
    date = FuzzyDate(start_day, start_day + days, precision).iso()
    return factory.event(key, date, kind.value, f"Test {key}", precision=precision.value)


def test_the_cache_follows_adds_updates_and_removals(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_events(event(f"e{i}", 12_000 + i) for i in range(50))
        first = load_columns(store, cache_from=0)
        assert read_cached_columns(store) is not None

        store.add_events([event("late", 20_000, days=900, kind=EventKind.FUND,
                                precision=Precision.DAY_RANGE)])  # fmt: skip
        assert read_cached_columns(store) is None
        added = load_columns(store, cache_from=0)
        late = added.index_of(store.id_of("late"))
        assert len(added) == len(first) + 1 and added.start[late] == 20_000
        assert added.max_duration == 900 and added.exact[late]
        assert_same(read_cached_columns(store), added)

        store.add_events([event("late", 10_000, precision=Precision.YEAR)], replace=True)
        moved = load_columns(store, cache_from=0)
        late = moved.index_of(store.id_of("late"))
        assert late == 0 and moved.start[0] == 10_000 and not moved.exact[0]

        store.remove_events(["late", "e0"])
        removed = load_columns(store, cache_from=0)
        assert len(removed) == 49 and removed.index_of(store.id_of("e1")) == 0
        assert_same(removed, read_columns_from_sql(store))


def test_each_load_sees_the_store_as_changed_here_or_elsewhere(tmp_path):
    # one copy shared by the panes is the open store's job (tests/ui/test_open_store.py)
    with Store(tmp_path / "s.db") as store, Store(tmp_path / "s.db") as other:
        store.add_events(event(f"e{i}", 12_000 + i) for i in range(10))
        first = load_columns(store)
        store.add_events([event("mine", 13_000)])
        mine = load_columns(store)
        assert mine is not first and len(mine) == 11
        other.add_events([event("theirs", 14_000)])  # another connection, as an import would
        theirs = load_columns(store)
        assert len(theirs) == 12 and theirs.index_of(other.id_of("theirs")) == 11


def test_an_empty_store_and_a_small_store_load_without_a_cache(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert len(load_columns(store)) == 0
        store.add_events([event("one", 100)])
        assert len(load_columns(store)) == 1
        assert read_cached_columns(store) is None  # below the size worth caching
        assert load_columns(store).window(100, 101).tolist() == [0]


@pytest.mark.parametrize("ids", [[3, 1, 2, 7], [3, 10_000_000, 1, 7]])  # dense and sparse ids
def test_index_of_finds_every_id_and_nothing_else(ids):
    from explorer.store.columns import _columns

    n = len(ids)
    columns = _columns(np.array(ids), np.arange(n), np.arange(n) + 1, np.zeros(n), np.ones(n))
    assert [columns.index_of(i) for i in ids] == list(range(n))
    assert [columns.index_of(i) for i in (0, 4, 8, -1, 10**12)] == [None] * 5


def test_columns_patched_after_each_edit_equal_columns_read_again(tmp_path):
    from dataclasses import replace

    from explorer.store.columns import patch_columns
    from explorer.store.edits import (
        add_event,
        delete_events,
        event_state,
        restore_events,
        update_event,
    )
    from tests.store.factory import event

    store = Store(tmp_path / "patch.db")
    # many events on one day: the patch must keep the (start, id) order among them
    store.add_events(event(f"e{i}", "2010-01-0" + str(1 + i % 3)) for i in range(30))
    columns = load_columns(store)
    edits = [
        lambda: add_event(store, event("new", "2010-01-02")),
        lambda: add_event(store, event("early", "1999", kind="summit")),
        lambda: update_event(
            store,
            replace(store.event("e4"), when=FuzzyDate.parse("2011-03")),
            event_state(store, "e4").revision,
        ),
        lambda: delete_events(store, ["e7", "early"]),
        lambda: restore_events(store, ["e7"]),
    ]
    for edit in edits:
        changes = edit()
        columns = patch_columns(store, columns, changes.row_ids)
        again = read_columns_from_sql(store)
        for name in FIELDS:
            assert np.array_equal(getattr(columns, name), getattr(again, name)), name
        assert columns.max_duration >= again.max_duration
        assert all(columns.index_of(int(i)) == n for n, i in enumerate(again.ids))
    store.close()


def test_ids_are_found_after_many_edits_and_after_the_lookup_is_built_again(tmp_path, monkeypatch):
    """An edit lays its ids over the shared id lookup instead of copying it; past a few the
    lookup is built again. Either way every id is found where a fresh read puts it."""
    import explorer.store.columns as columns_module
    from explorer.store.columns import patch_columns
    from explorer.store.edits import add_event, delete_events, event_state, update_event
    from tests.store.factory import event

    monkeypatch.setattr(columns_module, "MAX_EDITED_LOOKUPS", 5)
    store = Store(tmp_path / "lookup.db")
    store.add_events(event(f"e{i}", f"2010-01-{1 + i % 28:02d}") for i in range(60))
    columns = load_columns(store)
    assert columns.index_of(int(columns.ids[0])) == 0
    shared = []
    for step in range(12):
        if step % 3 == 0:
            changes = add_event(store, event(f"new{step}", f"2009-12-{1 + step:02d}"))
        elif step % 3 == 1:
            key = f"e{step}"
            moved = replace_date(store.event(key), f"2011-0{1 + step % 9}")
            changes = update_event(store, moved, event_state(store, key).revision)
        else:
            changes = delete_events(store, [f"e{step}"])
        before = columns
        columns = patch_columns(store, columns, changes.row_ids)
        again = read_columns_from_sql(store)
        assert np.array_equal(columns.ids, again.ids)
        assert [columns.index_of(int(i)) for i in again.ids] == list(range(len(again)))
        gone = set(before.ids.tolist()) - set(again.ids.tolist())
        assert all(columns.index_of(i) is None for i in gone)
        assert columns.index_of(10**9) is None and columns.index_of(-3) is None
        shared.append(columns._lookup is not None and columns._lookup.days is before._lookup.days)
    # the first edits share the old table; once the edits outgrow it, it is built anew
    assert shared[:2] == [True, True] and False in shared
    store.close()


def replace_date(event, text):
    from dataclasses import replace

    return replace(event, when=FuzzyDate.parse(text))


def test_ids_are_found_in_columns_whose_days_are_not_whole_numbers():
    from explorer.store.columns import _columns

    columns = _columns(np.array([3, 1, 2]), [0.5, 0.5, 2.25], [1.0, 1.0, 3.0], [0, 0, 0],
                       [True, True, True])  # fmt: skip
    assert [columns.index_of(i) for i in (3, 1, 2, 4)] == [0, 1, 2, None]


def test_an_edit_is_written_into_spare_buffers_when_they_fit(tmp_path):
    from explorer.store.columns import COLUMN_NAMES, patch_columns
    from explorer.store.edits import add_event
    from tests.store.factory import event

    store = Store(tmp_path / "spares.db")
    store.add_events(event(f"e{i}", f"2010-01-{1 + i % 28:02d}") for i in range(40))
    columns = load_columns(store)
    spares = columns.spare_buffers(room=1)
    changes = add_event(store, event("added", "2010-01-05"))
    patched = patch_columns(store, columns, changes.row_ids, spares)
    again = read_columns_from_sql(store)
    for name in COLUMN_NAMES:
        assert np.shares_memory(getattr(patched, name), spares[name]), name
        assert np.array_equal(getattr(patched, name), getattr(again, name)), name
    # buffers too short for two more events are left alone, and the edit still lands
    short = patched.spare_buffers(room=1)
    add_event(store, event("one", "2011-01-01"))
    add_event(store, event("two", "2011-01-02"))
    ids = (store.id_of("one"), store.id_of("two"))
    twice = patch_columns(store, patched, ids, short)
    assert not np.shares_memory(twice.ids, short["ids"])
    assert np.array_equal(twice.ids, read_columns_from_sql(store).ids)
    store.close()
