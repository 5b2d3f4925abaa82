"""Build the one-folder bundle from the PyInstaller spec, then package it for users.

    python resources/packaging/build.py              # bundle, .tar.gz and (on Debian/Ubuntu) .deb
    python resources/packaging/build.py --no-bundle  # repackage the bundle already built

Everything lands in resources/packaging/out/ (ignored by git). On Windows and macOS only the
bundle (and its archive) is built here; the Inno Setup script and the .dmg recipe in the release
workflow wrap it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "out"
APP_ID = "org.timelineexplorer.TimelineExplorer"
NAME = "timeline-explorer"
INSTALL_DIR = Path("/opt") / NAME
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Timeline Explorer developers <dev@timelineexplorer.org>"
HOMEPAGE = "https://github.com/timelineexplorer/timeline-explorer"


def version() -> str:
    """The app's version, read from explorer/__init__.py without importing the package."""
    for line in (ROOT / "explorer" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("error: no __version__ in explorer/__init__.py")


def build_bundle(out: Path) -> Path:
    """Run PyInstaller on the spec into ``out``/dist; return the bundle folder."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
         str(HERE / "timeline-explorer.spec")],
        check=True,
    )  # fmt: skip
    return out / "dist" / NAME


def machine() -> str:
    """The architecture in Debian's words (amd64, arm64), or the platform's own name elsewhere."""
    if shutil.which("dpkg"):
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return platform.machine().lower()


def archive(bundle: Path, target: Path) -> Path:
    """The bundle folder as a .tar.gz whose single top folder is ``timeline-explorer``."""
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=NAME)
    return target


def is_elf(path: Path) -> bool:
    """True for an executable or shared library (Linux)."""
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def system_libraries(bundle: Path) -> set[Path]:
    """The system libraries the bundle loads but does not carry (libc, libGL, libxcb ...)."""
    elves = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    folders = sorted({str(p.parent) for p in elves})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(folders))
    found: set[Path] = set()
    for elf in elves:
        out = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "=>" in line and "/" in line.split("=>", 1)[1]:
                path = Path(line.split("=>", 1)[1].split()[0])
                if bundle not in path.parents:
                    found.add(path)
    return found


def debian_depends(bundle: Path) -> str:
    """Depends: the Debian packages owning the system libraries the bundle needs."""
    packages: set[str] = set()
    for library in system_libraries(bundle):
        for candidate in (library, library.resolve(), Path("/usr") / library.relative_to("/")):
            result = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
            if result.returncode == 0:
                packages.add(result.stdout.split(":", 1)[0].split(",")[0].strip())
                break
    glibc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True
    ).stdout.split("-")[0]
    # built on the oldest supported release: it runs where this glibc or a newer one is
    return ", ".join(f"{p} (>= {glibc})" if p == "libc6" and glibc else p for p in sorted(packages))


def copy_file(source: Path, target: Path, mode: int = 0o644) -> None:
    """Copy one file into the package tree with the given permissions."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def debian_tree(bundle: Path, root: Path) -> None:
    """Lay out the package: the bundle in /opt, the launcher, desktop file, icons, metainfo."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / INSTALL_DIR.relative_to("/"), symlinks=True)
    launcher = root / "usr" / "bin" / NAME
    launcher.parent.mkdir(parents=True)
    # a symlink: the bundle's loader finds its _internal folder through /proc/self/exe
    launcher.symlink_to(INSTALL_DIR / NAME)
    share = root / "usr" / "share"
    icons = ROOT / "resources" / "icons"
    desktop = ROOT / "resources" / "desktop"
    copy_file(desktop / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    copy_file(desktop / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    hicolor = share / "icons" / "hicolor"
    copy_file(icons / f"{APP_ID}.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        copy_file(icons / f"{APP_ID}-{size}.png", target)
    copy_file(ROOT / "LICENSE", share / "doc" / NAME / "copyright")
    for path in root.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)


def build_deb(bundle: Path, target: Path, *, fast: bool = False) -> Path:
    """A Debian package of the bundle; dpkg removes every file it installed on ``dpkg -r``.

    No maintainer scripts: the icon cache and the desktop database are refreshed by the
    triggers of hicolor-icon-theme and desktop-file-utils, so nothing is created outside the
    package's own file list and nothing is left behind on removal.
    """
    root = target.parent / "deb-root"
    debian_tree(bundle, root)
    size_kib = (
        sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    )
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {NAME}\n"
        f"Version: {version()}\n"
        f"Architecture: {machine()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {debian_depends(bundle)}\n"
        "Section: education\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        "Description: zoomable timeline of NATO-Afghanistan relations, 2001-2021\n"
        " The summits and ministerial meetings, the troop levels of ISAF and Resolute\n"
        " Support and the trust funds for the Afghan security forces on one zoomable\n"
        " timeline, with a detail pane and a source for every event.\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *(["-Zgzip", "-z1"] if fast else ["-Zxz"]),
         "--build", str(root), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    shutil.rmtree(root)  # a second copy of the bundle: only the .deb is wanted
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the bundle, its archive and (where dpkg-deb exists) the .deb; print what was made."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where to build (default: %(default)s)"
    )
    parser.add_argument("--no-bundle", action="store_true", help="reuse OUT/dist/" + NAME)
    parser.add_argument("--no-deb", action="store_true", help="skip the Debian package")
    parser.add_argument(
        "--fast", action="store_true", help="gzip -1 instead of xz for the .deb (tests; larger)"
    )
    options = parser.parse_args(argv)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    bundle = out / "dist" / NAME if options.no_bundle else build_bundle(out)
    if not bundle.is_dir():
        raise SystemExit(f"error: no bundle at {bundle}")
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, "other")
    made = [archive(bundle, out / f"{NAME}-{version()}-{system}-{machine()}.tar.gz")]
    if sys.platform.startswith("linux") and shutil.which("dpkg-deb") and not options.no_deb:
        deb = out / f"{NAME}_{version()}_{machine()}.deb"
        made.append(build_deb(bundle, deb, fast=options.fast))
    bundle_size = sum(
        p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()
    )
    print(f"{bundle}/  {bundle_size / 2**20:.1f} MiB")
    for path in made:
        print(f"{path}  {path.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
