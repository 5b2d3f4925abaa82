"""``report OUT.pdf`` through the real command line, read back with a PDF reader."""

import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from explorer.store import Store
from tests.store.factory import bundled_store


def pdf_text(path) -> tuple[int, str]:
    """Page count and the text of every page, whitespace made single spaces (and the font's
    ligatures, such as 'fl', read as their letters, as a PDF viewer's search does)."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_a_report_of_the_shipped_dataset_holds_every_event_and_resolves_its_footnotes(
    run_cli, tmp_path
):
    store = bundled_store(tmp_path / "nato.sqlite3")
    out = tmp_path / "report.pdf"
    result = run_cli("--db", store, "report", out, check=True)
    pages, text = pdf_text(out)
    with Store(store) as opened:
        count = opened.count()
    assert f"{count} events, {pages} pages" in result.stdout
    assert pages >= 10
    assert "Timeline Explorer report" in text and "Store: nato.sqlite3" in text
    assert f"Page {pages} of {pages}" in text
    with Store(store) as opened:
        warsaw = opened.event("warsaw-summit-2016")
        titles = [e.title for e in opened.iter_events()]
    for decision in warsaw.details["decisions"]:
        assert decision["text"] in text  # selectable text, not pixels
    assert "8-9 July 2016 (8–9 July 2016)" in text  # as written, and exact
    # every event, in time order
    places = [text.find(title) for title in titles]
    assert -1 not in places
    body, _, sources = text.rpartition(" Sources ")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = [int(n) for n in re.findall(r"\[(\d+)\] ", sources)]
    assert cited and sorted(cited) == listed == list(range(1, len(listed) + 1))
    # one document cited by many events has one number
    assert sources.count("NATO-Afghanistan relations (NATO fact sheet)") == 1


def test_filters_choose_the_events_and_the_heading_says_so(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    out = tmp_path / "r.pdf"
    result = run_cli(
        "--db",
        store,
        "report",
        out,
        "--from",
        "2016",
        "--to",
        "2016-12",
        "--kind",
        "summit",
        check=True,
    )
    assert "1 event, 1 page" in result.stdout
    _, text = pdf_text(out)
    assert "Range: 2016 " in text and "Kinds: summit" in text
    assert "Warsaw Summit" in text and "Wales Summit" not in text
    run_cli(
        "--db", store, "report", out, "--ids", "wales-summit-2014,warsaw-summit-2016", check=True
    )
    _, text = pdf_text(out)
    assert text.find("Wales Summit") < text.find("Warsaw Summit")  # time order, not given order


def test_store_text_is_escaped_on_the_page(run_cli, tmp_path):
    store = tmp_path / "s.sqlite3"
    event = {
        "id": "odd",
        "kind": "other",
        "title": "<b>Bold</b> & <i>co</i>",
        "date": "2020-01-02",
        "summary": "<img src='x'> <a href='http://e.com'>link</a>",
    }
    source = tmp_path / "odd.json"
    source.write_text(json.dumps([event]), encoding="utf-8")
    run_cli("--db", store, "import", source, check=True)
    out = tmp_path / "r.pdf"
    run_cli("--db", store, "report", out, check=True)
    _, text = pdf_text(out)
    assert "<b>Bold</b> & <i>co</i>" in text
    assert "<img src='x'> <a href='http://e.com'>link</a>" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out.txt"], "name it *.pdf"),
        (["r.pdf", "--from", "2016-13"], "--from/--to"),
        (["r.pdf", "--from", "2017", "--to", "2016"], "--to must not come before --from"),
        (["r.pdf", "--kind", "party"], "unknown kind 'party'"),
        (["r.pdf", "--ids", "nothing-here"], "no event 'nothing-here'"),
        (["r.pdf", "--ids", "x", "--search", "y"], "--ids names the events itself"),
        (["r.pdf", "--search", "zzzqqq"], "no events match"),
    ],
)
def test_bad_report_options_give_one_line_and_no_file(run_cli, tmp_path, args, message):
    store = bundled_store(tmp_path / "s.sqlite3")
    result = run_cli(
        "--db",
        store,
        "report",
        *[str(tmp_path / a) if a.endswith((".pdf", ".txt")) else a for a in args],
    )
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.txt"))
