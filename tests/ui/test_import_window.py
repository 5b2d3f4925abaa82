"""File > Import… runs in a worker thread with progress and Cancel; all or nothing."""

import hashlib
import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from explorer.store import Store
from explorer.store.export import export_to_path, write_export
from explorer.store.generate import write_csv
from explorer.ui.importer import CANCELLED_TEXT
from tests.store.factory import event, new_store
from tests.ui.helpers import select

SMALL_CSV = (
    "id,kind,title,date\n"
    "zanzibar-talks,summit,Zanzibar talks on the northern supply route,2009-03-04\n"
    "zanzibar-fund,fund,Zanzibar trust fund pledge,2012-07\n"
)


def fingerprint(store):
    """How many events and a hash of the full export: equal means nothing changed."""
    out = io.StringIO()
    write_export(store, out, "json")
    return store.count(), hashlib.sha256(out.getvalue().encode()).hexdigest()


def wait_for_import(qtbot, window, timeout=120_000):
    qtbot.waitUntil(lambda: not window.importer.running, timeout=timeout)


def modal_box(qtbot):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    return QApplication.activeModalWidget()


def test_import_through_the_file_menu_shows_the_new_events_in_every_pane(
    make_window, qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "mine.csv"
    path.write_text(SMALL_CSV, encoding="utf-8")
    window = make_window()
    before = window.store.count()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.actions["import_events"].trigger()
    wait_for_import(qtbot, window)
    assert window.statusBar().currentMessage() == "Imported 2 events"
    assert window.store.count() == before + 2
    new_id = window.store.id_of("zanzibar-talks")
    assert new_id in window.timeline.model.columns.ids.tolist()
    qtbot.keyClicks(window.list_panel.search_box, "Zanzibar")
    model = window.list_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    titles = {model.summary(r).title for r in range(model.rowCount())}
    assert titles == {"Zanzibar talks on the northern supply route", "Zanzibar trust fund pledge"}
    assert window.list_panel.result_label.text() == "2 matches for “Zanzibar”"
    qtbot.keyClicks(window.list_panel.search_box, " talks")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert window.list_panel.result_label.text() == "1 match for “Zanzibar talks”"
    window.list_panel.search_box.clear()
    select(window, "zanzibar-fund")
    assert window.timeline.view_state.selected == window.store.id_of("zanzibar-fund")
    assert window.actions["import_events"].isEnabled()


def test_a_bad_file_is_explained_with_line_and_field_and_changes_nothing(
    make_window, qtbot, tmp_path
):
    path = tmp_path / "bad.csv"
    path.write_text(SMALL_CSV + "zanzibar-late,summit,Late talks,2013-13-01\n", encoding="utf-8")
    window = make_window()
    before = fingerprint(window.store)
    window.import_file(path)
    box = modal_box(qtbot)
    text = box.text()
    assert "line 4" in text and "field 'date'" in text and "zanzibar-late" in text
    assert "Traceback" not in text and "unchanged" in text
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    wait_for_import(qtbot, window)
    assert fingerprint(window.store) == before
    assert window.store.id_of("zanzibar-talks") is None


def test_cancel_rolls_back_and_the_window_stays_responsive(make_window, qtbot, tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, 200_000, seed=3)
    window = make_window()
    before = fingerprint(window.store)
    ticks_while_importing = []

    def tick():
        if window.importer.running:
            ticks_while_importing.append(window.importer.progress.rows)

    timer = QTimer(window, interval=5)
    timer.timeout.connect(tick)
    timer.start()
    assert window.import_file(path)
    assert not window.import_file(path), "a second import must wait for the first"
    assert not window.actions["import_events"].isEnabled()
    progress = window.importer.progress
    qtbot.waitUntil(lambda: progress.rows > 0, timeout=60_000)
    assert progress.bar.value() > 0 and "events" in progress.label.text()
    # the old snapshot stays readable while the worker holds the write lock
    assert window.store.count() == before[0]
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    wait_for_import(qtbot, window)
    timer.stop()
    assert window.statusBar().currentMessage() == CANCELLED_TEXT
    assert fingerprint(window.store) == before
    assert not progress.isVisible() and window.actions["import_events"].isEnabled()
    # the timer kept ticking while the worker ran: the window's thread never waited for it
    assert len(ticks_while_importing) >= 2
    assert any(rows > 0 for rows in ticks_while_importing)
    fresh = Store(window.store.path)
    assert fingerprint(fresh) == before
    fresh.close()


def test_closing_the_window_mid_import_cancels_and_joins_the_thread(make_window, qtbot, tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, 100_000, seed=4)
    window = make_window()
    before = fingerprint(window.store)
    window.import_file(path)
    qtbot.waitUntil(lambda: window.importer.progress.rows > 0, timeout=60_000)
    window.close()
    assert not window.importer.running and window.importer.thread is None
    assert fingerprint(window.store) == before


def test_a_large_import_reloads_every_pane_from_the_store(make_window, qtbot, tmp_path):
    path = tmp_path / "generated.csv"
    write_csv(path, 12_000, seed=5)  # more events than a change record names one by one
    window = make_window()
    before = window.store.count()
    window.import_file(path)
    wait_for_import(qtbot, window)
    assert window.statusBar().currentMessage() == "Imported 12,000 events"
    assert window.store.count() == before + 12_000
    assert len(window.timeline.model.columns) == before + 12_000
    assert len(window.columns) == before + 12_000
    window.fit_all()
    model = window.list_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == before + 12_000)
    assert window.list_panel.result_label.text() == f"{before + 12_000:,} events in view"


