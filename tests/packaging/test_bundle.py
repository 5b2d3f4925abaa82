"""The PyInstaller bundle and the .deb built by the repo's own command, run as users run them.

Slow (a few minutes): marked ``packaging``; skip locally with ``-m "not packaging"``, never in CI.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from explorer.locations import APP_ID

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "resources" / "packaging" / "build.py"
NAME = "timeline-explorer"
XCB = "_internal/PySide6/Qt/plugins/platforms/libqxcb.so"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packages")
needs_xvfb = pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs xvfb-run")


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """Run ``python resources/packaging/build.py`` once; the bundle, its .tar.gz and the .deb."""
    out = tmp_path_factory.mktemp("packaging-out")  # never clobbers a release build in out/
    # --fast: gzip instead of xz inside the .deb (the same files; minutes less on 2 cores)
    result = subprocess.run(
        [sys.executable, str(BUILD), "--fast", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    debs = sorted(out.glob(f"{NAME}_*.deb"))
    tars = sorted(out.glob(f"{NAME}-*-linux-*.tar.gz"))
    return {"bundle": out / "dist" / NAME, "deb": debs[-1], "tar": tars[-1]}


def bundled_event_count(bundle: Path) -> int:
    """How many events a fresh default store should hold: those in the bundle's dataset files.

    Read from the bundle, not the checkout, so an edit to resources/data after the build does
    not make the count differ.
    """
    data = bundle / "_internal" / "explorer" / "resources" / "data"
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    files = [name for name in manifest["files"] if name != "sources.json"]
    return sum(len(json.loads((data / n).read_text(encoding="utf-8"))["events"]) for n in files)


def self_test(command, env, tmp_path, *, xvfb=False):
    """Run the app's --self-test and return its JSON report."""
    report = tmp_path / "self-test.json"
    if xvfb:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *command]
    result = subprocess.run(
        [*command, "--self-test-report", str(report)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the checkout: nothing may come from the source tree
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def user_env(home: Path, platform: str) -> dict:
    """The environment of a user whose home is ``home`` (per-user folders from platformdirs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TIMELINE_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM=platform, PYTHONPATH="")
    env.pop("PYQTGRAPH_QT_LIB", None)
    return env


@needs_linux
def test_deb_installs_the_bundle_launcher_desktop_file_icons_and_metainfo(build):
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(build["deb"])], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    links = {line.split()[5].removeprefix("."): line.split()[-1] for line in listing.splitlines()
             if line.startswith("l")}  # fmt: skip
    expected = {
        f"/opt/{NAME}/{NAME}",
        f"/opt/{NAME}/{XCB}",
        f"/opt/{NAME}/_internal/explorer/resources/data/manifest.json",
        f"/opt/{NAME}/_internal/explorer/store/migrations/0001_initial.sql",
        f"/usr/share/applications/{APP_ID}.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        *(f"/usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES),
    }
    assert expected <= paths
    assert links[f"/usr/bin/{NAME}"] == f"/opt/{NAME}/{NAME}"
    files = {p for p in paths if not p.endswith("/")}
    assert all(p.startswith(("/opt/timeline-explorer/", "/usr/")) for p in files)
    unwanted = ("PyQt5", "PyQt6", "tkinter", "QtWebEngine", "/tests/", "pytest", "libqwayland")
    assert [p for p in files if any(u in p for u in unwanted)] == []


@needs_linux
def test_deb_control_names_the_system_libraries_it_needs(build):
    control = subprocess.run(
        ["dpkg-deb", "-f", str(build["deb"]), "Package", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Package: {NAME}" in control
    assert "libc6 (>=" in control and "libxcb1" in control


def test_bundle_carries_qt_x11_plugin_and_its_xcb_libraries(build):
    internal = build["bundle"] / "_internal"
    assert (build["bundle"] / XCB).is_file()
    for library in ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"):
        assert (internal / library).exists(), library
    ldd = subprocess.run(
        ["ldd", str(build["bundle"] / XCB)],
        capture_output=True,
        text=True,
        env=dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal}/PySide6/Qt/lib"),
    ).stdout
    assert "not found" not in ldd, ldd


def test_tarball_unpacks_to_one_runnable_folder(build, tmp_path):
    with tarfile.open(build["tar"]) as tar:
        names = tar.getnames()
        assert {name.split("/")[0] for name in names} == {NAME}
        assert f"{NAME}/{NAME}" in names and f"{NAME}/{XCB}" in names


def test_bundled_app_self_test_offscreen(build, tmp_path):
    home = tmp_path / "user"
    report = self_test([str(build["bundle"] / NAME)], user_env(home, "offscreen"), tmp_path)
    assert report["ok"] and report["platform"] == "offscreen"
    assert report["event_count"] == bundled_event_count(build["bundle"])
    assert Path(report["store"]).is_relative_to(home)  # the user's own per-user store


@needs_xvfb
def test_bundled_app_self_test_under_x11(build, tmp_path):
    env = user_env(tmp_path / "user", "xcb")
    report = self_test([str(build["bundle"] / NAME)], env, tmp_path, xvfb=True)
    assert report["platform"] == "xcb"
    assert report["event_count"] == bundled_event_count(build["bundle"])


def dpkg(*args):
    return subprocess.run(["dpkg", *args], capture_output=True, text=True)


@needs_linux
@needs_xvfb
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="dpkg -i needs root")
def test_installed_package_starts_from_its_launcher_and_uninstalls_cleanly(build, tmp_path):
    installed = [
        Path(f"/opt/{NAME}"),
        Path(f"/usr/bin/{NAME}"),
        Path(f"/usr/share/applications/{APP_ID}.desktop"),
        Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml"),
        Path(f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        Path(f"/usr/share/icons/hicolor/48x48/apps/{APP_ID}.png"),
    ]
    result = dpkg("-i", str(build["deb"]))
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        assert all(path.exists() for path in installed)
        launcher = shutil.which(NAME, path="/usr/bin")
        assert launcher == f"/usr/bin/{NAME}"
        home = tmp_path / "user"
        report = self_test([NAME], user_env(home, "xcb"), tmp_path, xvfb=True)
        assert report["platform"] == "xcb"
        assert report["event_count"] == bundled_event_count(build["bundle"])
        store = home / ".local" / "share" / NAME / "events.sqlite3"
        assert Path(report["store"]) == store and store.is_file()
    finally:
        removed = dpkg("-r", NAME)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert [path for path in installed if path.exists() or path.is_symlink()] == []
    assert dpkg("-s", NAME).stdout.count("install ok installed") == 0
    # the user's store survives the uninstall, and reopens with every event in it
    from explorer.store import Store

    with_store = Store(store, create=False)
    try:
        assert with_store.count() == report["event_count"]
    finally:
        with_store.close()


def test_bundled_app_imports_a_big_csv_with_its_helper_process(build, tmp_path):
    # a file past READ_AHEAD_BYTES is read by the frozen app started again as its helper
    from explorer.store import read_ahead

    app = str(build["bundle"] / NAME)
    env = user_env(tmp_path / "user", "offscreen")
    csv_path, db = tmp_path / "big.csv", tmp_path / "big.sqlite3"
    made = subprocess.run(
        [app, "generate", "--events", "90000", "--out", str(csv_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    assert csv_path.stat().st_size > read_ahead.READ_AHEAD_BYTES
    helper = subprocess.run(
        [app, read_ahead.HELPER_FLAG, str(csv_path), "big.csv", "256"],
        capture_output=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert helper.returncode == 0
    stream, messages = io.BytesIO(helper.stdout), []
    while (message := read_ahead._receive(stream)) is not None:
        messages.append(message)
    assert messages[-1] == ("end",)
    assert sum(len(lines) for m in messages[:-1] for lines, _, _ in m[1]) == 90_000
    done = subprocess.run(
        [app, "--db", str(db), "import", str(csv_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "imported 90000 new events" in done.stdout
