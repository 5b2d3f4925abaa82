"""Arguments a hostile tester typed: one clear line and exit 2 (or a sane result), no traceback."""

import pytest

from tests.cli.errors import assert_one_line_error
from tests.cli.helpers import bundled_count
from tests.store.factory import bundled_store

BUNDLED = bundled_count()


def test_a_limit_past_64_bits_is_no_limit(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    result = run_cli("--db", store, "list", "--limit", "99999999999999999999999")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{BUNDLED} events"


def test_generate_into_a_folder_that_cannot_hold_files(run_cli, tmp_path):
    assert_one_line_error(
        run_cli("generate", "--events", "3", "--out", "/proc/g.csv"), "/proc/g.csv", "cannot"
    )


def test_generate_with_a_negative_seed_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "g.csv"
    assert_one_line_error(
        run_cli("generate", "--events", "3", "--seed", "-1", "--out", out), "--seed"
    )
    assert not out.exists()


@pytest.mark.parametrize(("word", "hint"), [("lsit", "did you mean 'list'"), ("xyzzy", None)])
def test_a_mistyped_command_is_an_error_naming_the_commands(run_cli, tmp_path, word, hint):
    result = run_cli("--db", tmp_path / "s.sqlite3", word)
    assert_one_line_error(result, f"unknown command {word!r}", "import", "list", "check")
    if hint:
        assert hint in result.stderr
    else:
        assert "did you mean" not in result.stderr
    assert not (tmp_path / "s.sqlite3").exists()


def test_qt_options_still_reach_the_window(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    result = run_cli(
        "--db", store, "-platform", "offscreen", "-style", "fusion", "--self-test",
        "--settings", tmp_path / "s.ini",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert '"ok": true' in result.stdout
