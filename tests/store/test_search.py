"""Search over everything a pane shows: fields, word forms, numbers, dates, and an index that
follows every write (single events, relations, sources, imports, generated stores)."""

from __future__ import annotations

import pytest

from explorer.domain.search_query import parse_search
from explorer.store.dataset import install_bundled_dataset
from explorer.store.generate import write_store
from explorer.store.importing import import_events
from tests.store.factory import event, new_store


def keys(found) -> list[str]:
    return [s.key for s in found]


def meeting(key: str, date: str, title: str, place: str, decision: str, **fields):
    details = {
        "place": place,
        "level": "defence_ministers",
        "participants": ["NATO Allies", "operational partners"],
        "decisions": [{"text": decision}],
    }
    return event(key, date, "ministerial_meeting", title, details=details, **fields)


@pytest.fixture()
def store(tmp_path):
    store = new_store(tmp_path)
    store.add_events(
        [
            meeting(
                "dm-2017",
                "2017-11-09",
                "Defence Ministers meet",
                "Brussels, Belgium",
                "Enlarge the mission from about 13,000 to about 16,000 troops",
                sources=[{"title": "Press conference", "publisher": "NATO", "url": None}],
            ),
            meeting("dm-2020", "2020-06", "Ministers by video", "videoconference", "Keep going"),
            event(
                "fund",
                "2007",
                "fund",
                "Army Trust Fund",
                details={
                    "administrator": "UNDP",
                    "purpose": "Pays police salaries",
                    "contributions": [],
                    "commitments": [],
                },
                sources=[{"title": "Fund report", "publisher": "World Bank", "url": None}],
            ),
            event(
                "unscr", "2014-12-12", "un_resolution", "Resolution 2189", summary="Welcomes it."
            ),
            event(
                "mission",
                "2015/2021",
                "mission_milestone",
                "Training Mission",
                relations=[{"type": "legal_basis", "target": "unscr"}],
                summary="Trains and advises.",
            ),
        ]
    )
    yield store
    store.close()


def test_fields_of_the_pane_are_searched_and_say_where_they_matched(store):
    cases = {
        "Brussels": ("dm-2017", "place", "Brussels"),
        "enlarge": ("dm-2017", "details", "Enlarge"),
        "partners": ("dm-2017", "details", "partners"),
        "salaries": ("fund", "details", "salaries"),
        "legal basis": ("mission", "related", "legal"),
        "World Bank": ("fund", "source", "World"),
        "conference": ("dm-2017", "source", "conference"),
    }
    for typed, (key, field, word) in cases.items():
        query = parse_search(typed)
        found = store.search(query)
        assert key in keys(found), typed
        match = store.search_matches(query, [s.id for s in found])[store.id_of(key)]
        assert match.field == field, typed
        assert word in [match.text[a : a + n] for a, n in match.ranges], typed


def test_a_relation_reads_from_both_ends(store):
    assert sorted(keys(store.search("legal basis"))) == ["mission", "unscr"]
    assert keys(store.search("related:training")) == ["unscr"]


def test_word_forms_synonyms_and_numbers_match(store):
    for typed in ("enlarged", "increase", "increased 16000", "16,000", "16 000", "13000"):
        assert keys(store.search(typed)) == ["dm-2017"], typed
    assert keys(store.search("advised")) == ["mission"]
    assert store.search("17000") == []


def test_field_prefixes_narrow_to_one_field(store):
    assert keys(store.search("place:brussels")) == ["dm-2017"]
    assert keys(store.search("source:UNDP")) == []
    assert keys(store.search("details:UNDP")) == ["fund"]
    assert keys(store.search("source:NATO")) == ["dm-2017"]
    assert sorted(keys(store.search("kind:ministerial"))) == ["dm-2017", "dm-2020"]
    assert keys(store.search("kind:ministerial brussels")) == ["dm-2017"]
    assert keys(store.search("kind:summit brussels")) == []
    assert keys(store.search('title:"trust fund"')) == ["fund"]
    assert keys(store.search("nosuchfield:brussels")) == []


def test_a_date_in_the_search_narrows_to_events_overlapping_it(store):
    assert keys(store.search("2020")) == ["mission", "dm-2020"]
    assert keys(store.search("2020 ministers")) == ["dm-2020"]
    assert sorted(keys(store.search("November 2017"))) == ["dm-2017", "mission"]
    assert keys(store.search("2016-2017 brussels")) == ["dm-2017"]
    assert keys(store.search('"2020"')) == []  # quoted: the word, which no text holds


