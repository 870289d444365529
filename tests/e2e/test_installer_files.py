"""The installer's files without building a bundle: menu entry, icons, install.sh, lists.

These run everywhere in a few seconds; ``test_bundle.py`` builds and runs the real thing.
"""

from __future__ import annotations

import importlib.metadata
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import pmdesk
from pmdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "src" / "pmdesk" / "resources" / "icons"
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX shell")


# --- version: one place --------------------------------------------------------------


def test_version_has_one_source(contents: ModuleType) -> None:
    assert contents.source_version() == pmdesk.__version__
    assert importlib.metadata.version("pmdesk") == pmdesk.__version__, (
        "installed metadata is stale: run pip install -e . (the spec refuses to build so)"
    )


@given(st.text(max_size=30))
def test_windows_version_numbers_always_fit_a_version_resource(
    contents: ModuleType, text: str
) -> None:
    numbers = contents.windows_version_numbers(text)
    assert len(numbers) == 4
    assert all(0 <= n <= 0xFFFF for n in numbers)
    assert numbers[3] == 0


@given(
    st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=5),
    st.sampled_from(["", "rc1", "a2", ".dev3", "+local.7", ".post1"]),
)
def test_windows_version_numbers_keep_the_release_part(
    contents: ModuleType, release: list[int], suffix: str
) -> None:
    version = ".".join(map(str, release)) + suffix
    expected = [*release, 0, 0, 0][:3]
    assert contents.windows_version_numbers(version) == (*expected, 0)


# --- what the bundle leaves out ------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "excluded"),
    [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("libQt6Network.so.6", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("pmdesk/resources/icons/pmdesk.svg", False),
        ("pmdesk/store/migrations/versions/0001_first_schema_reviews_and_their_parts.py", False),
        ("PySide6\\Qt\\plugins\\tls\\qopensslbackend.dll", True),
    ],
)
def test_excluded_files(contents: ModuleType, dest: str, excluded: bool) -> None:
    assert contents.is_excluded_file(dest) is excluded


def test_used_qt_modules_are_never_excluded(contents: ModuleType) -> None:
    assert not set(contents.QT_MODULES_USED) & set(contents.QT_MODULES_EXCLUDED)
    assert "pmdesk" not in contents.EXCLUDED_MODULES


def _imports_of(source_root: Path) -> set[str]:
    found: set[str] = set()
    for path in source_root.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.replace(",", " ").split()
            for word in words:
                if word.startswith("PySide6.Qt"):
                    found.add(word.split(".")[1])
    return found


def test_every_qt_module_pmdesk_imports_is_kept(contents: ModuleType) -> None:
    used = _imports_of(ROOT / "src" / "pmdesk")
    assert used, "found no Qt imports at all; the scan is broken"
    assert used <= set(contents.QT_MODULES_USED), (
        f"pmdesk now imports {sorted(used - set(contents.QT_MODULES_USED))}: add to "
        "QT_MODULES_USED (and take out of QT_MODULES_EXCLUDED) in installer/bundle_contents.py"
    )


LIB_NAMES = [f"lib{c}.so.1" for c in "abcdefgh"]
ROOT_NAMES = ["PySide6/QtCore.abi3.so", "PySide6/Qt/plugins/platforms/libqxcb.so", "x/_ext.so"]


@given(
    st.dictionaries(
        st.sampled_from(LIB_NAMES + ROOT_NAMES),
        st.lists(st.sampled_from([*LIB_NAMES, "libc.so.6"]), max_size=4),
    )
)
def test_prune_keeps_exactly_what_the_entry_points_link_to(
    contents: ModuleType, links: dict[str, list[str]]
) -> None:
    entries = [(dest, f"/src/{dest}", "BINARY") for dest in LIB_NAMES + ROOT_NAMES]

    def needed(src: str) -> list[str]:
        return links.get(src.removeprefix("/src/"), [])

    kept = {dest for dest, _, _ in contents.prune_unlinked(entries, needed)}
    reachable = set(ROOT_NAMES)
    frontier = list(ROOT_NAMES)
    while frontier:
        for name in links.get(frontier.pop(), []):
            if name in LIB_NAMES and name not in reachable:
                reachable.add(name)
                frontier.append(name)
    assert kept == reachable


def test_dangling_symlinks_go_with_their_target(contents: ModuleType) -> None:
    entries = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/libQt6Gui.so.6", "BINARY"),
    ]
    present = {"PySide6/Qt/lib/libQt6Gui.so.6"}
    assert contents.drop_dangling_links(entries, present) == [entries[0], entries[2]]


# --- icon -----------------------------------------------------------------------------


