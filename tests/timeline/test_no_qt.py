"""The timeline model is numbers only: importing every module of it loads no Qt."""

import subprocess
import sys
from pathlib import Path

import explorer.timeline

MODULES = sorted(
    f"explorer.timeline.{path.stem}"
    for path in Path(explorer.timeline.__file__).parent.glob("*.py")
    if path.stem != "__init__"
)


def test_the_model_modules_load_without_qt():
    assert "explorer.timeline.model" in MODULES and "explorer.timeline.builder" in MODULES
    code = (
        f"import {', '.join(MODULES)}; import sys; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'shiboken6') or m.startswith('explorer.ui')); "
        "print(loaded); assert not loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
