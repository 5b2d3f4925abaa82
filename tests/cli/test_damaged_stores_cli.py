"""The damaged-store matrix: stores broken in the ways disks, crashes, other programs and users
break them, against list, check, import and the window's start. Whatever the damage: no
traceback; a refusal is exit 2 with one line, and leaves the file as it was."""

import hashlib
import json
import os
import shutil
import sqlite3

import pytest

from explorer.store.connection import SCHEMA_VERSION
from tests.mounts import fill, remount_read_only, tmpfs
from tests.store.factory import bundled_store

PAGE = 16384


def random_bytes(path):
    path.write_bytes(os.urandom(200_000))


def cut_in_half(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zeroed_pages(path):
    with open(path, "r+b") as f:
        for page in (2, 9, 20):
            f.seek((page - 1) * PAGE)
            f.write(b"\0" * PAGE)


def other_schema(path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def newer_version(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def a_folder(path):
    path.unlink()
    path.mkdir()


def stale_wal_and_shm(path):
    """-wal and -shm files a crash left, from another life of the file: SQLite must not trust
    them (their salts and checksums do not match)."""
    (path.parent / f"{path.name}-wal").write_bytes(os.urandom(3 * PAGE))
    (path.parent / f"{path.name}-shm").write_bytes(os.urandom(32768))


DAMAGE = {
    "random bytes": random_bytes,
    "cut in half": cut_in_half,
    "zeroed pages 2, 9, 20": zeroed_pages,
    "another program's database": other_schema,
    "newer user_version": newer_version,
    "a folder": a_folder,
    "stale -wal and -shm": stale_wal_and_shm,
}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"


def run_matrix(run_cli, store, tmp_path, *, refuse_import_only=False):
    """Run the four commands; check the promise for each; return their exit statuses."""
    (tmp_path / "in.csv").write_text("id,kind,title,date\nnew-1,other,New,2001\n")
    statuses = {}
    for name, args in (
        ("list", ("list",)),
        ("check", ("check",)),
        ("import", ("import", tmp_path / "in.csv")),
        ("window", ("--self-test", "--settings", tmp_path / "s.ini")),
    ):
        before = digest(store)
        result = run_cli("--db", store, *args)
        where = f"{name}: exit {result.returncode}\n{result.stderr}"
        assert "Traceback" not in result.stderr and "Error calling" not in result.stderr, where
        assert result.returncode in (0, 1, 2), where
        if result.returncode == 2:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), where
            assert digest(store) == before, where
        if name == "window" and result.returncode == 0:
            assert json.loads(result.stdout)["ok"] is True, where
        statuses[name] = result.returncode
    return statuses


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return bundled_store(tmp_path_factory.mktemp("damaged") / "template.sqlite3")


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_store(run_cli, tmp_path, template, damage):
    store = tmp_path / "s.sqlite3"
    shutil.copy(template, store)
    DAMAGE[damage](store)
    statuses = run_matrix(run_cli, store, tmp_path)
    if damage in ("random bytes", "another program's database", "newer user_version", "a folder"):
        assert statuses == {"list": 2, "check": 2, "import": 2, "window": 2}
    elif damage == "stale -wal and -shm":
        assert statuses == {"list": 0, "check": 0, "import": 0, "window": 0}
    else:  # damaged pages: check says so, and no import goes in
        assert statuses["check"] in (1, 2) and statuses["import"] == 2


def test_a_store_on_a_read_only_medium(run_cli, tmp_path, template):
    with tmpfs(tmp_path / "ro") as medium:
        shutil.copy(template, medium / "s.sqlite3")
        remount_read_only(medium)
        statuses = run_matrix(run_cli, medium / "s.sqlite3", tmp_path)
    assert statuses["list"] == 0 and statuses["check"] == 0 and statuses["import"] == 2


def test_a_store_on_a_full_disk(run_cli, tmp_path, template):
    with tmpfs(tmp_path / "full", "2m") as disk:
        shutil.copy(template, disk / "s.sqlite3")
        fill(disk)
        statuses = run_matrix(run_cli, disk / "s.sqlite3", tmp_path)
    assert statuses["list"] == 0 and statuses["check"] == 0 and statuses["import"] == 2
