"""Import and export as plain functions: streamed, lossless, all or nothing, cancellable."""

import csv
import io
import json

import pytest

from explorer.store import ImportCancelled, ImportRejected, Store, StoreError, bulk_write, importing
from explorer.store.event_files import CSV_COLUMNS, read_json
from explorer.store.export import export_to_path, write_export
from explorer.store.importing import import_events
from tests.store.factory import bundled_store, event, new_store


def export_text(store, fmt="json"):
    out = io.StringIO()
    write_export(store, out, fmt)
    return out.getvalue()


def snapshot(store):
    return export_text(store), store.count(), store.search("summit")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_bundled_dataset_round_trips_byte_for_byte(tmp_path, fmt):
    source = Store(bundled_store(tmp_path / "source.sqlite3"))
    source.add_events([event("my-note", "2011", summary='Quotes " and, commas\nand lines')])
    path = tmp_path / f"export.{fmt}"
    assert export_to_path(source, path) == source.count()
    target = new_store(tmp_path, "target.sqlite3")
    changes = import_events(target, path)
    assert len(changes.added) == source.count()
    again = tmp_path / f"again.{fmt}"
    export_to_path(target, again)
    assert again.read_bytes() == path.read_bytes()
    assert target.event("my-note").summary == 'Quotes " and, commas\nand lines'
    assert target.linked_events("isaf-nato-command")
    assert target.integrity_problems() == []


def test_a_minimal_csv_brings_its_own_events(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "\ufeffid,kind,title,date\n"
        "a,summit,First summit,2001-05\n"
        'b,other,"Second, with a comma",2002-02-03/2002-02-05\n\n',
        encoding="utf-8",
    )
    store = new_store(tmp_path)
    import_events(store, path)
    assert [s.key for s in store.search("summit")] == ["a"]
    b = store.event("b")
    assert (b.title, b.when.exact_text(), b.origin, b.sources) == (
        "Second, with a comma",
        "3–5 February 2002",
        "user",
        (),
    )


@pytest.mark.parametrize(
    "name, content, where",
    [
        ("e.csv", "id,kind,title\na,summit,T\n", "line 1: missing column 'date'"),
        ("e.csv", "id,kind,title,date,colour\n", "line 1: unknown column 'colour'"),
        (
            "e.csv",
            "id,kind,title,date\na,summit,T,2001\nb,summit,T,20011\n",
            "line 3, event 'b', field 'date'",
        ),
        (
            "e.csv",
            "id,kind,title,date\na,summit,T,2001\nb,party,T,2001\n",
            "line 3, event 'b', field 'kind'",
        ),
        (
            "e.csv",
            'id,kind,title,date\na,summit,"multi\nline",2001\nb,summit,,2001\n',
            "line 4, event 'b', field 'title'",
        ),
        (
            "e.csv",
            "id,kind,title,date\na,summit,T,2001\na,summit,T,2002\n",
            "line 3, event 'a', field 'id': appears twice",
        ),
        ("e.csv", "id,kind,title,date\na,summit,T,2001,extra\n", "line 2: 5 cells"),
        (
            "e.csv",
            "id,kind,title,date,details\na,summit,T,2001,{oops\n",
            "line 2, field 'details': not JSON",
        ),
        (
            "e.csv",
            'id,kind,title,date,relations\na,summit,T,2001,"[{""type"":""extends"",""target"":""zz""}]"\n',
            "line 2, event 'a', field 'relations[0].target': no event 'zz'",
        ),
        (
            "e.json",
            '{"format": "timeline-explorer-export", "format_version": 1, "events": [\n{"id": "a", "kind": "summit", "title": "T", "date": "2001"},\n{"id": "b", "kind": "summit", "title": "T", "date": "2001", "confidence": "sure"}\n]}',
            "line 3, event 'b', field 'confidence'",
        ),
        (
            "e.json",
            '{"format": "timeline-explorer-export", "format_version": 1, "events": [\n{"id": "a", "kind": "summit",\n "title": "T", "date": }\n]}',
            "line 3: not valid JSON",
        ),
        (
            "e.json",
            '{"format": "timeline-explorer-export", "format_version": 9, "events": []}',
            "newer Timeline Explorer",
        ),
        ("e.json", '{"format": "something-else", "events": []}', "not a Timeline Explorer export"),
        ("e.json", '{"events": []}', "no 'format'"),
        ("e.json", '"just text"', "expected a JSON object or array"),
        (
            "e.json",
            '[{"id": "a", "kind": "summit", "title": "T", "date": "2001"}] trailing',
            "unexpected text",
        ),
        ("e.json", "", "expected a JSON object or array"),
        ("e.txt", "id,kind,title,date\n", "name it .json or .csv"),
    ],
)
def test_a_bad_file_names_line_and_field_and_writes_nothing(tmp_path, name, content, where):
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    before = snapshot(store)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    # a file of an unknown type is refused before reading, not rejected as malformed
    expected = StoreError if path.suffix == ".txt" else ImportRejected
    with pytest.raises(expected) as caught:
        import_events(store, path)
    assert type(caught.value) is expected
    assert where in str(caught.value)
    assert snapshot(store) == before


