"""File > Import…: a CSV or JSON file imported in a worker thread, with progress and Cancel.

The worker opens its own connection on the window's store file (one connection per thread) and
holds the write lock for the whole import; the window's connection only reads, and in WAL mode
those reads see the store as it was until the import commits. Cancel rolls everything back.
"""

from __future__ import annotations

import dataclasses
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from explorer.domain.events import Changes
from explorer.store import Store
from explorer.store.columns import load_columns
from explorer.store.errors import ImportCancelled, ImportRejected, StoreError
from explorer.store.formats import import_file
from explorer.ui.dialogs import show_message, start_folder

IMPORT_FILTER = (
    "Event files (*.csv *.json *.timeline);;CSV files (*.csv);;JSON files, ours or TimelineJS"
    " (*.json);;Timeline app files (*.timeline)"
)
CANCELLED_TEXT = "Import cancelled; nothing was changed"
PROGRESS_STEPS = 1000  # the bar counts per mille of the file: byte counts overflow a C int


class ImportWorker(QObject):
    """Runs one import on its own connection; lives in the import thread."""

    progressed = Signal(int, int)  # events read, per mille of the file read
    succeeded = Signal(object)  # Changes
    failed = Signal(str)  # a message for the user, with line and field when the file is bad
    cancelled = Signal()

    def __init__(self, store_path: Path, file: Path) -> None:
        super().__init__()
        self.store_path, self.file = store_path, file
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        """Import the file; exactly one of succeeded, failed or cancelled is emitted."""
        try:
            store = Store(self.store_path, create=False)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        try:
            changes = import_file(
                store,
                self.file,
                progress=self._progress,
                cancelled=self.cancel_requested.is_set,
            )
            # pack the timeline's columns here, not in the window's thread; a failure to cache
            # (disk full) is not a failed import: the window reads them from SQL instead
            load_columns(store)
        except ImportCancelled:
            self.cancelled.emit()
        except ImportRejected as exc:
            self.failed.emit(f"{exc}\n\nNothing was imported; the store is unchanged.")
        except StoreError as exc:
            self.failed.emit(f"{exc}\n\nNothing was imported.")
        except Exception as exc:  # a bug: say so in plain words, keep the trace for the log
            traceback.print_exc()
            self.failed.emit(f"The import stopped on an unexpected error ({exc!r}).")
        else:
            self.succeeded.emit(changes)
        finally:
            store.close()

    def _progress(self, rows: int, done: int, total: int) -> None:
        self.progressed.emit(rows, PROGRESS_STEPS * done // max(total, 1))


class ImportProgress(QWidget):
    """The status bar's 'Importing file.csv: 120,000 events [=====  ] Cancel'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(160)
        self.bar.setAccessibleName("Import progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.setAccessibleDescription("Stop the import; the store stays as it was")
        self.cancel_button.setToolTip("Stop the import; the store stays as it was")
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)

    def start(self, file: Path) -> None:
        """Show an empty bar for ``file``."""
        self.name = file.name
        self.rows = 0
        self.bar.setValue(0)
        self.label.setText(f"Importing {self.name}…")
        self.cancel_button.setEnabled(True)
        self.show()

    def set_progress(self, rows: int, per_mille: int) -> None:
        """Events imported so far, and how far through the file."""
        self.rows = rows
        self.bar.setValue(per_mille)
        self.label.setText(f"Importing {self.name}: {rows:,} events")
        self.bar.setAccessibleDescription(f"{rows:,} events imported")


class WindowImport(QObject):
    """The window's import: at most one at a time, in a QThread joined before the window goes."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.progress = ImportProgress(window)
        self.progress.hide()
        self.progress.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)

    @property
    def running(self) -> bool:
        """True from start until the worker's result has been shown."""
        return self.worker is not None

    def choose(self) -> None:
        """File > Import…: ask for a .csv or .json file, then import it."""
        window = self.window
        folder = start_folder(window)
        path, _ = QFileDialog.getOpenFileName(window, "Import Events", folder, IMPORT_FILTER)
        if path:
            window.settings.last_folder = str(Path(path).parent)
            self.start(Path(path))

    def start(self, file: Path) -> bool:
        """Import ``file`` into the window's store in the background; False if one is running."""
        if self.running:
            return False
        self.worker = ImportWorker(Path(self.window.store.path), Path(file))
        self.thread = QThread(self)
        self.thread.setObjectName("import")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progress.set_progress)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.progress.start(Path(file))
        self._set_busy(True)
        self.thread.start()
        return True

    def cancel(self) -> None:
        """Ask the worker to stop at its next batch; it rolls back and reports cancelled."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
            self.progress.cancel_button.setEnabled(False)
            self.progress.label.setText(f"Cancelling the import of {self.progress.name}…")

    def stop(self) -> None:
        """Cancel and wait for the thread (the window is closing); nothing is shown."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
        self._join()

    def _join(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = self.worker = None
        self.progress.hide()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        # a second import would wait for the write lock; another store would orphan this one
        for name in ("import_events", "open_store"):
            self.window.actions[name].setEnabled(not busy)
        self.window.actions["cancel_import"].setEnabled(busy)

    def _succeeded(self, changes: Changes) -> None:
        if self.worker is None:  # stopped: the window is closing
            return
        rows = self.progress.rows
        self._join()
        self.window.open_store.notify(dataclasses.replace(changes, origin=self))
        count = len(changes.added) if not changes.store_replaced else rows
        text = f"Imported {count:,} event{'s' if count != 1 else ''}"
        if changes.updated:
            text += f", {len(changes.updated):,} updated"
        self.window.statusBar().showMessage(text, 10_000)

    def _failed(self, message: str) -> None:
        if self.worker is None:
            return
        self._join()
        show_message(self.window, "The file could not be imported", message, error=True)

    def _cancelled(self) -> None:
        if self.worker is None:
            return
        self._join()
        self.window.statusBar().showMessage(CANCELLED_TEXT, 10_000)
