"""Starting the window on a store it cannot use says why in one line and exits 2."""

import sqlite3

import pytest


@pytest.fixture
def too_new_store(tmp_path):
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1413827672")  # ours ('TELX')
    conn.execute("PRAGMA user_version = 999")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def test_a_garbage_store_is_refused_and_left_alone(run_cli, tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a database" * 100)
    before = path.read_bytes()
    result = run_cli("--db", path, "--self-test")
    assert result.returncode == 2
    assert "not a Timeline Explorer store" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_store_from_a_newer_app_is_refused_untouched(run_cli, too_new_store):
    before = too_new_store.read_bytes()
    result = run_cli("--db", too_new_store, "--self-test")
    assert result.returncode == 2
    assert "newer Timeline Explorer" in result.stderr
    assert "Traceback" not in result.stderr
    assert too_new_store.read_bytes() == before
