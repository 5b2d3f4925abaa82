"""Opening store files: migrations from empty, and files the app must refuse untouched."""

import sqlite3

import pytest

from explorer.store import NotAStore, Store, StoreNotFound, StoreTooNew
from explorer.store.connection import APPLICATION_ID, SCHEMA_VERSION, migrations
from tests.store.factory import event


def files_in(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("start", range(SCHEMA_VERSION + 1))
def test_every_version_climbs_to_the_current_schema(tmp_path, start):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for number, _name, sql in migrations()[:start]:
        conn.executescript(sql)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {number}")
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.add_events([event("a", "2016")])
        assert store.event("a").title == "A"
        assert store.integrity_problems() == []


def test_a_store_from_a_newer_app_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "new.sqlite3"
    with Store(path) as store:
        store.add_events([event("a", "2016")])
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = files_in(tmp_path)
    with pytest.raises(StoreTooNew, match="newer Timeline Explorer"):
        Store(path)
    assert files_in(tmp_path) == before


@pytest.mark.parametrize(
    "content", [b"hello, this is not a database\n" * 200, b"\x00" * 5000 + b"SQLite format 3"]
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotAStore):
        Store(path)
    assert files_in(tmp_path) == {"notes.sqlite3": content}


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = files_in(tmp_path)
    with pytest.raises(NotAStore, match="not a Timeline Explorer store"):
        Store(path)
    assert files_in(tmp_path) == before


def test_a_missing_store_is_not_created_when_it_must_exist(tmp_path):
    with pytest.raises(StoreNotFound):
        Store(tmp_path / "nothing.sqlite3", create=False)
    assert list(tmp_path.iterdir()) == []
