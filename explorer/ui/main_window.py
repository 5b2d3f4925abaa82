"""The main window (placeholder until the timeline lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from explorer.locations import APP_NAME


class MainWindow(QMainWindow):
    """The application's main window over one store."""

    def __init__(self, store, settings) -> None:
        super().__init__()
        self.store, self.settings = store, settings
        self.setWindowTitle(APP_NAME)
        self.setCentralWidget(QLabel(f"{store.count()} events in {store.path}"))
        self.resize(1366, 768)
