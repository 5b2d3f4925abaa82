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
