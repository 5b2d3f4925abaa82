"""File menu outputs: Export Events…, Export Report…, Print… (the dialogs and their work).

Every question is a non-blocking dialog opened with ``open()``: the window keeps painting and
a test drives the same dialogs a person does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.events import EventKind
from explorer.domain.report import ReportScope
from explorer.store.errors import StoreError
from explorer.store.formats import export_events
from explorer.store.report_events import ReportFilter, report_events
from explorer.ui.dialogs import documents_folder, show_message
from explorer.ui.report import build_report, paint_report, write_pdf

# an export of events in view or found is read whole into memory; past this, export all
MAX_CHOSEN_EVENTS = 50_000
EVENT_FORMATS = (
    ("json", "JSON (*.json)", ".json"),
    ("csv", "CSV (*.csv)", ".csv"),
    ("timelinejs", "TimelineJS JSON (*.json)", ".json"),
    ("ics", "iCalendar, meetings and milestones (*.ics)", ".ics"),
)


@dataclass(frozen=True)
class Scope:
    """One answer to 'which events?': its label, and how to find them (None: all)."""

    name: str
    label: str
    chosen: ReportFilter | None
    heading: ReportScope
    available: bool = True


def window_scopes(window, with_all: bool) -> list[Scope]:
    """Events in view, the selected one, the search results (and all) of the window."""
    state, store = window.view_state, window.store
    first, last = state.visible_range
    lanes = state.lanes
    kinds = tuple(
        k.value for k in EventKind if k.lane in lanes and k in window.list_panel.checked_kinds()
    )
    in_view = ReportFilter(math.floor(first), math.ceil(last), kinds)
    scopes = [
        Scope(
            "view",
            "The events in view",
            in_view,
            ReportScope(in_view.first_day, in_view.end_day, kinds, chosen="in view"),
        )
    ]
    selected = store.summary(state.selected) if state.selected is not None else None
    scopes.append(
        Scope(
            "selection",
            f"The selected event ({selected.title})" if selected else "The selected event (none)",
            ReportFilter(keys=(selected.key,)) if selected else None,
            ReportScope(chosen="the selected event"),
            available=selected is not None,
        )
    )
    matches = state.search_matches
    text = window.list_panel.search_box.text().strip()
    keys: tuple[str, ...] = ()
    if matches:
        keys = tuple(
            s.key
            for i in sorted(matches)[:MAX_CHOSEN_EVENTS]
            if (s := store.summary(i)) is not None
        )
    scopes.append(
        Scope(
            "search",
            f"The search results ({len(matches or ()):,})"
            if matches
            else "The search results (none)",
            ReportFilter(keys=keys) if keys else None,
            ReportScope(search=text, chosen="search results"),
            available=bool(keys),
        )
    )
    if with_all:
        scopes.append(Scope("all", f"All events ({store.count():,})", None, ReportScope()))
    return scopes


class ScopeDialog(QDialog):
    """Asks which events (and, for an events export, the format)."""

    def __init__(self, parent: QWidget, title: str, scopes: list[Scope], formats=()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.scopes = scopes
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        question = QLabel("Which events?", self)
        question.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(question)
        for i, scope in enumerate(scopes):
            button = QRadioButton(scope.label.replace("&", "&&"), self)
            button.setObjectName(f"scope_{scope.name}")
            button.setEnabled(scope.available)
            self.group.addButton(button, i)
            layout.addWidget(button)
        first = next((i for i, s in enumerate(scopes) if s.available), 0)
        self.group.button(first).setChecked(True)
        self.format_box = None
        if formats:
            form = QFormLayout()
            self.format_box = QComboBox(self)
            self.format_box.setAccessibleName("Format")
            for fmt, label, _suffix in formats:
                self.format_box.addItem(label, fmt)
            form.addRow("&Format:", self.format_box)
            layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def scope(self) -> Scope:
        """The chosen scope."""
        return self.scopes[self.group.checkedId()]

    def format(self) -> str:
        """The chosen format's name."""
        return self.format_box.currentData() if self.format_box else "json"


def save_dialog(window, title: str, name: str, name_filter: str, done) -> QFileDialog:
    """A non-blocking Save dialog in the documents folder; ``done(path)`` when a file is chosen."""
    dialog = QFileDialog(window, title, str(Path(documents_folder()) / name), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: done(Path(path)) if path else None)
    dialog.open()
    return dialog


# -- reports ----------------------------------------------------------------------------------


