"""The crash trap: thousands of pan and zoom frames of the real timeline, in a subprocess, so a
binding bug that aborts the interpreter (PySide6 6.12.0 on Python 3.11: "none_dealloc") fails
this test instead of killing pytest."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import math, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from explorer.store.dataset import install_bundled_dataset
from explorer.store.store import Store
from explorer.ui.open_store import OpenStore
from explorer.ui.timeline.widget import TimelineWidget
from explorer.ui.view_state import ViewState

store = Store(sys.argv[1])
install_bundled_dataset(store)
view_state = ViewState()
timeline = TimelineWidget(OpenStore(store), view_state)
timeline.resize(1366, 520)
timeline.show()
first, last = timeline.full_range()
frames = int(sys.argv[2])
for i in range(frames):
    # sweep the zoom from everything to a few weeks and back, panning all the while
    width = (last - first) * (0.002 + 0.998 * (0.5 + 0.5 * math.cos(i / 97.0)))
    centre = first + (last - first) * (0.5 + 0.45 * math.sin(i / 41.0))
    timeline.set_range(centre - width / 2, centre + width / 2)
    if i % 50 == 0:
        timeline.zoom_by(1.5)
        view_state.select(int(timeline.model.columns.ids[i % len(timeline.model.columns)]))
    timeline.repaint()
    app.processEvents()
print("survived", frames, "frames")
"""


def test_thousands_of_pan_and_zoom_frames_do_not_crash(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TIMELINE_EXPLORER_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "store.db"), "3000"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "survived 3000 frames" in result.stdout
