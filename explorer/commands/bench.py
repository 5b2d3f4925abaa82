"""``bench``: build (or reuse) generated stores, measure the real window over each, print JSON.

Each measurement runs in a fresh process (``python -m explorer.ui.bench``, Qt offscreen), once at
device pixel ratio 1 and once with ``QT_SCALE_FACTOR=2``, so memory, first paint and frame times
belong to one store only. See README, "Large event stores and performance".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from explorer.cli import EXIT_OK, command, fail
from explorer.measure import memory_mb

# part of cached file names: bump when generate.py or the schema it writes changes
GENERATOR_VERSION = 6
TARGETS = {  # what the app is held to at 1M events on a 2-core machine, offscreen
    "frame_p95_ms": 10.0,
    "frame_max_ms": 16.7,
    "frame_2x_p95_ms": 16.7,
    "first_paint_shipped_warm_s": 0.6,
    "first_paint_1m_s": 0.8,
    "steady_memory_1m_mb": 200.0,
    "load_columns_1m_ms": 150.0,
    "import_1m_csv_s": 10.0,
    "edit_to_visible_1m_ms": 50.0,  # the slowest median of add, move and delete
    "first_edit_to_visible_1m_ms": 50.0,  # the first edit after opening
}


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--events",
        default="1000,100000,1000000",
        metavar="N,N,...",
        help="store sizes to measure (default 1000,100000,1000000)",
    )
    parser.add_argument("--frames", type=int, default=160, help="frames in the gesture (>= 120)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated stores")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="where generated files are kept")
    parser.add_argument(
        "--import-rows",
        type=int,
        metavar="N",
        help="rows of the CSV whose import is timed (default: the largest size; 0 skips)",
    )


def cache_dir(options: argparse.Namespace) -> Path:
    """The folder for generated stores and CSVs: --cache, else the per-user cache folder."""
    if options.cache:
        return options.cache
    home = os.environ.get("TIMELINE_EXPLORER_HOME")
    if home:
        return Path(home) / "cache" / "bench"
    import platformdirs

    return Path(platformdirs.user_cache_dir("timeline-explorer", appauthor=False)) / "bench"


def ensure_generated(folder: Path, count: int, seed: int, suffix: str) -> Path:
    """A generated store or CSV of ``count`` events, made once and reused after."""
    from explorer.store.generate import write_csv, write_store

    path = folder / f"events-{count}-seed{seed}-v{GENERATOR_VERSION}{suffix}"
    if path.exists() and (suffix != ".db" or _holds(path, count)):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".partial-{os.getpid()}-{path.name}"
    for extra in ("", "-wal", "-shm"):
        Path(f"{partial}{extra}").unlink(missing_ok=True)
    print(f"generating {count:,} events into {path} ...", file=sys.stderr, flush=True)
    (write_csv if suffix == ".csv" else write_store)(partial, count, seed)
    for extra in ("-wal", "-shm"):  # of a stale copy being replaced
        Path(f"{path}{extra}").unlink(missing_ok=True)
    os.replace(partial, path)
    return path


def _holds(path: Path, count: int) -> bool:
    """True when the store at ``path`` holds ``count`` events (not a half-written or emptied one)."""
    from explorer.store import Store, StoreError

    try:
        with Store(path, create=False) as store:
            return store.count() == count
    except StoreError:
        return False


def _child_env(scale: int, home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYQTGRAPH_QT_LIB="PySide6")
    env["QT_SCALE_FACTOR"] = str(scale)
    if home is not None:
        env["TIMELINE_EXPLORER_HOME"] = str(home)
    return env


def run_window_child(db: Path | None, frames: int, scale: int, home: Path) -> dict:
    """Measure one store in a fresh process; returns its JSON object."""
    args = [sys.executable, "-m", "explorer.ui.bench", "--frames", str(frames)]
    if db is not None:
        args += ["--db", str(db)]
    args += ["--spawned-at", repr(time.time())]
    done = subprocess.run(args, capture_output=True, text=True, env=_child_env(scale, home))
    if done.returncode != 0:
        raise RuntimeError(f"bench child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_child(csv_path: str, db_path: str) -> None:
    """In a fresh process: import ``csv_path`` into a new store, print time and memory as JSON."""
    from explorer.store import Store
    from explorer.store.importing import import_events

    store = Store(db_path)
    t0 = time.perf_counter()
    import_events(store, csv_path)
    seconds = time.perf_counter() - t0
    count = store.count()
    store.close()
    print(json.dumps({"rows": count, "seconds": round(seconds, 2),
                      "memory_mb": memory_mb()}))  # fmt: skip


def run_import(folder: Path, rows: int, seed: int) -> dict:
    """Time ``import_events`` of a generated ``rows``-row CSV into an empty store."""
    csv_path = ensure_generated(folder, rows, seed, ".csv")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-import-") as tmp:
        code = (
            "import sys; from explorer.commands.bench import import_child; "
            "import_child(sys.argv[1], sys.argv[2])"
        )
        args = [sys.executable, "-c", code, str(csv_path), str(Path(tmp) / "imported.db")]
        done = subprocess.run(args, capture_output=True, text=True, env=_child_env(1))
    if done.returncode != 0:
        return {"rows": rows, "seconds": None, "error": done.stderr.strip()[-500:]}
    return {"csv": str(csv_path), **json.loads(done.stdout.strip().splitlines()[-1])}


def check_targets(result: dict) -> dict:
    """Each target with the measured value and whether it is met (None: not measured)."""
    big = result["sizes"].get("1000000")
    shipped = result["shipped_dataset"]
    imported = result["import_csv"]
    measured = {
        "frame_p95_ms": big and big["frames"]["p95_ms"],
        "frame_max_ms": big and big["frames"]["max_ms"],
        "frame_2x_p95_ms": big and big["frames_2x"]["p95_ms"],
        "first_paint_shipped_warm_s": shipped["first_paint_warm_s"],
        "first_paint_1m_s": big and big["first_paint_s"],
        "steady_memory_1m_mb": big and big["memory_mb"]["steady"],
        "load_columns_1m_ms": big and big["load_columns_ms"]["median"],
        "import_1m_csv_s": imported.get("seconds") if imported.get("rows") == 1_000_000 else None,
        "edit_to_visible_1m_ms": big and _slowest_edit_median(big["edit_to_visible_ms"]),
        "first_edit_to_visible_1m_ms": big and big["edit_to_visible_ms"]["add"]["first"],
    }
    return {
        name: {"target": limit, "measured": measured[name],
               "met": None if measured[name] is None else measured[name] <= limit}
        for name, limit in TARGETS.items()
    }  # fmt: skip


def _slowest_edit_median(edits: dict) -> float:
    return max(edits[name]["median"] for name in ("add", "move", "delete"))


@command("bench", "measure first paint, load, frame times, memory, search and import", _arguments)
def run_bench(options: argparse.Namespace) -> int:
    """Print one JSON object with the measurements for every requested store size."""
    try:
        sizes = [int(n) for n in options.events.split(",") if n.strip()]
    except ValueError:
        return fail(f"--events: expected numbers separated by commas, got {options.events!r}")
    if not sizes or min(sizes) < 1 or options.frames < 120:
        return fail("--events needs sizes of at least 1; --frames at least 120")
    folder = cache_dir(options)
    result: dict = {
        "command": "python -m explorer bench " + " ".join(sys.argv[2:]).strip(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "qt_platform": "offscreen",
        },  # fmt: skip
        "memory_source": "/proc/self/status VmRSS (steady) and VmHWM (peak); psutil not installed",
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="timeline-bench-home-") as home:
        for count in sizes:
            store = ensure_generated(folder, count, options.seed, ".db")
            print(f"measuring {count:,} events ...", file=sys.stderr, flush=True)
            # the first run warms the file cache (a store just generated, or not read lately);
            # the figures are the second run's, as for a user who opens the store again
            cold = run_window_child(store, options.frames, 1, Path(home))
            entry = run_window_child(store, options.frames, 1, Path(home))
            entry["first_paint_first_run_s"] = cold["first_paint_s"]
            twice = run_window_child(store, options.frames, 2, Path(home))
            entry["frames_2x"] = twice["frames"]
            entry["device_pixel_ratio_2x"] = twice["device_pixel_ratio"]
            entry["store"] = str(store)
            result["sizes"][str(count)] = entry
        print("measuring the shipped dataset ...", file=sys.stderr, flush=True)
        first = run_window_child(None, options.frames, 1, Path(home) / "shipped")
        warm = run_window_child(None, options.frames, 1, Path(home) / "shipped")
    result["shipped_dataset"] = {
        "events": warm["events"],
        "first_paint_first_run_s": first["first_paint_s"],
        "first_paint_warm_s": warm["first_paint_s"],
        "frames": warm["frames"],
    }
    rows = max(sizes) if options.import_rows is None else options.import_rows
    if rows > 0:
        print(f"importing a {rows:,}-row CSV ...", file=sys.stderr, flush=True)
        result["import_csv"] = run_import(folder, rows, options.seed)
    else:
        result["import_csv"] = {"rows": 0, "seconds": None, "reason": "skipped (--import-rows 0)"}
    result["targets"] = check_targets(result)
    print(json.dumps(result, indent=2))
    return EXIT_OK