def test_an_id_already_in_the_store_is_refused_unless_replacing(tmp_path):
    store = new_store(tmp_path)
    store.add_events(
        [
            event("a", "1999", title="Old"),
            event("b", "2000", relations=[{"type": "extends", "target": "a"}]),
        ]
    )
    path = tmp_path / "e.csv"
    path.write_text("id,kind,title,date\nnew,other,New,2005\na,summit,New title,2001\n")
    with pytest.raises(ImportRejected, match="line 3, event 'a', field 'id': already in the store"):
        import_events(store, path)
    assert store.count() == 2
    changes = import_events(store, path, replace=True)
    assert (changes.added, changes.updated) == (("new",), ("a",))
    assert store.event("a").title == "New title"
    assert [link.other.key for link in store.linked_events("a")] == ["b"]
    assert [s.key for s in store.search("title:title")] == ["a"]


def test_relations_may_point_forward_and_into_the_store(tmp_path):
    store = new_store(tmp_path)
    store.add_events([event("old", "1999")])
    path = tmp_path / "e.json"
    events = [
        {
            "id": "first",
            "kind": "other",
            "title": "F",
            "date": "2001",
            "relations": [
                {"type": "extends", "target": "later"},
                {"type": "part_of", "target": "old"},
            ],
        },
        {"id": "later", "kind": "other", "title": "L", "date": "2002"},
    ]
    path.write_text(json.dumps(events, indent=2))  # a bare, pretty-printed array
    import_events(store, path)
    assert {(r.type.value, r.target_key) for r in store.event("first").relations} == {
        ("extends", "later"),
        ("part_of", "old"),
    }


def test_cancelling_rolls_everything_back(tmp_path):
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    before = snapshot(store)
    path = tmp_path / "many.csv"
    path.write_text(
        "id,kind,title,date\n" + "".join(f"e{i},other,Event {i},2001\n" for i in range(250))
    )
    seen = []

    def progress(rows, done, total):
        seen.append((rows, done, total))

    with pytest.raises(ImportCancelled):
        import_events(
            store, path, progress=progress, cancelled=lambda: len(seen) >= 2, batch_size=100
        )
    assert seen[0][0] == 100 and seen[1][0] == 200 and seen[0][2] == path.stat().st_size
    assert snapshot(store) == before
    assert store.integrity_problems() == []
    import_events(store, path, progress=progress, batch_size=100)
    assert seen[-1] == (250, path.stat().st_size, path.stat().st_size)
    assert store.count() == 251


