"""Import files a hostile tester wrote: each is exit 2, one line naming the line (and the field
where one is at fault), and the store byte for byte as it was."""

import hashlib
import json

import pytest

from tests.cli.errors import assert_one_line_error
from tests.store.factory import bundled_store

HEAD = "id,kind,title,date"


def event_json(**fields):
    return json.dumps([{"id": "e1", "kind": "other", "title": "t", "date": "2016", **fields}])


DEEP_JSON = (
    '[{"id":"e1","kind":"other","title":"t","date":"2016","details":{"a":'
    + "[" * 1000
    + "]" * 1000
    + "}}]"
)
DEEP_CELL = '"{""a"":' + "[" * 60000 + "]" * 60000 + '}"'
BIG_NUMBER = "1" * 4301

CASES = {
    "wording-object.json": (event_json(date_wording={"a": 1}), ["line 1", "'date_wording'"]),
    "wording-list.json": (event_json(date_wording=["late"]), ["line 1", "'date_wording'"]),
    "summary-list.json": (event_json(summary=["x"]), ["line 1", "'summary'"]),
    "surrogate-title.json": (event_json(title="\ud800"), ["line 1", "'title'"]),
    "surrogate-details.csv": (
        HEAD + ',details\ne1,other,t,2016,"{""a"": ""\\ud800""}"\n',
        ["line 2", "'details.a'"],
    ),
    "surrogate-relations.csv": (
        HEAD + ',relations\ne1,other,t,2016,"[{""type"": ""extends"", ""target"": ""\\ud800""}]"\n',
        ["line 2", "relations[0].target"],
    ),
    "deep.json": (DEEP_JSON, ["line 1", "nest"]),
    "deep-cell.csv": (f"{HEAD},details\ne1,other,t,2016,{DEEP_CELL}\n", ["line 2", "'details'"]),
    "big-number.json": (
        '[{"id":"e1","kind":"other","title":"t","date":"2016","details":{"n":' + BIG_NUMBER + "}}]",
        ["line 1", "number"],
    ),
    "big-version.json": (
        '{"format": "timeline-explorer-export", "format_version": '
        + BIG_NUMBER
        + ', "events": []}',
        ["line 1", "format_version"],
    ),
    "year-0.csv": (f"{HEAD}\ne1,other,t,0000\n", ["line 2", "'date'"]),
    "fullwidth.csv": (f"{HEAD}\ne1,other,t,２０１６\n", ["line 2", "'date'"]),
    "fullwidth.json": (event_json(date="２０１６"), ["line 1", "'date'"]),
    "newline-id.json": (event_json(id="abc\n"), ["line 1", "'id'"]),
    "newline-id.csv": (f'{HEAD}\n"abc\n",other,t,2016\n', ["line 2", "'id'"]),
    "huge-title.json": (event_json(title="x" * 100_001), ["line 1", "'title'"]),
    "many-participants.json": (
        event_json(kind="summit", details={"participants": ["p"] * 10_001}),
        ["line 1", "participants"],
    ),
}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return bundled_store(tmp_path_factory.mktemp("hostile") / "template.sqlite3")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_import_is_one_line_and_changes_nothing(run_cli, tmp_path, template, name):
    text, words = CASES[name]
    store = tmp_path / "s.sqlite3"
    store.write_bytes(template.read_bytes())
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = digest(store)
    result = run_cli("--db", store, "import", path)
    assert_one_line_error(result, name, *words)
    assert digest(store) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("s.")) == ["s.sqlite3"]


def test_a_deep_cell_in_a_file_read_by_the_helper_process(run_cli, tmp_path, template):
    """Over 8 MB a CSV is read in a helper process: its fault is the same one line."""
    rows = "".join(f"e{i},other,Title number {i} of a long file,2016,\n" for i in range(200_000))
    path = tmp_path / "big-deep.csv"
    path.write_text(f"{HEAD},details\n{rows}deep,other,t,2016,{DEEP_CELL}\n", encoding="utf-8")
    assert path.stat().st_size > 8 << 20
    store = tmp_path / "s.sqlite3"
    store.write_bytes(template.read_bytes())
    before = digest(store)
    result = run_cli("--db", store, "import", path)
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("importing:")]
    assert errors == [errors[0]] and errors[0].startswith("error: big-deep.csv line 200002")
    assert "'details'" in errors[0]
    assert digest(store) == before


def test_one_huge_event_is_refused_before_it_is_decoded(run_cli, tmp_path, template):
    """Ten million participants (a 50 MB event) once took 1.5 GB to import."""
    path = tmp_path / "huge.json"
    with open(path, "w", encoding="utf-8") as out:
        out.write('[{"id":"e1","kind":"summit","title":"t","date":"2016","details":')
        out.write('{"participants":[' + ",".join(['"p"'] * 10_000_000) + "]}}]")
    store = tmp_path / "s.sqlite3"
    store.write_bytes(template.read_bytes())
    before = digest(store)
    result = run_cli("--db", store, "import", path)
    assert_one_line_error(result, "huge.json line 1", "larger than 4,194,304 characters")
    assert digest(store) == before
