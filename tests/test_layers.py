"""The three layers stay apart: domain <- store <- ui. Only ui (and app/commands) import Qt."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "explorer"
QT = ("PySide6", "pyqtgraph", "shiboken6")
FORBIDDEN = {
    "domain": (*QT, "sqlite3", "explorer.store", "explorer.ui", "explorer.cli", "explorer.app"),
    "store": (*QT, "explorer.ui", "explorer.cli", "explorer.app"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layer_does_not_reach_up(layer):
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules in explorer/{layer}"
    offences = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_check_itself_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport explorer.ui.main_window\n")
    assert {"PySide6.QtCore", "explorer.ui.main_window"} <= imported_modules(bad)
