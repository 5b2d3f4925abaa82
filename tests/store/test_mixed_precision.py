"""An interval whose two ends are known to different precisions keeps both through the store,
the export and the import (JSON and CSV), byte for byte."""

import pytest

from explorer.domain.dates import FuzzyDate
from explorer.store.export import export_to_path
from explorer.store.importing import import_events
from tests.store.factory import event, new_store

MIXED = {
    "rsm-like": "2015-01-01/2021-09",  # exact launch, end known to the month
    "year-then-day": "2014/2016-03-05",
    "month-then-day": "2010-05/2010-06-15",
    "day-then-year": "2001-12-20/2002",
}


@pytest.mark.parametrize("date", MIXED.values())
def test_the_store_keeps_each_end(tmp_path, date):
    store = new_store(tmp_path)
    store.add_events([event("e", date)])
    when = store.event("e").when
    assert when.iso() == date
    assert when == FuzzyDate.parse(date)
    assert when.uncertain_end


def test_the_details_line_names_the_uncertain_end():
    when = FuzzyDate.parse("2015-01-01/2021-09")
    assert when.exact_text() == "1 January 2015 – September 2021"
    assert when.uncertain_end == "The start is known to the day; the end only to the month."
    assert (when.start_exact, when.end_exact) == (True, False)
    assert FuzzyDate.parse("2014/2016-03-05").uncertain_end == (
        "The end is known to the day; the start only to the year."
    )
    assert FuzzyDate.parse("2015-01-01/2015-01-31").uncertain_end is None


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_mixed_intervals_round_trip_byte_for_byte(tmp_path, fmt):
    source = new_store(tmp_path, "source.sqlite3")
    source.add_events([event(key, date) for key, date in MIXED.items()])
    path = tmp_path / f"export.{fmt}"
    export_to_path(source, path)
    text = path.read_text(encoding="utf-8")
    for date in MIXED.values():
        assert date in text
    target = new_store(tmp_path, "target.sqlite3")
    import_events(target, path)
    again = tmp_path / f"again.{fmt}"
    export_to_path(target, again)
    assert again.read_bytes() == path.read_bytes()
    for key, date in MIXED.items():
        assert target.event(key).when.iso() == date


def test_a_large_plain_csv_keeps_mixed_intervals(tmp_path):
    """Past a batch of rows the CSV is checked a column at a time; the ends survive that too."""
    rows = ["id,kind,title,date,precision"]
    dates = list(MIXED.values())
    for i in range(600):
        rows.append(f"e{i},other,Event {i},{dates[i % len(dates)]},approximate")
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = new_store(tmp_path)
    import_events(store, path)
    for i in (0, 1, 2, 3, 599):
        assert store.event(f"e{i}").when.iso() == dates[i % len(dates)]
