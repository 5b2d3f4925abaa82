"""The store's change log: another connection to the same file learns which events changed
since it last looked, and patching its columns with them gives the columns read afresh."""

from dataclasses import replace

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate
from explorer.store import change_log
from explorer.store.change_log import changes_since, newest_change, trim_change_log
from explorer.store.columns import load_columns, patch_columns, read_columns_from_sql
from explorer.store.edits import add_event, delete_events, event_state, set_note, update_event
from explorer.store.store import Store
from tests.store.factory import event, write_in_bulk


@pytest.fixture
def two_connections(tmp_path):
    path = tmp_path / "shared.sqlite3"
    mine = Store(path)
    mine.add_events(event(f"e{i}", f"2010-0{1 + i % 9}-01") for i in range(20))
    other = Store(path)
    yield mine, other
    other.close()
    mine.close()


def test_another_connection_names_the_events_changed_and_patches_its_columns(two_connections):
    mine, other = two_connections
    seen = newest_change(other)
    columns = load_columns(other)
    add_event(mine, event("added", "2012-05-05"))
    moved = replace(mine.event("e3"), when=FuzzyDate.parse("2015-02"))
    update_event(mine, moved, event_state(mine, "e3").revision)
    delete_events(mine, ["e7"])
    logged = changes_since(other, seen)
    assert set(logged.present) == {"added", "e3"} and logged.gone == ("e7",)
    assert other.id_of("added") in logged.row_ids and other.id_of("e3") in logged.row_ids
    patched = patch_columns(other, columns, logged.row_ids)
    fresh = read_columns_from_sql(other)
    assert np.array_equal(patched.ids, fresh.ids) and np.array_equal(patched.start, fresh.start)
    # nothing new since: nothing named
    assert changes_since(other, logged.newest).row_ids == ()


def test_a_note_is_logged_for_its_event(two_connections):
    mine, other = two_connections
    seen = newest_change(other)
    set_note(mine, "e2", "Checked against the fact sheet")
    logged = changes_since(other, seen)
    assert logged.present == ("e2",) and logged.row_ids == (other.id_of("e2"),)


def test_a_bulk_write_or_too_many_events_cannot_be_named(two_connections, monkeypatch):
    mine, other = two_connections
    seen = newest_change(other)
    write_in_bulk(mine, ({"key": f"bulk{i}", "kind": "other", "title": f"B {i}",
                          "start_day": 15000 + i, "end_day": 15001 + i, "precision": "day"}
                         for i in range(50)))  # fmt: skip
    assert changes_since(other, seen) is None  # read everything again
    seen = newest_change(other)
    monkeypatch.setattr(change_log, "MAX_NAMED", 3)
    mine.add_events(event(f"many{i}", "2011-01-01") for i in range(4))
    assert changes_since(other, seen) is None


def test_a_trimmed_log_sends_a_window_that_looked_before_it_to_read_everything(two_connections):
    mine, other = two_connections
    early = newest_change(other)
    for i in range(6):
        add_event(mine, event(f"late{i}", "2013-01-01"))
    recent = newest_change(other) - 2
    trim_change_log(mine, keep=3)
    assert changes_since(other, early) is None
    assert set(changes_since(other, recent).present) == {"late4", "late5"}
