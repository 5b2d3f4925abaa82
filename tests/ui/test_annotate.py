"""Notes and bookmarks in the real window: a note saved as you type and on leaving it, undone
with Ctrl+Z; a star with Ctrl+D shown in the list, the Bookmarked filter and the Bookmarks
menu; Ctrl+C copies a citation line."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from explorer.store import edits
from explorer.ui.event_list import MARK
from tests.ui.helpers import select, selected_key


def test_a_note_saves_after_a_pause_and_on_leaving_it_and_undoes(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    note = window.detail_view.user_part.note_edit
    note.setFocus()
    qtbot.keyClicks(note, "Check the communique.")
    qtbot.waitUntil(
        lambda: (
            edits.event_state(window.store, "warsaw-summit-2016").note == "Check the communique."
        ),
        timeout=3000,
    )
    assert window.detail_view.user_part.note_edit is note  # not rebuilt under the typing
    qtbot.keyClicks(note, " Second thought.")
    window.timeline.setFocus()  # leaving the note saves it at once
    assert edits.event_state(window.store, "warsaw-summit-2016").note == (
        "Check the communique. Second thought."
    )
    assert window.actions["undo"].text().replace("&", "").startswith("Undo Edit Note on")
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edits.event_state(window.store, "warsaw-summit-2016").note == ""
    assert window.detail_view.user_part.note_edit.toPlainText() == ""


def test_bookmarks_in_the_list_the_filter_and_the_menu(qtbot, make_window):
    window = make_window()
    event_id = select(window, "warsaw-summit-2016")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert edits.event_state(window.store, "warsaw-summit-2016").bookmarked
    assert window.actions["bookmark"].isChecked()
    model = window.list_panel.model
    qtbot.waitUntil(lambda: "★" in model.index(model.row_of(event_id), MARK).data())
    window.list_panel.bookmarked_box.setChecked(True)
    assert [model.event_id(r) for r in range(model.rowCount())] == [event_id]
    window.list_panel.bookmarked_box.setChecked(False)
    select(window, "isaf-end-2014")
    menu = window.editing.bookmarks_menu
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.isEnabled()]
    assert len(entries) == 1 and entries[0].text().startswith("&1 ")
    entries[0].trigger()
    assert selected_key(window) == "warsaw-summit-2016"


def test_ctrl_c_copies_a_citation_line(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    event = window.store.event("warsaw-summit-2016")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    assert text.startswith(f"{event.title} ({event.when.display()})")
    assert event.sources[0].title in text


# a popup menu asks the offscreen platform for a raise and a keyboard grab it cannot give
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_the_context_menu_opens_from_the_keyboard_on_the_selected_event(qtbot, make_window):
    window = make_window()
    select(window, "warsaw-summit-2016")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = window.editing.last_menu
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Edit Event…", "Delete Event", "Bookmark", "Copy Citation"]
    assert {"Zoom to Event", "Show Related"} <= set(texts)
    menu.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_show_related_lists_each_related_event_by_relation_and_goes_there(qtbot, make_window):
    window = make_window()
    select(window, "rsm-sustained-beyond-2016")
    summit = window.store.event("warsaw-summit-2016")
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = window.editing.last_menu
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_R)  # the submenu's mnemonic
    related = menu.findChild(QMenu, "related_menu")
    qtbot.waitUntil(related.isVisible)
    texts = [a.text().replace("&", "") for a in related.actions()]
    assert texts[0] == f"1 decided at {summit.title} ({summit.when.display()})"
    place = next(i for i, text in enumerate(texts) if " reaffirmed at " in text)
    reaffirmed_at = window.store.event("rsm-sustained-beyond-2016").relations
    target = next(r.target_key for r in reaffirmed_at if r.type.value == "reaffirmed_at")
    assert related.activeAction() is related.actions()[0]  # opened from the keyboard
    for _ in range(place):
        qtbot.keyClick(related, Qt.Key.Key_Down)
    qtbot.keyClick(related, Qt.Key.Key_Return)
    assert selected_key(window) == target
    assert not menu.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_show_related_is_off_for_an_event_without_relations(qtbot, make_window, tmp_path):
    from tests.store.factory import event as make_event

    window = make_window()
    window.open_store.notify(edits.add_event(window.store, make_event("lonely", "2012-01-01")))
    select(window, "lonely")
    menu = window.editing.show_context_menu(window.timeline)
    qtbot.waitUntil(menu.isVisible)
    related = menu.findChild(QMenu, "related_menu")
    assert not related.menuAction().isEnabled() and not related.actions()
    menu.close()
