"""Every store change reaches every pane through OpenStore's one signal, and one selection
reads the store once for every pane."""

from PySide6.QtGui import QAccessible

from explorer.domain.events import Changes
from explorer.store import Store
from tests.store.factory import event
from tests.ui.helpers import pane_texts, select, timeline_item


def record_changes(window):
    """Every Changes record the open store emits, in order."""
    seen = []
    window.open_store.changed.connect(seen.append)
    return seen


def test_a_change_record_on_the_open_store_alone_updates_every_pane(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "warsaw-summit-2016")
    window.fit_all()
    before = window.store.count()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == before)
    # another connection writes, as an import in another process would: no pane knows yet
    with Store(window.store.path) as elsewhere:
        changes = elsewhere.add_events(
            [
                event("warsaw-summit-2016", "2016-07-08/2016-07-09", "summit", "Warsaw, renamed"),
                event("kunduz-visit", "2016-05-05", "visit", "A visit to Kunduz"),
            ],
            replace=True,
        )
    assert window.list_panel.model.rowCount() == before
    window.open_store.notify(changes)
    new_id = window.store.id_of("kunduz-visit")
    assert window.timeline.model.columns is window.open_store.columns  # one shared copy
    assert new_id in window.timeline.model.columns.ids.tolist()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == before + 1)
    assert window.list_panel.model.row_of(new_id) is not None
    assert window.range_label.text().endswith(f"{before + 1} events in view")
    assert "Warsaw, renamed" in pane_texts(window)  # the details re-read the selected event
    assert window.timeline.current_frame().selected_title == "Warsaw, renamed"


def test_the_panes_share_one_copy_of_the_columns_until_the_store_changes(make_window):
    window = make_window()
    first = window.columns
    assert window.timeline.model.columns is first
    window.open_store.notify(Changes())  # nothing changed: nothing is re-read
    assert window.columns is first
    window.open_store.notify(window.store.add_events([event("mine", "2011-01-01")]))
    assert window.columns is not first and len(window.columns) == len(first) + 1
    assert window.timeline.model.columns is window.columns


def test_another_store_reaches_every_pane_through_one_signal(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "warsaw-summit-2016")
    select(window, "chicago-summit-2012")
    seen = record_changes(window)
    other = Store(tmp_path / "other.sqlite3")
    other.add_events([event("only-one", "2010-03-01", "visit", "The only visit")])
    window.open_store.replace(other)
    assert [(c.opened, c.store_replaced) for c in seen] == [(True, True)]
    assert window.store is other and window.view_state.selected is None
    assert window.timeline.model.columns.ids.tolist() == [other.id_of("only-one")]
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 1)
    assert window.range_label.text().endswith("1 event in view")
    assert window.detail_view.pane is None
    assert "other.sqlite3" in window.windowTitle()
    assert not window.actions["back"].isEnabled()


def test_an_import_reaches_the_panes_as_one_change_record(make_window, qtbot, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("id,kind,title,date\nherat-visit,visit,A visit to Herat,2009-03-04\n")
    window = make_window()
    seen = record_changes(window)
    window.import_file(path)
    qtbot.waitUntil(lambda: not window.importer.running, timeout=60_000)
    assert [c.added for c in seen] == [("herat-visit",)]
    assert seen[0].origin is window.importer
    assert window.store.id_of("herat-visit") in window.timeline.model.columns.ids.tolist()


def test_one_selection_reads_the_store_once_for_every_pane(make_window, qtbot):
    window = make_window()
    select(window, "bucharest-summit-2008")
    event_id = window.store.id_of("warsaw-summit-2016")
    statements = []
    window.store._conn.set_trace_callback(statements.append)  # every statement it runs
    try:
        window.view_state.select(event_id, origin="test")
        window.timeline.repaint()  # the frame draws the selected event's title
        qtbot.wait(100)
    finally:
        window.store._conn.set_trace_callback(None)
    item = timeline_item(window.timeline, event_id)
    assert item.text(QAccessible.Text.Name).startswith("Warsaw Summit")
    assert "Warsaw Summit" in window.detail_view.pane.title_label.text()
    repeated = sorted({s for s in statements if statements.count(s) > 1})
    assert repeated == []
    assert sum(f"WHERE e.id = {event_id}" in s for s in statements) == 1


def test_an_edit_of_more_events_than_are_patched_reads_every_event_again(make_window, monkeypatch):
    """Deleting and restoring more events at once than it patches one by one, the window reads
    the store again: its columns are those a fresh read gives."""
    import numpy as np

    import explorer.ui.open_store as open_store_module
    from explorer.store.columns import read_columns_from_sql
    from explorer.ui.editing.commands import DeleteEvents

    window = make_window()
    monkeypatch.setattr(open_store_module, "MAX_NAMED", 2)
    seen = record_changes(window)
    history = window.editing.history
    keys = ["riga-summit-2006", "bucharest-summit-2008", "lisbon-summit-2010"]
    assert all(window.store.id_of(k) is not None for k in keys)
    assert history.push(DeleteEvents(history, keys, "three events"))
    assert seen[-1].row_ids is None  # read again, not patched
    for key in keys:
        assert window.store.id_of(key) is None
    assert history.undo()  # restored: read again too
    assert seen[-1].row_ids is None
    fresh = read_columns_from_sql(window.store)
    assert np.array_equal(window.columns.ids, fresh.ids)
    assert window.timeline.model.columns is window.columns
