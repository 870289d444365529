"""Build the Linux bundle with ``installer/build.py`` and use it as a facilitator would.

Marked ``bundle``: it runs PyInstaller (about a minute on two cores), so skip it
locally with ``-m "not bundle"``; CI runs it. The bundle is used from the unpacked
tarball (another folder than it was built in), with a bare environment (no venv,
no PYTHONPATH, only /usr/bin:/bin on PATH) and its own home folder.
Set PMDESK_REQUIRE_BUNDLE=1 to make a missing PyInstaller a failure instead of a skip.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "pmdesk" / "resources" / "samples" / "checkout-failover.review.json"
SAMPLE_ID = "sample-checkout-failover"
SAMPLE_TITLE = "Checkout failures after a database failover"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux builds here"),
]


@dataclass(frozen=True)
class Built:
    unpacked: Path  # the tarball's top folder, unpacked elsewhere
    bundle: Path  # unpacked/pmdesk: the one-folder bundle
    tarball: Path
    home: Path
    build_seconds: float

    @property
    def exe(self) -> Path:
        return self.bundle / "pmdesk"

    def env(self, **extra: str) -> dict[str, str]:
        """A bare environment: nothing from the developer's Python leaks in."""
        env = {
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        env.update(extra)
        return env

    def run(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.exe), *args],
            capture_output=True,
            text=True,
            env=self.env(**env),
            cwd=self.home,
            timeout=180,
            check=False,
        )
        if check:
            assert result.returncode == 0, f"pmdesk {' '.join(args)}: {result.stderr}"
        return result


