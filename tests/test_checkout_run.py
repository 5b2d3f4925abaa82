"""``python -m explorer`` run from a checkout (README's first command runs it from the clone, where
the source tree shadows the installed copy) finds the dataset and icons without the installer's
package mapping."""

import os
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# No site processing (so no editable-install finder); the dependencies' folder added by hand.
PROGRAM = f"""
import sys
sys.path[:0] = [{str(ROOT)!r}]
sys.path += {site.getsitepackages()!r}
from explorer.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_a_plain_checkout_finds_its_resources(tmp_path):
    env = dict(os.environ, TIMELINE_EXPLORER_HOME=str(tmp_path / "home"))
    probe = subprocess.run(
        [
            sys.executable,
            "-S",
            "-c",
            PROGRAM.replace(
                "from explorer.cli",
                "import importlib.util\n"
                "assert importlib.util.find_spec('explorer.resources') is None\nfrom explorer.cli",
            ),
            "check",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
