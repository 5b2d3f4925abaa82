"""``screenshot``: render the main window offscreen and save it as a PNG (docs and reports)."""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path

from explorer.cli import EXIT_OK, command, fail
from explorer.domain.dates import DateError, FuzzyDate
from explorer.store.opening import open_store

_SIZE = re.compile(r"^(\d{2,5})x(\d{2,5})$")
SETTLE_MS = 400  # the timeline fetches label titles shortly after its first frame


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", type=Path, metavar="OUT.png", help="the PNG file to write")
    parser.add_argument(
        "--select", metavar="ID", help="select this event (its id, e.g. warsaw-summit-2016)"
    )
    parser.add_argument(
        "--range",
        nargs=2,
        metavar=("FROM", "TO"),
        help="show this time range (YYYY, YYYY-MM or YYYY-MM-DD each)",
    )
    parser.add_argument("--size", default="1366x768", metavar="WxH", help="window size (1366x768)")
    parser.add_argument(
        "--palette",
        choices=("system", "light", "dark"),
        default="light",
        help="colours to render with (default: light)",
    )


@command("screenshot", "render the main window offscreen and save it as a PNG", _arguments)
def run_screenshot(options: argparse.Namespace) -> int:
    """Build the window over the store, apply the options, grab it, save it."""
    match = _SIZE.match(options.size)
    if not match:
        return fail(f"--size must look like 1366x768, not {options.size!r}")
    width, height = int(match.group(1)), int(match.group(2))
    visible = None
    if options.range:
        try:
            first, last = (FuzzyDate.parse(text) for text in options.range)
        except DateError as exc:
            return fail(f"--range: {exc}")
        if last.end_day <= first.start_day:
            return fail("--range: TO must come after FROM")
        visible = (first.start_day, last.end_day)
    if options.output.suffix.lower() != ".png":
        return fail(f"{options.output}: the screenshot is written as PNG; name it *.png")
    folder = options.output.parent
    if not folder.is_dir():  # as export: a missing folder is refused, never created
        return fail(f"{options.output}: cannot write here (no folder {folder})")
    if options.output.is_dir():
        return fail(f"{options.output}: is a folder, not a file to write")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    store = open_store(options.db, must_exist=options.db is not None)
    try:
        return _render(options, store, (width, height), visible)
    finally:
        store.close()


def _render(options, store, size: tuple[int, int], visible) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.ui.application import create_application
    from explorer.ui.main_window import MainWindow
    from explorer.ui.palette import ColorSchemes
    from explorer.ui.settings import Settings

    app = create_application([])
    ColorSchemes.of(app).apply(options.palette)
    event_id = None
    if options.select:
        event_id = store.id_of(options.select)
        if event_id is None:
            return fail(f"--select: no event {options.select!r} in {store.path}")
    with tempfile.TemporaryDirectory() as folder:
        # a throw-away settings file: the user's own window state neither leaks in nor changes
        settings = Settings(Path(folder) / "settings.ini")
        settings.color_scheme = options.palette
        window = MainWindow(store, settings)
        window.resize(*size)
        window.show()
        if event_id is not None:
            window.view_state.select(event_id, origin="screenshot")
        if visible is not None:
            window.view_state.set_visible_range(*visible, origin="screenshot")
        loop = QEventLoop()
        QTimer.singleShot(SETTLE_MS, loop.quit)
        loop.exec()
        image = window.grab()
        window.close()
        window.deleteLater()
    if not image.save(str(options.output), "PNG"):
        return fail(f"{options.output}: could not be written")
    print(f"{options.output}: {image.width()}x{image.height()}")
    return EXIT_OK
