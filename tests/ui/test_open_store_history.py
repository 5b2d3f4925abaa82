"""File > Open Store with edits on the undo stack: a question first, and Cancel keeps
everything as it was."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.store import edits
from explorer.ui.dialogs import open_store_file
from tests.store.factory import bundled_store
from tests.ui.helpers import select


def answer_question(qtbot, button_text, seen):
    """Click ``button_text`` in the modal question once it is up; its text goes to ``seen``."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def two_bookmarks(window):
    for key in ("warsaw-summit-2016", "bonn-agreement-2001"):
        select(window, key)
        window.actions["bookmark"].trigger()
    assert window.editing.history.stack.count() == 2


def test_cancel_keeps_this_store_and_what_can_be_undone(qtbot, make_window, tmp_path):
    window = make_window()
    two_bookmarks(window)
    here = window.store.path
    other = bundled_store(tmp_path / "other.sqlite3")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("other*")}
    seen = []
    answer_question(qtbot, "Cancel", seen)
    assert not open_store_file(window, other)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("other*")} == before  # untouched
    assert seen and "forgets the undo history of this one (2 edits)" in seen[0]
    assert window.store.path == here
    assert window.editing.history.stack.count() == 2
    assert window.actions["undo"].text().replace("&", "").startswith("Undo ")
    window.actions["undo"].trigger()
    assert not edits.event_state(window.store, "bonn-agreement-2001").bookmarked
    assert edits.event_state(window.store, "warsaw-summit-2016").bookmarked


def test_open_forgets_the_history_and_shows_the_other_store(qtbot, make_window, tmp_path):
    window = make_window()
    two_bookmarks(window)
    other = bundled_store(tmp_path / "other.sqlite3")
    seen = []
    answer_question(qtbot, "Open", seen)
    assert open_store_file(window, other)
    assert len(seen) == 1
    assert window.store.path == other
    assert window.editing.history.stack.count() == 0
    assert not window.actions["undo"].isEnabled()
    assert window.actions["undo"].text().replace("&", "") == "Undo"


def test_nothing_to_undo_asks_nothing(qtbot, make_window, tmp_path):
    window = make_window()
    other = bundled_store(tmp_path / "other.sqlite3")
    assert open_store_file(window, other)  # no question: exec() would not return here
    assert window.store.path == other
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_a_store_that_fails_to_open_after_open_keeps_the_history(qtbot, make_window, tmp_path):
    window = make_window()
    two_bookmarks(window)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a store at all" * 200)
    answer_question(qtbot, "Open", [])
    assert not open_store_file(window, junk)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "junk.sqlite3" in boxes[-1].text()
    boxes[-1].close()
    assert window.editing.history.stack.count() == 2
