"""An import's messages say where and tell the truth: the line and byte of bad text, both lines
of an id given twice, what was imported even when something after it failed."""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.cli.errors import assert_one_line_error
from tests.cli.helpers import bundled_count
from tests.store.factory import bundled_store

BUNDLED = bundled_count()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_that_is_not_utf8_is_named_by_line_and_byte(run_cli, tmp_path):
    rows = ["id,kind,title,date"] + [f"e{i},other,T {i},2016" for i in range(40_000)]
    data = ("\n".join(rows) + "\n").encode()
    at = data.index(b"e30000,") + 8
    (tmp_path / "bad.csv").write_bytes(data[:at] + b"\xff" + data[at:])
    (tmp_path / "bad.json").write_bytes(
        b'[{"id":"a","kind":"other","title":"t","date":"2016"},\n'
        b'{"id":"b","kind":"other","title":"\xe9","date":"2016"}]'
    )
    store = bundled_store(tmp_path / "s.sqlite3")
    before = digest(store)
    result = run_cli("--db", store, "import", tmp_path / "bad.csv")
    assert_one_line_error(result, "line 30002", f"byte {at:,}", "not UTF-8")
    result = run_cli("--db", store, "import", tmp_path / "bad.json")
    assert_one_line_error(result, "line 2", "byte 88", "not UTF-8")
    assert digest(store) == before


def test_replace_refuses_an_id_given_twice_naming_both_lines(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    for suffix, text in (
        (".csv", "id,kind,title,date\nwarsaw-summit-2016,summit,A,2016\n"
                 "x-1,other,B,2017\nwarsaw-summit-2016,summit,C,2016\n"),
        (".json", '[{"id":"warsaw-summit-2016","kind":"summit","title":"A","date":"2016"},\n'
                  '{"id":"warsaw-summit-2016","kind":"summit","title":"C","date":"2016"}]'),
    ):  # fmt: skip
        path = tmp_path / f"twice{suffix}"
        path.write_text(text, encoding="utf-8")
        before = digest(store)
        result = run_cli("--db", store, "import", path, "--replace")
        lines = "lines 2 and 4" if suffix == ".csv" else "lines 1 and 2"
        assert_one_line_error(result, "'warsaw-summit-2016'", "twice", lines)
        assert digest(store) == before


def test_the_count_is_what_this_import_added(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    (tmp_path / "in.csv").write_text("id,kind,title,date\nn-1,other,A,2016\nn-2,other,B,2017\n")
    result = run_cli("--db", store, "import", tmp_path / "in.csv", check=True)
    assert result.stdout.startswith("imported 2 new events")
    assert f"the store holds {BUNDLED + 2} events" in result.stdout
    (tmp_path / "re.csv").write_text("id,kind,title,date\nn-1,other,A2,2016\n")
    result = run_cli("--db", store, "import", tmp_path / "re.csv", "--replace", check=True)
    assert result.stdout.startswith("imported 0 new events, 1 updated")


def test_a_fault_after_the_import_committed_does_not_say_nothing_was_imported(run_cli, tmp_path):
    """Packing the timeline's columns fails once the import is in (here: a trigger another
    program left in the store; on a user's machine, a disk that filled up)."""
    store = bundled_store(tmp_path / "s.sqlite3")
    conn = sqlite3.connect(store)
    conn.execute(
        "CREATE TRIGGER refuse_cache BEFORE INSERT ON columns_cache"
        " BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
    )
    conn.commit()
    conn.close()
    (tmp_path / "in.csv").write_text("id,kind,title,date\nn-1,other,A,2016\nn-2,other,B,2017\n")
    result = run_cli("--db", store, "import", tmp_path / "in.csv")
    assert result.returncode == 1, result.stderr
    assert "nothing was imported" not in result.stderr
    assert "imported 2 new events, but then" in result.stderr
    assert run_cli("--db", store, "list", "--search", "A").returncode == 0
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT count(*) FROM event").fetchone()[0] == BUNDLED + 2
    conn.close()


def test_a_killed_exports_temporary_file_is_removed_by_the_next_export(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    # a process that is surely gone left its temporary file
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = out.parent / f".all.json.{gone.pid}.abc123"
    stale.write_text("half an export")
    running = out.parent / f".all.json.{os.getpid()}.def456"  # this process is alive
    running.write_text("an export in progress")
    run_cli("--db", store, "export", out, check=True)
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(["all.json", running.name])


def test_an_export_killed_midway_leaves_nothing_after_the_next(run_cli, tmp_path):
    big = tmp_path / "big.sqlite3"
    run_cli("generate", "--events", "60000", "--out", big, check=True)
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "explorer", "--db", str(big), "export", str(out)], env=env
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".all.json.") for p in out.parent.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert any(p.name.startswith(".all.json.") for p in out.parent.iterdir())
    run_cli("--db", big, "export", out, check=True)
    assert [p.name for p in out.parent.iterdir()] == ["all.json"]


def test_two_imports_at_once_each_count_their_own(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    for name in ("a", "b"):
        rows = "".join(f"{name}-{i},other,Title {i},2016\n" for i in range(20_000))
        (tmp_path / f"{name}.csv").write_text("id,kind,title,date\n" + rows)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "explorer", "--db", str(store), "import", str(tmp_path / f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in ("a.csv", "b.csv")
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    holds = []
    for proc, (out, err) in zip(procs, outputs, strict=True):
        if proc.returncode == 2:  # the other held the store past the wait: nothing of this one
            assert "locked" in err and "nothing was imported" in err, err
            continue
        assert proc.returncode == 0, err
        assert out.startswith("imported 20000 new events"), out
        holds.append(int(out.split("the store holds ")[1].split()[0]))
    conn = sqlite3.connect(store)
    total = conn.execute("SELECT count(*) FROM event").fetchone()[0]
    conn.close()
    assert total == BUNDLED + 20_000 * len(holds)
    assert max(holds) == total
