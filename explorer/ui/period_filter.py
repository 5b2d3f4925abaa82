"""The From/To filter beside the kind filters: the search box's date syntax, or a calendar."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from explorer.domain.date_query import DateQueryError, between, parse_date_range
from explorer.domain.dates import date_of
from explorer.ui.view_state import ViewState

_HELP = "A year, month or day: 2014, Aug 2021, 8 July 2016, 2016-07-08"


class PeriodFilter(QWidget):
    """Two date fields setting the shared view state's period; Clear shows all time again."""

    problem = Signal(str)  # a one-line message when a field is not a date ('' when fixed)

    def __init__(self, view_state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view_state = view_state
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.start_field = self._field("From", "Show events from this date on")
        self.end_field = self._field("To", "Show events up to this date, inclusive")
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Date filter problem")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("All dates")
        self.clear_button.setToolTip("Clear the From/To filter: the whole story again")
        self.clear_button.setAccessibleName("Clear the date filter")
        self.clear_button.clicked.connect(self.clear)
        for label, field in (("From", self.start_field), ("To", self.end_field)):
            caption = QLabel(label, self)
            caption.setBuddy(field)
            row.addWidget(caption)
            row.addWidget(field, 1)
            row.addWidget(self._calendar_button(field))
        row.addWidget(self.clear_button)
        row.addWidget(self.message, 2)
        view_state.period_changed.connect(self._show_period)

    def _field(self, name: str, description: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setPlaceholderText("any date")
        field.setToolTip(_HELP)
        field.setClearButtonEnabled(True)
        field.setAccessibleName(f"{name} date")
        field.setAccessibleDescription(f"{description}. {_HELP}")
        field.editingFinished.connect(self.apply)
        field.textChanged.connect(lambda text: self.apply() if not text else None)
        return field

    def _calendar_button(self, field: QLineEdit) -> QToolButton:
        button = QToolButton(self)
        button.setText("▾")
        button.setToolTip("Pick a day on a calendar")
        button.setAccessibleName(f"Calendar for the {field.accessibleName()}")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(lambda: self._open_calendar(calendar, field))
        calendar.clicked.connect(lambda day: self._pick(day, field, menu))
        button.setMenu(menu)
        field.calendar = calendar  # for tests and for keyboard users' screen readers
        return button

    def _open_calendar(self, calendar: QCalendarWidget, field: QLineEdit) -> None:
        try:
            picked = parse_date_range(field.text())
        except DateQueryError:
            picked = None
        if picked is not None:
            day = date_of(picked.start_day if field is self.start_field else picked.end_day - 1)
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _pick(self, day: QDate, field: QLineEdit, menu: QMenu) -> None:
        field.setText(day.toString("yyyy-MM-dd"))
        menu.hide()
        self.apply()

    def apply(self) -> None:
        """Read both fields; set the period, or say in one line what is wrong and keep the old."""
        try:
            start = parse_date_range(self.start_field.text())
            end = parse_date_range(self.end_field.text())
            period = between(start, end)
        except DateQueryError as exc:
            self.message.setText(str(exc))
            self.problem.emit(str(exc))
            return
        self.message.clear()
        self.problem.emit("")
        self._view_state.set_period(period)

    def clear(self) -> None:
        """Empty both fields: every date is shown again."""
        for field in (self.start_field, self.end_field):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.message.clear()
        self._view_state.set_period(None)

    def _show_period(self, period) -> None:
        self.clear_button.setEnabled(period is not None)
