"""A big CSV file read and checked in a helper process imports exactly as read here."""

import io
import os
import subprocess
import sys

import pytest

from explorer.store import ImportCancelled, ImportRejected, read_ahead
from explorer.store.event_files import CsvRows
from explorer.store.export import write_export
from explorer.store.importing import import_events
from explorer.store.plain_rows import plain_batch_check
from explorer.store.read_ahead import CheckedRows
from tests.store.factory import event, new_store

HEADER = "id,kind,title,date,precision,date_wording,summary,confidence,details\n"
TROOPS = '"{""mission"": ""ISAF"", ""level_before"": 10, ""level_after"": 12}"'


def _row(i: int) -> str:
    """A varied plain row: points, ranges, approximate spans, troop levels, blank cells."""
    year = 2001 + i % 20
    if i % 7 == 0:
        return f"r{i},fund,Fund {i},{year}-02-03/{year}-0{3 + i % 7}-2{i % 8},day_range,,,high,{{}}"
    if i % 11 == 0:
        return f"r{i},agreement,Deal {i},{year}-05/{year}-08,approximate,mid {year},,medium,"
    if i % 13 == 0:
        return f"r{i},troop_level_change,Troops {i},{year}-03,,,,,{TROOPS}"
    return f"r{i},other,Event {i},{year}-0{1 + i % 9}-1{i % 9},,,Summary {i % 5},,"


def _long_csv(tmp_path, count=45_000, replace=None, name="long.csv"):
    rows = [_row(i) for i in range(count)]
    rows[5] = 'r5,other,Event 5,2001,,,"runs over\nthree\r\nlines",,'
    if count > 30_001:
        rows[30_001] = ""  # a blank line in the middle of a later message
    for place, text in (replace or {}).items():
        rows[place] = text
    path = tmp_path / name
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode())
    return path


def _stream(path, *, helper):
    """Every batch CheckedRows yields, each checked (the helper leaves some for the importer)."""
    pids = set()
    with open(path, "rb") as binary:
        rows = CsvRows(binary, path.name)
        check = plain_batch_check(rows.header)
        source = CheckedRows(path, binary, rows, 256, helper=helper)
        out = []
        try:
            for lines, checked, batch in source:
                if source._process is not None:
                    pids.add(source._process.pid)
                if checked is None:
                    checked = check(batch)
                out.append((list(lines), checked if checked is not None else batch))
        finally:
            source.close()
    return out, pids


@pytest.fixture(params=["here", "helper"])
def reading(request, monkeypatch):
    """Imports read their file here, or in a helper process however small it is."""
    if request.param == "helper":
        monkeypatch.setattr(read_ahead, "READ_AHEAD_BYTES", 0)
    else:
        monkeypatch.setattr(read_ahead, "READ_AHEAD_BYTES", 1 << 60)
    return request.param


def _export(store):
    out = io.StringIO()
    write_export(store, out, "csv")
    return out.getvalue()


def test_the_helper_yields_what_reading_here_yields(tmp_path):
    path = _long_csv(tmp_path)
    here, no_pids = _stream(path, helper=False)
    there, pids = _stream(path, helper=True)
    assert not no_pids and len(pids) == 1  # one helper process did the reading
    assert len(here) == len(there) > 150
    assert there == here
    assert sum(len(lines) for lines, _ in here) == 45_000 - 1  # less the blank line


def test_a_big_file_imports_the_same_either_way(tmp_path, monkeypatch):
    path = _long_csv(tmp_path)
    stores = {}
    for mode, limit in (("here", 1 << 60), ("helper", 0)):
        monkeypatch.setattr(read_ahead, "READ_AHEAD_BYTES", limit)
        store = new_store(tmp_path, f"{mode}.sqlite3")
        seen: list[int] = []
        import_events(store, path, progress=lambda rows, done, total, seen=seen: seen.append(done))
        assert seen[-1] == path.stat().st_size
        assert seen == sorted(seen) and len(set(seen)) >= 3  # progress moves through the file
        stores[mode] = store
    assert stores["here"].count() == 45_000 - 1
    assert _export(stores["here"]) == _export(stores["helper"])
    assert stores["helper"].event("r5").summary == "runs over\nthree\r\nlines"