def _say(request: pytest.FixtureRequest, line: str) -> None:
    """Print past pytest's capture, so CI logs show build time and size."""
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if capture is None:
        print(f"bundle: {line}")
        return
    with capture.global_and_fixture_disabled():
        print(f"\nbundle: {line}", flush=True)


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def built(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    run_with_progress: Callable[..., subprocess.CompletedProcess[str]],
) -> Iterator[Built]:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is not installed (pip install pyinstaller)"
        if os.environ.get("PMDESK_REQUIRE_BUNDLE"):
            pytest.fail(message)
        pytest.skip(message)
    started = time.monotonic()
    out = tmp_path_factory.mktemp("build")
    _say(request, "building the bundle with PyInstaller (1-2 minutes on two cores)")
    result = run_with_progress(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        lambda line: _say(request, line),
        cwd=ROOT,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    build_seconds = time.monotonic() - started
    (tarball,) = (out / "dist").glob("pmdesk-*-linux-*.tar.gz")
    unpack = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as tar:
        tar.extractall(unpack, filter="tar")
    (unpacked,) = unpack.iterdir()
    home = tmp_path_factory.mktemp("home")
    built = Built(unpacked, unpacked / "pmdesk", tarball, home, build_seconds)
    _say(
        request,
        f"built in {build_seconds:.0f} s; folder {_size(out / 'dist' / 'pmdesk') / 2**20:.0f} MiB,"
        f" tarball {tarball.stat().st_size / 2**20:.0f} MiB",
    )
    yield built
    _say(request, f"build + every run: {time.monotonic() - started:.0f} s")


@pytest.fixture(scope="module")
def contents() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_contents_for_bundle_test", ROOT / "installer" / "bundle_contents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _review_json(pmreview: Path) -> dict[str, object]:
    with zipfile.ZipFile(pmreview) as archive:
        data = json.loads(archive.read("review.json"))
    assert isinstance(data, dict)
    return data


def test_version_agrees_with_the_package_metadata(built: Built) -> None:
    expected = importlib.metadata.version("pmdesk")
    assert built.run("--version").stdout.strip() == f"pmdesk {expected}"
    info = json.loads((built.bundle / "build-info.json").read_text("utf-8"))
    assert info["version"] == expected
    (metadata,) = (built.bundle / "_internal").glob("pmdesk-*.dist-info")
    assert f"Version: {expected}\n" in (metadata / "METADATA").read_text("utf-8")


def test_new_library_goes_to_the_user_data_folder_not_the_bundle(built: Built) -> None:
    before = _tree(built.unpacked)
    listing = built.run("list").stdout
    library = built.home / "data" / "pmdesk" / "library.pmdesk"
    assert library.is_file(), "a new library (all migrations run) is made in the data folder"
    assert SAMPLE_TITLE in listing, "the new library starts with the sample review"
    assert built.run("list").stdout == listing, "opening it again loses nothing"
    assert _tree(built.unpacked) == before, "the bundle folder must never be written to"


def test_import_export_round_trip_through_two_new_libraries(built: Built, tmp_path: Path) -> None:
    first, second = tmp_path / "first.pmdesk", tmp_path / "second.pmdesk"
    one, two = tmp_path / "one.pmreview", tmp_path / "two.pmreview"
    imported = built.run("--library", str(first), "import-review", str(SAMPLE), "--replace")
    assert SAMPLE_ID in imported.stdout
    built.run("--library", str(first), "export-review", SAMPLE_ID, "-o", str(one))
    built.run("import-review", str(one), "--replace", PMDESK_LIBRARY=str(second))
    built.run("export-review", SAMPLE_ID, "-o", str(two), PMDESK_LIBRARY=str(second))
    exported = _review_json(one)
    assert exported == _review_json(two)
    review = exported["review"]
    assert isinstance(review, dict)
    assert (review["id"], review["title"]) == (SAMPLE_ID, SAMPLE_TITLE)
    assert exported == json.loads(SAMPLE.read_text("utf-8")), "import then export equals the file"


def test_bad_input_is_one_sentence_from_the_bundle_too(built: Built, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pmreview"
    broken.write_bytes(b"not a zip at all")
    library = str(tmp_path / "l.pmdesk")
    result = built.run("--library", library, "import-review", str(broken), check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("pmdesk: ")
    assert "Traceback" not in result.stderr


def test_pdf_report_from_the_bundle(built: Built, tmp_path: Path) -> None:
    if " report " not in built.run("--help").stdout:
        pytest.skip("`pmdesk report` has not landed in the CLI yet; the round trip covers export")
    from pypdf import PdfReader

    library = str(tmp_path / "r.pmdesk")
    out = tmp_path / "engineering.pdf"
    built.run(
        "--library", library, "report", SAMPLE_ID, "--audience", "engineering",
        "--format", "pdf", "-o", str(out),
    )  # fmt: skip
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert len(reader.pages) >= 1
    assert SAMPLE_TITLE in " ".join(text.split())
    assert "\u25a0" not in text, "every character has a glyph in the bundled fonts"


def test_word_report_from_the_bundle(built: Built, tmp_path: Path) -> None:
    if " report " not in built.run("--help").stdout:
        pytest.skip("`pmdesk report` has not landed in the CLI yet")
    from docx import Document

    out = tmp_path / "leadership.docx"
    built.run(
        "--library", str(tmp_path / "w.pmdesk"), "report", SAMPLE_ID, "--audience", "leadership",
        "--format", "docx", "-o", str(out),
    )  # fmt: skip
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert SAMPLE_TITLE in text, "python-docx found its templates inside the bundle"


def test_the_window_draws_from_the_bundle(built: Built, tmp_path: Path) -> None:
    library = str(tmp_path / "g.pmdesk")
    shot = tmp_path / "overview.png"
    built.run("--library", library, "snapshot", SAMPLE_ID, "--view", "overview", "-o", str(shot))
    with Image.open(shot) as image:
        assert image.size == (1280, 800)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50, "text and widgets were drawn, not a blank"


def _start_and_stop(built: Built, env: dict[str, str], data: Path, log: Path) -> str:
    """Start the app, wait until its window has opened the library, end it; its stderr."""
    library = data / "pmdesk" / "library.pmdesk"
    with log.open("wb") as stderr:
        app = subprocess.Popen([str(built.exe)], env=env, stderr=stderr, cwd=built.home)
        try:
            deadline = time.monotonic() + 120
            while not library.exists() and app.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            assert app.poll() is None, f"the app ended early: {log.read_text(errors='replace')}"
            assert library.exists(), "the window never opened its library"
        finally:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
    return text


def test_the_app_starts_and_opens_its_library(built: Built, tmp_path: Path) -> None:
    data = tmp_path / "gui-data"
    _start_and_stop(built, built.env(XDG_DATA_HOME=str(data)), data, tmp_path / "stderr.txt")


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A virtual X screen (Xvfb), for the window as a desktop shows it (xcb, not offscreen)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_window_opens_on_an_x_display(built: Built, tmp_path: Path, x_display: str) -> None:
    data = tmp_path / "x-data"
    env = built.env(XDG_DATA_HOME=str(data), DISPLAY=x_display)
    del env["QT_QPA_PLATFORM"]
    text = _start_and_stop(built, env, data, tmp_path / "stderr.txt")
    assert "qt.qpa.plugin" not in text, text
    assert "could not load" not in text.lower(), text


def test_bundle_leaves_out_dev_packages_and_unused_qt(built: Built, contents: ModuleType) -> None:
    internal = built.bundle / "_internal"
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if not p.is_dir()]
    assert [f for f in files if contents.is_excluded_file(f)] == []
    top = {p.name for p in internal.iterdir()}
    assert not top & set(contents.DEV_MODULES_EXCLUDED)
    for module in contents.QT_MODULES_EXCLUDED:
        assert not (internal / "PySide6" / f"{module}.abi3.so").exists(), module
    for module in contents.QT_MODULES_USED:
        assert (internal / "PySide6" / f"{module}.abi3.so").exists(), module

    from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]

    modules = list(CArchiveReader(str(built.exe)).open_embedded_archive("PYZ.pyz").toc)
    assert "pmdesk.cli" in modules
    assert "pmdesk.store.migrations.env" in modules
    roots = {name.split(".")[0] for name in modules}
    assert not roots & set(contents.DEV_MODULES_EXCLUDED)
    excluded = set(contents.EXCLUDED_MODULES)
    assert not [m for m in modules if m in excluded or m.rsplit(".", 1)[0] in excluded]


def test_bundle_is_self_contained(built: Built) -> None:
    for path in built.bundle.rglob("*"):
        if path.is_symlink():
            target = path.resolve()
            assert target.is_relative_to(built.bundle.resolve()), f"{path} -> {target}"
    migrations = built.bundle / "_internal" / "pmdesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    assert sorted(p.name for p in (migrations / "versions").glob("0*.py")) == sorted(
        p.name for p in (ROOT / "src/pmdesk/store/migrations/versions").glob("0*.py")
    )
    assert (built.bundle / "_internal" / "pmdesk" / "resources" / "icons" / "pmdesk.svg").is_file()


def test_install_from_the_tarball_puts_pmdesk_on_the_menu(built: Built, tmp_path: Path) -> None:
    prefix = tmp_path / "opt place"
    result = subprocess.run(
        ["sh", str(built.unpacked / "install.sh"), "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        env=built.env(),
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    entry = (prefix / "share" / "applications" / "pmdesk.desktop").read_text("utf-8")
    assert f'Exec="{prefix}/lib/pmdesk/pmdesk-launch" %f' in entry
    version = subprocess.run(
        [str(prefix / "bin" / "pmdesk"), "--version"],
        capture_output=True,
        text=True,
        env=built.env(),
        check=True,
        timeout=120,
    )
    assert version.stdout.strip() == f"pmdesk {importlib.metadata.version('pmdesk')}"
