"""The window's start over stores at the edges: the years 1 and 9999, and damaged pages."""

import json
import shutil

import pytest

from tests.cli.errors import assert_one_line_error
from tests.store.factory import bundled_store

EDGES = "id,kind,title,date\na,other,first,0001\nb,fund,last,9999-12-31\nc,mission_milestone,all,1000/9999\n"


@pytest.fixture
def edge_store(run_cli, tmp_path):
    (tmp_path / "edges.csv").write_text(EDGES, encoding="utf-8")
    store = tmp_path / "edges.sqlite3"
    run_cli("--db", store, "import", tmp_path / "edges.csv", check=True)
    return store


def test_a_store_from_year_1_to_9999_draws(run_cli, tmp_path, edge_store):
    for extra in ((), ("--select", "b"), ("--range", "0001", "0003"), ("--range", "9998", "9999")):
        shot = run_cli("--db", edge_store, "screenshot", tmp_path / "s.png", *extra)
        assert shot.returncode == 0, shot.stderr
        assert "Traceback" not in shot.stderr and "Error calling" not in shot.stderr
    started = run_cli("--db", edge_store, "--self-test", "--settings", tmp_path / "s.ini")
    assert started.returncode == 0, started.stderr
    assert "Error calling" not in started.stderr
    assert json.loads(started.stdout)["ok"] is True


def test_years_before_1000_export_with_four_digits_and_come_back(run_cli, tmp_path, edge_store):
    out = tmp_path / "edges.json"
    run_cli("--db", edge_store, "export", out, check=True)
    dates = [e["date"] for e in json.loads(out.read_text())["events"]]
    assert dates == ["0001", "1000/9999", "9999-12-31"]
    copy = tmp_path / "copy.sqlite3"
    run_cli("--db", copy, "import", out, check=True)
    assert run_cli("--db", copy, "check").returncode == 0


def zero_page(path, number):
    with open(path, "r+b") as f:
        f.seek((number - 1) * 16384)
        f.write(b"\0" * 16384)


@pytest.mark.parametrize("page", [2, 9])
def test_a_damaged_store_at_window_start_is_one_line_and_exit_2(run_cli, tmp_path, page):
    store = bundled_store(tmp_path / "s.sqlite3")
    zero_page(store, page)
    before = store.read_bytes()
    started = run_cli("--db", store, "--self-test", "--settings", tmp_path / "s.ini")
    assert_one_line_error(started, "damaged")
    assert store.read_bytes() == before


def test_a_store_check_calls_damaged_takes_no_import(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    shutil.copy(store, tmp_path / "sound.sqlite3")
    zero_page(store, 20)
    assert run_cli("--db", store, "check").returncode != 0
    before = store.read_bytes()
    (tmp_path / "in.csv").write_text("id,kind,title,date\nnew-1,other,New,2001\n")
    assert_one_line_error(run_cli("--db", store, "import", tmp_path / "in.csv"), "damaged")
    assert store.read_bytes() == before
