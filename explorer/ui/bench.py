"""The window half of ``python -m explorer bench``: open the real main window offscreen over one
store, time its first paint, load, a scripted zoom-and-pan gesture, memory and search, and print
one JSON object. Run once per store in a fresh process (``python -m explorer.ui.bench``) so that
memory and first paint are that store's alone."""

from __future__ import annotations

import os
import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WINDOW_SIZE = (1600, 900)
SEARCHES = ("kabul", "convoy attacked", "sec", "training mission kandahar", "reconstruction")


class PaintCounter(QObject):
    """Counts Paint events that reach a widget (proof that a frame really painted)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def gesture(full: tuple[float, float], focus: float, frames: int) -> list[tuple[float, float]]:
    """A zoom from the full range to a week around ``focus``, a pan, and a zoom back out."""
    first, last = full
    zoom_frames = frames * 3 // 8
    pan_frames = frames - 2 * zoom_frames
    widths = (last - first) * (7.0 / (last - first)) ** np.linspace(0.0, 1.0, zoom_frames)
    ranges = []
    for i, width in enumerate(widths.tolist()):
        centre = first + (last - first) / 2 + (focus - (first + last) / 2) * i / (zoom_frames - 1)
        ranges.append((centre - width / 2, centre + width / 2))
    a, b = ranges[-1]
    for _ in range(pan_frames):  # pan a twelfth of a screen per frame, as a drag does
        a, b = a + (b - a) / 12, b + (b - a) / 12
        ranges.append((a, b))
    centre = (a + b) / 2
    for width in reversed(widths.tolist()):
        ranges.append((centre - width / 2, centre + width / 2))
    return ranges


def _summary(times_ms: list[float]) -> dict[str, float | int]:
    ordered = sorted(times_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "count": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "over_16_7_ms": sum(t > 16.7 for t in ordered),
    }


def run_gesture(app: QApplication, timeline, frames: int) -> dict[str, float | int]:
    """Time each frame: set the visible range, then let Qt deliver the update and paint it."""
    viewport = timeline.viewport_widget()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    columns = timeline.model.columns
    focus = (
        float(columns.start[len(columns) // 2]) if len(columns) else sum(timeline.full_range()) / 2
    )
    times = []
    unpainted = 0
    pauses = GcPauses()
    gc.callbacks.append(pauses)
    for first, last in gesture(timeline.full_range(), focus, frames):
        before = counter.count
        t0 = time.perf_counter()
        timeline.set_range(first, last)
        app.processEvents()
        if counter.count == before:  # nothing was delivered: paint now, inside the timing
            unpainted += 1
            viewport.repaint()
        times.append((time.perf_counter() - t0) * 1000)
    gc.callbacks.remove(pauses)
    viewport.removeEventFilter(counter)
    return {
        **_summary(times),
        "painted_by_event_loop": len(times) - unpainted,
        "gc_collections": len(pauses.times),
        "gc_max_ms": round(max(pauses.times, default=0.0) * 1000, 2),
    }


class GcPauses:
    """A gc callback recording how long each garbage collection took."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.append(time.perf_counter() - self._started)