def choose_report(window) -> ScopeDialog:
    """File > Export Report…: which events, then where (a PDF)."""
    dialog = ScopeDialog(window, "Export Report", window_scopes(window, with_all=False))

    def chosen() -> None:
        scope = dialog.scope()
        save_dialog(
            window,
            "Export Report",
            "report.pdf",
            "PDF document (*.pdf)",
            lambda path: export_report(window, scope, path.with_suffix(".pdf")),
        )

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def _report(window, scope: Scope):
    if scope.chosen is None:
        return None
    try:
        return build_report(
            window.open_store, scope.chosen, scope.heading, lanes=window.view_state.lanes
        )
    except StoreError as exc:
        show_message(window, "No report", str(exc), error=True)
        return None


def export_report(window, scope: Scope, path: Path) -> bool:
    """Write the report of ``scope`` to ``path``; a problem is explained in a message box."""
    report = _report(window, scope)
    if report is None:
        return False
    if not report.events:
        show_message(window, "No report", "No events to report.", error=True)
        return False
    try:
        pages = write_pdf(report, path)
    except OSError as exc:
        show_message(window, "Export failed", f"{path}: {exc}", error=True)
        return False
    window.statusBar().showMessage(f"Saved {path} ({pages} pages)", 5000)
    return True


def print_report(window) -> ScopeDialog:
    """File > Print…: which events, then the system's print dialog."""
    dialog = ScopeDialog(window, "Print", window_scopes(window, with_all=False))

    def chosen() -> None:
        report = _report(window, dialog.scope())
        if report is None or not report.events:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(report.title)
        window._printer = printer  # kept alive while the print dialog is open
        ask = QPrintDialog(printer, window)
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.accepted.connect(lambda: _printed(window, report, printer))
        # QPrintDialog.open() wants a receiver in PySide; show it window-modal the same way
        ask.setWindowModality(Qt.WindowModality.WindowModal)
        ask.show()

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def _printed(window, report, printer: QPrinter) -> None:
    try:
        pages = paint_report(report, printer)
    except OSError as exc:
        show_message(
            window, "Printing failed", f"{printer.printerName() or 'printer'}: {exc}", error=True
        )
        return
    window.statusBar().showMessage(f"Printed {pages} pages", 5000)


# -- events -----------------------------------------------------------------------------------


def choose_events_export(window) -> ScopeDialog:
    """File > Export Events…: which events and which format, then where."""
    dialog = ScopeDialog(
        window, "Export Events", window_scopes(window, with_all=True), EVENT_FORMATS
    )

    def chosen() -> None:
        scope, fmt = dialog.scope(), dialog.format()
        label, suffix = next((lab, suf) for f, lab, suf in EVENT_FORMATS if f == fmt)
        save_dialog(
            window,
            "Export Events",
            f"events{suffix}",
            label,
            lambda path: export_chosen_events(window, scope, fmt, path.with_suffix(suffix)),
        )

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def export_chosen_events(window, scope: Scope, fmt: str, path: Path) -> bool:
    """Write the events of ``scope`` to ``path`` in ``fmt``; problems go to a message box."""
    try:
        events = None
        if scope.chosen is not None:
            events = report_events(window.store, scope.chosen, limit=MAX_CHOSEN_EVENTS)
        count = export_events(window.store, path, fmt, events)
    except StoreError as exc:
        show_message(window, "Export failed", str(exc), error=True)
        return False
    window.statusBar().showMessage(f"Exported {count:,} events to {path}", 5000)
    return True


# -- menu -------------------------------------------------------------------------------------

OUTPUT_ACTIONS = (
    (
        "export_events",
        "Export E&vents…",
        None,
        "Write events to JSON, CSV, TimelineJS or iCalendar",
        choose_events_export,
    ),
    ("export_report", "Export &Report…", None, "Write a PDF report with sources", choose_report),
    ("print_report", "&Print…", QKeySequence.StandardKey.Print, "Print a report", print_report),
)


def install_output_actions(window) -> None:
    """Put the output actions in the File menu, after Export View, named in ``window.actions``."""
    file_menu = window.actions.menus[0]
    anchor = window.actions["export_view"]
    actions = file_menu.actions()
    before = actions[actions.index(anchor) + 1] if anchor in actions[:-1] else None
    for name, text, keys, tip, run in OUTPUT_ACTIONS:
        window.actions.insert(window, file_menu.title(), before, name, text, keys, tip, run)
