"""kill -9 at several moments of an import and an export: afterwards the store is sound and
holds either what it held before or all of the file, and no export is half-written."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.cli.helpers import bundled_count
from tests.store.factory import bundled_store

BUNDLED = bundled_count()

ROWS = 20_000  # about 2 MB of CSV: big enough for progress lines, small enough to check fast


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("killed") / "big.csv"
    subprocess.run(
        [sys.executable, "-m", "explorer", "generate", "--events", str(ROWS), "--out", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def start(*args):
    return subprocess.Popen(
        [sys.executable, "-m", "explorer", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(proc, moment: str) -> bool:
    """Kill ``proc`` at a moment named by what it printed; False if it finished first."""
    if moment == "at start":
        time.sleep(0.05)
    else:
        wanted = {"while reading": "importing:", "after the last row": "100%"}[moment]
        for line in proc.stderr:
            if wanted in line:
                break
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def count_and_check(run_cli, store):
    """``check`` finds the store sound; how many events it holds."""
    checked = run_cli("--db", store, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    line = next(line for line in checked.stdout.splitlines() if line.startswith("store "))
    return int(line.split(": ", 1)[1].split(" events")[0])


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["at start", "while reading", "after the last row"])
def test_an_import_killed(run_cli, tmp_path, big_csv, moment):
    store = bundled_store(tmp_path / "s.sqlite3")
    proc = start("--db", store, "import", big_csv)
    kill_when(proc, moment)
    count = count_and_check(run_cli, store)
    assert count in (BUNDLED, BUNDLED + ROWS)
    if count == BUNDLED:  # and the store takes the import again, whole
        done = run_cli("--db", store, "import", big_csv, check=True, timeout=300)
        assert f"the store holds {BUNDLED + ROWS} events" in done.stdout


@pytest.fixture(scope="module")
def imported(big_csv):
    store = big_csv.parent / "imported.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "explorer", "--db", str(store), "import", str(big_csv)],
        check=True,
        capture_output=True,
    )
    return store


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["at start", "while writing"])
def test_an_export_killed(run_cli, tmp_path, imported, moment):
    store = tmp_path / "s.sqlite3"
    shutil.copy(imported, store)
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    out.write_text('{"format": "timeline-explorer-export", "format_version": 1, "events": []}\n')
    before = out.read_bytes()
    proc = start("--db", store, "export", out)
    if moment == "at start":
        time.sleep(0.05)
    else:  # its temporary file is there: it is writing
        while proc.poll() is None and len(os.listdir(out.parent)) < 2:
            time.sleep(0.002)
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not finished:
        assert out.read_bytes() == before  # the old file, never half of the new one
    assert count_and_check(run_cli, store) == ROWS
    run_cli("--db", store, "export", out, check=True, timeout=300)
    assert sorted(os.listdir(out.parent)) == ["all.json"]  # the killed one's temp file is gone
    assert len(json.loads(out.read_text())["events"]) == ROWS
