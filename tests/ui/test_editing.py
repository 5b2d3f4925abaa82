"""Editing in the real window: New Event, Edit Event, Delete, Undo and Redo through the Edit
menu, the editor checked by the importer's parser, every pane following the one change path."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from explorer.domain.events import EventKind
from explorer.store import edits
from explorer.ui.editing.editor import EventEditor
from explorer.ui.editing.fields import EventPicker
from tests.ui.helpers import pane_texts, select, selected_key


def run_editor(qtbot, trigger, fill):
    """Trigger an action that opens the editor (modal) and let ``fill`` drive it; a failure
    inside closes the editor (so the test ends) and is raised here."""
    seen, failures = [], []

    def act():
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, EventEditor) or not editor.isActiveWindow():
            QTimer.singleShot(10, act)  # as a user waits for the window to come up
            return
        seen.append(editor)
        try:
            fill(editor)
        except BaseException as exc:  # noqa: BLE001 - re-raised below, after the editor closed
            failures.append(exc)
        if editor.isVisible():
            editor.reject()

    QTimer.singleShot(0, act)
    trigger()
    if failures:
        raise failures[0]
    assert seen, "the editor did not open"
    return seen[0]


def first_of_kind(store, kind):
    return next(e for e in store.iter_events() if e.kind is kind)


def set_cell(table, row, column, text):
    table.table.item(row, column).setText(text)


def test_add_a_meeting_with_two_decisions_and_a_relation(qtbot, make_window):
    window = make_window()
    troops = first_of_kind(window.store, EventKind.TROOP_LEVEL_CHANGE)
    count = window.store.count()

    def fill(editor):
        editor.kind_box.setCurrentIndex(editor.kind_box.findData("ministerial_meeting"))
        assert not editor.save_button.isEnabled()  # no title, no date yet
        qtbot.keyClicks(editor.title_edit, "Kabul donors' meeting")
        qtbot.keyClicks(editor.date_edit, "2012-07-08")
        decisions = editor.detail_widgets["decisions"][1]
        decisions.add_row({"text": "Fund the Afghan forces"}, edit=False)
        decisions.add_row({"text": "Review the troop level"}, edit=False)
        # a relation to the troop-level change, picked by typing its title
        picker_names = editor.names
        label = picker_names.matches(troops.title)[0]
        editor.relations.add_row({"target": label}, edit=False)
        editor.sources.add_row(
            {"title": "Meeting minutes", "url": "https://example.org/minutes"}, edit=False
        )
        assert editor.save_button.isEnabled(), editor.summary_label.text()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, window.actions["new_event"].trigger, fill)
    assert window.store.count() == count + 1
    state = edits.event_state(window.store, "kabul-donors-meeting")
    assert state.added_by_user and state.event.kind is EventKind.MINISTERIAL_MEETING
    assert [d["text"] for d in state.event.details["decisions"]] == [
        "Fund the Afghan forces",
        "Review the troop level",
    ]
    assert [r.target_key for r in state.event.relations] == [troops.key]
    # every pane follows: selected, in the details, on the timeline's columns
    assert selected_key(window) == "kabul-donors-meeting"
    texts = pane_texts(window)
    assert "Kabul donors' meeting" in " ".join(texts)
    assert "Fund the Afghan forces" in " ".join(texts)
    assert window.columns.index_of(state.row_id) is not None
    assert window.timeline.model.columns.index_of(state.row_id) is not None
    assert window.actions["undo"].text().replace("&", "") == (
        "Undo New Event 'Kabul donors' meeting'"
    )
    window.actions["undo"].trigger()
    assert window.store.event("kabul-donors-meeting") is None
    assert window.columns.index_of(state.row_id) is None
    window.actions["redo"].trigger()
    assert window.store.event("kabul-donors-meeting") is not None


def test_a_field_at_fault_shows_the_importers_message_and_save_waits(qtbot, make_window):
    window = make_window()

    def fill(editor):
        qtbot.keyClicks(editor.title_edit, "Something")
        qtbot.keyClicks(editor.date_edit, "2012-13")
        error = editor.errors["date"]
        assert error.isVisible() and "month" in error.text().lower()
        assert not editor.save_button.isEnabled()
        editor.date_edit.setText("2012-12")
        assert not error.isVisible() and editor.save_button.isEnabled()
        editor.reject()

    run_editor(qtbot, window.actions["new_event"].trigger, fill)


def test_edit_a_bundled_event_then_revert_it(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    title = window.store.event("warsaw-summit-2016").title

    def fill(editor):
        assert editor.key_edit.isReadOnly()
        editor.title_edit.setText(f"{title} (my notes)")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, window.actions["edit_event"].trigger, fill)
    assert window.store.event("warsaw-summit-2016").title == f"{title} (my notes)"
    assert window.actions["undo"].text().replace("&", "") == f"Undo Edit '{title} (my notes)'"
    assert "Edited by you" in " ".join(pane_texts(window))
    assert window.actions["revert_event"].isEnabled()
    window.actions["revert_event"].trigger()
    assert window.store.event("warsaw-summit-2016").title == title
    assert not edits.event_state(window.store, "warsaw-summit-2016").edited
    window.actions["undo"].trigger()  # back to my version
    assert window.store.event("warsaw-summit-2016").title == f"{title} (my notes)"


def test_delete_and_undo_bring_the_event_back_with_its_relations(qtbot, make_window):
    window = make_window()
    event_id = select(window, "warsaw-summit-2016")
    linked_before = {link.other.key for link in window.store.linked_events("warsaw-summit-2016")}
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert window.store.event("warsaw-summit-2016") is None
    assert window.view_state.selected is None
    assert window.columns.index_of(event_id) is None
    assert [d.key for d in edits.deleted_events(window.store)] == ["warsaw-summit-2016"]
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.event("warsaw-summit-2016") is not None
    assert selected_key(window) == "warsaw-summit-2016"
    linked = {link.other.key for link in window.store.linked_events("warsaw-summit-2016")}
    assert linked == linked_before


def test_an_edit_refused_by_the_store_keeps_nothing_and_says_why(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    state = edits.event_state(window.store, "warsaw-summit-2016")
    # another program saves first: this window's copy is now stale
    from dataclasses import replace

    from explorer.store import Store

    with Store(window.store.path) as other:
        edits.update_event(other, replace(state.event, title="Theirs"), state.revision)
    from explorer.ui.editing.commands import EditEvent

    pushed = window.editing.history.push(
        EditEvent(window.editing.history, state, replace(state.event, title="Mine"))
    )
    assert not pushed
    assert window.store.event("warsaw-summit-2016").title == "Theirs"
    assert window.editing.history.stack.count() == 0
    assert "changed elsewhere" in window.editing.message_box.text()
    window.editing.message_box.close()


def test_the_editor_from_the_keyboard_alone(qtbot, make_window):
    window = make_window()
    window.timeline.setFocus()

    def type_keys(text):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.wait(20)  # a new cell editor takes the focus on the next turn of the loop

    def key(k, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(QApplication.focusWidget(), k, modifier)
        qtbot.wait(20)

    def fill(editor):
        assert QApplication.focusWidget() is editor.title_edit
        type_keys("Kabul Conference")
        key(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.date_edit
        type_keys("2010-07-20")
        key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Sou&rces
        assert QApplication.focusWidget() is editor.sources.table
        key(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.sources.add_button
        key(Qt.Key.Key_Space)  # a new row, editing its first cell
        type_keys("Conference communique")
        key(Qt.Key.Key_Tab)  # on to the URL cell
        type_keys("https://example.org/kabul")
        key(Qt.Key.Key_Return)  # the cell is done
        assert editor.save_button.isEnabled(), editor.summary_label.text()
        key(Qt.Key.Key_Return)  # Save

    run_editor(
        qtbot,
        lambda: qtbot.keyClick(window.timeline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        fill,
    )
    mine = edits.user_keys(window.store)
    assert len(mine) == 1, mine
    added = window.store.event(mine[0])
    assert added.title == "Kabul Conference" and added.origin == "user"
    assert [(s.title, s.url) for s in added.sources] == [
        ("Conference communique", "https://example.org/kabul")
    ]
    assert selected_key(window) == added.key
    window.activateWindow()  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.event(added.key) is None


def test_undo_and_redo_walk_a_chain_of_edits_of_one_event(qtbot, make_window):
    from dataclasses import replace

    from explorer.ui.editing.commands import AddEvent, DeleteEvents, EditEvent
    from tests.store.factory import event

    window = make_window()
    history = window.editing.history
    failures = []
    history.failed.connect(failures.append)
    assert history.push(AddEvent(history, event("chain", "2012-01-01", title="Chain")))
    state = edits.event_state(window.store, "chain")
    assert history.push(EditEvent(history, state, replace(state.event, title="Chain moved")))
    assert history.push(DeleteEvents(history, ["chain"], "Chain moved"))
    for _ in range(3):
        assert history.undo()
    assert window.store.event("chain") is None
    for _ in range(3):
        assert history.redo()
    assert window.store.event("chain") is None and edits.deleted_events(window.store)
    history.undo()
    assert window.store.event("chain").title == "Chain moved"
    assert failures == []


# the completer's popup asks the offscreen platform for a raise and a keyboard grab
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_relation_target_is_picked_from_the_completer_with_keys(qtbot, make_window):
    window = make_window()
    window.timeline.setFocus()
    summit = window.store.event("warsaw-summit-2016")
    seen = {}

    def key(k, modifier=Qt.KeyboardModifier.NoModifier, to=None):
        qtbot.keyClick(to or QApplication.focusWidget(), k, modifier)
        qtbot.wait(20)

    def fill(editor):
        qtbot.keyClicks(editor.title_edit, "Decision on the follow-on mission")
        key(Qt.Key.Key_Tab)
        qtbot.keyClicks(editor.date_edit, "2016-07-09")
        key(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Re&lations
        assert QApplication.focusWidget() is editor.relations.table
        key(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.relations.add_button
        key(Qt.Key.Key_Space)  # a new row, editing its relation type ("decided at" first)
        key(Qt.Key.Key_Tab)  # on to the event cell: the picker
        picker = QApplication.focusWidget()
        assert isinstance(picker, EventPicker)
        qtbot.keyClicks(picker, "warsaw sum")
        popup = picker.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
        seen["offered"] = offered
        assert offered and offered[0] == f"{summit.title} · {summit.when.display()}"
        key(Qt.Key.Key_Down, to=popup)
        key(Qt.Key.Key_Return, to=popup)  # picked: the label is in the cell's editor
        assert picker.text() == offered[0]
        key(Qt.Key.Key_Return, to=picker)  # the cell is done
        assert editor.relations.rows() == [{"type": "decided_at", "target": offered[0]}]
        assert editor.save_button.isEnabled(), editor.summary_label.text()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    run_editor(qtbot, window.actions["new_event"].trigger, fill)
    mine = edits.user_keys(window.store)
    assert len(mine) == 1, (mine, seen)
    added = window.store.event(mine[0])
    assert [(r.type.value, r.target_key) for r in added.relations] == [
        ("decided_at", "warsaw-summit-2016")
    ]
