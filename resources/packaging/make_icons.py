"""Render the app icon's SVG into the PNG sizes, the Windows .ico and the macOS .icns.

Run after editing resources/icons/<APP_ID>.svg, and commit what it writes:

    python resources/packaging/make_icons.py            # rewrite the generated icons
    python resources/packaging/make_icons.py --check    # exit 1 if they are out of date
                                                        # (pixels compared, +-2 per channel)

Qt renders (QSvgRenderer); the .ico and .icns containers are written here in plain Python, so
building needs neither Pillow nor iconutil.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

APP_ID = "org.timelineexplorer.TimelineExplorer"  # explorer.locations.APP_ID (not imported: no install needed)
ICONS = Path(__file__).resolve().parent.parent / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Windows: small sizes as classic 32-bit bitmaps (every shell reads them), 256 as PNG (Vista+).
ICO_BITMAP_SIZES = (16, 24, 32, 48, 64)
ICO_PNG_SIZES = (256,)
# macOS: the PNG-bearing types iconutil writes (the @2x types hold double the pixels).
ICNS_TYPES = (
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)


def png_name(size: int) -> str:
    """The file name of one generated PNG size."""
    return f"{APP_ID}-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent square image of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """The image encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bitmap(image: QImage) -> bytes:
    """A 32-bit BGRA DIB as an .ico entry wants it: bottom-up rows, then a 1-bit AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian ARGB32 is B, G, R, A in memory
        rows.append(bytes(row))
    mask_row = bytes(((size + 31) // 32) * 4)  # all zero: alpha decides, the mask is unused
    return header + b"".join(rows) + mask_row * size


def ico_bytes(renderer: QSvgRenderer) -> bytes:
    """A Windows .ico holding every size in ICO_BITMAP_SIZES and ICO_PNG_SIZES."""
    entries = [(s, ico_bitmap(render(renderer, s))) for s in ICO_BITMAP_SIZES]
    entries += [(s, png_bytes(render(renderer, s))) for s in ICO_PNG_SIZES]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, blob in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return out + directory + blobs


def icns_bytes(renderer: QSvgRenderer) -> bytes:
    """A macOS .icns of PNG entries."""
    body = b""
    for kind, size in ICNS_TYPES:
        blob = png_bytes(render(renderer, size))
        body += kind + struct.pack(">I", len(blob) + 8) + blob
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def generate(svg: Path, out: Path) -> list[Path]:
    """Write every generated icon for ``svg`` into ``out``; return the paths written."""
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (Qt needs it)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg} is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        path = out / png_name(size)
        path.write_bytes(png_bytes(render(renderer, size)))
        written.append(path)
    for path, data in (
        (out / f"{APP_ID}.ico", ico_bytes(renderer)),
        (out / f"{APP_ID}.icns", icns_bytes(renderer)),
    ):
        path.write_bytes(data)
        written.append(path)
    return written


def same_pixels(a: bytes, b: bytes, tolerance: int = 2) -> bool:
    """True when two PNG or raw-bitmap blobs show the same image (antialiasing may differ a bit)."""
    if a == b:
        return True
    if a.startswith(b"\x89PNG") and b.startswith(b"\x89PNG"):
        first, second = QImage.fromData(a), QImage.fromData(b)
        if first.size() != second.size():
            return False
        a = bytes(first.convertToFormat(QImage.Format.Format_ARGB32).constBits())
        b = bytes(second.convertToFormat(QImage.Format.Format_ARGB32).constBits())
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def entries(name: str, data: bytes) -> list[tuple[bytes, bytes]]:
    """(label, image) pairs in a generated file: the PNG itself, or each .ico or .icns entry."""
    if name.endswith(".ico"):
        count = struct.unpack_from("<H", data, 4)[0]
        found = []
        for i in range(count):
            label = data[6 + 16 * i : 6 + 16 * i + 8]  # width, height, colours, planes, depth
            size, offset = struct.unpack_from("<II", data, 6 + 16 * i + 8)
            found.append((label, data[offset : offset + size]))
        return found
    if name.endswith(".icns"):
        found, offset = [], 8
        while offset < len(data):
            kind, size = struct.unpack_from(">4sI", data, offset)
            found.append((kind, data[offset + 8 : offset + size]))
            offset += size
        return found
    return [(b"png", data)]


def stale(committed: Path, fresh: Path) -> list[str]:
    """Names of generated files whose committed copy shows other images than a fresh render."""
    differ = []
    for path in sorted(fresh.iterdir()):
        old = committed / path.name
        if not old.exists():
            differ.append(path.name)
            continue
        before, after = entries(path.name, old.read_bytes()), entries(path.name, path.read_bytes())
        if [label for label, _ in before] != [label for label, _ in after] or not all(
            same_pixels(x, y) for (_, x), (_, y) in zip(before, after, strict=True)
        ):
            differ.append(path.name)
    return differ


def main(argv: list[str] | None = None) -> int:
    """Regenerate the icons, or with --check report the ones out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument(
        "--icons", type=Path, default=ICONS, help="the folder with the SVG (default: icons/)"
    )
    options = parser.parse_args(argv)
    svg = options.icons / f"{APP_ID}.svg"
    if not options.check:
        for path in generate(svg, options.icons):
            print(path)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(svg, Path(tmp))
        differ = stale(options.icons, Path(tmp))
    for name in differ:
        print(f"out of date: {options.icons / name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
