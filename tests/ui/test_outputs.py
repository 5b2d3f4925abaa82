"""File > Export Events…, Export Report… and Print…, driven through their dialogs."""

import csv
import re
import unicodedata

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QRadioButton

from explorer.ui.dialogs import documents_folder
from explorer.ui.window_outputs import ScopeDialog
from tests.ui.helpers import select


def open_dialog(qtbot, window, kind):
    """The visible dialog of a class, once it is shown."""
    found = []

    def shown():
        found[:] = [d for d in window.findChildren(kind) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    qtbot.waitExposed(found[-1])
    return found[-1]


def answer_scope(qtbot, window, scope, fmt=None):
    dialog = open_dialog(qtbot, window, ScopeDialog)
    button = dialog.findChild(QRadioButton, f"scope_{scope}")
    assert button.isEnabled()
    # on the round indicator: the button is as wide as the dialog, its text is not
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()
    if fmt is not None:
        dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def save_as(qtbot, window, path):
    dialog = open_dialog(qtbot, window, QFileDialog)
    assert dialog.directory().absolutePath() == documents_folder()
    dialog.selectFile(str(path))
    dialog.accept()


def pdf_text(path):
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_export_report_of_the_selected_event(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "warsaw-summit-2016")
    window.actions["export_report"].trigger()
    answer_scope(qtbot, window, "selection")
    out = tmp_path / "warsaw.pdf"
    save_as(qtbot, window, out)
    qtbot.waitUntil(out.exists, timeout=15000)
    pages, text = pdf_text(out)
    assert pages == 1
    assert "Events: the selected event" in text and "1 event" in text
    decisions = window.store.event("warsaw-summit-2016").details["decisions"]
    assert all(d["text"] in text for d in decisions)


def test_nothing_selected_means_the_selection_cannot_be_chosen(make_window, qtbot):
    window = make_window()
    window.view_state.select(None)
    window.actions["export_report"].trigger()
    dialog = open_dialog(qtbot, window, ScopeDialog)
    assert not dialog.findChild(QRadioButton, "scope_selection").isEnabled()
    assert not dialog.findChild(QRadioButton, "scope_search").isEnabled()
    assert dialog.findChild(QRadioButton, "scope_view").isChecked()
    dialog.reject()


def test_print_with_ctrl_p_prints_the_events_in_view(make_window, qtbot, tmp_path):
    window = make_window()
    first = window.store.event("wales-summit-2014").when.start_day
    window.view_state.set_visible_range(first - 400, first + 800, origin="test")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    answer_scope(qtbot, window, "view")
    print_dialog = open_dialog(qtbot, window, QPrintDialog)
    out = tmp_path / "printed.pdf"
    # no printer here: the dialog offers printing to a PDF file, as on a machine without one
    file_name = print_dialog.findChild(QLineEdit, "filename")
    assert file_name is not None and file_name.isVisible()
    file_name.setText(str(out))
    print_dialog.accept()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=15000)
    pages, text = pdf_text(out)
    assert "Wales Summit" in text and "Events: in view" in text
    assert f"Page {pages} of {pages}" in text
    assert "Bonn Agreement" not in text  # 2001: out of view


def test_export_events_of_the_search_results_as_csv(make_window, qtbot, tmp_path):
    window = make_window()
    window.list_panel.search_box.setText("summit")
    qtbot.waitUntil(lambda: window.list_panel.searching and bool(window.view_state.search_matches))
    matches = window.view_state.search_matches
    assert 3 < len(matches) < window.store.count()
    window.actions["export_events"].trigger()
    answer_scope(qtbot, window, "search", fmt="csv")
    out = tmp_path / "found.csv"
    save_as(qtbot, window, out)
    qtbot.waitUntil(out.exists)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = {window.store.summary(i).key for i in matches}
    assert {r["id"] for r in rows} == expected and len(rows) == len(matches)
    assert "warsaw-summit-2016" in expected


def test_export_all_events_as_icalendar(make_window, qtbot, tmp_path):
    window = make_window()
    window.actions["export_events"].trigger()
    answer_scope(qtbot, window, "all", fmt="ics")
    out = tmp_path / "calendar.ics"
    save_as(qtbot, window, out)
    qtbot.waitUntil(out.exists)
    assert "UID:warsaw-summit-2016@timeline-explorer.invalid" in out.read_text()
