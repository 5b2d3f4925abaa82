"""Synthetic stores: deterministic, five lanes, points and spans, bursts, and a real store."""

import csv
import sqlite3

import numpy as np
import pytest

from explorer.domain.dates import FuzzyDate
from explorer.domain.events import EventKind, Lane
from explorer.store import Store
from explorer.store.generate import write_csv, write_store

ROWS = "SELECT key, kind, title, start_day, end_day, precision, date_wording FROM event ORDER BY id"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A 20,000-event store generated with seed 7."""
    path = tmp_path_factory.mktemp("gen") / "events.db"
    write_store(path, 20_000, seed=7)
    return path


def rows(path):
    with sqlite3.connect(path) as conn:
        return conn.execute(ROWS).fetchall()


def test_the_same_seed_gives_the_same_events_and_another_seed_does_not(generated, tmp_path):
    write_store(tmp_path / "again.db", 20_000, seed=7)
    write_store(tmp_path / "other.db", 20_000, seed=8)
    assert rows(tmp_path / "again.db") == rows(generated)
    assert rows(tmp_path / "other.db") != rows(generated)


def test_csv_is_byte_for_byte_repeatable_and_holds_the_same_events_as_the_store(
    generated, tmp_path
):
    write_csv(tmp_path / "a.csv", 20_000, seed=7)
    write_csv(tmp_path / "b.csv", 20_000, seed=7)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    from_csv = []
    for r in records:
        when = FuzzyDate.parse(r["date"], r["precision"], r["date_wording"])
        from_csv.append((r["id"], r["kind"], r["title"], when.start_day, when.end_day,
                         when.precision.value, when.wording))  # fmt: skip
    assert from_csv == rows(generated)


def test_every_lane_has_events_and_there_are_points_and_spans_from_days_to_years(generated):
    with Store(generated) as store:
        kinds = dict(store.execute("SELECT kind, count(*) FROM event GROUP BY kind").fetchall())
        lengths = np.array([r[0] for r in store.execute("SELECT end_day - start_day FROM event")])
    assert {EventKind(k).lane for k in kinds} == set(Lane)
    assert (lengths == 1).mean() > 0.3  # single days
    assert ((lengths > 1) & (lengths < 30)).sum() > 100  # days to weeks
    assert (lengths >= 365).sum() > 100  # a year or more
    assert lengths.max() > 3 * 365


def test_events_come_in_bursts(generated):
    with Store(generated) as store:
        starts = np.array([r[0] for r in store.execute("SELECT start_day FROM event")])
    per_week = np.bincount((starts - starts.min()) // 7)
    # evenly spread, no week would hold more than a few times the mean
    assert per_week.max() > 10 * per_week.mean()
    assert np.median(per_week) < per_week.mean()


def test_the_generated_file_is_a_sound_store_with_working_indexes(generated, tmp_path):
    fresh = Store(tmp_path / "fresh.db")
    schema = (
        "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name"
    )
    expected = fresh.execute(schema).fetchall()
    fresh.close()
    with Store(generated) as store:
        assert store.execute(schema).fetchall() == expected
        assert store.integrity_problems() == []
        title = store.execute("SELECT title FROM event WHERE id = 123").fetchone()[0]
        assert 123 in {s.id for s in store.search(title, limit=50)}
        start, end = 14_000, 14_030
        direct = store.execute(
            "SELECT id FROM event WHERE start_day < ? AND end_day > ? ORDER BY start_day, id",
            (end, start),
        ).fetchall()
        assert [s.id for s in store.events_between(start, end)] == [r[0] for r in direct]


def test_generate_command_writes_a_store_and_a_csv(run_cli, tmp_path):
    result = run_cli("generate", "--events", "300", "--out", tmp_path / "small.db", "--seed", "1")
    assert result.returncode == 0, result.stderr
    with Store(tmp_path / "small.db") as store:
        assert store.count() == 300
    result = run_cli("generate", "--events", "300", "--out", tmp_path / "small.csv")
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "small.csv").read_text(encoding="utf-8").splitlines()) == 301
    again = run_cli("generate", "--events", "300", "--out", tmp_path / "small.csv")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_generated_csv_imports_into_the_same_events_as_the_generated_store(run_cli, tmp_path):
    write_store(tmp_path / "direct.db", 3_000, seed=4)
    write_csv(tmp_path / "events.csv", 3_000, seed=4)
    result = run_cli("--db", tmp_path / "imported.db", "import", tmp_path / "events.csv")
    assert result.returncode == 0, result.stderr
    details = "SELECT key, details FROM event ORDER BY id"
    assert rows(tmp_path / "imported.db") == rows(tmp_path / "direct.db")
    with (
        sqlite3.connect(tmp_path / "imported.db") as a,
        sqlite3.connect(tmp_path / "direct.db") as b,
    ):
        assert a.execute(details).fetchall() == b.execute(details).fetchall()
