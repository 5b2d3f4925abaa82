"""Nothing lost: a read-only store shows a banner with editing off, a failed write keeps
nothing and says why, kill -9 after Save loses nothing, two windows see each other's edits and
a stale copy is refused."""

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace

from PySide6.QtCore import Qt

from explorer.store import Store, edits
from explorer.ui.editing.commands import EditEvent
from tests.conftest import ROOT
from tests.store.factory import event
from tests.ui.helpers import pane_texts, select
from tests.ui.test_editing import run_editor


def test_a_read_only_store_shows_a_banner_and_editing_is_off(qtbot, make_window):
    window = make_window(read_only=True)
    assert window.editing.banner.isVisible()
    assert "Editing is off" in window.editing.banner_label.text()
    select(window, "warsaw-summit-2016")
    for name in ("new_event", "edit_event", "delete_event", "bookmark", "undo"):
        assert not window.actions[name].isEnabled(), name
    assert window.actions["copy_citation"].isEnabled()  # reading still works
    assert window.detail_view.user_part.note_edit.isReadOnly()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert window.store.event("warsaw-summit-2016") is not None


def test_a_failed_write_is_rolled_back_in_store_and_window(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    title = window.store.event("warsaw-summit-2016").title
    # the disk fills up under this window's connection: every write to an event now fails
    window.store.execute(
        "CREATE TEMP TRIGGER full BEFORE UPDATE ON event"
        " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )

    def fill(editor):
        editor.title_edit.setText("Never written")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, window.actions["edit_event"].trigger, fill)
    assert window.store.event("warsaw-summit-2016").title == title
    assert window.editing.history.stack.count() == 0 and not window.actions["undo"].isEnabled()
    assert "disk is full" in window.editing.message_box.text()
    assert title in pane_texts(window)
    window.editing.message_box.close()


KILLED_EDITOR = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from explorer.domain.dataset import parse_event
    from explorer.store import Store
    from explorer.ui.editing.commands import AddEvent, EditNote
    from explorer.ui.main_window import MainWindow
    from explorer.ui.settings import Settings
    store_path, settings_path = Path(sys.argv[1]), Path(sys.argv[2])
    window = MainWindow(Store(store_path), Settings(settings_path))
    window.show()
    raw = {"id": "saved-before-kill", "kind": "other", "title": "Saved before kill",
           "date": "2015-03-01", "sources": [{"title": "Mine"}]}
    history = window.editing.history
    assert history.push(AddEvent(history, parse_event(raw, "test")))
    assert history.push(EditNote(history, "saved-before-kill", "t", "", "my note", None))
    print("saved", flush=True)
    app.exec()
    """
)


def test_kill_9_right_after_save_loses_nothing(tmp_path, store_path):
    script = tmp_path / "editor.py"
    script.write_text(KILLED_EDITOR)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(script), str(store_path), str(tmp_path / "s.ini")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout.readline().strip() == "saved"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    with Store(store_path) as store:
        state = edits.event_state(store, "saved-before-kill")
        assert state is not None and state.note == "my note"
        assert store.integrity_problems() == []


def test_two_windows_see_each_others_edits_and_a_stale_copy_is_refused(qtbot, make_window):
    first = make_window()
    second = make_window()
    history = first.editing.history
    from explorer.ui.editing.commands import AddEvent

    assert history.push(AddEvent(history, event("from-the-first", "2013-04-01")))
    row_id = first.store.id_of("from-the-first")
    # the second window follows within a second, without being touched
    qtbot.waitUntil(lambda: second.columns.index_of(row_id) is not None, timeout=3000)

    select(second, "warsaw-summit-2016")

    def fill(editor):
        # the first window saves its own change while the second one's editor is open
        state = edits.event_state(first.store, "warsaw-summit-2016")
        first.editing.history.push(
            EditEvent(first.editing.history, state, replace(state.event, title="First's"))
        )
        editor.title_edit.setText("Second's")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, second.actions["edit_event"].trigger, fill)
    assert second.store.event("warsaw-summit-2016").title == "First's"
    assert "changed elsewhere" in second.editing.message_box.text()
    second.editing.message_box.close()
    assert "First's" in pane_texts(second)


def test_closing_after_an_edit_repacks_the_columns_for_a_fast_next_start(
    qtbot, make_window, tmp_path
):
    from explorer.store.columns import read_cached_columns, read_columns_from_sql
    from explorer.ui.editing.commands import AddEvent
    from tests.store.factory import write_in_bulk

    path = tmp_path / "big.sqlite3"
    with Store(path) as store:  # past the size from which the columns are kept packed
        write_in_bulk(
            store,
            (
                {"key": f"e{i}", "kind": "other", "title": f"E {i}", "start_day": 11000 + i,
                 "end_day": 11001 + i, "precision": "day"}
                for i in range(6000)
            ),
        )  # fmt: skip
    window = make_window(path)
    assert read_cached_columns(window.store) is not None  # the start packed them
    history = window.editing.history
    assert history.push(AddEvent(history, event("late-edit", "2015-03-01", title="Late edit")))
    assert read_cached_columns(window.store) is None  # the edit made the packed copy stale
    window.close()
    with Store(path) as store:
        cached = read_cached_columns(store)
        assert cached is not None, "the next start would read every event again"
        fresh = read_columns_from_sql(store)
        assert len(cached) == len(fresh) == 6001
        assert (cached.ids == fresh.ids).all() and (cached.start == fresh.start).all()


def test_another_windows_edits_are_laid_in_not_read_again(qtbot, make_window, monkeypatch):
    """The second window follows the first's add and delete through the store's change log,
    patching its columns with the events named there; only a bulk import reads everything."""
    import explorer.ui.open_store as open_store_module
    from explorer.ui.editing.commands import AddEvent, DeleteEvents

    first = make_window()
    second = make_window()
    loads = []
    real_load = open_store_module.load_columns
    monkeypatch.setattr(
        open_store_module, "load_columns", lambda store: loads.append(store) or real_load(store)
    )
    history = first.editing.history
    assert history.push(AddEvent(history, event("seen-elsewhere", "2013-04-01")))
    row_id = first.store.id_of("seen-elsewhere")
    second.editing.follow_other_windows()
    assert second.columns.index_of(row_id) is not None
    day = float(second.columns.start[second.columns.index_of(row_id)])
    second.view_state.set_visible_range(day - 10, day + 10)
    second.timeline.viewport_widget().repaint()
    frame = second.timeline.current_frame()
    assert second.columns.index_of(row_id) in frame.glyph_pos.tolist()
    assert history.push(DeleteEvents(history, ["seen-elsewhere"], "Seen elsewhere"))
    second.editing.follow_other_windows()
    assert second.columns.index_of(row_id) is None
    assert loads == []  # both followed without reading every event
    assert len(second.columns) == len(first.columns)
    # a bulk write cannot be named event by event: the second window reads everything
    from tests.store.factory import write_in_bulk

    write_in_bulk(first.store, [{"key": "bulk", "kind": "other", "title": "Bulk",
                                 "start_day": 15000, "end_day": 15001, "precision": "day"}])  # fmt: skip
    second.editing.follow_other_windows()
    assert len(loads) == 1 and second.columns.index_of(first.store.id_of("bulk")) is not None
