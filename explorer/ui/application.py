"""Build the QApplication, open the store and show the main window (or run the self-test)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer import __version__
from explorer.locations import (
    APP_ID,
    APP_NAME,
    ORGANIZATION,
    ORGANIZATION_DOMAIN,
    resource_path,
)

_STARTED = time.perf_counter()


def create_application(qt_args: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, organisation, icon and desktop file name."""
    app = QApplication.instance() or QApplication([sys.argv[0], *(qt_args or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resource_path("icons", f"{APP_ID}.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_user_store(options: argparse.Namespace):
    """The store named by --db, or the per-user store kept up to date with the bundled dataset.
    A store that cannot be written opens read-only: the window shows it with editing off."""
    from explorer.store import Store, StoreReadOnly
    from explorer.store.opening import open_store

    try:
        return open_store(options.db)
    except StoreReadOnly:
        if options.db is None or not options.db.exists():
            raise
        return Store(options.db, read_only=True)


def run_window(options: argparse.Namespace) -> int:
    """Show the main window until it is closed; with --self-test, paint once and exit."""
    from explorer.domain.dataset import DatasetError
    from explorer.store.errors import StoreError
    from explorer.ui.main_window import MainWindow
    from explorer.ui.settings import Settings

    app = create_application(options.qt_args)
    faults = _record_faults(options.self_test)
    store = None
    try:
        store = open_user_store(options)
        # the first reads (the columns, the first events) meet a damaged page here
        window = MainWindow(store, Settings(options.settings))
    except (StoreError, DatasetError) as exc:
        if store is not None:
            store.close()
        # a damaged, locked, read-only or too-new store (or a damaged install): say so, exit 2
        if options.self_test:
            print(f"error: {exc}", file=sys.stderr)
        else:
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "")
            box.setTextFormat(Qt.TextFormat.PlainText)  # a path is shown as written
            box.setText(f"The store could not be opened.\n\n{exc}")
            box.exec()
        return 2
    window.show()
    if options.self_test:
        return _self_test(app, window, store, options, faults)
    code = app.exec()
    window.store.close()  # File > Open Store may have replaced the store we opened
    return code


def _record_faults(self_test: bool) -> list[str]:
    """Exceptions raised inside Qt's calls into Python (a paint, a slot) reach only
    ``sys.excepthook``: the self-test counts them, the window explains a store's own."""
    faults: list[str] = []
    shown: list[bool] = []
    default = sys.excepthook

    def hook(kind, value, trace) -> None:
        faults.append(f"{kind.__name__}: {value}")
        default(kind, value, trace)
        from explorer.store.errors import StoreEnvironmentError

        if not self_test and isinstance(value, StoreEnvironmentError) and not shown:
            shown.append(True)
            box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(f"The store could not be read.\n\n{value}")
            box.open()

    sys.excepthook = hook
    return faults


def _self_test(
    app: QApplication, window, store, options: argparse.Namespace, faults: list[str]
) -> int:
    """Paint the window once, report, exit 0 (for installers and CI); 1 if anything failed."""
    window.repaint()
    app.processEvents()
    since_import = time.perf_counter() - _STARTED
    # From launch where the OS tells when the process started (Linux: /proc), so a bundle's
    # loader and Python's own start count too; else from this module's import.
    first_paint, measured_from = since_import, "module import"
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: start time
        started = ticks / os.sysconf("SC_CLK_TCK")
        first_paint = time.clock_gettime(time.CLOCK_BOOTTIME) - started
        measured_from = "process start"
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    report = {
        "ok": not faults,
        "version": __version__,
        "time_to_first_paint_s": round(first_paint, 4),
        "measured_from": measured_from,
        "since_import_s": round(since_import, 4),
        "event_count": store.count(),
        "store": str(store.path),
        "platform": QGuiApplication.platformName(),
    }
    if faults:
        report["errors"] = faults[:10]
    if options.self_test_report:
        options.self_test_report.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report))
    QTimer.singleShot(0, window.close)
    app.processEvents()
    store.close()
    return 0 if not faults else 1