def test_a_large_import_rebuilds_indexes_and_stays_searchable(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BULK_INDEX_BYTES", 0)
    store = new_store(tmp_path)
    schema = store.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall()
    path = tmp_path / "e.csv"
    path.write_text(
        "id,kind,title,date\n"
        + "".join(f"e{i},summit,Meeting {i},{2000 + i % 20}\n" for i in range(500))
    )
    import_events(store, path, batch_size=64)
    assert (
        store.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall()
        == schema
    )
    assert [s.key for s in store.search("meeting 7")][:1] == ["e7"]
    assert len(store.events_between(*_year(2005))) == 25
    assert store.integrity_problems() == []
    # the settings the bulk work used are put back: FTS5's segment size, the sorter's threads
    hashsize = "SELECT v FROM event_fts_config WHERE k = 'hashsize'"
    assert store.execute(hashsize).fetchone() in (None, (bulk_write.FTS_HASH_BYTES,))
    assert store.execute("PRAGMA threads").fetchone()[0] == 0


def _year(year):
    from explorer.domain.dates import FuzzyDate

    when = FuzzyDate.parse(str(year))
    return when.start_day, when.end_day


def test_the_json_reader_streams_across_small_chunks(tmp_path):
    events = [{"id": f"e{i}", "n": 10 ** (i % 12)} for i in range(50)]
    text = json.dumps(
        {"events": events, "format_version": 1, "format": "timeline-explorer-export"}, indent=1
    )
    import explorer.store.event_files as files

    stream = files._JsonStream(io.StringIO(text), "x.json", chunk=7)
    records = list(stream.events())
    assert [r.fields for r in records] == events
    lines = text.splitlines()
    for i, record in enumerate(records):
        id_line = next(n for n, t in enumerate(lines) if f'"id": "e{i}",' in t)
        assert record.line == id_line  # 1-based: the line above the id, where '{' is
    assert list(read_json(io.BytesIO(b"[]"), "x.json")) == []


# Plain CSV rows (no details, relations or sources) are checked without building events; the
# JSON reader always goes through the domain's parser. The same events written both ways must
# import to the same store, and a fault must be named the same way (line i of either file holds
# the same event: the CSV header and the JSON "[" are both line 1).
PLAIN_CSV_COLUMNS = tuple(c for c in CSV_COLUMNS if c != "origin")
GOOD_PLAIN_ROWS = [
    {"id": "a", "kind": "summit", "title": "  Padded title ", "date": "2001-05"},
    {"id": "b.c:d-e_f", "kind": "visit", "title": "Range", "date": "2002-02-03/2002-02-05"},
    {"id": "c", "kind": "fund", "title": "F", "date": "1960", "precision": "approximate"},
    {"id": "d", "kind": "other", "title": "W", "date": "2010-05/2010-08", "date_wording": "mid"},
    {"id": "e", "kind": "agreement", "title": "S", "date": "2003", "summary": " text\t "},
    {"id": "f", "kind": "un_resolution", "title": "C", "date": "2004", "confidence": "low"},
    {"id": "g", "kind": "leaders_meeting", "title": "T", "date": "2005", "details": {}},
    {"id": "h", "kind": "summit", "title": "J", "date": "2006", "details": {"level": "leaders"}},
    # a range with its precision given is read part by part
    {"id": "l", "kind": "other", "title": "R", "date": "2001-05/2002", "precision": "approximate"},
    {
        "id": "m",
        "kind": "other",
        "title": "R",
        "date": "2001-05-02/2001-05-02",
        "precision": "day_range",
        "date_wording": "that day",
    },
    # details checked once per distinct cell: keys in any order, a number left out
    {
        "id": "i",
        "kind": "troop_level_change",
        "title": "U",
        "date": "2007",
        "details": {"mission": "ISAF", "level_before": 10, "level_after": 12},
    },
    {
        "id": "j",
        "kind": "troop_level_change",
        "title": "U",
        "date": "2008",
        "details": {"level_after": 9, "mission": "ISAF"},
    },
    {
        "id": "k",
        "kind": "troop_level_change",
        "title": "U",
        "date": "2009",
        "details": {"mission": "ISAF", "level_before": 10, "level_after": 12},
    },
]
BAD_PLAIN_ROWS = [
    {"id": "-x", "kind": "summit", "title": "T", "date": "2001"},
    {"id": "", "kind": "summit", "title": "T", "date": "2001"},
    {"id": "x", "kind": "party", "title": "T", "date": "2001"},
    {"id": "x", "kind": "summit", "title": "   ", "date": "2001"},
    {"id": "x", "kind": "summit", "title": "T", "date": ""},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001-02-30"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2002/2001"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001", "precision": "roughly"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001", "confidence": "sure"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2002/2001", "precision": "year"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001/2002/2003", "precision": "year"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001/", "precision": "year"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001/2002-13", "precision": "year"},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001/2002", "precision": "roughly"},
    {"id": "x", "kind": "troop_level_change", "title": "T", "date": "2001"},
    {"id": "x", "kind": "troop_level_change", "title": "T", "date": "2001", "details": {}},
    {
        "id": "x",
        "kind": "troop_level_change",
        "title": "T",
        "date": "2001",
        "details": {"mission": " "},
    },
    {
        "id": "x",
        "kind": "troop_level_change",
        "title": "T",
        "date": "2001",
        "details": {"mission": "ISAF", "level_after": "many"},
    },
    {
        "id": "x",
        "kind": "troop_level_change",
        "title": "T",
        "date": "2001",
        "details": {"mission": "ISAF", "level_before": True},
    },
    {"id": "x", "kind": "troop_level_change", "title": "T", "date": "2001", "details": [1]},
    {"id": "x", "kind": "summit", "title": "T", "date": "2001", "details": {"level": "emperors"}},
]


