"""A store with our schema but values another program wrote that this app cannot read."""

import json

from tests.cli.helpers import BAD_VALUE_ROWS, bundled_count, write_bad_values
from tests.store.factory import bundled_store

BUNDLED = bundled_count()


def test_check_names_each_unreadable_event_by_id_and_field(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    write_bad_values(store)
    result = run_cli("--db", store, "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for key, field, _ in BAD_VALUE_ROWS:
        assert f"event {key!r}, field {field!r}" in result.stdout
    assert f"{len(BAD_VALUE_ROWS)} problems found" in result.stdout


def test_every_reader_skips_them(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    write_bad_values(store)
    listed = run_cli("--db", store, "list", check=True)
    assert listed.stdout.splitlines()[-1] == f"{BUNDLED} events"
    found = run_cli("--db", store, "list", "--search", "bad", check=True)
    assert found.stdout.splitlines()[-1] == "0 events"
    run_cli("--db", store, "export", tmp_path / "all.json", check=True)
    events = json.loads((tmp_path / "all.json").read_text())["events"]
    assert len(events) == BUNDLED
    shot = run_cli("--db", store, "screenshot", tmp_path / "shot.png", "--size", "900x600")
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "shot.png").stat().st_size > 1000
    started = run_cli("--db", store, "--self-test", "--settings", tmp_path / "s.ini")
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["ok"] is True
