"""Edit > Deleted Events: the events you deleted, to restore (undoably)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from explorer.store import edits


class DeletedEventsDialog(QDialog):
    """A list of deleted events; Restore brings the selected one back with its links and note."""

    def __init__(self, editing, parent=None) -> None:
        super().__init__(parent)
        self.editing = editing
        self.setWindowTitle("Deleted Events")
        self.setAccessibleName("Deleted events")
        self.setAccessibleDescription("Events you deleted; Restore brings one back as it was")
        intro = QLabel(
            "Deleted events wait here; a dataset update does not bring them back. Restore "
            "puts one back with its sources, relations and note.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Deleted events")
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self.refresh()
        self.resize(560, 420)

    def refresh(self) -> None:
        """Read the deleted events again."""
        self.list.clear()
        for deleted in edits.deleted_events(self.editing.store):
            whose = "from the dataset" if deleted.origin != edits.USER else "yours"
            item = QListWidgetItem(f"{deleted.title} — {whose}, deleted {deleted.deleted_at[:10]}")
            item.setData(Qt.ItemDataRole.UserRole, (deleted.key, deleted.title))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)

    def restore_selected(self) -> None:
        """Restore the selected deleted event."""
        item = self.list.currentItem()
        if item is None:
            return
        key, title = item.data(Qt.ItemDataRole.UserRole)
        self.editing.restore([key], title)
        self.refresh()
