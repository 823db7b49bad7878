"""Render the application icon from resources/icons/steward-app.svg into every file a platform
asks for: PNGs in the usual sizes (Linux, the window icon), a Windows .ico and a macOS .icns.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Run it after editing the SVG and commit what it writes. Qt's own ICO and ICNS writers store one
size per file, so the two containers are written here: both simply hold the PNGs.
"""

from __future__ import annotations

import struct
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from steward_app.bundled import ICON_SIZES, icon_files, resource_path

ICONS = resource_path("icons")
SOURCE = ICONS / "steward-app.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can say
# ICNS entry types holding PNG data, by pixel size (Apple's icns format)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at size x size pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG images (read by Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    return header + entries + payload


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS container of PNG images (read by macOS 10.7 and later)."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size, kind in sorted(ICNS_TYPES.items())
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"Qt could not read {SOURCE}; check the SVG is well formed.", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in ICON_SIZES}
    for path, data in zip(icon_files(), pngs.values(), strict=True):
        path.write_bytes(data)
    (ICONS / "steward-app.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "steward-app.icns").write_bytes(icns(pngs))
    print(f"Wrote {len(pngs)} PNGs, steward-app.ico and steward-app.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
