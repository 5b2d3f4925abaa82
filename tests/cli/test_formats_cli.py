"""TimelineJS, iCalendar and Timeline (.timeline) files through the real command line."""

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import icalendar
import pytest

from explorer.domain.dates import FuzzyDate
from tests.store.factory import bundled_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "formats"

# Every key TimelineJS3 reads (its JSON format page and TimelineConfig.js); an exporter writing
# any other key writes something TimelineJS ignores.
SLIDE_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
MEDIA_KEYS = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}


def events_in(path: Path) -> dict[str, tuple]:
    """key -> (kind, title, date, precision, wording) of every event in a store file."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT key, kind, title, start_day, end_day, precision, date_wording FROM event"
    ).fetchall()
    conn.close()
    return {
        r[0]: (r[1], r[2], FuzzyDate.from_stored(r[3], r[4], r[5]).iso(), r[5], r[6]) for r in rows
    }


def test_timelinejs_export_has_the_structure_of_timelinejs_examples(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    out = tmp_path / "web.json"
    result = run_cli("--db", store, "export", "--format", "timelinejs", out, check=True)
    stored = events_in(store)
    assert f"exported {len(stored)} events" in result.stderr
    ours = json.loads(out.read_text(encoding="utf-8"))
    example = json.loads((FIXTURES / "timelinejs-eras.json").read_text(encoding="utf-8"))
    # the same top-level shape as TimelineJS's own example: a title slide and events
    assert set(ours) <= set(example) and {"title", "events"} <= set(ours)
    assert ours["title"]["text"]["headline"] == "s.sqlite3"
    assert len(ours["events"]) == len(stored) > 80
    for slide in ours["events"]:
        assert set(slide) <= SLIDE_KEYS
        assert set(slide["start_date"]) <= DATE_KEYS
        assert set(slide["text"]) == {"headline", "text"}
        assert set(slide.get("media", {})) <= MEDIA_KEYS
        # the date keeps its precision: exactly the parts we know, as TimelineJS writes them
        date = stored[slide["unique_id"]][2]
        parts = date.split("/")
        assert len(slide["start_date"]) == len(parts[0].split("-"))
        assert all(isinstance(v, str) and v.isdigit() for v in slide["start_date"].values())
        if len(parts) == 2:
            assert len(slide["end_date"]) == len(parts[1].split("-"))
        else:
            assert "end_date" not in slide
    warsaw = next(s for s in ours["events"] if s["unique_id"] == "warsaw-summit-2016")
    assert warsaw["start_date"] == {"year": "2016", "month": "7", "day": "8"}
    assert warsaw["end_date"] == {"year": "2016", "month": "7", "day": "9"}
    assert warsaw["group"] == "Summit"
    # its first source, the fact sheet, has NATO's address: a media link
    assert warsaw["media"]["url"] == "https://www.nato.int/cps/en/natohq/topics_8189.htm"
    assert warsaw["media"]["caption"] == "NATO-Afghanistan relations (NATO fact sheet)"
    unscr = next(s for s in ours["events"] if s["unique_id"] == "unscr-1386-2001")
    assert unscr["group"] == "UN resolution"
    article5 = next(s for s in ours["events"] if s["unique_id"] == "article-5-invoked-2001")
    assert article5["media"] == {
        "url": "https://www.nato.int/terrorism/five.htm",
        "credit": "NATO",
        "caption": "NATO: What is Article 5?",
    }


def test_timelinejs_export_then_import_keeps_ids_titles_and_dates(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    out = tmp_path / "web.json"
    run_cli("--db", store, "export", "--format", "timelinejs", out, check=True)
    empty = tmp_path / "empty.sqlite3"
    result = run_cli("--db", empty, "import", out, check=True)  # a .json of slides: TimelineJS
    before, after = events_in(store), events_in(empty)
    assert f"imported {len(before)} new events" in result.stdout and "timelinejs" in result.stdout
    assert after.keys() == before.keys()
    for key, (kind, title, date, precision, wording) in before.items():
        kind2, title2, date2, precision2, wording2 = after[key]
        assert (title2, date2, wording2) == (title, date, wording)
        if precision in ("day", "day_range", "month", "year") or "/" in precision:
            assert precision2 == precision  # '/': ends known to different precisions
        assert kind2 == (kind if kind != "troop_level_change" else "other")


def test_the_timelinejs_projects_own_example_imports(run_cli, tmp_path):
    empty = tmp_path / "empty.sqlite3"
    run_cli("--db", empty, "import", FIXTURES / "timelinejs-eras.json", check=True)
    events = {v[1]: v for v in events_in(empty).values()}
    assert len(events) == 12  # 8 slides and 4 eras
    assert events["Battle of Nineveh"][2:4] == ("0627-12-12", "day")
    assert events["Tang Dynasty in China"][2:4] == ("0618-06-18/0907-06-01", "day_range")
    assert events["Joint Persian-Avar-Slav Siege of Constantinople Constantinople saved"][2:4] == (
        "0626",
        "year",
    )


@pytest.mark.parametrize(
    ("change", "where", "field"),
    [
        (
            lambda d: d["events"][1]["start_date"].update(month="13"),
            "events[1]",
            "start_date.month",
        ),
        (lambda d: d["events"][4]["text"].update(headline=""), "events[4]", "text.headline"),
        (lambda d: d["eras"][0].pop("end_date"), "eras[0]", "end_date"),
        (lambda d: d["events"][2]["end_date"].update(year="600"), "events[2]", "end_date"),
    ],
)
def test_a_malformed_timelinejs_file_is_refused_whole(run_cli, tmp_path, change, where, field):
    data = json.loads((FIXTURES / "timelinejs-eras.json").read_text(encoding="utf-8"))
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    store = bundled_store(tmp_path / "s.sqlite3")
    count = len(events_in(store))
    result = run_cli("--db", store, "import", bad)
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    assert f"bad.json, element {where}, field '{field}'" in message
    assert "nothing was imported" in message
    assert len(events_in(store)) == count


def test_a_broken_json_file_is_refused_with_its_line(run_cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": [\n {"start_date": {"year": "2001"},\n oops}\n]}', encoding="utf-8")
    result = run_cli("--db", tmp_path / "s.sqlite3", "import", "--format", "timelinejs", bad)
    assert result.returncode == 2
    assert "bad.json, line 3, field 'json'" in result.stderr


def test_icalendar_export_reads_back_as_all_day_events(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    out = tmp_path / "meetings.ics"
    result = run_cli("--db", store, "export", out, check=True)
    raw = out.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    vevents = list(calendar.walk("VEVENT"))
    assert f"exported {len(vevents)} events" in result.stderr
    stored = events_in(store)
    wanted = {
        k
        for k, v in stored.items()
        if v[0] in ("summit", "leaders_meeting", "ministerial_meeting", "mission_milestone")
        and v[3] in ("day", "day_range")
    }
    uids = [str(v["UID"]) for v in vevents]
    assert sorted(uids) == sorted(f"{k}@timeline-explorer.invalid" for k in wanted)
    warsaw = next(v for v in vevents if str(v["UID"]).startswith("warsaw-summit-2016@"))
    assert warsaw.decoded("DTSTART") == dt.date(2016, 7, 8)
    assert warsaw.decoded("DTEND") == dt.date(2016, 7, 10)  # exclusive: the 8th and the 9th
    assert str(warsaw["SUMMARY"]) == "Warsaw Summit"
    assert "Warsaw, Poland" in str(warsaw["LOCATION"])
    assert "Decision:" in str(warsaw["DESCRIPTION"])
    for vevent in vevents:
        assert isinstance(vevent.decoded("DTSTART"), dt.date)
        assert not isinstance(vevent.decoded("DTSTART"), dt.datetime)
        assert vevent.decoded("DTEND") > vevent.decoded("DTSTART")
        assert "DTSTAMP" in vevent
    # a second export gives the same UIDs: a calendar updates rather than duplicates
    again = tmp_path / "again.ics"
    run_cli("--db", store, "export", "--format", "ics", again, check=True)
    uids_again = [
        str(v["UID"]) for v in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")
    ]
    assert uids_again == uids


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("timeline-example.timeline", 1),
        ("timeline-versions-excerpt.timeline", 2),
        ("constructed-periods.timeline", 4),
    ],
)
def test_files_of_the_timeline_app_import(run_cli, tmp_path, name, count):
    store = tmp_path / "s.sqlite3"
    result = run_cli("--db", store, "import", FIXTURES / name, check=True)
    assert f"imported {count} new events" in result.stdout
    assert len(events_in(store)) == count


def test_timeline_app_periods_categories_and_containers_map(run_cli, tmp_path):
    store = tmp_path / "s.sqlite3"
    run_cli("--db", store, "import", FIXTURES / "constructed-periods.timeline", check=True)
    events = {v[1]: v for v in events_in(store).values()}
    assert events["Warsaw <Summit>"][0] == "summit"  # a category named like a kind
    assert events["Warsaw <Summit>"][2:4] == ("2016-07-08/2016-07-09", "day_range")
    assert events["Drawdown"][0] == "other"
    assert events["Drawdown"][2:4] == ("2014-09/2014-12", "approximate")  # fuzzy
    assert events["Resolute Support"][2] == "2015-01-01/2021-09-01"  # an era: a span
    conn = sqlite3.connect(store)
    part_of = conn.execute(
        "SELECT s.title, r.type, t.title FROM relation r JOIN event s ON s.id = r.source_id"
        " JOIN event t ON t.id = r.target_id"
    ).fetchall()
    details = conn.execute("SELECT details FROM event WHERE title = 'Drawdown'").fetchone()[0]
    conn.close()
    assert part_of == [("Camp Bastion handed over", "part_of", "Drawdown")]
    assert json.loads(details) == {"category": "Work & travel"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "<start>2016-07-08 09:00:00</start>",
            "<start>2016-13-08 09:00:00</start>",
            "line 25, <start>, field 'start'",
        ),
        (
            "<end>2014-12-31 00:00:00</end>",
            "<end>2014-01-31 00:00:00</end>",
            "line 35, <end>, field 'end'",
        ),
        ("<text>[1]Drawdown</text>", "<text>  </text>", "line 33, <event>, field 'text'"),
        ("</events>", "</event>", "line 46, column"),
        (
            '<?xml version="1.0" encoding="utf-8"?>',
            '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "b">]>',
            "field 'DOCTYPE'",
        ),
    ],
)
def test_a_malformed_timeline_file_is_refused_whole(run_cli, tmp_path, old, new, expected):
    text = (FIXTURES / "constructed-periods.timeline").read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.timeline"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    store = bundled_store(tmp_path / "s.sqlite3")
    count = len(events_in(store))
    result = run_cli("--db", store, "import", bad)
    assert result.returncode == 2, result.stdout
    assert re.match(r"^error: bad\.timeline, ", result.stderr), result.stderr
    assert expected in result.stderr and "nothing was imported" in result.stderr
    assert result.stderr.count("\n") == 1
    assert len(events_in(store)) == count


def test_formats_a_command_cannot_do_are_refused(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    ics = tmp_path / "x.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    result = run_cli("--db", store, "import", ics)
    assert result.returncode == 2 and "cannot be imported" in result.stderr
    result = run_cli("--db", store, "export", tmp_path / "x.timeline")
    assert result.returncode == 2 and "cannot be exported" in result.stderr
    result = run_cli("--db", store, "export", tmp_path / "x.txt")
    assert result.returncode == 2 and "--format" in result.stderr
    run_cli("--db", store, "export", "--format", "timelinejs", tmp_path / "x.txt", check=True)
    assert json.loads((tmp_path / "x.txt").read_text())["events"]