def settle(app: QApplication, seconds: float) -> None:
    """Run the event loop for a while (timers fire, deferred work is done)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)


def time_loads(path: Path) -> dict[str, float]:
    """Load the columns five times, each through a fresh connection (nothing remembered)."""
    from explorer.store import Store
    from explorer.store.columns import load_columns

    loads = []
    for _ in range(5):
        with Store(path) as fresh:
            t0 = time.perf_counter()
            load_columns(fresh)
            loads.append((time.perf_counter() - t0) * 1000)
    return {"median": round(statistics.median(loads), 1), "max": round(max(loads), 1)}


def time_searches(store) -> dict:
    """Full-text searches as the search box runs them."""
    searches = []
    for text in SEARCHES:
        t0 = time.perf_counter()
        store.search(text)
        searches.append((time.perf_counter() - t0) * 1000)
    return {"median": round(statistics.median(searches), 1), "max": round(max(searches), 1),
            "queries": list(SEARCHES)}  # fmt: skip


EDIT_ROUNDS = 5


def time_edits(app: QApplication, window) -> dict:
    """Events added, moved and deleted through the Edit menu's undo stack, ``EDIT_ROUNDS``
    times over: each edit timed from the command to the window painted with it (and, apart,
    the list and details following on the next turn of the event loop). The first round is
    reported apart: it is the edit a user makes first, on memory not yet used. Then every
    edit is undone and the packed columns written again, so that the next run measures the
    store as it was."""
    from explorer.domain.dataset import parse_event
    from explorer.store import edits
    from explorer.store.columns import refresh_columns_cache
    from explorer.ui.editing.commands import AddEvent, DeleteEvents, EditEvent

    history = window.editing.history
    store = window.store
    columns = window.columns
    day = float(columns.start[len(columns) // 2]) if len(columns) else 15000.0
    when = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
    later = time.strftime("%Y-%m", time.gmtime((day + 400) * 86400))
    viewport = window.timeline.viewport_widget()
    times: dict[str, list[float]] = {"add": [], "move": [], "delete": [], "list_and_details": []}

    def timed(name: str, command) -> None:
        t0 = time.perf_counter()
        history.push(command)
        viewport.repaint()
        times[name].append((time.perf_counter() - t0) * 1000)
        # the list and the details follow on the next turn of the loop, then the window is
        # painted with them (left for later, their painting would be timed with the next edit)
        t0 = time.perf_counter()
        app.processEvents()
        window.repaint()
        times["list_and_details"].append((time.perf_counter() - t0) * 1000)

    for round_ in range(EDIT_ROUNDS):
        key = f"bench-edit-{os.getpid()}-{round_}"
        raw = {"id": key, "kind": "summit", "title": "Bench edit", "date": when,
               "sources": [{"title": "bench"}]}  # fmt: skip
        timed("add", AddEvent(history, parse_event(raw, "bench")))
        state = edits.event_state(store, key)
        timed("move", EditEvent(history, state, parse_event({**raw, "date": later}, "bench")))
        timed("delete", DeleteEvents(history, [key], "Bench edit"))
    for _ in range(3 * EDIT_ROUNDS):
        history.undo()
    refresh_columns_cache(store)
    result: dict = {"rounds": EDIT_ROUNDS}
    for name, values in times.items():
        result[name] = {
            "first": round(values[0], 1),
            "median": round(statistics.median(values), 1),
            "max": round(max(values), 1),
        }
    return result


def measure(db: Path | None, spawned_at: float | None, frames: int) -> dict:
    """Open the main window over ``db`` (default: the per-user store) and measure it."""
    from explorer.domain.events import Changes
    from explorer.measure import memory_mb
    from explorer.store.opening import open_store
    from explorer.ui.application import create_application
    from explorer.ui.main_window import MainWindow
    from explorer.ui.settings import Settings

    if db is not None and not db.exists():  # never measure an empty store made by mistake
        raise SystemExit(f"error: {db}: no such store")
    app = create_application([])
    store = open_store(db)
    settings_dir = tempfile.mkdtemp(prefix="timeline-bench-")
    window = MainWindow(store, Settings(Path(settings_dir) / "bench.ini"))
    window.resize(*WINDOW_SIZE)
    viewport = window.timeline.viewport_widget()
    counter = PaintCounter()
    viewport.installEventFilter(counter)
    window.show()
    while counter.count == 0:
        app.processEvents()
    painted_at = time.perf_counter()
    result: dict = {
        "events": store.count(),
        "device_pixel_ratio": window.devicePixelRatioF(),
        "window_size": list(WINDOW_SIZE),
        "first_paint_s": round(time.time() - spawned_at, 3) if spawned_at else None,
        "first_paint_in_process_s": round(painted_at - _STARTED, 3),
    }
    viewport.removeEventFilter(counter)
    settle(app, 0.3)  # the first frame's deferred title fetch, as a user would wait
    gc.collect()
    result["frames"] = run_gesture(app, window.timeline, frames)
    gc.collect()
    result["memory_mb"] = memory_mb()  # before the loads below add garbage of their own
    result["load_columns_ms"] = time_loads(store.path)
    t0 = time.perf_counter()
    window.timeline.follow_changes(Changes(opened=True))  # as after File > Open Store
    result["timeline_reload_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    result["search_ms"] = time_searches(store)
    result["edit_to_visible_ms"] = time_edits(app, window)
    window.close()
    store.close()
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m explorer.ui.bench [--db PATH] [--frames N] [--spawned-at T]``: one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m explorer.ui.bench")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--frames", type=int, default=160)
    parser.add_argument("--spawned-at", type=float, help="time.time() when the parent started us")
    options = parser.parse_args(argv)
    print(json.dumps(measure(options.db, options.spawned_at, options.frames)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
