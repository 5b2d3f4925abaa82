"""The layers stay apart: domain <- store <- timeline <- ui, with the command line and app.py on
top; only ui (and app/commands) import Qt; and the import graph of explorer/ has no circles."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "explorer"
QT = ("PySide6", "pyqtgraph", "shiboken6")
TOP = ("explorer.cli", "explorer.commands", "explorer.app")
FORBIDDEN = {
    "domain": (*QT, "sqlite3", "explorer.store", "explorer.timeline", "explorer.ui", *TOP),
    "store": (*QT, "explorer.timeline", "explorer.ui", *TOP),
    "timeline": (*QT, "explorer.ui", *TOP),
    "ui": TOP,
    "commands": ("explorer.app",),
    "cli": ("explorer.app",),
    # beside the layers, usable by all of them: they reach into none
    "locations": (*QT, "explorer.domain", "explorer.store", "explorer.ui", *TOP),
    "measure": (*QT, "explorer.domain", "explorer.store", "explorer.ui", *TOP),
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


def layer_files(layer: str, package: Path = PACKAGE) -> list[Path]:
    """The modules of a layer: a package folder, or a single module at the package top."""
    if (package / layer).is_dir():
        return sorted((package / layer).rglob("*.py"))
    module = package / f"{layer}.py"
    return [module] if module.is_file() else []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layer_does_not_reach_up(layer):
    files = layer_files(layer)
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


# -- circles ------------------------------------------------------------------------------------


def module_names(package: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def import_time_statements(tree: ast.Module):
    """Import statements that run when the module is imported: not those inside functions or
    under ``if TYPE_CHECKING:``."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            stack.extend(ast.iter_child_nodes(node))


def import_graph(package: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports at import time. ``from a.b import c`` is an
    edge to ``a.b`` and, when ``c`` is a module, to ``a.b.c`` as well."""
    modules = module_names(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = graph.setdefault(name, set())
        is_package = path.name == "__init__.py"
        for node in import_time_statements(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:  # relative: from the module's own package upwards
                    anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            edges.update(t for t in targets if t in modules and t != name)
    return graph


def import_cycles(package: Path) -> list[list[str]]:
    """Each circle of the import graph once (as its strongly connected modules, sorted)."""
    graph = import_graph(package)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_the_import_graph_has_no_circles():
    assert import_cycles(PACKAGE) == []


def test_the_circle_check_finds_a_constructed_circle(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("import pkg.c\n")
    (package / "c.py").write_text("from pkg.a import something\n")
    (package / "d.py").write_text("def later():\n    import pkg.a\n")  # not at import time
    (package / "f.py").write_text("if TYPE_CHECKING:\n    import pkg.a\n")  # nor this
    (package / "e.py").write_text("from . import d\n")  # relative, no circle
    assert import_cycles(package) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    assert import_graph(package)["pkg.e"] == {"pkg", "pkg.d"}