def test_a_json_export_of_another_store_imports_too(make_window, qtbot, tmp_path):
    other = new_store(tmp_path, "other.sqlite3")
    other.add_events([event("kabul-water-pledge", "2014-05-02", "fund", "Kabul water pledge")])
    export_to_path(other, tmp_path / "other.json")
    other.close()
    window = make_window()
    window.import_file(tmp_path / "other.json")
    wait_for_import(qtbot, window)
    assert window.statusBar().currentMessage() == "Imported 1 event"
    assert window.store.event("kabul-water-pledge").title == "Kabul water pledge"
    assert window.store.id_of("kabul-water-pledge") in window.timeline.model.columns.ids.tolist()


# (offscreen Qt cannot grab the keyboard for a menu or raise a window: harmless here)
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", "does not support raise")
def test_cancel_import_from_the_keyboard_through_the_file_menu(make_window, qtbot, tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, 200_000, seed=4)
    window = make_window()
    before = fingerprint(window.store)
    cancel = window.actions["cancel_import"]
    assert not cancel.isEnabled()
    assert window.import_file(path)
    assert cancel.isEnabled()
    qtbot.waitUntil(lambda: window.importer.progress.rows > 0, timeout=60_000)
    # Alt+F opens File; C is Cancel Import's mnemonic
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    menu = window.menuBar().actions()[0].menu()
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_C)
    wait_for_import(qtbot, window)
    assert window.statusBar().currentMessage() == CANCELLED_TEXT
    assert fingerprint(window.store) == before
    assert not cancel.isEnabled()


FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    ("name", "title"),
    [("constructed-periods.timeline", "Drawdown"), ("timelinejs-eras.json", "Battle of Nineveh")],
)
def test_other_tools_files_import_through_the_window(make_window, qtbot, name, title):
    window = make_window()
    before = window.store.count()
    window.import_file(FORMATS / name)
    wait_for_import(qtbot, window)
    assert window.store.count() > before
    window.list_panel.search_box.setText(title)
    model = window.list_panel.model
    qtbot.waitUntil(lambda: f"for “{title}”" in window.list_panel.result_label.text())
    assert title in {model.summary(r).title for r in range(model.rowCount())}


def test_a_bad_timeline_file_is_explained_with_line_and_field(make_window, qtbot, tmp_path):
    text = (FORMATS / "constructed-periods.timeline").read_text(encoding="utf-8")
    bad = tmp_path / "bad.timeline"
    bad.write_text(text.replace("2014-12-31 00:00:00", "2014-12-32 00:00:00"), encoding="utf-8")
    window = make_window()
    before = fingerprint(window.store)
    window.import_file(bad)
    box = modal_box(qtbot)
    assert "bad.timeline, line 35, <end>, field 'end'" in box.text()
    assert "unchanged" in box.text()
    box.close()
    wait_for_import(qtbot, window)
    assert fingerprint(window.store) == before