def _write_both_ways(tmp_path, rows):
    csv_path, json_path = tmp_path / "plain.csv", tmp_path / "plain.json"
    lines = [_csv_line(PLAIN_CSV_COLUMNS)]
    lines += [_csv_line([_cell(row.get(c)) for c in PLAIN_CSV_COLUMNS]) for row in rows]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # an empty CSV cell is an absent field
    objects = [{k: v for k, v in row.items() if v != ""} for row in rows]
    json_path.write_text(
        "[\n" + ",\n".join(json.dumps(o) for o in objects) + "\n]\n", encoding="utf-8"
    )
    return csv_path, json_path


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def _csv_line(cells):
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_plain_csv_rows_import_as_the_same_events_as_their_json(tmp_path):
    csv_path, json_path = _write_both_ways(tmp_path, GOOD_PLAIN_ROWS)
    from_csv, from_json = new_store(tmp_path, "csv.sqlite3"), new_store(tmp_path, "json.sqlite3")
    assert import_events(from_csv, csv_path) == import_events(from_json, json_path)
    assert export_text(from_csv) == export_text(from_json)
    assert from_csv.event("a").title == "Padded title"
    assert from_csv.event("h").details == {"level": "leaders"}
    assert from_csv.event("j").details == {"mission": "ISAF", "level_after": 9}


@pytest.mark.parametrize("bad", BAD_PLAIN_ROWS, ids=lambda row: str(row)[:60])
def test_a_bad_plain_csv_row_is_named_as_the_domain_names_it(tmp_path, bad):
    csv_path, json_path = _write_both_ways(tmp_path, [*GOOD_PLAIN_ROWS, bad])
    faults = []
    for path in (csv_path, json_path):
        store = new_store(tmp_path, f"{path.suffix[1:]}.sqlite3")
        with pytest.raises(ImportRejected) as caught:
            import_events(store, path)
        faults.append((str(caught.value).replace(path.name, "FILE"), caught.value.field))
        assert store.count() == 0
    assert faults[0] == faults[1]
    assert f"FILE line {len(GOOD_PLAIN_ROWS) + 2}" in faults[0][0]


def _rows_of(path):
    from explorer.store.event_files import CsvRows

    with open(path, "rb") as binary:
        rows = CsvRows(binary, path.name)
        return rows.header, [row for _, row in rows]


def _each_row_alone(check, rows):
    """What the check makes of each row as a batch of one (None where it doubts the row)."""
    return [(check([list(row)]) or [None])[0] for row in rows]


def test_a_batch_of_plain_rows_is_checked_as_each_row_is(tmp_path):
    from explorer.store.plain_rows import plain_batch_check

    csv_path, _ = _write_both_ways(tmp_path, GOOD_PLAIN_ROWS)
    header, rows = _rows_of(csv_path)
    one_by_one = _each_row_alone(plain_batch_check(header), rows)
    assert None not in one_by_one  # every good row takes the cheap path...
    assert plain_batch_check(header)(rows) == one_by_one  # ...and the batch gives the same
    for bad in BAD_PLAIN_ROWS:
        path, _ = _write_both_ways(tmp_path, [*GOOD_PLAIN_ROWS, bad])
        header, rows = _rows_of(path)
        assert plain_batch_check(header)(rows) is None, bad  # the batch goes row by row


