"""Help > Data Quality…: the store's data-quality findings (as ``check`` lists them), each
opening its event in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
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

from explorer.domain.events import Changes
from explorer.domain.quality import Finding, findings
from explorer.ui.details.warnings import rule_text
from explorer.ui.open_store import OpenStore
from explorer.ui.plain_text import plain_tooltip
from explorer.ui.view_state import ViewState

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Event", "Check", "What is wrong")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


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
        open_store.changed.connect(self._on_store_changed)
        self.findings: list[Finding] = []
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
        """Run the check over the open store and list what it finds."""
        store = self._open_store.store
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.findings = findings(store.iter_events())
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.table.setRowCount(len(self.findings))
        titles: dict[str, tuple[int | None, str]] = {}
        for row, finding in enumerate(self.findings):
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
        count = len(self.findings)
        if count:
            events = len(titles)
            self.summary_label.setText(
                f"{count:,} finding{'s' if count != 1 else ''} about {events:,} "
                f"event{'s' if events != 1 else ''}, as `check` reports them. "
                "Enter or a double-click opens the event."
            )
            self.table.setCurrentCell(0, 0)
        else:
            self.summary_label.setText(
                "No findings: every event has a source, its confidence mark fits its sources, "
                "and the troop series agree."
            )
        self.open_button.setEnabled(bool(count))

    def open_current(self) -> None:
        """Select the current row's event in the window (the panes follow the selection)."""
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        event_id = item.data(EVENT_ID_ROLE) if item else None
        if event_id is not None:
            self._view_state.select(int(event_id), origin=self)
