"""Fixtures of the main-window tests: the bundled dataset in a temporary store, and a factory
that builds the MainWindow over it with a temporary settings file."""

import shutil

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from explorer.store import Store
from tests.store.factory import bundled_store


@pytest.fixture(scope="session")
def bundled_template(tmp_path_factory):
    """The bundled dataset installed once per session; tests copy the file."""
    return bundled_store(tmp_path_factory.mktemp("bundled") / "template.sqlite3")


@pytest.fixture
def store_path(tmp_path, bundled_template):
    """A fresh copy of the bundled store for this test."""
    path = tmp_path / "events.sqlite3"
    shutil.copy(bundled_template, path)
    return path


@pytest.fixture
def make_window(qtbot, tmp_path, store_path):
    """make_window(path=None, settings=None, size=(1366, 768), read_only=False) -> a shown,
    active MainWindow."""
    from explorer.ui.main_window import MainWindow
    from explorer.ui.palette import ColorSchemes
    from explorer.ui.settings import Settings

    windows = []

    def make(path=None, settings=None, size=(1366, 768), read_only=False):
        """size=None keeps the geometry the settings file restores."""
        store = Store(path or store_path, read_only=read_only)
        window = MainWindow(store, Settings(settings or tmp_path / "settings.ini"))
        windows.append(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    # delete the windows (and their timers) before their stores close under them
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for window in windows:
        window.store.close()
    ColorSchemes.of(QApplication.instance()).apply("system")
