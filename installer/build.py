"""Build the installable pmdesk: ``python installer/build.py`` (see docs/installing.md).

Runs PyInstaller on ``installer/pmdesk.spec`` into ``dist/pmdesk/`` (one folder,
executable ``dist/pmdesk/pmdesk``), records the build in ``build-info.json`` inside
it, checks that the bundle starts, and then packs it for the OS it runs on:

- Linux: ``dist/pmdesk-VERSION-linux-ARCH.tar.gz`` with install.sh, menu entry,
  icons and MIME type; with ``--appimage`` also an AppImage when ``appimagetool``
  is on PATH (an AppDir is left in ``build/`` either way).
- Windows: ``dist/pmdesk-VERSION-setup.exe`` when Inno Setup's ``iscc`` is on PATH.
- macOS: ``dist/pmdesk.app`` (made by the spec itself) and a ``.dmg`` of it.

Run it with the Python of the environment pmdesk is installed in (``pip install -e .``
plus ``pyinstaller``): PyInstaller bundles what that interpreter imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bundle_contents import APP_NAME, ROOT, machine, os_name, source_version

INSTALLER = ROOT / "installer"
ICONS = ROOT / "src" / "pmdesk" / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def run_pyinstaller(dist: Path, work: Path) -> Path:
    """PyInstaller on the spec, from scratch each time so a stale cache never ships."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(INSTALLER / "pmdesk.spec"),
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / APP_NAME


def executable(bundle: Path) -> Path:
    return bundle / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return out.stdout.strip() + ("-dirty" if dirty else "")


def build_info() -> dict[str, object]:
    """What this bundle is: the version from its one place, and where and when it was built."""
    import PySide6

    return {
        "name": APP_NAME,
        "version": source_version(),
        "commit": git_commit(),
        "built": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "os": os_name(),
        "arch": machine(),
        "python": ".".join(str(n) for n in sys.version_info[:3]),
        "qt": PySide6.__version__,
    }


def smoke_test(bundle: Path, version: str) -> None:
    """The bundle starts and reports the version it was built from."""
    exe = bundle / (f"{APP_NAME}-cli.exe" if sys.platform == "win32" else APP_NAME)
    if sys.platform == "darwin":
        exe = bundle / f"{APP_NAME}-cli"
    out = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    if out != f"{APP_NAME} {version}":
        raise SystemExit(f"{exe} --version says {out!r}, expected '{APP_NAME} {version}'")


def add_linux_files(bundle: Path) -> None:
    """The menu launcher goes beside the executable (the tarball and AppImage both use it)."""
    launcher = bundle / "pmdesk-launch"
    shutil.copy2(INSTALLER / "linux" / "pmdesk-launch", launcher)
    launcher.chmod(0o755)


