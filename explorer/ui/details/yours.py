"""The user's part of the details pane: whose event it is, how your version differs from the
dataset's (side by side), the way back to the dataset's version, the bookmark and the note."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.dataset import event_to_json
from explorer.store.edits import EventState
from explorer.ui.details.widgets import heading, text_label

NOTE_SAVE_DELAY_MS = 800
COMPARED_FIELDS = (
    ("title", "Title"),
    ("kind", "Kind"),
    ("date", "Date"),
    ("precision", "Precision"),
    ("date_wording", "Date as written"),
    ("summary", "Summary"),
    ("confidence", "Confidence"),
    ("details", "Details"),
    ("relations", "Relations"),
    ("sources", "Sources"),
)


@dataclass
class UserHooks:
    """What the user's part of the pane can do in the window: the Edit menu's Revert and
    Bookmark actions, and saving a note (key, title, old text, new text)."""

    revert: QAction | None = None
    bookmark: QAction | None = None
    save_note: Callable[[str, str, str, str], None] | None = None
    editable: bool = True


def differences(state: EventState) -> list[tuple[str, str, str]]:
    """(field, yours, the dataset's) for every field where the two versions differ."""
    if state.dataset_event is None:
        return []
    mine, theirs = event_to_json(state.event), event_to_json(state.dataset_event)
    found = []
    for name, label in COMPARED_FIELDS:
        if mine.get(name) != theirs.get(name):
            found.append((label, _plain(mine.get(name)), _plain(theirs.get(name))))
    return found


def _plain(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


class UserPart(QWidget):
    """Marks, differences, revert, bookmark and the note of one event (all plain text)."""

    def __init__(self, state: EventState, hooks: UserHooks, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.hooks = state, hooks
        self.setAccessibleName("Your part")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mark_label = text_label(self._mark_text(), self, name="Whose event")
        self.mark_label.setObjectName("ownership_mark")
        layout.addWidget(self.mark_label)
        if state.edited:
            self._add_differences(layout)
        buttons = QWidget(self)
        row = QGridLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QToolButton] = []
        for action in (hooks.bookmark, hooks.revert if state.edited else None):
            if action is not None:
                button = QToolButton(buttons)
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                row.addWidget(button, 0, len(self.buttons))
                self.buttons.append(button)
        row.setColumnStretch(len(self.buttons), 1)
        layout.addWidget(buttons)
        layout.addWidget(heading("Your note", self))
        self.note_edit = NoteEdit(state, hooks, self)
        layout.addWidget(self.note_edit)

    def _mark_text(self) -> str:
        state = self.state
        parts = []
        if state.bookmarked:
            parts.append("★ Bookmarked")
        if state.added_by_user:
            parts.append("Yours: added by you")
        elif state.edited:
            parts.append("Edited by you: your version is kept; the dataset's is shown beside it")
        else:
            parts.append("From the dataset")
        if not state.event.sources:
            parts.append("no source recorded")
        return " · ".join(parts)

    def _add_differences(self, layout: QVBoxLayout) -> None:
        rows = differences(self.state)
        if not rows:
            layout.addWidget(text_label("Your version and the dataset's are the same.", self))
            return
        layout.addWidget(heading("Your version and the dataset's", self, scale=1.0))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column, text in enumerate(("Field", "Yours", "The dataset's")):
            grid.addWidget(heading(text, self, scale=1.0), 0, column)
        for r, (label, mine, theirs) in enumerate(rows, start=1):
            grid.addWidget(text_label(label, self), r, 0)
            grid.addWidget(text_label(mine, self, name=f"Your {label.lower()}"), r, 1)
            grid.addWidget(text_label(theirs, self, name=f"The dataset's {label.lower()}"), r, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)


class NoteEdit(QPlainTextEdit):
    """The note, saved a moment after typing stops and when the focus leaves (undoable)."""

    def __init__(self, state: EventState, hooks: UserHooks, parent: QWidget | None = None):
        super().__init__(parent)
        self.key, self.title = state.event.key, state.event.title
        self.saved_text = state.note
        self._save_note = hooks.save_note
        self.setPlainText(state.note)
        self.setTabChangesFocus(True)
        self.setReadOnly(not hooks.editable or hooks.save_note is None)
        self.setPlaceholderText("Your own notes on this event (saved as you type)")
        self.setAccessibleName("Your note")
        self.setAccessibleDescription("Plain text, saved as you type and when you leave it")
        # room for a few lines without pushing the event's own text out of the pane; it scrolls
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        self.setMaximumHeight(self.fontMetrics().height() * 8)
        self._timer = QTimer(self, singleShot=True, interval=NOTE_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.textChanged.connect(self._timer.start)
        self.installEventFilter(self)

    def save(self) -> None:
        """Save the note now if it changed."""
        self._timer.stop()
        text = self.toPlainText()
        if text != self.saved_text and self._save_note is not None:
            old, self.saved_text = self.saved_text, text
            self._save_note(self.key, self.title, old, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self.save()
        return False