@pytest.mark.parametrize(
    ("place", "text", "message"),
    [
        # batches are 256 rows: 40,200 is in one the helper checks, 40,000 in one it leaves
        # for the importer (every third), and the last two faults are the file's own
        (40_200, "r40200,party,Party,2001,,,,,", "line {line}, event 'r40200', field 'kind'"),
        (40_000, "r40000,other,,2001,,,,,", "line {line}, event 'r40000', field 'title'"),
        (40_500, "r40500,other,Short,2001", "line {line}: 4 cells, the header has 9"),
        (40_800, 'r40800,other,"Open quote,2001,,,,,', "line"),
    ],
)
def test_a_fault_deep_in_a_big_file_is_named_the_same_either_way(
    tmp_path, reading, place, text, message
):
    path = _long_csv(tmp_path, replace={place: text})
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    with pytest.raises(ImportRejected) as caught:
        import_events(store, path)
    # header, the rows before, two more lines in row 5's cell, and the blank line
    line = 1 + place + 1 + 2
    assert f"long.csv {message.format(line=line)}" in str(caught.value)
    assert store.count() == 1


def _children():
    with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as listing:
        return set(listing.read().split())


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc")
def test_cancelling_stops_the_helper_and_keeps_the_store(tmp_path, reading):
    path = _long_csv(tmp_path)
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    before, calls = _children(), []
    with pytest.raises(ImportCancelled):
        import_events(
            store,
            path,
            progress=lambda *args: calls.append(args),
            cancelled=lambda: len(calls) >= 1,
            batch_size=5_000,
        )
    assert store.count() == 1 and store.event("r1") is None
    assert _children() <= before  # no helper left running


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-c", "pass"], ["/nonexistent/timeline-explorer-helper"]],
    ids=["says-nothing", "cannot-start"],
)
def test_without_a_working_helper_the_file_is_read_here(tmp_path, monkeypatch, command):
    monkeypatch.setattr(read_ahead, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(read_ahead, "helper_command", lambda: command)
    path = _long_csv(tmp_path, count=3_000)
    store = new_store(tmp_path)
    import_events(store, path)
    assert store.count() == 3_000


def test_the_app_can_be_asked_to_be_the_helper(tmp_path):
    # what a frozen app does: it has no `python -m explorer.store.read_ahead`
    path = _long_csv(tmp_path, count=25_000)
    done = subprocess.run(
        [sys.executable, "-m", "explorer", read_ahead.HELPER_FLAG, str(path), "long.csv", "256"],
        capture_output=True,
        check=True,
    )
    stream, messages = io.BytesIO(done.stdout), []
    while (message := read_ahead._receive(stream)) is not None:
        messages.append(message)
    assert [m[0] for m in messages] == ["rows", "rows", "end"]
    batches = [batch for m in messages[:-1] for batch in m[1]]
    assert sum(len(lines) for lines, _, _ in batches) == 25_000
    assert messages[1][2] == path.stat().st_size  # how far it read, for the progress bar


def _helper_peak_mb(tmp_path, count):
    """Peak memory (VmHWM) of the helper's work on a file of ``count`` rows, in its own process."""
    from tests.store.test_exchange import _rows_with_few_dates

    path = _rows_with_few_dates(tmp_path / f"few{count}.csv", count)
    code = (
        "import os, sys; from explorer.store.read_ahead import read_in_helper\n"
        "with open(os.devnull, 'wb') as out: read_in_helper(sys.argv[1], 'f.csv', 256, out)\n"
        "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024, path.stat().st_size / 1e6


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc")
def test_the_helper_holds_no_more_of_a_long_file_than_of_a_short_one(tmp_path):
    short_mb, short_file = _helper_peak_mb(tmp_path, 20_000)
    long_mb, long_file = _helper_peak_mb(tmp_path, 200_000)
    assert long_file - short_file > 12  # MB more to read...
    assert long_mb - short_mb < 4, (short_mb, long_mb)  # ...and no more memory to speak of
