"""``list`` and ``check`` through the real command line."""

import pytest

from tests.cli.helpers import corrupt_event_table, remove_behind_the_apps_back
from tests.store.factory import bundled_store

SUMMITS = [
    ("28–29 June 2004", "Istanbul Summit"),
    ("19–20 November 2010", "Lisbon Summit"),
    ("20–21 May 2012", "Chicago Summit"),
    ("4–5 September 2014", "Wales Summit"),
    ("8–9 July 2016", "Warsaw Summit"),
    ("11–12 July 2018", "Brussels Summit"),
]


def test_list_kind_summit_shows_the_summits_2001_to_2021(run_cli):
    result = run_cli("list", "--kind", "summit", check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["DATE", "KIND", "TITLE", "ID"]
    rows = lines[1:-1]
    assert all("  summit  " in row for row in rows)
    for date, title in SUMMITS:
        assert any(row.startswith(date) and title in row for row in rows), (date, title)
    years = [int(row.split("  ")[0].split()[-1]) for row in rows]
    assert years == sorted(years) and min(years) >= 2001 and max(years) == 2021
    # the columns line up: every title starts at the same place
    starts = {row.index(title) for row in rows for _, title in SUMMITS if title in row}
    assert len(starts) == 1
    assert lines[-1] == f"{len(rows)} events"


def test_list_filters_by_time_and_text(run_cli):
    in_2016 = run_cli("list", "--from", "2016", "--to", "2016", check=True).stdout
    assert "warsaw-summit-2016" in in_2016 and "chicago-summit-2012" not in in_2016
    # ISAF's mission period began in 2003 and still overlaps 2010
    assert "isaf-nato-command" in run_cli("list", "--from", "2010-03", "--to", "2010-03").stdout
    found = run_cli("list", "--search", "warsaw", check=True).stdout.splitlines()
    assert "warsaw-summit-2016" in found[1]
    assert run_cli("list", "--search", 'NEAR("', check=True).stdout.splitlines()[-1] == "0 events"


def test_check_passes_on_the_default_store(run_cli):
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bundled dataset" in result.stdout and "sound" in result.stdout


def test_check_reports_a_dangling_relation(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    remove_behind_the_apps_back(store, "isaf-nato-command")
    result = run_cli("--db", store, "check")
    assert result.returncode == 1
    assert "points to a missing event" in result.stdout
    assert "no event 'isaf-nato-command'" in result.stdout  # named in another event's details
    assert result.stderr == ""


def test_check_reports_a_corrupted_page(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    corrupt_event_table(store)
    result = run_cli("--db", store, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "problem: store:" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["list", "check", "export", "import", "where"])
def test_every_command_has_help_and_version(run_cli, name):
    assert "usage:" in run_cli(name, "--help", check=True).stdout
    assert "0." in run_cli(name, "--version", check=True).stdout


def test_list_limit_shows_the_first_events_in_time(run_cli):
    result = run_cli("list", "--kind", "summit", "--limit", "2", check=True)
    lines = result.stdout.splitlines()
    assert "Istanbul Summit" in lines[1] and "Riga Summit" in lines[2]
    assert lines[-1] == "2 events"
    assert run_cli("list", "--limit", "-1").returncode == 2


def test_list_search_is_the_search_boxs_search(run_cli):
    year = run_cli("list", "--search", "2020", check=True)
    assert "'2020' read as the date 2020" in year.stderr
    assert "defence-ministers-2020-06" in year.stdout and "warsaw-summit-2016" not in year.stdout
    found = run_cli("list", "--search", "place:Brussels 2018", check=True).stdout.splitlines()
    assert found[0].split() == ["DATE", "KIND", "TITLE", "ID", "MATCH"]
    assert any(
        "brussels-summit-2018" in row and "place: [Brussels], Belgium" in row for row in found
    )
    words = run_cli("list", "--search", "increase 16,000", check=True).stdout
    assert "defence-ministers-2017-11" in words and "[Enlarge]" in words
    quoted = run_cli("list", "--search", '"2020" defence', check=True)
    assert quoted.stderr == "" and "warsaw" not in quoted.stdout
