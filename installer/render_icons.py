"""Render the app icon from its one SVG into every size the installers ask for.

The SVG in ``src/pmdesk/resources/icons/`` is the only drawing; the PNGs (Linux
menus, the window icon at small sizes), the Windows ``.ico`` and the macOS
``.icns`` are rendered from it here and committed, so a build never needs a
display or a drawing tool. Run it again after changing the SVG:

    python installer/render_icons.py
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "src" / "pmdesk" / "resources" / "icons" / "pmdesk.svg"
#: Freedesktop hicolor sizes; 16-256 also go into the .ico, 16-512 into the .icns.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_name(size: int) -> str:
    return f"pmdesk-{size}.png"


def render_pngs(svg: Path, sizes: tuple[int, ...] = PNG_SIZES) -> dict[int, bytes]:
    """PNG bytes of the SVG at each size, drawn by Qt's own SVG renderer (as the app draws it)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 6.11 accepts only str here, though its stubs say bytes.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        out[size] = bytes(data.data())
    del app
    return out


def pack_ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding every ICO size (Pillow picks the best PNG for each)."""
    from PIL import Image

    largest = Image.open(io.BytesIO(pngs[max(ICO_SIZES)]))
    out = io.BytesIO()
    largest.save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return out.getvalue()


def pack_icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns; Pillow writes it on any OS, so the Mac build needs no iconutil."""
    from PIL import Image

    largest = Image.open(io.BytesIO(pngs[max(PNG_SIZES)]))
    out = io.BytesIO()
    largest.save(out, format="ICNS")
    return out.getvalue()


def write_all(icons_dir: Path, ico: Path, icns: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "src"))
    from pmdesk.fileio import atomic_write_bytes

    pngs = render_pngs(SVG)
    written: list[Path] = []
    for size, data in pngs.items():
        target = icons_dir / png_name(size)
        atomic_write_bytes(target, data)
        written.append(target)
    for target, data in ((ico, pack_ico(pngs)), (icns, pack_icns(pngs))):
        atomic_write_bytes(target, data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icons-dir", type=Path, default=SVG.parent)
    parser.add_argument("--ico", type=Path, default=ROOT / "installer" / "windows" / "pmdesk.ico")
    parser.add_argument("--icns", type=Path, default=ROOT / "installer" / "macos" / "pmdesk.icns")
    args = parser.parse_args(argv)
    for path in write_all(args.icons_dir, args.ico, args.icns):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
