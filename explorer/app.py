"""main(): parse arguments, then run either a command-line subcommand or the window. Wiring only."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m explorer`` and the ``timeline-explorer`` launcher."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--read-ahead-helper"]:
        # the frozen app started as an import's helper process (explorer/store/read_ahead.py)
        from explorer.store import read_ahead

        return read_ahead.main(argv[1:])
    # numpy's OpenBLAS starts a thread pool at import (~0.1 s); the app does no linear algebra
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from explorer import cli

    if cli.wants_command_line(argv):
        return cli.main(argv)
    options = cli.parse_window_args(argv)
    mistyped = cli.unknown_command(options.qt_args)
    if mistyped:
        return cli.fail(mistyped)
    # pyqtgraph prefers PyQt6 when neither binding is imported yet: name ours first.
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from explorer.ui.application import run_window

    return run_window(options)
