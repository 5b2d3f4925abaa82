"""``delete ID...`` and ``export --only-mine`` through the real command line."""

import json
from dataclasses import replace

from explorer.store import Store, edits
from tests.store.factory import bundled_store, event


def test_delete_is_all_or_nothing_and_restorable(run_cli, tmp_path):
    store_path = bundled_store(tmp_path / "s.sqlite3")
    result = run_cli("--db", store_path, "delete", "warsaw-summit-2016", "no-such-event")
    assert result.returncode == 2
    assert "no event 'no-such-event'" in result.stderr and "Traceback" not in result.stderr
    with Store(store_path) as store:
        assert store.event("warsaw-summit-2016") is not None
    result = run_cli("--db", store_path, "delete", "warsaw-summit-2016", check=True)
    assert "deleted 1 event" in result.stderr
    with Store(store_path) as store:
        assert store.event("warsaw-summit-2016") is None
        assert [d.key for d in edits.deleted_events(store)] == ["warsaw-summit-2016"]
        edits.restore_events(store, ["warsaw-summit-2016"])
        assert store.event("warsaw-summit-2016") is not None


def test_export_only_mine_holds_the_events_i_added_or_edited_with_notes(run_cli, tmp_path):
    store_path = bundled_store(tmp_path / "s.sqlite3")
    with Store(store_path) as store:
        edits.add_event(store, event("my-meeting", "2012-05-20"))
        state = edits.event_state(store, "warsaw-summit-2016")
        edits.update_event(store, replace(state.event, title="Warsaw (mine)"), state.revision)
        edits.set_note(store, "my-meeting", "Line one.\nLine two.")
    result = run_cli("--db", store_path, "export", "--only-mine", "-", check=True)
    events = json.loads(result.stdout)["events"]
    assert [e["id"] for e in events] == ["my-meeting", "warsaw-summit-2016"] or [
        e["id"] for e in events
    ] == ["warsaw-summit-2016", "my-meeting"]
    mine = {e["id"]: e for e in events}
    assert mine["my-meeting"]["note"] == "Line one.\nLine two."
    assert mine["warsaw-summit-2016"]["title"] == "Warsaw (mine)"
    assert "note" not in mine["warsaw-summit-2016"]


def test_notes_come_back_with_their_events_byte_for_byte(run_cli, tmp_path):
    store_path = bundled_store(tmp_path / "s.sqlite3")
    with Store(store_path) as store:
        edits.add_event(store, event("my-meeting", "2012-05-20"))
        edits.set_note(store, "my-meeting", "First paragraph.\n\n<b>Second</b>, with «quotes».")
        edits.set_note(store, "warsaw-summit-2016", "Ask about the Riga follow-up.")
    exported, again = tmp_path / "out.json", tmp_path / "again.json"
    run_cli("--db", store_path, "export", exported, check=True)
    empty = tmp_path / "empty.sqlite3"
    run_cli("--db", empty, "import", exported, check=True)
    run_cli("--db", empty, "export", again, check=True)
    assert again.read_bytes() == exported.read_bytes()
    with Store(empty) as store:
        assert edits.event_state(store, "my-meeting").note.startswith("First paragraph.\n\n<b>")
    # the search box finds an imported note (the full-text index took it in)
    found = run_cli("--db", empty, "list", "--search", "Riga follow-up", check=True)
    assert "warsaw-summit-2016" in found.stdout


def test_a_note_that_is_not_text_imports_nothing(run_cli, tmp_path):
    good = {"id": "fine", "kind": "other", "title": "Fine", "date": "2010-01-01", "note": "ok"}
    bad = {"id": "odd", "kind": "other", "title": "Odd", "date": "2010-01-02", "note": ["x"]}
    file = tmp_path / "in.json"
    file.write_text(json.dumps({"format_version": 1, "events": [good, bad]}))
    store_path = tmp_path / "s.sqlite3"
    result = run_cli("--db", store_path, "import", file)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "field 'note': must be a text" in result.stderr
    assert "nothing was imported" in result.stderr
    with Store(store_path) as store:
        assert store.count() == 0


def test_an_import_without_notes_keeps_the_notes_in_the_store(run_cli, tmp_path):
    store_path = bundled_store(tmp_path / "s.sqlite3")
    with Store(store_path) as store:
        edits.set_note(store, "warsaw-summit-2016", "Mine.")
    plain = tmp_path / "plain.csv"
    run_cli("--db", store_path, "export", plain, check=True)
    run_cli("--db", store_path, "import", "--replace", plain, check=True)
    with Store(store_path) as store:
        assert edits.event_state(store, "warsaw-summit-2016").note == "Mine."
