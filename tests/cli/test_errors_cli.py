"""Every error a user can cause: one clear line, exit status 2, and no file changed."""

import os
import sqlite3
from pathlib import Path

import pytest

from explorer.store.connection import SCHEMA_VERSION
from tests.cli.errors import assert_one_line_error
from tests.cli.helpers import corrupt_event_table, files_in
from tests.store.factory import bundled_store

COMMANDS = [("list",), ("check",), ("export", "out.json"), ("import", "in.csv")]


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    (tmp_path / "in.csv").write_text("id,kind,title,date\nx,other,X,2001\n")
    return folder


@pytest.mark.parametrize("args", COMMANDS)
def test_a_file_that_is_not_a_store_is_refused_untouched(run_cli, tmp_path, folder, args):
    garbage = folder / "notes.sqlite3"
    garbage.write_bytes(b"Shopping list: milk, eggs.\n" * 300)
    before = files_in(folder)
    result = run_cli("--db", garbage, *[tmp_path / a if "." in a else a for a in args])
    assert_one_line_error(result, "not a Timeline Explorer store")
    assert files_in(folder) == before


@pytest.mark.parametrize("args", COMMANDS)
def test_a_store_from_a_newer_app_stays_byte_identical(run_cli, tmp_path, folder, args):
    store = bundled_store(folder / "new.sqlite3")
    conn = sqlite3.connect(store)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = files_in(folder)
    result = run_cli("--db", store, *[tmp_path / a if "." in a else a for a in args])
    assert_one_line_error(result, "newer Timeline Explorer", "untouched")
    assert files_in(folder) == before


@pytest.mark.parametrize("args", [("list",), ("export", "out.json")])
def test_a_corrupted_store_is_one_line_not_a_traceback(run_cli, tmp_path, folder, args):
    store = bundled_store(folder / "damaged.sqlite3")
    corrupt_event_table(store)
    before = files_in(folder)
    result = run_cli("--db", store, *[tmp_path / a if "." in a else a for a in args])
    assert_one_line_error(result, "damaged")
    assert files_in(folder) == before
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("args", COMMANDS[:3])
def test_a_missing_store_is_not_created_by_reading_commands(run_cli, tmp_path, folder, args):
    result = run_cli(
        "--db", folder / "typo.sqlite3", *[tmp_path / a if "." in a else a for a in args]
    )
    assert_one_line_error(result, "no such store")
    assert files_in(folder) == {}


def test_importing_a_missing_file(run_cli, tmp_path, folder):
    store = bundled_store(folder / "s.sqlite3")
    before = files_in(folder)
    assert_one_line_error(run_cli("--db", store, "import", tmp_path / "nope.json"), "no such file")
    assert files_in(folder) == before


@pytest.mark.parametrize(
    "content, words",
    [
        (
            "id,kind,title,date\nok,other,Fine,2001\nbad,other,Bad,2001-02-30\n",
            ["line 3", "'bad'", "'date'", "nothing was imported"],
        ),
        (
            'id,kind,title,date,relations\nok,other,Fine,2001,"[{""type"":""extends"",""target"":""ghost""}]"\n',
            ["line 2", "'relations[0].target'", "no event 'ghost'"],
        ),
        (
            "id,kind,title,date\nwarsaw-summit-2016,summit,Again,2016\n",
            ["line 2", "already in the store", "--replace"],
        ),
        ("\xff\xfe garbage", ["not UTF-8"]),
    ],
)
def test_a_malformed_import_names_line_and_field_and_writes_nothing(
    run_cli, tmp_path, folder, content, words
):
    store = bundled_store(folder / "s.sqlite3")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content.encode("latin-1") if content.startswith("\xff") else content.encode())
    before = files_in(folder)
    assert_one_line_error(run_cli("--db", store, "import", bad), *words)
    assert files_in(folder) == before


def unwritable_folder(tmp_path) -> Path:
    """A folder this user cannot write: chmod for a normal user; /proc for root, who ignores modes."""
    if os.geteuid() == 0:
        return Path("/proc")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def test_a_read_only_location(run_cli, tmp_path, folder):
    locked = unwritable_folder(tmp_path)
    csv = tmp_path / "in.csv"
    assert_one_line_error(run_cli("--db", locked / "new.sqlite3", "import", csv), "cannot")
    store = bundled_store(folder / "s.sqlite3")
    assert_one_line_error(run_cli("--db", store, "export", locked / "out.json"), "cannot write")
    assert not (locked / "new.sqlite3").exists() and not (locked / "out.json").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (("list", "--kind", "party"), ["unknown kind 'party'", "summit"]),
        (("list", "--from", "2016-13"), ["--from/--to", "2016-13"]),
        (("export", "out.txt"), ["unknown file type", ".csv, .ics, .json", "--format"]),
        (("import", "in.xml"), ["unknown file type", ".csv, .json, .timeline", "--format"]),
    ],
)
def test_bad_arguments(run_cli, args, words):
    assert_one_line_error(run_cli(*args), *words)
