"""Go > Go to Date… (Ctrl+G): type a date, the timeline centres on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from explorer.domain.date_input import parse_date_input
from explorer.domain.dates import DateError, FuzzyDate

# a day or a month typed is shown with room around it; a longer interval fills the view
MIN_SPAN_DAYS = 60.0


def centred_range(when: FuzzyDate, current: tuple[float, float]) -> tuple[float, float]:
    """The visible range centred on ``when``: the current zoom if ``when`` fits, else ``when``
    with a margin."""
    width = current[1] - current[0]
    wanted = max(float(when.days) * 1.2, MIN_SPAN_DAYS)
    if width < wanted or width > wanted * 40:
        width = wanted
    middle = (when.start_day + when.end_day) / 2
    return middle - width / 2, middle + width / 2


class GoToDateDialog(QDialog):
    """A line for the date and a line saying what is wrong with it; stays open until it parses."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Go to Date")
        self.setAccessibleName("Go to date")
        self.line = QLineEdit(self)
        self.line.setAccessibleName("Date")
        self.line.setPlaceholderText("2016, 2016-07 or 8 July 2016")
        self.problem = QLabel("", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.go)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel("&Date:", self)
        label.setBuddy(self.line)
        layout.addWidget(label)
        layout.addWidget(self.line)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def go(self) -> None:
        """Centre the timeline on the date, or say why it is not one."""
        try:
            when = parse_date_input(self.line.text())
        except DateError as exc:
            self.problem.setText(str(exc))
            self.line.selectAll()
            self.line.setFocus()
            return
        state = self.window_.view_state
        state.set_visible_range(*centred_range(when, state.visible_range), origin=self)
        self.accept()


def go_to_date(window) -> GoToDateDialog:
    """Open the Go to Date dialog (non-blocking)."""
    dialog = GoToDateDialog(window)
    dialog.open()
    return dialog


def install_go_to_date(window) -> None:
    """Go > Go to Date… (Ctrl+G), before Search Events…, named in ``window.actions``."""
    window.actions.insert(
        window,
        "&Go",
        window.actions["find"],
        "go_to_date",
        "Go to &Date…",
        "Ctrl+G",
        "Centre the timeline on a date",
        go_to_date,
    )
