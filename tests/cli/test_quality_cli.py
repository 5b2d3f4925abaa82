"""``check`` lists data-quality findings by event id, through the real command line: warnings
that fail the exit status only with ``--strict``."""

import re

from explorer.store import Store
from tests.store.factory import bundled_store, event

MIRROR = [{"title": "A page", "url": "https://e.org/", "publisher": "e.org (Wikipedia mirror)"}]


def troop(key, date, after, before=None, part_of="test-mission", **fields):
    details = {"mission": "TEST", "level_before": before, "level_after": after}
    relations = [{"type": "part_of", "target": part_of}] if part_of else []
    return event(key, date, "troop_level_change", details=details, relations=relations, **fields)


def seeded_store(path):
    """One event for each kind of defect the check finds, and sound events around them."""
    events = [
        event("no-source", "2010-03-04", sources=[]),
        event("mirror-only", "2011-05-06", confidence="high", sources=MIRROR),
        event("rough-but-high", "2012", precision="approximate"),
        event(
            "lost-day",
            "2015-01/2021-09",
            date_wording="1 January 2015 – September 2021",
            confidence="medium",
        ),
        event(
            "kept-day",
            "2015-01-01/2021-09",
            date_wording="1 January 2015 – September 2021",
            confidence="medium",
        ),
        event(
            "test-mission",
            "2000-01-01/2010-12-31",
            "mission_milestone",
            details={"mission": "TEST", "mission_period": True},
        ),
        troop("t1", "2001-01-01", 100),
        troop("t2", "2001-06-01", 200, before=100),
        troop("t3", "2001-09-01", 300, before=999),
        troop("t4", "2002-01-01", 50, before=200),
        troop("t5", "2005-01-01", 60, before=50),
        troop("t6", "2006-01-01", 60, before=60, part_of=None),
    ]
    with Store(path) as store:
        store.add_events(events)
    return path


def warnings(stdout):
    return sorted(
        (m.group(1), m.group(2))
        for m in re.finditer(r"^warning: (\S+): \[([a-z-]+)\]", stdout, re.MULTILINE)
    )


def test_each_kind_of_defect_is_found_by_event_id(run_cli, tmp_path):
    store = seeded_store(tmp_path / "bad.sqlite3")
    result = run_cli("--db", store, "check")
    assert result.returncode == 0, result.stdout + result.stderr  # warnings only
    assert warnings(result.stdout) == sorted(
        [
            ("no-source", "unsourced"),
            ("mirror-only", "confidence"),
            ("rough-but-high", "confidence"),
            ("t3", "series-mismatch"),
            ("t4", "series-order"),
            ("t4", "unsourced-period"),
            ("test-mission", "missing-relation"),
            ("t6", "missing-relation"),
            ("lost-day", "lost-precision"),
        ]
    )
    assert "9 data-quality warnings" in result.stdout
    assert result.stderr == ""


def test_strict_fails_on_the_seeded_store(run_cli, tmp_path):
    store = seeded_store(tmp_path / "bad.sqlite3")
    result = run_cli("--db", store, "check", "--strict")
    assert result.returncode == 1
    assert "warning: no-source: [unsourced] no source is given" in result.stdout


def test_the_shipped_dataset_passes_strict(run_cli, tmp_path):
    store = bundled_store(tmp_path / "shipped.sqlite3")
    result = run_cli("--db", store, "check", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout and "sound" in result.stdout
