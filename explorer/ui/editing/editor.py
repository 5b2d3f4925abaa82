"""The event editor: every field of the export format, checked as you type by the domain's own
parser (the importer's messages, shown beside the field), Save enabled only when valid."""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.dataset import CONFIDENCES, DatasetError, event_to_json, parse_event
from explorer.domain.dates import Precision
from explorer.domain.details import COMMITMENT_ACTIONS, CONTRIBUTION_QUALIFIERS, MEETING_LEVELS
from explorer.domain.events import Event, EventKind, RelationType
from explorer.store import edits
from explorer.store.edits import EventState
from explorer.store.store import Store
from explorer.ui.editing.fields import Column, EventNames, RowsTable

FROM_DATE = "From the date"
EDITOR_FILE = "editor"

RELATION_COLUMNS = (
    Column("Relation", "type", tuple((t.value, t.label) for t in RelationType)),
    Column("Event", "target", pick_event=True),
)
SOURCE_COLUMNS = (
    Column("Title", "title"),
    Column("URL", "url"),
    Column("Section", "section"),
    Column("Paragraph", "paragraph"),
    Column("Publisher", "publisher"),
)
DECISION_COLUMNS = (
    Column("Decision", "text"),
    Column("Concerns event", "concerns", pick_event=True),
    # numbered as in the Sources table below, so "1, 3" names its first and third rows
    Column("Sources (numbers)", "sources"),
)
CONTRIBUTION_COLUMNS = (
    Column("Amount (USD)", "amount_usd"),
    Column("Qualifier", "qualifier", tuple((q, q) for q in CONTRIBUTION_QUALIFIERS)),
    Column("As of", "as_of"),
    Column("Wording", "wording"),
)
COMMITMENT_COLUMNS = (
    Column("Horizon", "horizon"),
    Column("Wording", "wording"),
    Column("Set at event", "set_at", pick_event=True),
    Column("Action", "action", tuple((a, a) for a in COMMITMENT_ACTIONS)),
)
PLACE_COLUMNS = (Column("Name", "name"), Column("Role", "role"), Column("Region", "region"))

# kind-specific fields: (JSON name, label, how it is edited)
MEETING_FIELDS = (
    ("place", "Plac&e", "text"),
    ("level", "Le&vel", "level"),
    ("participants", "Participants (one a line)", "lines"),
    ("decisions", "Decisions", DECISION_COLUMNS),
)
TROOP_FIELDS = (
    ("mission", "&Mission", "text"),
    ("level_before", "Level &before", "int"),
    ("level_after", "Level a&fter", "int"),
    ("approximate", "Figures are appro&ximate", "bool"),
    ("period", "Peri&od", "date_object"),
    ("contributing_nations", "Contributing &nations", "int"),
)
FUND_FIELDS = (
    ("administrator", "Ad&ministrator", "text"),
    ("purpose", "P&urpose", "text"),
    ("established", "Esta&blished", "text"),
    ("contributions", "Contributions", CONTRIBUTION_COLUMNS),
    ("commitments", "Commitments", COMMITMENT_COLUMNS),
)
MILESTONE_FIELDS = (
    ("mission", "&Mission", "text"),
    ("mission_period", "Stands for the mission's w&hole period", "bool"),
    ("places", "Places", PLACE_COLUMNS),
)


def detail_fields(kind: EventKind) -> tuple:
    """The kind-specific fields the editor shows for ``kind``."""
    if kind.is_meeting:
        return MEETING_FIELDS
    if kind is EventKind.TROOP_LEVEL_CHANGE:
        return TROOP_FIELDS
    if kind is EventKind.FUND:
        return FUND_FIELDS
    if kind is EventKind.MISSION_MILESTONE:
        return MILESTONE_FIELDS
    return ()


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName(f"error_{name}")
    label.setStyleSheet("color: palette(link-visited); font-weight: bold")
    label.setAccessibleName(f"Problem with {name}")
    label.hide()
    return label


