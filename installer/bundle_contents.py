"""What goes into the pmdesk bundle and what stays out, shared by the spec, build.py and tests.

Kept apart from the spec so that the lists can be read (and checked) without
running PyInstaller: the bundle test asserts that nothing named here as left
out turns up in the built folder.
"""

from __future__ import annotations

import fnmatch
import platform
import posixpath
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "pmdesk"
APP_ID = "org.pmdesk.pmdesk"
#: The MIME type Linux desktops and the Windows/macOS installers associate with .pmreview files.
PMREVIEW_MIME = "application/x-pmreview"

#: Qt modules pmdesk imports; everything else in PySide6-Essentials stays out.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg")

#: PySide6-Essentials modules pmdesk does not use (QtPrintSupport too: reports are reportlab PDFs).
QT_MODULES_EXCLUDED = (
    "QtConcurrent",
    "QtDBus",
    "QtDesigner",
    "QtHelp",
    "QtNetwork",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtSql",
    "QtSvgWidgets",
    "QtTest",
    "QtUiTools",
    "QtXml",
)

#: Test, development and build tools that must never ship (they are in the dev venv).
DEV_MODULES_EXCLUDED = (
    "_pytest",
    "pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "importlinter",
    "grimp",
    "jsonschema",
    "jsonschema_specifications",
    "pypdf",
    "PyInstaller",
    "pip",
    "setuptools",
    "pkg_resources",
    "IPython",
    "tkinter",
    "_tkinter",
    "pydoc_data",
    "lib2to3",
)

#: Pillow plugins reportlab never needs (it embeds PNG and JPEG); each brings its own codec.
PIL_MODULES_EXCLUDED = (
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PIL.ImageShow",
)

EXCLUDED_MODULES = (
    tuple(f"PySide6.{name}" for name in QT_MODULES_EXCLUDED)
    + DEV_MODULES_EXCLUDED
    + PIL_MODULES_EXCLUDED
)

#: Shared libraries, Qt plugins and data that PyInstaller's Qt hooks collect but pmdesk never loads.
#: Matched with fnmatch against the destination path inside the bundle (``/`` separators).
EXCLUDED_FILES = (
    # Qt libraries of the modules above, pulled in by plugins we also drop
    "*/libQt6Network.so*",
    "*/libQt6Qml*.so*",
    "*/libQt6Quick*.so*",
    "*/libQt6Pdf*.so*",
    "*/libQt6VirtualKeyboard*.so*",
    "*/libQt6Test.so*",
    "*/libQt6Sql.so*",
    "*/libQt6Designer*.so*",
    # Plugins: no network, no SQL drivers, no virtual keyboard, no PDF images, no TLS backends
    "*/plugins/tls/*",
    "*/plugins/networkinformation/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/platforminputcontexts/*",
    "*/plugins/imageformats/libqpdf.so",
    "*/plugins/imageformats/libqtiff.so",
    "*/plugins/imageformats/libqwebp.so",
    "*/plugins/imageformats/libqicns.so",
    "*/plugins/imageformats/libqtga.so",
    "*/plugins/imageformats/libqwbmp.so",
    "*/plugins/generic/*",
    "*/plugins/platforms/libqvnc.so",
    "*/plugins/platforms/libqvkkhrdisplay.so",
    "*/plugins/platforms/libqeglfs.so",
    "*/plugins/platforms/libqlinuxfb.so",
    "*/plugins/platforms/libqminimalegl.so",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/platformthemes/libqgtk3.so",
    "*/libQt6EglFS*.so*",
    # Qt's own translations: pmdesk installs no QTranslator, so Qt would never load them
    "*/Qt/translations/*",
    # Build-time only data of the packages we keep
    "*/__pycache__/*",
    "*.pyi",
    "*/py.typed",
)


def is_excluded_file(dest: str) -> bool:
    """Whether a bundle destination path matches one of EXCLUDED_FILES."""
    path = "/" + dest.replace("\\", "/").lstrip("/")
    return any(fnmatch.fnmatch(path, pattern) for pattern in EXCLUDED_FILES)


def is_dependency_library(dest: str) -> bool:
    """A shared library that is only in the bundle because something else links to it.

    Extension modules, Qt plugins and the Python library itself are entry points;
    everything at the top of the bundle, in Qt's lib folder or in a wheel's
    ``*.libs`` folder is there to satisfy someone's link-time needs.
    """
    path = dest.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if not (name.startswith("lib") and ".so" in name) or name.startswith("libpython"):
        return False
    folder = path.rpartition("/")[0]
    return folder == "" or folder.endswith(("Qt/lib", ".libs"))


def prune_unlinked(
    binaries: list[tuple[str, str, str]], needed: Callable[[str], Iterable[str]]
) -> list[tuple[str, str, str]]:
    """Drop dependency libraries that no kept extension, plugin or library links to.

    PyInstaller resolves a plugin's dependencies before the spec can drop the
    plugin, so dropping e.g. the GTK platform theme would leave GTK, cairo and
    pango behind. ``needed(src)`` names the libraries ``src`` links to (ldd).
    """
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in binaries:
        by_name.setdefault(entry[0].replace("\\", "/").rsplit("/", 1)[-1], []).append(entry)
    queue = [entry for entry in binaries if not is_dependency_library(entry[0])]
    kept = {id(entry) for entry in queue}
    while queue:
        entry = queue.pop()
        for name in needed(entry[1]):
            for dep in by_name.get(name.rsplit("/", 1)[-1], ()):
                if id(dep) not in kept:
                    kept.add(id(dep))
                    queue.append(dep)
    return [entry for entry in binaries if id(entry) in kept]


def drop_dangling_links(
    entries: list[tuple[str, str, str]], present: set[str]
) -> list[tuple[str, str, str]]:
    """Drop SYMLINK entries whose target (a path relative to the link) is no longer collected."""
    kept = []
    for dest, src, typecode in entries:
        if typecode == "SYMLINK":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), src))
            if target.replace("\\", "/") not in present:
                continue
        kept.append((dest, src, typecode))
    return kept


def source_version() -> str:
    """pmdesk's version as written in its one place, ``src/pmdesk/_version.py``."""
    namespace: dict[str, object] = {}
    exec((ROOT / "src" / "pmdesk" / "_version.py").read_text(encoding="utf-8"), namespace)
    version = namespace["__version__"]
    assert isinstance(version, str)
    return version


def windows_version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers of a Windows version resource, from a PEP 440 version.

    Only the release part counts (``1.2.3rc1+local`` is 1.2.3.0): Windows compares
    these numbers, so a pre-release must not look newer than its release.
    """
    match = re.match(r"\s*v?(\d+(?:\.\d+)*)", version)
    parts = [int(p) for p in match.group(1).split(".")] if match else []
    numbers = [min(n, 0xFFFF) for n in [*parts[:3], 0, 0, 0][:3]]
    return numbers[0], numbers[1], numbers[2], 0


def machine() -> str:
    """The architecture name used in artefact file names (x86_64, aarch64, arm64, amd64)."""
    return platform.machine().lower() or "unknown"


def os_name() -> str:
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    return sys.platform
