"""Time from launch to first paint, from the app's own --self-test report: median of N runs.

    python resources/packaging/measure_startup.py                    # from source, and the bundle
    python resources/packaging/measure_startup.py --runs 9 --platform xcb   (under xvfb-run -a)

Each run gets a fresh per-user folder holding a store made by one warm-up run, so every
measured run opens an existing store, as a user's second start does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLE = HERE / "out" / "dist" / "timeline-explorer" / "timeline-explorer"


def measure(command: list[str], runs: int, platform: str) -> dict:
    """Run ``command --self-test-report`` ``runs`` times; times and sizes from the reports."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = dict(os.environ, TIMELINE_EXPLORER_HOME=str(home), QT_QPA_PLATFORM=platform)
        report = Path(tmp) / "report.json"
        first, imported = [], []
        for run in range(runs + 1):
            subprocess.run([*command, "--self-test-report", str(report)], env=env, check=True,
                           capture_output=True, cwd=tmp)  # fmt: skip
            data = json.loads(report.read_text(encoding="utf-8"))
            if run:  # run 0 creates the store
                first.append(data["time_to_first_paint_s"])
                imported.append(data.get("since_import_s", 0.0))
    return {
        "median_s": statistics.median(first),
        "min_s": min(first),
        "max_s": max(first),
        "median_since_import_s": statistics.median(imported),
        "measured_from": data.get("measured_from", "?"),
        "events": data["event_count"],
        "runs": runs,
    }


def main() -> int:
    """Print the medians for the source checkout and the bundle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (xcb: use Xvfb)")
    options = parser.parse_args()
    targets = {"source": [sys.executable, "-m", "explorer"]}
    if BUNDLE.exists() or shutil.which(str(BUNDLE)):
        targets["bundle"] = [str(BUNDLE)]
    for name, command in targets.items():
        result = measure(command, options.runs, options.platform)
        print(f"{name:7} {options.platform:9} " + json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
