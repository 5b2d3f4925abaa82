"""The bundled dataset installs into a store and updates without touching the user's events."""

from dataclasses import replace

from explorer.store.dataset import (
    BUNDLED,
    META_DATASET_VERSION,
    Dataset,
    bundled_dataset,
    install_bundled_dataset,
)
from tests.store.factory import event, new_store


def bundled(key, date, **fields):
    return ("bundled.json", event(key, date, origin=BUNDLED, **fields))


def test_an_update_keeps_user_events_and_their_relations(tmp_path):
    store = new_store(tmp_path)
    first = Dataset(
        "1", (bundled("summit-a", "2010"), bundled("summit-b", "2012"), bundled("dropped", "2013"))
    )
    install_bundled_dataset(store, first)
    summit_a_id = store.id_of("summit-a")
    store.add_events(
        [event("my-note", "2011", relations=[{"type": "decided_at", "target": "summit-a"}])]
    )
    second = Dataset(
        "2",
        (
            bundled("summit-a", "2010", title="Summit A, renamed"),
            bundled("summit-b", "2012"),
            bundled("summit-c", "2014"),
        ),
    )
    changes = install_bundled_dataset(store, second)
    assert changes.removed == ("dropped",) and "summit-c" in changes.added
    assert store.event("summit-a").title == "Summit A, renamed"
    assert store.id_of("summit-a") == summit_a_id
    mine = store.event("my-note")
    assert mine.origin == "user"
    assert [(r.type.value, r.target_key) for r in mine.relations] == [("decided_at", "summit-a")]
    assert [link.other.key for link in store.linked_events("summit-a")] == ["my-note"]
    assert store.meta(META_DATASET_VERSION) == "2"
    # the same version again changes nothing
    assert not install_bundled_dataset(store, second).any
    store.close()


def test_a_user_event_sharing_a_bundled_id_is_never_overwritten(tmp_path):
    store = new_store(tmp_path)
    store.add_events([event("summit-a", "1999", title="Mine")])
    install_bundled_dataset(store, Dataset("1", (bundled("summit-a", "2010"),)))
    assert store.event("summit-a").title == "Mine"
    store.close()


def test_the_real_dataset_installs_sourced_and_linked(tmp_path):
    dataset = bundled_dataset()
    store = new_store(tmp_path)
    install_bundled_dataset(store, dataset)
    assert store.count() == len(dataset.events) > 50
    for _file, e in dataset.events:
        stored = store.event(e.key)
        assert stored.sources, f"{e.key} has no source"
        assert all(s.title for s in stored.sources)
        assert set(stored.relations) == set(e.relations)
        assert replace(stored, relations=e.relations) == e
    assert store.integrity_problems() == []
    store.close()
