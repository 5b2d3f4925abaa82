"""Building blocks of the event editor: a table of rows (decisions, sources, relations ...)
edited from the keyboard, cells that pick an event by typing its title, and choice cells."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.events import EventSummary

PICK_LIMIT = 20


@dataclass(frozen=True)
class Column:
    """One column of a RowsTable: its heading, the JSON name it fills, and how it is edited:
    free text, one of ``choices`` ((value, label) pairs), or an event picked by title."""

    heading: str
    name: str
    choices: tuple[tuple[str, str], ...] = ()
    pick_event: bool = False


class EventNames:
    """Event titles as the editor shows them ('Warsaw Summit · 8–9 July 2016') and back to
    keys: what a user types is a title, what the file holds is an id."""

    def __init__(self, search: Callable[[str], list[EventSummary]], by_key) -> None:
        self._search, self._by_key = search, by_key
        self._keys: dict[str, str] = {}

    @staticmethod
    def label(summary: EventSummary) -> str:
        """The text a picked event shows."""
        return f"{summary.title} · {summary.when.display()}"

    def label_of(self, key: str) -> str:
        """The label of ``key`` (the key itself when no such event)."""
        summary = self._by_key(key)
        if summary is None:
            return key
        label = self.label(summary)
        self._keys[label] = key
        return label

    def matches(self, text: str) -> list[str]:
        """Labels of events whose titles match what was typed, best first."""
        labels = []
        for summary in self._search(text)[:PICK_LIMIT]:
            label = self.label(summary)
            self._keys[label] = summary.key
            labels.append(label)
        return labels

    def key_of(self, text: str) -> str:
        """The event a cell names: a picked label, a typed id, or a title matched exactly."""
        text = text.strip()
        if text in self._keys:
            return self._keys[text]
        if not text or self._by_key(text) is not None:
            return text
        exact = [s for s in self._search(text)[:PICK_LIMIT] if s.title == text]
        return exact[0].key if len(exact) == 1 else text


class EventPicker(QLineEdit):
    """A line edit that offers the events whose titles match what is typed."""

    def __init__(self, names: EventNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setPlaceholderText("Type the event's title")
        self.setAccessibleName("Event")
        self.setAccessibleDescription("Type a title; Down and Enter pick one of the matches")
        self.textEdited.connect(self._offer)

    def _offer(self, text: str) -> None:
        self._model.setStringList(self._names.matches(text) if text.strip() else [])
        self.completer().complete()


class _CellDelegate(QStyledItemDelegate):
    """Editors for the columns that are not free text."""

    def __init__(self, table: RowsTable, names: EventNames | None) -> None:
        super().__init__(table)
        self._table, self._names = table, names

    def createEditor(self, parent, option, index: QModelIndex):  # noqa: N802 - Qt override
        column = self._table.columns[index.column()]
        if column.pick_event and self._names is not None:
            return EventPicker(self._names, parent)
        if column.choices:
            box = QComboBox(parent)
            box.addItems([label for _value, label in column.choices])
            box.setAccessibleName(column.heading)
            return box
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(column.heading)
        return editor

    def setEditorData(self, editor, index: QModelIndex) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data() or editor.itemText(0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index: QModelIndex) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class RowsTable(QWidget):
    """Rows of a list field (decisions, sources, relations ...) with Add and Remove buttons.
    Arrows move between cells, typing or F2 edits one, Tab moves to the next cell."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        columns: tuple[Column, ...],
        names: EventNames | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title, self.columns = title, columns
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.heading for c in columns])
        self.table.setAccessibleName(title)
        self.table.setAccessibleDescription(
            "Arrows move between cells; type or press F2 to edit one, Enter to finish"
        )
        self.table.setItemDelegate(_CellDelegate(self, names))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 6)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        singular = title.rstrip("s") if not title.endswith("ss") else title
        self.add_button = QPushButton(f"Add {singular.lower()}", self)
        self.add_button.setAccessibleName(f"Add {singular.lower()}")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(f"Remove {singular.lower()}", self)
        self.remove_button.setAccessibleName(f"Remove the selected {singular.lower()}")
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: dict[str, str] | None = None, *, edit: bool = True) -> int:
        """Append a row (empty, or with ``values`` by column name) and start editing it."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for c, column in enumerate(self.columns):
            value = (values or {}).get(column.name, "")
            if not value and column.choices:
                value = column.choices[0][1]
            self.table.setItem(row, c, QTableWidgetItem(value))
        self.table.blockSignals(False)
        if edit:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        self.changed.emit()
        return row

    def remove_row(self) -> None:
        """Remove the current row."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def rows(self) -> list[dict[str, str]]:
        """Every row as {column name: value}, choices given as their values."""
        found = []
        for r in range(self.table.rowCount()):
            row = {}
            for c, column in enumerate(self.columns):
                item = self.table.item(r, c)
                text = item.text().strip() if item is not None else ""
                if column.choices:
                    text = next((v for v, label in column.choices if label == text), text)
                row[column.name] = text
            found.append(row)
        return found