def stage_share(share: Path) -> None:
    """The freedesktop files: menu entry, MIME type, hicolor icons."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(INSTALLER / "linux" / "pmdesk.desktop", share / "applications" / "pmdesk.desktop")
    (share / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    mime = share / "mime" / "packages" / "pmdesk.xml"
    shutil.copy2(INSTALLER / "linux" / "pmdesk-mime.xml", mime)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS / "pmdesk.svg", scalable / "pmdesk.svg")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ICONS / f"pmdesk-{size}.png", folder / "pmdesk.png")


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Reproducible-ish and owner-neutral: unpacking as root must not create files owned by
    # the build machine's user, and everyone may read what is installed system-wide.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = (info.mode | 0o444 | (0o111 if info.mode & 0o100 else 0)) & 0o755
    return info


def make_tarball(bundle: Path, dist: Path, work: Path, version: str) -> Path:
    name = f"{APP_NAME}-{version}-linux-{machine()}"
    stage = work / name
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copytree(bundle, stage / APP_NAME, symlinks=True)
    stage_share(stage / "share")
    shutil.copy2(INSTALLER / "linux" / "install.sh", stage / "install.sh")
    (stage / "install.sh").chmod(0o755)
    shutil.copy2(INSTALLER / "linux" / "README.txt", stage / "README.txt")
    tarball = dist / f"{name}.tar.gz"
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name, filter=_tar_filter)
    return tarball


def make_appdir(bundle: Path, work: Path) -> Path:
    """An AppDir (AppRun + desktop entry + icon) that appimagetool turns into an AppImage."""
    appdir = work / "pmdesk.AppDir"
    if appdir.exists():
        shutil.rmtree(appdir)
    (appdir / "usr" / "lib").mkdir(parents=True)
    shutil.copytree(bundle, appdir / "usr" / "lib" / APP_NAME, symlinks=True)
    stage_share(appdir / "usr" / "share")
    apprun = appdir / "AppRun"
    apprun.write_text(
        '#!/bin/sh\nhere=$(dirname "$(readlink -f "$0")")\n'
        'exec "$here/usr/lib/pmdesk/pmdesk-launch" "$@"\n',
        encoding="utf-8",
    )
    apprun.chmod(0o755)
    shutil.copy2(INSTALLER / "linux" / "pmdesk.desktop", appdir / "pmdesk.desktop")
    shutil.copy2(ICONS / "pmdesk-256.png", appdir / "pmdesk.png")
    (appdir / ".DirIcon").symlink_to("pmdesk.png")
    return appdir


def make_appimage(appdir: Path, dist: Path, version: str) -> Path | None:
    tool = shutil.which("appimagetool")
    if tool is None:
        print(f"appimagetool is not on PATH: AppDir left at {appdir} (see docs/installing.md)")
        return None
    target = dist / f"{APP_NAME}-{version}-{machine()}.AppImage"
    env = dict(os.environ, ARCH=machine(), VERSION=version)
    subprocess.run([tool, "--no-appstream", str(appdir), str(target)], check=True, env=env)
    return target


def make_windows_setup(dist: Path, version: str) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("Inno Setup's iscc is not on PATH: only dist/pmdesk/ was built")
        return None
    script = INSTALLER / "windows" / "pmdesk.iss"
    subprocess.run(
        [iscc, f"/DAppVersion={version}", f"/DDistDir={dist}", f"/O{dist}", str(script)],
        check=True,
    )
    return dist / f"{APP_NAME}-{version}-setup.exe"


def make_dmg(dist: Path, version: str) -> Path | None:
    """A compressed disk image of pmdesk.app (hdiutil ships with macOS)."""
    hdiutil = shutil.which("hdiutil")
    if hdiutil is None:
        return None
    target = dist / f"{APP_NAME}-{version}-macos-{machine()}.dmg"
    app = dist / f"{APP_NAME}.app"
    command = [hdiutil, "create", "-volname", "pmdesk", "-srcfolder", str(app), "-ov"]
    subprocess.run([*command, "-format", "UDZO", str(target)], check=True)
    return target


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the pmdesk bundle and its packages.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument(
        "--bundle-only", action="store_true", help="only dist/pmdesk/, no tarball or installer"
    )
    parser.add_argument("--appimage", action="store_true", help="Linux: also build an AppImage")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    started = time.monotonic()
    version = source_version()
    bundle = run_pyinstaller(dist, work / "pyinstaller")
    info = build_info()
    (bundle / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    if sys.platform.startswith("linux"):
        add_linux_files(bundle)
    smoke_test(bundle, version)
    built = time.monotonic() - started
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:.0f} MiB, built in {built:.0f} s)")

    if not args.bundle_only:
        if sys.platform.startswith("linux"):
            tarball = make_tarball(bundle, dist, work, version)
            print(f"tarball: {tarball} ({tarball.stat().st_size / 2**20:.0f} MiB)")
            if args.appimage:
                appimage = make_appimage(make_appdir(bundle, work), dist, version)
                if appimage is not None:
                    print(f"AppImage: {appimage}")
        elif sys.platform == "win32":
            setup = make_windows_setup(dist, version)
            if setup is not None:
                print(f"installer: {setup}")
        elif sys.platform == "darwin":
            print(f"app: {dist / (APP_NAME + '.app')}")
            dmg = make_dmg(dist, version)
            if dmg is not None:
                print(f"disk image: {dmg}")
    print(f"total: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