def test_icon_svg_is_the_window_icon_and_parses() -> None:
    root = ElementTree.parse(ICONS / "pmdesk.svg").getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 256 256"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_sizes_match_their_names(size: int) -> None:
    with Image.open(ICONS / f"pmdesk-{size}.png") as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        corner = image.getpixel((0, 0))
        centre = image.getpixel((size // 2, size // 2))
    assert isinstance(corner, tuple) and corner[3] == 0, "rounded corners are transparent"
    assert isinstance(centre, tuple) and centre[3] == 255


def test_ico_and_icns_hold_the_sizes_installers_ask_for() -> None:
    with Image.open(INSTALLER / "windows" / "pmdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(INSTALLER / "macos" / "pmdesk.icns") as icns:
        assert (512, 512) in {size[:2] for size in icns.info["sizes"]}


def test_committed_pngs_are_rendered_from_the_current_svg(tmp_path: Path) -> None:
    out = tmp_path / "icons"
    out.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [
            sys.executable,
            str(INSTALLER / "render_icons.py"),
            "--icons-dir",
            str(out),
            "--ico",
            str(tmp_path / "x.ico"),
            "--icns",
            str(tmp_path / "x.icns"),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    for size in (16, 48, 256):
        with (
            Image.open(out / f"pmdesk-{size}.png") as fresh,
            Image.open(ICONS / f"pmdesk-{size}.png") as committed,
        ):
            a, b = fresh.convert("RGBA").tobytes(), committed.convert("RGBA").tobytes()
        worst = max(abs(x - y) for x, y in zip(a, b, strict=True))
        assert worst <= 8, f"pmdesk-{size}.png is stale: run python installer/render_icons.py"


# --- Linux menu entry and MIME type ----------------------------------------------------


def test_desktop_entry_is_complete(freedesktop: ModuleType, contents: ModuleType) -> None:
    keys = freedesktop.parse_entry((INSTALLER / "linux" / "pmdesk.desktop").read_text("utf-8"))
    assert keys["Type"] == "Application"
    assert keys["Name"] == "pmdesk"
    assert keys["Icon"] == "pmdesk"
    assert keys["Terminal"] == "false"
    assert freedesktop.split_exec(keys["Exec"]) == ["pmdesk-launch", "%f"]
    assert keys["MimeType"].rstrip(";").split(";") == [contents.PMREVIEW_MIME]
    assert keys["Categories"].endswith(";")
    _validate(INSTALLER / "linux" / "pmdesk.desktop")


def _validate(entry: Path) -> None:
    """desktop-file-validate (desktop-file-utils), where it is installed, must have no complaint."""
    validator = shutil.which("desktop-file-validate")
    if validator:
        result = subprocess.run([validator, entry], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_mime_type_matches_pmreview_files(contents: ModuleType) -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ElementTree.parse(INSTALLER / "linux" / "pmdesk-mime.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == contents.PMREVIEW_MIME
    glob = mime.find("m:glob", ns)
    assert glob is not None and glob.get("pattern") == "*.pmreview"


def test_launcher_opens_files_with_a_command_the_cli_has() -> None:
    launcher = (INSTALLER / "linux" / "pmdesk-launch").read_text("utf-8")
    assert 'open "$1"' in launcher
    assert build_parser().parse_args(["open", "x.pmreview"]).file == Path("x.pmreview")


# --- install.sh with a stand-in bundle -------------------------------------------------


def _fake_tarball(build: ModuleType, where: Path) -> Path:
    """The tarball's layout with a tiny script standing in for the bundled executable."""
    stage = where / "pmdesk-0-linux"
    bundle = stage / "pmdesk"
    bundle.mkdir(parents=True)
    exe = bundle / "pmdesk"
    exe.write_text('#!/bin/sh\necho "pmdesk-stand-in $*"\n', encoding="utf-8")
    exe.chmod(0o755)
    build.add_linux_files(bundle)
    build.stage_share(stage / "share")
    shutil.copy2(INSTALLER / "linux" / "install.sh", stage / "install.sh")
    (stage / "install.sh").chmod(0o755)
    return stage


def _install(stage: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        ["sh", str(stage / "install.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


@LINUX_ONLY
def test_install_for_the_user_then_uninstall(build: ModuleType, tmp_path: Path) -> None:
    stage = _fake_tarball(build, tmp_path / "unpacked")
    home = tmp_path / "home"
    home.mkdir()
    reviews = home / ".local" / "share" / "pmdesk" / "library.pmdesk"
    reviews.parent.mkdir(parents=True)
    reviews.write_bytes(b"the user's reviews")

    result = _install(stage, home)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    app = home / ".local" / "lib" / "pmdesk"
    assert (home / ".local" / "bin" / "pmdesk").resolve() == (app / "pmdesk").resolve()
    assert (share / "applications" / "pmdesk.desktop").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "pmdesk.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "pmdesk.svg").is_file()
    assert (share / "mime" / "packages" / "pmdesk.xml").is_file()
    assert stat.S_IMODE((app / "pmdesk-launch").stat().st_mode) & 0o111

    out = subprocess.run([str(app / "pmdesk-launch"), "a b.pmreview"], capture_output=True)
    assert out.stdout.decode().strip() == "pmdesk-stand-in open a b.pmreview"

    result = _install(stage, home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not app.exists()
    assert not (home / ".local" / "bin" / "pmdesk").exists()
    assert not (share / "applications" / "pmdesk.desktop").exists()
    assert not (share / "icons" / "hicolor" / "48x48" / "apps" / "pmdesk.png").exists()
    assert reviews.read_bytes() == b"the user's reviews", "uninstall must keep the reviews"


# Folder names a person might pick, plus every character the Exec quoting rules single out.
FOLDER_NAMES = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 _-.'\"`$\\%;&()[]#=~é日")),
    min_size=1,
    max_size=16,
).filter(lambda name: name not in {".", ".."} and not name.startswith("-"))


@LINUX_ONLY
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=FOLDER_NAMES)
def test_menu_entry_starts_the_installed_launcher_whatever_the_folder_is_called(
    build: ModuleType, freedesktop: ModuleType, tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    base = tmp_path_factory.mktemp("prefix")
    stage = _fake_tarball(build, base / "unpacked")
    prefix = base / name
    result = _install(stage, base, "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    entry = (prefix / "share" / "applications" / "pmdesk.desktop").read_text("utf-8")
    keys = freedesktop.parse_entry(entry)
    argv = freedesktop.split_exec(keys["Exec"])
    assert argv == [str(prefix / "lib" / "pmdesk" / "pmdesk-launch"), "%f"]
    assert "TryExec" not in keys
    assert Path(argv[0]).is_file()
    _validate(prefix / "share" / "applications" / "pmdesk.desktop")


@LINUX_ONLY
def test_install_refuses_a_folder_name_with_a_line_break(build: ModuleType, tmp_path: Path) -> None:
    stage = _fake_tarball(build, tmp_path / "unpacked")
    result = _install(stage, tmp_path, "--prefix", str(tmp_path / "a\nb"))
    assert result.returncode == 2
    assert "line break" in result.stderr
    assert not (tmp_path / "a\nb").exists()


# --- Windows and macOS files use the same bundle -----------------------------------------


def test_inno_setup_script_installs_the_spec_output() -> None:
    iss = (INSTALLER / "windows" / "pmdesk.iss").read_text("utf-8")
    assert 'Source: "{#BundleDir}\\*"' in iss
    assert "SetupIconFile={#SourcePath}pmdesk.ico" in iss
    assert (INSTALLER / "windows" / "pmdesk.ico").is_file()
    assert '""{app}\\pmdesk.exe"" open ""%1""' in iss
    assert 'GetStringFileInfo(AddBackslash(BundleDir) + "pmdesk.exe", "ProductVersion")' in iss


def test_spec_builds_the_app_bundle_and_windows_executables_from_one_analysis() -> None:
    spec = (INSTALLER / "pmdesk.spec").read_text("utf-8")
    assert spec.count("Analysis(") == 1
    assert 'copy_metadata("pmdesk")' in spec
    assert "BUNDLE(" in spec and "pmdesk.icns" in spec
    assert 'f"{APP_NAME}-cli"' in spec


def test_readme_in_tarball_names_the_data_folder() -> None:
    text = (INSTALLER / "linux" / "README.txt").read_text("utf-8")
    assert "~/.local/share/pmdesk" in text
    assert io.StringIO(text).readline().startswith("pmdesk")


@LINUX_ONLY
def test_appdir_runs_the_bundle_through_the_launcher(build: ModuleType, tmp_path: Path) -> None:
    stage = _fake_tarball(build, tmp_path / "unpacked")
    appdir = build.make_appdir(stage / "pmdesk", tmp_path / "work")
    for name in ("AppRun", "pmdesk.desktop", "pmdesk.png", ".DirIcon"):
        assert (appdir / name).exists(), name
    with Image.open(appdir / ".DirIcon") as icon:
        assert icon.size == (256, 256)
    out = subprocess.run(
        [str(appdir / "AppRun"), "x.pmreview"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "pmdesk-stand-in open x.pmreview"
    _validate(appdir / "pmdesk.desktop")