def test_a_batch_fills_in_the_columns_a_file_leaves_out(tmp_path):
    from explorer.store.plain_rows import plain_batch_check

    path = tmp_path / "few.csv"
    path.write_text(
        "id,kind,title,date,origin,confidence\n"
        "a,summit,A,2001,,\nb,visit,B,2002-03,user,medium\nc,other,C,2003/2004,,low\n"
    )
    header, rows = _rows_of(path)
    batch = plain_batch_check(header)(rows)
    assert batch == _each_row_alone(plain_batch_check(header), rows)
    assert [(r[0], r[8], r[9], r[10]) for r in batch] == [
        ("a", "high", "user", "{}"),
        ("b", "medium", "user", "{}"),
        ("c", "low", "user", "{}"),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_fault_after_cells_running_over_lines_names_its_own_line(tmp_path, newline):
    # past one check batch, with quoted cells running over several lines and blank lines
    # before the fault: the line named is the one the faulty row starts on
    rows = [f"e{i},other,Event {i},2001" for i in range(600)]
    rows[100] = 'e100,other,Event 100,2001,"one\ntwo\r\nthree"'
    rows[300] = ""
    rows[400] = 'e400,other,Event 400,2001,"four\rfive"'
    rows[420] = ""
    rows[450] = "e450,other,,2001"
    text = "id,kind,title,date,summary" + newline
    text += newline.join(r if r.count(",") == 4 or not r else r + "," for r in rows) + newline
    path = tmp_path / "long.csv"
    path.write_bytes(text.encode())
    store = new_store(tmp_path)
    with pytest.raises(ImportRejected) as caught:
        import_events(store, path)
    # header + 450 rows before it (two blank) + three more lines in rows 100's and 400's cells
    assert f"long.csv line {1 + 450 + 1 + 3}, event 'e450', field 'title'" in str(caught.value)
    assert store.count() == 0


def test_a_fault_comes_before_a_later_row_of_the_wrong_width(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("id,kind,title,date\na,other,A,2001\nb,party,B,2001\nc,other,C\n")
    with pytest.raises(ImportRejected) as caught:
        import_events(new_store(tmp_path), path)
    assert "two.csv line 3, event 'b', field 'kind'" in str(caught.value)
    path.write_text('id,kind,title,date\na,other,"A\nA",2001\nb,other,B,2001\nc,other,C\n')
    with pytest.raises(ImportRejected) as caught:
        import_events(new_store(tmp_path, "w.sqlite3"), path)
    assert "two.csv line 5: 3 cells, the header has 4" in str(caught.value)


@pytest.mark.parametrize(("first", "again"), [(10, 20), (10, 2_100), (1_999, 2_000)])
def test_an_id_given_twice_in_a_long_file_is_named_at_its_second_line(tmp_path, first, again):
    # many rows go into one INSERT: a repeat inside one statement, or across two, is found
    keys = [f"e{i}" for i in range(2_500)]
    keys[again] = keys[first]
    path = tmp_path / "twice.csv"
    path.write_text("id,kind,title,date\n" + "".join(f"{k},other,T,2001\n" for k in keys))
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    with pytest.raises(ImportRejected) as caught:
        import_events(store, path)
    assert f"twice.csv line {again + 2}, event 'e{first}', field 'id': appears twice" in str(
        caught.value
    )
    assert store.count() == 1


def test_an_id_already_in_the_store_is_named_in_a_long_file(tmp_path):
    path = tmp_path / "clash.csv"
    keys = [f"e{i}" for i in range(2_500)]
    keys[1_500] = "kept"
    path.write_text("id,kind,title,date\n" + "".join(f"{k},other,T,2001\n" for k in keys))
    store = new_store(tmp_path)
    store.add_events([event("kept", "1999")])
    with pytest.raises(ImportRejected) as caught:
        import_events(store, path)
    assert "clash.csv line 1502, event 'kept', field 'id': already in the store" in str(
        caught.value
    )
    assert store.count() == 1


def _rows_with_few_dates(path, count):
    # every row its own id and title, the dates from one year: what grows is the file itself,
    # not the (bounded) cache of distinct dates
    lines = ["id,kind,title,date,summary"]
    lines += [
        f"m{i},other,Title number {i} of a long file,2010-{1 + i % 12:02d}-{1 + i % 28:02d},"
        f"Summary {i}"
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_streamed_import_holds_no_more_of_a_long_file_than_of_a_short_one(tmp_path, monkeypatch):
    import tracemalloc

    from explorer.store import read_ahead

    monkeypatch.setattr(read_ahead, "READ_AHEAD_BYTES", 1 << 60)  # all in this process
    peaks = {}
    # from 20,000 rows on, the Python side is at its plateau (a few batches, the 10,000 keys
    # kept for the change record); 10,000 rows stay below it
    for count in (20_000, 100_000):
        path = _rows_with_few_dates(tmp_path / f"rows{count}.csv", count)
        store = new_store(tmp_path, f"rows{count}.sqlite3")
        tracemalloc.start()
        try:
            import_events(store, path, batch_size=5_000)
            peaks[count] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert store.count() == count
        store.close()
    short, long = (tmp_path / f"rows{n}.csv" for n in (20_000, 100_000))
    growth = long.stat().st_size - short.stat().st_size
    assert growth > 5_000_000
    # five times the rows, about the same Python memory: a batch at a time, never the file
    assert peaks[100_000] - peaks[20_000] < growth / 8, peaks
