"""Three small lies of the command line, now told straight: a folder is called a folder, an
empty date range is an error, and a screenshot into a missing folder is refused."""

from tests.store.factory import bundled_store


def test_import_of_a_folder_says_it_is_a_folder(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    before = store.read_bytes()
    for folder in (tmp_path / "events", tmp_path / "looks-like.csv"):
        folder.mkdir()
        result = run_cli("--db", store, "import", folder)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == f"error: {folder}: is a folder, not a file to import"
    assert store.read_bytes() == before


def test_list_with_from_after_to_is_an_error(run_cli):
    result = run_cli("list", "--from", "2020", "--to", "2019")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == ("error: --from 2020 comes after --to 2019: no day is in both")
    same_year = run_cli("list", "--from", "2016", "--to", "2016", check=True)
    assert "Warsaw Summit" in same_year.stdout


def test_screenshot_into_a_missing_folder_is_refused_and_creates_nothing(run_cli, tmp_path):
    store = bundled_store(tmp_path / "s.sqlite3")
    target = tmp_path / "no" / "such" / "folder" / "x.png"
    result = run_cli("--db", store, "screenshot", target)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"error: {target}: cannot write here")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()
    export = run_cli("--db", store, "export", tmp_path / "no" / "x.json")
    assert export.returncode == 2 and not (tmp_path / "no").exists()  # as export does


def test_list_counts_with_thousands_separators(run_cli, tmp_path):
    store = tmp_path / "big.db"
    run_cli("generate", "--events", "1200", "--out", store, check=True)
    result = run_cli("--db", store, "list", check=True)
    assert result.stdout.splitlines()[-1] == "1,200 events"
