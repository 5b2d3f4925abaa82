"""Help > Data Quality…: the store's data-quality findings (as ``check`` lists them), each
opening its event in the window."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.events import Changes, Event
from explorer.domain.quality import Finding, findings
from explorer.store import Store
from explorer.store.errors import StoreError
from explorer.ui.details.warnings import rule_text
from explorer.ui.open_store import OpenStore
from explorer.ui.plain_text import plain_tooltip
from explorer.ui.view_state import ViewState

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LISTED = 1000  # a generated store finds one per event: a table of a million helps nobody
HEADERS = ("Event", "Check", "What is wrong")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _Stopped(Exception):
    """The window asked the check to stop."""


class BackgroundCheck(QObject):
    """Runs the data-quality check on its own connection in a thread (a million events take
    over a minute), so the window stays responsive; only the latest run reports."""

    finished = Signal(object)  # list[Finding], or a message when the store could not be read

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._run_number = 0
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    _relay = Signal(int, object)  # from the thread to the window's thread

    def start(self, store_path: Path) -> None:
        """Check the store at ``store_path``; a run still going is stopped first."""
        self.stop()
        self._stop = threading.Event()
        self._run_number += 1
        self._thread = threading.Thread(
            target=self._run, args=(self._run_number, store_path, self._stop), daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop the running check and wait for it (it notices within one batch of events)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, number: int, store_path: Path, stop: threading.Event) -> None:
        try:
            store = Store(store_path, create=False)
        except StoreError as exc:
            self._relay.emit(number, str(exc))
            return
        try:
            self._relay.emit(number, findings(_until(store.iter_events(), stop)))
        except _Stopped:
            return
        except (StoreError, sqlite3.DatabaseError) as exc:
            self._relay.emit(number, str(exc))
        finally:
            store.close()

    def _deliver(self, number: int, result: object) -> None:
        if number == self._run_number and not self._stop.is_set():
            self.finished.emit(result)


def _until(events: Iterator[Event], stop: threading.Event) -> Iterator[Event]:
    for i, event in enumerate(events):
        if i % 1000 == 0 and stop.is_set():
            raise _Stopped
        yield event


class FindingsTable(QTableWidget):
    """The findings, one a row; Enter opens the current row's event (as a double-click does)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in _ENTER and self.currentRow() >= 0:
            self.itemActivated.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class DataQualityDialog(QDialog):
    """A non-modal list of findings; the list follows the store (an import, another store)."""

    def __init__(self, open_store: OpenStore, view_state: ViewState, parent: QWidget) -> None:
        super().__init__(parent)
        self._open_store, self._view_state = open_store, view_state
        self.setWindowTitle("Data Quality")
        self.setAccessibleName("Data quality")
        self.setAccessibleDescription(
            "What the data-quality check finds in this store; Enter or a double-click opens "
            "the event"
        )
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.table = self._build_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton("&Open Event", self)
        self.open_button.setAccessibleDescription("Select the event of the current row")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 480)
        self.findings: list[Finding] | None = None  # None while the check runs
        self._check = BackgroundCheck(self)
        self._check.finished.connect(self._on_checked)
        open_store.changed.connect(self._on_store_changed)
        self.refresh()

    def _build_table(self) -> QTableWidget:
        table = FindingsTable(0, len(HEADERS), self)
        table.setHorizontalHeaderLabels(HEADERS)
        table.setAccessibleName("Findings")
        table.setAccessibleDescription("One row per finding: event, check and what is wrong")
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 260)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.itemActivated.connect(lambda _item: self.open_current())
        return table

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.any:
            self.refresh()

    def refresh(self) -> None:
        """Run the check over the open store in the background; the list fills when it is done."""
        self.findings = None
        self.table.setRowCount(0)
        self.open_button.setEnabled(False)
        count = self._open_store.store.count()
        self.summary_label.setText(f"Checking {count:,} event{'s' if count != 1 else ''}…")
        self._check.start(Path(self._open_store.store.path))

    def stop(self) -> None:
        """Stop a check that is still running (the window is closing)."""
        self._check.stop()

    def _on_checked(self, found: list[Finding] | str) -> None:
        if isinstance(found, str):
            self.findings = []
            self.summary_label.setText(f"The check could not run: {found}")
            return
        self.findings = found
        self._fill(found[:MAX_LISTED])
        count = len(found)
        if not count:
            self.summary_label.setText(
                "No findings: every event has a source, its confidence mark fits its sources, "
                "and the troop series agree."
            )
            return
        events = len({f.event_key for f in found})
        text = (
            f"{count:,} finding{'s' if count != 1 else ''} about {events:,} "
            f"event{'s' if events != 1 else ''}, as `check` reports them."
        )
        if count > MAX_LISTED:
            text += f" The first {MAX_LISTED:,} are listed; `check` prints them all."
        self.summary_label.setText(text + " Enter or a double-click opens the event.")
        self.table.setCurrentCell(0, 0)
        self.open_button.setEnabled(True)

    def _fill(self, shown: list[Finding]) -> None:
        store = self._open_store.store
        self.table.setRowCount(len(shown))
        titles: dict[str, tuple[int | None, str]] = {}
        for row, finding in enumerate(shown):
            if finding.event_key not in titles:
                summary = store.summary_by_key(finding.event_key)
                titles[finding.event_key] = (
                    (summary.id, summary.title) if summary else (None, finding.event_key)
                )
            event_id, title = titles[finding.event_key]
            cells = (title, rule_text(finding.rule), finding.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(EVENT_ID_ROLE, event_id)
                item.setToolTip(plain_tooltip(finding.line()))
                self.table.setItem(row, column, item)

    def open_current(self) -> None:
        """Select the current row's event in the window (the panes follow the selection)."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        event_id = item.data(EVENT_ID_ROLE) if item else None
        if event_id is not None:
            self._view_state.select(int(event_id), origin=self)
