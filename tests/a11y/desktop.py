"""A desktop a screen reader works in, started for one test module: Xvfb, a D-Bus session, the
accessibility bus, openbox, the app (AT-SPI always on) and a reader (tests/a11y/atspi_reader.py,
run by the system Python that has the AT-SPI bindings) that prints the app's events as JSON."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
READER = Path(__file__).with_name("atspi_reader.py")
BUS_LAUNCHER = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
ROOT = Path(__file__).resolve().parents[2]


def missing_parts() -> str:
    """Why the stack cannot start here ('' when it can)."""
    if not sys.platform.startswith("linux"):
        return "the AT-SPI stack is Linux's"
    for tool in ("Xvfb", "dbus-daemon", "openbox", "xdotool"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (.ci/run installs it as root)"
    if not any(Path(p).exists() for p in BUS_LAUNCHER):
        return "at-spi-bus-launcher is not installed (Debian: at-spi2-core)"
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if (
        not Path(SYSTEM_PYTHON).exists()
        or subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, timeout=30).returncode
    ):
        return f"{SYSTEM_PYTHON} cannot import the AT-SPI bindings (Debian: gir1.2-atspi-2.0)"
    return ""


class Reader:
    """The reader's events as they come; commands go to its standard input."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(READER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[dict] = queue.Queue()
        self.transcript: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            try:
                self.lines.put(json.loads(line))
            except json.JSONDecodeError:
                continue

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def until(self, wanted, timeout: float = 10.0) -> list[dict]:
        """Every record up to and including the first that ``wanted(record)`` accepts."""
        seen: list[dict] = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                record = self.lines.get(timeout=max(left, 0.01))
            except queue.Empty:
                raise AssertionError(f"nothing wanted within {timeout}s; heard {seen}") from None
            seen.append(record)
            self.transcript.append(record)
            if wanted(record):
                return seen

    def ask(self, command: str, timeout: float = 20.0) -> list[dict]:
        """Run a reader command; the records it printed."""
        self.send(command)
        verb = command.split()[0]
        return self.until(lambda r: r.get("done") == verb, timeout)[:-1]

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()


class Desktop:
    """Start everything, in order; :meth:`close` stops what it started, last first."""

    def __init__(self, store: Path, home: Path) -> None:
        self.processes: list[subprocess.Popen] = []
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DBUS_"))}
        self.env.pop("DISPLAY", None)
        self._start_x()
        self._start_bus()
        self._spawn(["openbox", "--sm-disable"])
        self.env.update(
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            PYQTGRAPH_QT_LIB="PySide6",
            TIMELINE_EXPLORER_HOME=str(home),
        )
        self.app = self._spawn([sys.executable, "-m", "explorer", "--db", str(store)], cwd=ROOT)
        self.reader = Reader(self.env)
        self.reader.until(lambda r: "listening" in r, timeout=20)
        self._wait_for_window()

    def _spawn(self, argv, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(
            argv, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs
        )
        self.processes.append(process)
        return process

    def _start_x(self) -> None:
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        self.processes.append(xvfb)
        with os.fdopen(read) as display:
            number = display.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.env["DISPLAY"] = f":{number}"

    def _start_bus(self) -> None:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        self.processes.append(bus)
        address = bus.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        launcher = next(p for p in BUS_LAUNCHER if Path(p).exists())
        self._spawn([launcher, "--launch-immediately"])

    def _wait_for_window(self, timeout: float = 30.0) -> None:
        """Until the app is on the accessibility bus and its window has the keyboard."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.app.poll() is not None:
                raise RuntimeError(f"the app exited with {self.app.returncode}")
            ready = [r for r in self.reader.ask("ready") if "ready" in r]
            active = subprocess.run(
                ["xdotool", "getactivewindow", "getwindowname"],
                capture_output=True,
                text=True,
                env=self.env,
            ).stdout
            if ready and ready[0]["ready"] and "Timeline Explorer" in active:
                return
            time.sleep(0.3)
        raise RuntimeError("the app's window did not appear on the accessibility bus")

    def close(self) -> None:
        if hasattr(self, "reader"):
            self.reader.close()
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
