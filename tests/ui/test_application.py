"""The task bar shows the app's own name and icon; --self-test paints once and reports."""

import json

from PySide6.QtGui import QGuiApplication

from explorer.locations import APP_ID, APP_NAME
from explorer.ui.application import create_application


def test_application_names_icon_and_desktop_file(qapp):
    app = create_application([])
    assert app.applicationName() == APP_NAME
    assert app.organizationName()
    assert QGuiApplication.desktopFileName() == APP_ID
    assert not app.windowIcon().isNull()


def test_self_test_paints_the_main_window_and_reports(run_cli, store_path, tmp_path):
    report = tmp_path / "report.json"
    result = run_cli(
        "--db", store_path, "--self-test-report", report, "--settings", tmp_path / "s.ini"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is True and data["event_count"] > 50
    assert data["time_to_first_paint_s"] > 0
