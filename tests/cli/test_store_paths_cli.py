"""Store paths and places a user may give: odd file names, an empty file, a read-only medium,
a full disk."""

import hashlib
import shutil

import pytest

from tests.cli.errors import assert_one_line_error
from tests.cli.helpers import bundled_count
from tests.mounts import fill, remount_read_only, tmpfs
from tests.store.factory import bundled_store

BUNDLED = bundled_count()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,kind,title,date\nx1,other,X,2001\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["m.sqlite3?mode=memory", "a#b.sqlite3", "pct%41.sqlite3"])
def test_a_store_path_is_a_file_name_not_a_uri(run_cli, tmp_path, csv_file, name):
    folder = tmp_path / "stores"
    folder.mkdir()
    result = run_cli("--db", folder / name, "import", csv_file)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [name]
    listed = run_cli("--db", folder / name, "list", check=True)
    assert listed.stdout.splitlines()[-1] == "1 event"


def test_an_empty_file_is_not_a_store(run_cli, tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    for args in (("list",), ("check",), ("export", tmp_path / "o.json")):
        assert_one_line_error(run_cli("--db", empty, *args), "empty file", "not")
    assert empty.stat().st_size == 0


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_store_on_a_read_only_medium_is_listed_checked_and_exported(
    run_cli, tmp_path, csv_file
):
    store = bundled_store(tmp_path / "b.sqlite3")
    with tmpfs(tmp_path / "ro") as medium:
        shutil.copy(store, medium / "b.sqlite3")
        remount_read_only(medium)
        on_medium = medium / "b.sqlite3"
        before = digest(on_medium)
        checked = run_cli("--db", on_medium, "check")
        assert checked.returncode == 0, checked.stderr
        assert f"{BUNDLED} events" in checked.stdout and "sound" in checked.stdout
        assert run_cli("--db", on_medium, "list").stdout.splitlines()[-1] == f"{BUNDLED} events"
        exported = run_cli("--db", on_medium, "export", tmp_path / "all.json")
        assert exported.returncode == 0, exported.stderr
        assert_one_line_error(run_cli("--db", on_medium, "import", csv_file), "cannot")
        assert digest(on_medium) == before
        assert sorted(p.name for p in medium.iterdir()) == ["b.sqlite3"]


def test_creating_a_store_on_a_full_disk_leaves_no_file(run_cli, tmp_path, csv_file):
    with tmpfs(tmp_path / "full", "256k") as disk:
        fill(disk)
        assert_one_line_error(run_cli("--db", disk / "new.sqlite3", "import", csv_file), "full")
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_with_no_byte_free_the_message_says_the_disk_is_full(run_cli, tmp_path, csv_file):
    store = bundled_store(tmp_path / "b.sqlite3")
    with tmpfs(tmp_path / "full", "2m") as disk:
        shutil.copy(store, disk / "b.sqlite3")
        fill(disk)
        before = digest(disk / "b.sqlite3")
        assert_one_line_error(
            run_cli("--db", disk / "b.sqlite3", "import", csv_file), "disk is full"
        )
        # reading needs no free byte
        assert (
            run_cli("--db", disk / "b.sqlite3", "list").stdout.splitlines()[-1]
            == f"{BUNDLED} events"
        )
        assert digest(disk / "b.sqlite3") == before
