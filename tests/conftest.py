"""Shared fixtures. Qt runs offscreen; every test gets its own per-user folders."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    """Point the app's per-user data and settings folders into tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("TIMELINE_EXPLORER_HOME", str(home))
    return home


@pytest.fixture
def run_cli(user_home):
    """Run ``python -m explorer ARGS`` in a subprocess, as a user would."""

    def run(*args, input=None, check=False, timeout=120):
        env = dict(os.environ, TIMELINE_EXPLORER_HOME=str(user_home))
        result = subprocess.run(
            [sys.executable, "-m", "explorer", *map(str, args)],
            capture_output=True,
            text=True,
            input=input,
            env=env,
            timeout=timeout,
            cwd=ROOT,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    return run
