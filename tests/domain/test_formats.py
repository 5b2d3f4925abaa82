"""The other tools' formats as pure conversions: escaping and the edges of dates."""

import datetime as dt

import icalendar

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import Event, EventKind
from explorer.domain.formats.ics import fold, icalendar_text
from explorer.domain.formats.timelinejs import dumps, read_timelinejs, timelinejs_document


def event(title="A <b>bold</b> & 'odd' title", date="2016-07", kind=EventKind.SUMMIT, **kw):
    return Event("e-1", kind, title, FuzzyDate.parse(date, wording=kw.pop("wording", None)), **kw)


def test_timelinejs_text_is_escaped_out_and_read_back_as_written():
    original = event(summary="<script>alert(1)</script>\nSecond line", wording="July 2016")
    document = timelinejs_document([original], "Store <1>")
    slide = document["events"][0]
    assert slide["text"]["headline"] == "A &lt;b&gt;bold&lt;/b&gt; &amp; &#x27;odd&#x27; title"
    assert "<script>" not in slide["text"]["text"]
    assert slide["start_date"] == {"year": "2016", "month": "7"}
    (back,) = read_timelinejs(dumps(document), "x.json")
    assert (back.key, back.kind, back.title) == ("e-1", EventKind.SUMMIT, original.title)
    assert back.summary == "<script>alert(1)</script>\nSecond line"
    assert back.when == original.when  # month precision and the wording kept


def test_ics_text_is_escaped_and_folded_without_splitting_a_character():
    long = "Décision; " * 20
    text = icalendar_text(
        [event(title=long, date="2016-07-08/2016-07-09")],
        "N, S",
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (vevent,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == long
    assert fold("x" * 75) == "x" * 75 and fold("x" * 76) == "x" * 75 + "\r\n x"


def test_ics_leaves_out_what_is_not_known_to_the_day():
    month = event(date="2016-07")
    day = event(date="2016-07-08")
    other = event(date="2016-07-08", kind=EventKind.FUND)
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert icalendar_text([month, other], "n", stamp).count("BEGIN:VEVENT") == 0
    assert icalendar_text([day], "n", stamp).count("BEGIN:VEVENT") == 1
