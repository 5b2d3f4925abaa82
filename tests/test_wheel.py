"""The wheel carries everything the app needs: installed in a fresh virtual environment, away
from the checkout, ``python -m explorer check`` finds the dataset and the migrations."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "out", "*.sqlite3"
)


def run(*args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_the_installed_wheel_checks_sound_outside_the_checkout(tmp_path):
    # build from a copy, so parallel builds and the checkout's own build/ never mix
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", source)
    (wheel,) = (tmp_path / "dist").glob("timeline_explorer-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    # the dependencies (numpy, platformdirs ...) come from the environment running the tests;
    # a plain path entry, so that environment's editable install of the checkout stays unseen
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, TIMELINE_EXPLORER_HOME=str(tmp_path / "home"))
    env.pop("PYTHONPATH", None)
    where = run(python, "-c", "import explorer; print(explorer.__file__)", cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv)

    check = run(python, "-m", "explorer", "check", cwd=elsewhere, env=env)
    assert "sound" in check.stdout and "bundled dataset" in check.stdout
    summits = run(python, "-m", "explorer", "list", "--kind", "summit", cwd=elsewhere, env=env)
    assert "warsaw-summit-2016" in summits.stdout
    # every module of the checkout is in the wheel (the window's too), and the window starts
    modules = sorted(
        ".".join(p.with_suffix("").relative_to(ROOT).parts).removesuffix(".__init__")
        for p in (ROOT / "explorer").rglob("*.py")
        if p.name != "__main__.py"
    )
    imports = "import importlib, sys\nfor name in sys.argv[1:]: importlib.import_module(name)"
    run(python, "-c", imports, *modules, cwd=elsewhere, env=env)
    window_env = dict(env, QT_QPA_PLATFORM="offscreen")
    started = run(python, "-m", "explorer", "--self-test", cwd=elsewhere, env=window_env)
    assert '"ok": true' in started.stdout
