"""export -> import into an empty store -> export, through the real command line."""

import json

import pytest

from tests.store.factory import bundled_store


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_export_import_export_is_byte_identical(run_cli, tmp_path, suffix):
    first, second = tmp_path / f"first.{suffix}", tmp_path / f"second.{suffix}"
    run_cli("export", first, check=True)  # the default store, created from the bundled dataset
    empty = tmp_path / "empty.sqlite3"
    result = run_cli("--db", empty, "import", first, check=True)
    assert "new events" in result.stdout
    run_cli("--db", empty, "export", second, check=True)
    assert second.read_bytes() == first.read_bytes()
    assert len(first.read_bytes()) > 20_000


def test_export_to_standard_output_is_the_documented_json(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    result = run_cli("--db", store, "export", "-", check=True)
    data = json.loads(result.stdout)
    assert (data["format"], data["format_version"]) == ("timeline-explorer-export", 1)
    warsaw = next(e for e in data["events"] if e["id"] == "warsaw-summit-2016")
    assert warsaw["date"] == "2016-07-08/2016-07-09"
    assert set(warsaw) == {
        "id",
        "kind",
        "title",
        "date",
        "precision",
        "date_wording",
        "summary",
        "confidence",
        "origin",
        "details",
        "relations",
        "sources",
    }
    assert warsaw["sources"][0]["title"]
    # one event per line, so the file streams, greps and diffs well
    assert result.stdout.count("\n") == len(data["events"]) + 2


def test_import_reports_what_it_did_and_the_events_are_listed(run_cli, tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("id,kind,title,date\nmy-meeting,summit,My own summit,2030-01-02\n")
    store = tmp_path / "mine.sqlite3"
    result = run_cli("--db", store, "import", csv, check=True)
    assert "1 new events" in result.stdout
    listed = run_cli("--db", store, "list", "--kind", "summit", check=True).stdout
    assert "2 January 2030  summit  My own summit  my-meeting" in listed
    again = run_cli("--db", store, "import", csv)
    assert again.returncode == 2
    assert "already in the store" in again.stderr
    replaced = run_cli("--db", store, "import", "--replace", csv, check=True)
    assert "1 updated" in replaced.stdout


def test_import_leaves_the_timeline_columns_packed_for_a_fast_open(run_cli, tmp_path):
    import sqlite3

    csv = tmp_path / "mine.csv"
    csv.write_text("id,kind,title,date\nm1,visit,A visit,2019-02-13\n", encoding="utf-8")
    db = tmp_path / "mine.sqlite3"
    assert run_cli("--db", db, "import", csv).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT event_count FROM columns_cache").fetchone() == (1,)
