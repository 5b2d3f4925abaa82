"""A decision's own sources survive export and import, and a position the event lacks is refused."""

import csv
import json
import sqlite3

import pytest

from explorer.domain.details import meeting_details
from explorer.store import ImportRejected, Store
from explorer.store.connection import APPLICATION_ID, SCHEMA_VERSION, migrations
from explorer.store.event_files import CSV_COLUMNS
from explorer.store.export import export_to_path
from explorer.store.importing import import_events
from tests.store.factory import event, new_store

SOURCES = [
    {"title": "Fact sheet", "url": "https://example.org/fs", "section": "Funding", "paragraph": 2},
    {"title": "News item", "url": "https://example.org/news"},
    {"title": "Declaration", "paragraph": "para 4"},
]


def _meeting():
    return event(
        "my-summit",
        "2018-07-11/2018-07-12",
        kind="summit",
        details={
            "place": "Brussels",
            "decisions": [
                {"text": "Keep the mission", "sources": [2]},
                {"text": "Fund the forces", "sources": [3, 1]},
                {"text": "Meet again"},
            ],
        },
        sources=SOURCES,
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_decisions_own_sources_survive_export_and_import(tmp_path, fmt):
    source = new_store(tmp_path, "source.sqlite3")
    source.add_events([_meeting()])
    path = tmp_path / f"export.{fmt}"
    export_to_path(source, path)
    target = new_store(tmp_path, "target.sqlite3")
    import_events(target, path)
    imported = target.event("my-summit")
    decisions = meeting_details(imported).decisions
    assert [d.sources for d in decisions] == [(2,), (3, 1), ()]
    assert [[imported.sources[p - 1].title for p in d.sources] for d in decisions] == [
        ["News item"],
        ["Declaration", "Fact sheet"],
        [],
    ]
    again = tmp_path / f"again.{fmt}"
    export_to_path(target, again)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_decision_naming_a_source_the_event_lacks_is_refused(tmp_path, fmt):
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    raw = {
        "id": "bad-summit",
        "kind": "summit",
        "title": "Bad summit",
        "date": "2018",
        "details": {"decisions": [{"text": "Fund", "sources": [1, 4]}]},
        "sources": SOURCES,
    }
    path = tmp_path / f"bad.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps([raw]), encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            cells = {**raw, "details": json.dumps(raw["details"]), "sources": json.dumps(SOURCES)}
            writer.writerow([cells.get(column, "") for column in CSV_COLUMNS])
    with pytest.raises(ImportRejected) as caught:
        import_events(store, path)
    message = str(caught.value)
    assert "event 'bad-summit'" in message
    assert "field 'details.decisions[0].sources[1]'" in message
    assert "no source 4: the event has 3 sources" in message
    assert store.count() == 1 and store.event("bad-summit") is None


def test_a_decisions_source_numbers_are_not_searched_as_words(tmp_path):
    store = new_store(tmp_path)
    store.add_events([_meeting()])
    assert [s.key for s in store.search("fund forces")] == ["my-summit"]
    assert store.search("3") == [] and store.search("2") == []


def test_a_store_indexed_before_the_numbers_were_left_out_is_indexed_again(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for number, _name, sql in migrations()[:7]:
        conn.executescript(sql)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {number}")
    details = json.dumps({"decisions": [{"text": "Fund the forces", "sources": [3]}]})
    conn.execute(
        "INSERT INTO event (key, kind, title, start_day, end_day, precision, details)"
        " VALUES ('old-summit', 'summit', 'Old summit', 736000, 736001, 'day', ?)",
        (details,),
    )
    conn.commit()
    found = conn.execute("SELECT count(*) FROM event_fts WHERE event_fts MATCH '3'").fetchone()
    assert found == (1,)  # indexed as a word before
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.search("3") == []
        assert [s.key for s in store.search("fund")] == ["old-summit"]
        assert store.integrity_problems() == []