def test_single_writes_keep_the_index_in_step(store):
    store.add_events(
        [
            event(
                "new",
                "2019",
                "other",
                "Quiet note",
                relations=[{"type": "part_of", "target": "fund"}],
            )
        ]
    )
    assert keys(store.search("related:quiet")) == ["fund"]
    # a related event's new title reaches the other end
    store.add_events(
        [
            event(
                "new",
                "2019",
                "other",
                "Loud note",
                relations=[{"type": "part_of", "target": "fund"}],
            )
        ],
        replace=True,
    )
    assert keys(store.search("related:quiet")) == []
    assert keys(store.search("related:loud")) == ["fund"]
    with store.transaction() as conn:
        conn.execute("UPDATE event SET title = 'Army Fund of Trust' WHERE key = 'fund'")
    assert keys(store.search("related:army")) == ["new"]
    with store.transaction() as conn:
        conn.execute("DELETE FROM source WHERE event_id = ?", (store.id_of("fund"),))
    assert keys(store.search("source:bank")) == []
    store.remove_events(["new"])
    assert keys(store.search("related:loud")) == []
    assert keys(store.search("loud")) == []
    assert store.integrity_problems() == []
    rows = store.execute("SELECT count(*) FROM event_fts").fetchone()[0]
    assert rows == store.count()


def test_an_import_indexes_its_events_sources_and_relations(store, tmp_path):
    path = tmp_path / "more.json"
    path.write_text(
        '{"format": "timeline-explorer-export", "format_version": 1, "events": ['
        '{"id": "imp", "kind": "other", "title": "Imported item", "date": "2018",'
        ' "relations": [{"type": "decided_at", "target": "dm-2017"}],'
        ' "sources": [{"title": "Gazette", "publisher": "Kabul Times", "url": null}]}]}'
    )
    import_events(store, path)
    assert keys(store.search("source:kabul")) == ["imp"]
    assert keys(store.search("related:imported")) == ["dm-2017"]
    assert keys(store.search("decided here")) == ["dm-2017"]
    assert store.execute("SELECT count(*) FROM event_fts").fetchone()[0] == store.count()
    assert store.integrity_problems() == []


def test_a_generated_store_is_searchable(tmp_path):
    path = tmp_path / "big.sqlite3"
    write_store(path, 2000, seed=3)
    from explorer.store import Store

    store = Store(path)
    title = store.summary(7).title
    assert 7 in {s.id for s in store.search(f'title:"{title}"')}
    assert store.execute("SELECT count(*) FROM event_fts").fetchone()[0] == 2000
    store.close()


def test_the_bundled_dataset_answers_the_analysts_questions(tmp_path):
    store = new_store(tmp_path)
    install_bundled_dataset(store)
    in_2020 = keys(store.search("2020", limit=500))
    assert {
        "defence-ministers-2020-02",
        "defence-ministers-2020-06",
        "ana-tf-board-2020-10",
    } <= set(in_2020)
    assert "warsaw-summit-2016" not in in_2020
    assert {"kabul-airlift-2021", "taliban-take-kabul-2021"} <= set(
        keys(store.search("August 2021"))
    )
    assert "resolute-support-mission" in keys(store.search("legal basis"))
    assert "defence-ministers-2017-11" in keys(store.search("increase 16000"))
    assert "lotfa" in keys(store.search("source:UNDP"))
    store.close()


def test_the_index_check_catches_text_changed_behind_the_triggers(store):
    assert store.integrity_problems() == []
    with store.transaction() as conn:  # as a foreign tool would: the kept fields, no trigger
        conn.execute(
            "UPDATE event_search SET place = 'Oslo' WHERE id = ?", (store.id_of("dm-2017"),)
        )
    assert store.integrity_problems() != []


def test_awkward_writes_leave_a_sound_index(store, tmp_path):
    # a relation to itself, then a new title; a replace import that rewires relations and
    # sources of an existing event while adding new ones that point at old events
    store.add_events(
        [event("loop", "2016", "other", "Loop", relations=[{"type": "part_of", "target": "loop"}])]
    )
    with store.transaction() as conn:
        conn.execute("UPDATE event SET title = 'Circle' WHERE key = 'loop'")
    assert keys(store.search("related:circle")) == ["loop"]
    path = tmp_path / "again.json"
    path.write_text(
        '{"format": "timeline-explorer-export", "format_version": 1, "events": ['
        '{"id": "fund", "kind": "other", "title": "Army Trust Fund", "date": "2007",'
        ' "relations": [{"type": "part_of", "target": "mission"}],'
        ' "sources": [{"title": "Ledger", "publisher": "Treasury", "url": null}]},'
        '{"id": "late", "kind": "other", "title": "Late addition", "date": "2019",'
        ' "relations": [{"type": "part_of", "target": "fund"}]}]}'
    )
    import_events(store, path, replace=True)
    assert keys(store.search("source:treasury")) == ["fund"]
    assert keys(store.search("source:bank")) == []
    assert sorted(keys(store.search("related:late"))) == ["fund"]
    assert sorted(keys(store.search("includes"))) == ["fund", "loop", "mission"]
    store.remove_events(["mission", "loop"])
    assert keys(store.search("related:training")) == []
    assert store.integrity_problems() == []