class EventEditor(QDialog):
    """New Event / Edit Event. ``result_event`` is the valid event once accepted."""

    def __init__(self, store: Store, state: EventState | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.state = store, state
        self.result_event: Event | None = None
        self.names = EventNames(lambda text: store.search(text, limit=50), store.summary_by_key)
        original = event_to_json(state.event) if state else {"kind": "summit", "confidence": "high"}
        self._original = original
        title = f"Edit Event — {state.event.title}" if state else "New Event"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription("Every field of the event; Save is enabled once it is valid")
        self.errors: dict[str, QLabel] = {}
        self.detail_widgets: dict[str, tuple[str, Any]] = {}
        self._building = True
        self._build(original)
        self._building = False
        self.validate()

    # -- building --------------------------------------------------------------------------

    def _build(self, original: dict) -> None:
        body = QWidget(self)
        form = QFormLayout(body)
        self.form = form
        self.key_edit = self._line(form, "id", "&Id", original.get("id") or "")
        if self.state is not None:
            self.key_edit.setReadOnly(True)
        else:
            self.key_edit.setPlaceholderText("made from the title")
        self.kind_box = QComboBox(body)
        for kind in EventKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.kind_box.setCurrentIndex(self.kind_box.findData(original.get("kind")))
        self.kind_box.setAccessibleName("Kind")
        self._row(form, "kind", "&Kind", self.kind_box)
        self.title_edit = self._line(form, "title", "&Title", original.get("title") or "")
        self.date_edit = self._line(form, "date", "&Date", original.get("date") or "")
        self.date_edit.setPlaceholderText("2016-07-08, 2016-07, 2016 or 2016-07-08/2016-07-09")
        self.precision_box = QComboBox(body)
        self.precision_box.addItem(FROM_DATE, None)
        for precision in Precision:
            self.precision_box.addItem(precision.value.replace("_", " "), precision.value)
        at = self.precision_box.findData(original.get("precision"))
        self.precision_box.setCurrentIndex(max(at, 0))
        self.precision_box.setAccessibleName("Precision")
        self._row(form, "precision", "&Precision", self.precision_box)
        self.wording_edit = self._line(
            form, "date_wording", "Date as &written", original.get("date_wording") or ""
        )
        self.wording_edit.setPlaceholderText("the source's own words, e.g. 'late 2014'")
        self.summary_edit = QPlainTextEdit(original.get("summary") or "", body)
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setMaximumHeight(self.fontMetrics().height() * 6)
        self._row(form, "summary", "Summ&ary", self.summary_edit)
        self.confidence_box = QComboBox(body)
        self.confidence_box.addItems(list(CONFIDENCES))
        self.confidence_box.setCurrentText(original.get("confidence") or "high")
        self.confidence_box.setAccessibleName("Confidence")
        self._row(form, "confidence", "&Confidence", self.confidence_box)
        self.details_box = QGroupBox("Details of the kind", body)
        self.details_form = QFormLayout(self.details_box)
        form.addRow(self.details_box)
        self.relations = RowsTable("Relations", RELATION_COLUMNS, self.names, body)
        for relation in original.get("relations") or []:
            label = self.names.label_of(relation["target"])
            self.relations.add_row(
                {"type": RelationType(relation["type"]).label, "target": label}, edit=False
            )
        self._row(form, "relations", "Re&lations", self.relations)
        self.sources = RowsTable("Sources", SOURCE_COLUMNS, None, body)
        for source in original.get("sources") or []:
            values = {k: str(v or "") for k, v in source.items()}
            self.sources.add_row(values, edit=False)
        self._row(form, "sources", "Sou&rces", self.sources)
        self._build_details(original)

        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Problems")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        for widget in (self.key_edit, self.title_edit, self.date_edit, self.wording_edit):
            widget.textChanged.connect(self.validate)
        for box in (self.precision_box, self.confidence_box):
            box.currentIndexChanged.connect(self.validate)
        self.summary_edit.textChanged.connect(self.validate)
        self.relations.changed.connect(self.validate)
        self.sources.changed.connect(self.validate)
        self.resize(760, 720)
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        holder = QWidget(widget.parentWidget())
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = _error_label(holder, name)
        column.addWidget(error)
        self.errors[name] = error
        caption = QLabel(label, holder.parentWidget())
        caption.setBuddy(widget.table if isinstance(widget, RowsTable) else widget)
        form.addRow(caption, holder)

    def _line(self, form: QFormLayout, name: str, label: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, form.parentWidget())
        edit.setAccessibleName(label.replace("&", ""))
        self._row(form, name, label, edit)
        return edit

    def _build_details(self, original: dict) -> None:
        """The kind's own fields, filled from ``original`` when it is of the same kind."""
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        self.detail_widgets = {}
        for name in [n for n in self.errors if n.startswith("details.")]:
            del self.errors[name]
        kind = EventKind(self.kind_box.currentData())
        details = original.get("details") or {} if original.get("kind") == kind.value else {}
        fields = detail_fields(kind)
        self.details_box.setVisible(bool(fields))
        for name, label, how in fields:
            widget = self._detail_widget(how, details.get(name), label.replace("&", ""))
            self.detail_widgets[name] = (how, widget)
            self._row(self.details_form, f"details.{name}", label, widget)

    def _detail_widget(self, how, value, label: str) -> QWidget:
        parent = self.details_box
        if isinstance(how, tuple):
            table = RowsTable(label, how, self.names, parent)
            for row in value or []:
                values = {}
                for column in how:
                    cell = row.get(column.name) if isinstance(row, dict) else None
                    if column.pick_event and cell:
                        cell = self.names.label_of(cell)
                    if isinstance(cell, list):
                        cell = ", ".join(str(item) for item in cell)
                    values[column.name] = "" if cell is None else str(cell)
                table.add_row(values, edit=False)
            table.changed.connect(self.validate)
            return table
        if how == "bool":
            box = QCheckBox(parent)
            box.setChecked(bool(value))
            box.toggled.connect(self.validate)
            return box
        if how == "level":
            box = QComboBox(parent)
            box.addItem("—", "")
            for code, text in MEETING_LEVELS.items():
                box.addItem(text, code)
            box.setCurrentIndex(max(box.findData(value or ""), 0))
            box.currentIndexChanged.connect(self.validate)
            return box
        if how == "lines":
            edit = QPlainTextEdit("\n".join(str(v) for v in value or []), parent)
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(self.fontMetrics().height() * 5)
            edit.textChanged.connect(self.validate)
            return edit
        if how == "date_object":
            value = value.get("date") if isinstance(value, dict) else value
        edit = QLineEdit("" if value is None else str(value), parent)
        edit.textChanged.connect(self.validate)
        return edit

    def _kind_changed(self) -> None:
        self._build_details(self._original)
        self.validate()

    # -- reading the form ------------------------------------------------------------------

    def raw_event(self) -> dict:
        """The form as an event object of the export format."""
        title = self.title_edit.text()
        key = self.key_edit.text().strip()
        if not key and self.state is None:
            key = edits.new_key(self.store, title) if title.strip() else ""
        return {
            "id": key,
            "kind": self.kind_box.currentData(),
            "title": title,
            "date": self.date_edit.text().strip(),
            "precision": self.precision_box.currentData(),
            "date_wording": self.wording_edit.text().strip() or None,
            "summary": self.summary_edit.toPlainText(),
            "confidence": self.confidence_box.currentText(),
            "details": self._details(),
            "relations": [
                {"type": r["type"], "target": self.names.key_of(r["target"])}
                for r in self.relations.rows()
            ],
            "sources": [
                {k: (v or None) if k == "url" else v for k, v in r.items()}
                for r in self.sources.rows()
            ],
        }

    def _details(self) -> dict:
        kind = self.kind_box.currentData()
        original = self._original.get("details") if self._original.get("kind") == kind else None
        details = copy.deepcopy(original or {})  # fields the form does not show are kept
        for name, (how, widget) in self.detail_widgets.items():
            value = self._detail_value(how, widget, (original or {}).get(name))
            if value is None or value == [] or value == "":
                details.pop(name, None)
            else:
                details[name] = value
        return details

    def _detail_value(self, how, widget, original) -> Any:
        if isinstance(how, tuple):
            rows = []
            for row in widget.rows():
                item = {}
                for column in how:
                    text = row[column.name]
                    if column.pick_event:
                        text = self.names.key_of(text)
                    if not text:
                        continue
                    if column.name == "amount_usd":
                        item[column.name] = _number(text)
                    elif column.name == "sources":
                        item[column.name] = [_number(n) for n in re.split(r"[,;\s]+", text) if n]
                    else:
                        item[column.name] = text
                rows.append(item)
            return rows
        if how == "bool":
            return widget.isChecked()
        if how == "level":
            return widget.currentData()
        if how == "lines":
            return [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
        text = widget.text().strip()
        if how == "int":
            return _number(text) if text else None
        if how == "date_object":
            if not text:
                return None
            if isinstance(original, dict) and original.get("date") == text:
                return original
            return {"date": text}
        return text

    # -- checking --------------------------------------------------------------------------

    def validate(self) -> Event | None:
        """Check the form with the importer's parser; mark the field at fault, or enable Save."""
        if self._building:
            return None
        for label in self.errors.values():
            label.hide()
        origin = self.state.event.origin if self.state else edits.USER
        try:
            event = parse_event(self.raw_event(), EDITOR_FILE, origin=origin)
            edits.check_references(self.store, event)
        except DatasetError as exc:
            self._show_error(exc)
            self.save_button.setEnabled(False)
            return None
        self.summary_label.setText("")
        self.save_button.setEnabled(True)
        return event

    def _show_error(self, exc: DatasetError) -> None:
        message = str(exc).split(f"field {exc.field!r}: ", 1)[-1]
        label = self.errors.get(self._field_name(exc.field))
        if label is not None:
            label.setText(message)
            label.show()
        self.summary_label.setText(f"Not saved yet — field {exc.field!r}: {message}")

    def _field_name(self, field: str) -> str:
        head = field.split("[", 1)[0]
        if head.startswith("details."):
            head = "details." + head.split(".")[1].split("[")[0]
        if head in ("event",):
            return "title"
        return head

    def save(self) -> None:
        """Save (Enter or the button): accept only a valid event."""
        event = self.validate()
        if event is None:
            return
        self.result_event = event
        self.accept()


def _number(text: str) -> int | str:
    """A whole number typed with or without separators; anything else stays text (the parser
    then says what is wrong with it)."""
    cleaned = text.replace(",", "").replace("_", "").replace(" ", "")
    try:
        return int(cleaned)
    except ValueError:
        return text
