"""The user's edits on a real store file: each one transaction, refused on a stale copy, a
deleted event restorable whole, and a dataset update never overwriting the user's work."""

from dataclasses import replace

import pytest

from explorer.store import EditRefused, ImportRejected, Store
from explorer.store.dataset import BUNDLED, Dataset, install_bundled_dataset
from explorer.store.edits import (
    add_event,
    bookmarked_events,
    delete_events,
    deleted_events,
    event_state,
    new_key,
    remove_added_event,
    restore_events,
    revert_to_dataset,
    set_bookmark,
    set_note,
    set_version,
    update_event,
    user_keys,
)
from tests.store.factory import event, new_store


def bundled(key, date, **fields):
    return ("bundled.json", event(key, date, origin=BUNDLED, **fields))


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    install_bundled_dataset(
        store,
        Dataset(
            "1",
            (
                bundled("summit", "2010-11-20", kind="summit", title="Lisbon Summit"),
                bundled("drawdown", "2011", title="Drawdown",
                        relations=[{"type": "decided_at", "target": "summit"}]),
            ),
        ),
    )  # fmt: skip
    yield store
    store.close()


def test_an_added_event_is_the_users_and_survives_reopening(store, tmp_path):
    changes = add_event(store, event("my-meeting", "2012-05-20", title="My meeting"))
    assert changes.added == ("my-meeting",) and changes.row_ids == (store.id_of("my-meeting"),)
    store.close()
    with Store(tmp_path / "events.sqlite3") as again:
        state = event_state(again, "my-meeting")
        assert state.added_by_user and not state.edited and state.event.title == "My meeting"


def test_a_taken_id_is_refused_and_new_key_finds_a_free_one(store):
    with pytest.raises(EditRefused, match="exists already"):
        add_event(store, event("summit", "2012"))
    assert new_key(store, "Lisbon Summit!") == "lisbon-summit"
    add_event(store, event("lisbon-summit", "2012"))
    assert new_key(store, "Lisbon Summit!") == "lisbon-summit-2"


def test_editing_a_bundled_event_keeps_the_datasets_version_and_reverts(store):
    before = event_state(store, "summit")
    edited = replace(before.event, title="Lisbon Summit (my title)")
    update_event(store, edited, before.revision)
    after = event_state(store, "summit")
    assert after.event.title == "Lisbon Summit (my title)" and after.event.origin == BUNDLED
    assert after.edited and after.dataset_event.title == "Lisbon Summit"
    assert after.revision == before.revision + 1
    assert user_keys(store) == ["summit"]
    # the relation into the edited event is untouched
    assert [r.target_key for r in store.event("drawdown").relations] == ["summit"]
    revert_to_dataset(store, "summit", after.revision)
    reverted = event_state(store, "summit")
    assert reverted.event.title == "Lisbon Summit" and not reverted.edited
    assert user_keys(store) == []


def test_an_edit_on_a_stale_copy_is_refused_and_writes_nothing(store):
    copy = event_state(store, "summit")
    update_event(store, replace(copy.event, title="First"), copy.revision)
    with pytest.raises(EditRefused, match="changed elsewhere"):
        update_event(store, replace(copy.event, title="Second"), copy.revision)
    assert store.event("summit").title == "First"


def test_undo_of_an_edit_puts_back_the_old_version_and_its_state(store):
    before = event_state(store, "summit")
    update_event(store, replace(before.event, summary="mine"), before.revision)
    set_version(store, before.event, before.revision + 1, before.dataset_event)
    state = event_state(store, "summit")
    assert state.event == before.event and not state.edited


def test_delete_and_restore_bring_back_relations_note_and_bookmark(store):
    add_event(store, event("mine", "2012", relations=[{"type": "extends", "target": "summit"}]))
    set_note(store, "summit", "Two paragraphs.\n\nSecond one.")
    set_bookmark(store, "summit", True)
    old_id = store.id_of("summit")
    changes = delete_events(store, ["summit"])
    assert changes.removed == ("summit",) and changes.row_ids == (old_id,)
    assert store.event("summit") is None and store.event("drawdown").relations == ()
    assert [d.key for d in deleted_events(store)] == ["summit"]
    assert "summit" not in [s.key for s in store.search("Lisbon")]
    restore_events(store, ["summit"])
    state = event_state(store, "summit")
    assert state.note == "Two paragraphs.\n\nSecond one." and state.bookmarked
    assert [r.target_key for r in store.event("drawdown").relations] == ["summit"]
    assert [r.target_key for r in store.event("mine").relations] == ["summit"]
    assert deleted_events(store) == []
    assert "summit" in [s.key for s in store.search("Lisbon")]


def test_a_deleted_bundled_event_stays_deleted_through_a_dataset_update(store):
    delete_events(store, ["summit"])
    install_bundled_dataset(
        store, Dataset("2", (bundled("summit", "2010-11-20", kind="summit", title="Newer"),))
    )
    assert store.event("summit") is None
    assert [d.key for d in deleted_events(store)] == ["summit"]


def test_a_dataset_update_keeps_the_users_edit_and_shows_the_new_version_beside_it(store):
    state = event_state(store, "summit")
    update_event(store, replace(state.event, title="My title"), state.revision)
    install_bundled_dataset(
        store,
        Dataset("2", (bundled("summit", "2010-11-19/2010-11-20", kind="summit",
                              title="Lisbon Summit (corrected)"),)),
    )  # fmt: skip
    after = event_state(store, "summit")
    assert after.event.title == "My title"
    assert after.dataset_event.title == "Lisbon Summit (corrected)"
    revert_to_dataset(store, "summit", after.revision)
    assert store.event("summit").title == "Lisbon Summit (corrected)"


def test_an_edited_event_the_dataset_drops_becomes_the_users(store):
    state = event_state(store, "drawdown")
    update_event(store, replace(state.event, title="Kept"), state.revision)
    install_bundled_dataset(store, Dataset("2", (bundled("summit", "2010", kind="summit"),)))
    kept = event_state(store, "drawdown")
    assert kept.event.title == "Kept" and kept.added_by_user


def test_undo_of_add_removes_the_event(store):
    add_event(store, event("mine", "2012"))
    state = event_state(store, "mine")
    remove_added_event(store, "mine", state.revision)
    assert store.event("mine") is None and deleted_events(store) == []


def test_notes_and_bookmarks_do_not_move_the_event(store):
    assert set_note(store, "summit", "n").row_ids == ()
    assert set_bookmark(store, "drawdown", True).row_ids == ()
    assert [s.key for s in bookmarked_events(store)] == ["drawdown"]
    with pytest.raises(EditRefused):
        set_note(store, "nothing", "n")


def test_a_failed_write_leaves_the_store_as_it_was(store):
    # a relation to a missing event fails inside the transaction: nothing of the edit stays
    state = event_state(store, "summit")
    broken = replace(
        state.event,
        title="Half-written",
        relations=(*state.event.relations, *event(
            "x", "2010", relations=[{"type": "extends", "target": "nowhere"}]).relations),
    )  # fmt: skip
    with pytest.raises(ImportRejected, match="missing event"):
        update_event(store, broken, state.revision)
    again = event_state(store, "summit")
    assert again.event.title == "Lisbon Summit" and again.revision == state.revision


def test_a_note_is_found_by_the_search_and_gone_when_cleared(store):
    set_note(store, "drawdown", "Compare with the Bonn figures.")
    assert [s.key for s in store.search("Bonn")] == ["drawdown"]
    set_note(store, "drawdown", "")
    assert store.search("Bonn") == []
