"""Small tmpfs mounts for the tests of a full disk and a read-only medium (root only).

Root ignores file permissions, so a read-only file is made the way a user meets one: on a
filesystem mounted read-only. Without root (or without mount) the test is skipped with a reason.
"""

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "1m"):
    """Mount a tmpfs of ``size`` at ``where`` (created); unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs (a full disk, a read-only medium)")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(folder: Path) -> None:
    """Take every free byte of the filesystem holding ``folder``."""
    with open(folder / "filler", "wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 4096)


def remount_read_only(where: Path) -> None:
    """Make a mounted tmpfs read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)
