"""A property-based fuzzer of both importers (JSON and CSV), over real files and a real store.

Files are built from hostile value pools (bad and edge dates, reversed ranges, unknown kinds,
empty and duplicate ids, huge fields, NUL bytes, lone surrogates, deep nesting, numbers of
thousands of digits, relations to missing ids and cycles) and then maybe damaged as bytes
(invalid UTF-8, a BOM, CR or CRLF line ends, a cut). The property, for every file:

- the import succeeds, every event of the file is in the store and ``check`` finds it sound; or
- it is refused with one line naming the line (and the field, where one is at fault), and the
  store is byte for byte as it was.

CI runs 100 examples per format (a few seconds); EXPLORER_FUZZ_EXAMPLES=5000 runs a long
campaign. A few files also go through the real command line.
"""

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.commands.check import event_problems
from explorer.store import Store
from explorer.store.errors import ImportRejected
from explorer.store.event_files import CSV_COLUMNS
from explorer.store.importing import import_events
from tests.cli.errors import assert_one_line_error

EXAMPLES = int(os.environ.get("EXPLORER_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="EXPLORER_FUZZ_EXAMPLES" not in os.environ,  # CI: the same examples each run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

DEEP, BIG = "\x00DEEP\x00", "\x00BIG\x00"  # placeholders for what json.dumps cannot write
IDS = st.sampled_from(
    ["a1", "b2", "c3", "summit.2016:x-1", "", "abc\n", "a b", "-a", "Ｘ1", "x" * 201, "é1"]
)
KINDS = st.sampled_from(
    ["summit", "other", "fund", "troop_level_change", "mission_milestone", "dragon", "", None, 1]
)
TEXTS = st.one_of(
    st.sampled_from(
        [
            "t",
            "",
            " ",
            "\ud800",
            "x\x00y",
            '<img src="file:///etc/passwd">',
            "é",
            "\r\n",
            "x" * 100_001,
            None,
            7,
            ["x"],
            {"a": 1},
        ]
    ),  # fmt: skip
    st.text(max_size=20),
)
DATES = st.sampled_from(
    ["2016", "2016-02", "2016-02-29", "2015-02-29", "0001", "0000", "9999-12-31", "10000",
     "２０１６", "2016/2015", "2016-13", "", None, "2016\n", 2016, "1000/9999", "2016-07-08/2016-07-09",
     "2016/2016/2016", "16-07-08"]
)  # fmt: skip
PRECISIONS = st.sampled_from([None, "day", "year", "approximate", "fortnight", ["day"]])
DETAILS = st.sampled_from(
    [None, {}, {"place": "x"}, {"mission": "ISAF", "level_before": 1, "level_after": 2},
     {"participants": ["p"] * 10_001}, {"x": float("nan")}, "notobj", [1], {"n": BIG},
     {"d": DEEP}, {"place": "\ud800"}, {"decisions": [{"text": "t", "concerns": "a1"}]}]
)  # fmt: skip
SOURCES = st.sampled_from(
    [None, [], [{"title": "s", "url": "https://example.org"}], [{"title": "s", "url": "javascript:x"}],
     [{"title": ""}], "x"]
)  # fmt: skip


@st.composite
def events(draw):
    ids = draw(st.lists(IDS, min_size=0, max_size=5))
    made = []
    for key in ids:
        event = {"id": key, "kind": draw(KINDS), "title": draw(TEXTS), "date": draw(DATES)}
        for name, pool in (
            ("precision", PRECISIONS), ("date_wording", TEXTS), ("summary", TEXTS),
            ("details", DETAILS), ("sources", SOURCES),
            ("confidence", st.sampled_from([None, "high", "maybe"])),
            ("origin", st.sampled_from([None, "user", "", 5])),
        ):  # fmt: skip
            if draw(st.booleans()):
                event[name] = draw(pool)
        if draw(st.booleans()):  # relations: to the file's ids (cycles too), missing, unknown
            targets = st.sampled_from([*ids, "missing-1"]) if ids else st.just("missing-1")
            event["relations"] = [
                {"type": draw(st.sampled_from(["extends", "part_of", "likes"])), "target": t}
                for t in draw(st.lists(targets, max_size=2))
            ]
        made.append(event)
    return made


def dumps(value) -> str:
    """JSON text (lone surrogates escaped), the placeholders put in as raw text."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace(json.dumps(DEEP), "[" * 3000 + "]" * 3000).replace(
        json.dumps(BIG), "9" * 4400
    )


def as_json(made, draw) -> str:
    lines = ",\n".join(dumps(e) for e in made)
    if draw(st.booleans()):
        return "[" + lines + "]"
    version = draw(st.sampled_from(["1", "2", '"1"', "9" * 4400]))
    head = f'{{"format": "timeline-explorer-export", "format_version": {version}, "events": ['
    return head + "\n" + lines + "\n]}\n"


def as_csv(made, draw) -> str:
    extra = draw(st.lists(st.sampled_from(CSV_COLUMNS[4:]), unique=True))
    header = ["id", "kind", "title", "date", *extra]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for event in made:
        row = []
        for column in header:
            value = event.get(column)
            if column in ("details", "relations", "sources") and value is not None:
                row.append(dumps(value))
            else:
                row.append("" if value is None else str(value))
        writer.writerow(row)
    return out.getvalue()


def damaged(data: bytes, draw) -> tuple[bytes, bool]:
    """Maybe damage the bytes; True when the events may no longer all be in the file."""
    how = draw(st.sampled_from(["none", "none", "bom", "crlf", "cr", "badbyte", "nul", "cut"]))
    if how == "bom":
        return b"\xef\xbb\xbf" + data, False
    if how == "crlf":
        return data.replace(b"\n", b"\r\n"), False
    if how == "cr":
        return data.replace(b"\n", b"\r"), False
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if how == "badbyte":
        return data[:at] + b"\xff" + data[at:], True
    if how == "nul":
        return data[:at] + b"\x00" + data[at:], True
    if how == "cut":
        return data[:at], True
    return data, False


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "template.sqlite3"
    with Store(path) as store:
        store.add_events([])
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_promise_kept(template: Path, name: str, data: bytes, made: list, maybe_partial: bool):
    with tempfile.TemporaryDirectory() as folder:
        store_path, file = Path(folder) / "s.sqlite3", Path(folder) / name
        shutil.copy(template, store_path)
        file.write_bytes(data)
        before = digest(store_path)
        store = Store(store_path)
        try:
            import_events(store, file)
        except ImportRejected as exc:
            store.close()
            message = str(exc)
            assert "\n" not in message, message
            assert exc.line is not None and f"line {exc.line}" in message, message
            if exc.field is not None:
                assert repr(exc.field) in message or exc.field in message, message
            assert digest(store_path) == before, message
            assert sorted(p.name for p in Path(folder).iterdir()) == sorted([name, "s.sqlite3"])
            return
        try:
            keys = {row[0] for row in store.execute("SELECT key FROM event")}
            assert store.integrity_problems() == []
            assert event_problems(store) == []
        finally:
            store.close()
        if not maybe_partial:
            assert keys == {e["id"] for e in made}


@FUZZ
@given(st.data())
def test_fuzzed_json_imports_keep_the_promise(template, data):
    made = data.draw(events())
    raw, partial = damaged(as_json(made, data.draw).encode("utf-8", "surrogatepass"), data.draw)
    assert_promise_kept(template, "f.json", raw, made, partial)


@FUZZ
@given(st.data())
def test_fuzzed_csv_imports_keep_the_promise(template, data):
    made = data.draw(events())
    text = as_csv(made, data.draw)
    raw, partial = damaged(text.encode("utf-8", "surrogatepass"), data.draw)
    # a cell holding "\r" alone reads back as a line end when every "\n" became "\r"
    assert_promise_kept(template, "f.csv", raw, made, partial or "\r" in text)


CLI_CASES = {
    "mixed.json": '[{"id":"a1","kind":"other","title":"t","date":"2016"},\n'
    '{"id":"a1","kind":"other","title":"t","date":"2016"}]',
    "cycle.csv": "id,kind,title,date,relations\n"
    'a1,other,t,2016,"[{""type"":""extends"",""target"":""b2""}]"\n'
    'b2,other,t,2016,"[{""type"":""extends"",""target"":""missing""}]"\n',
    "nul.csv": "id,kind,title,date\na1,other,t\x00x,2016\nb2,dragon,t,2016\n",
}


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_fuzz_cases_through_the_command_line(run_cli, tmp_path, template, name):
    store = tmp_path / "s.sqlite3"
    shutil.copy(template, store)
    (tmp_path / name).write_text(CLI_CASES[name], encoding="utf-8")
    before = digest(store)
    result = run_cli("--db", store, "import", tmp_path / name)
    assert_one_line_error(result, "line")
    assert re.search(r"line \d+", result.stderr)
    assert digest(store) == before
