"""`pmdesk snapshot` renders each view of the real window to a PNG of the asked size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pmdesk.cli import main
from pmdesk.ui.snapshot import VIEWS


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_view_renders_at_size(tmp_path: Path, size: tuple[int, int]) -> None:
    library = str(tmp_path / "library.pmdesk")
    for view in VIEWS:
        out = tmp_path / f"{view}.png"
        args = ["--library", library, "snapshot", "checkout", "--view", view]
        code = main([*args, "-o", str(out), "--size", f"{size[0]}x{size[1]}"])
        assert code == 0
        image = QImage(str(out))
        assert (image.width(), image.height()) == size
        colours = {image.pixel(x, y) for x in range(0, size[0], 37) for y in range(0, size[1], 41)}
        assert len(colours) > 3, f"{view} looks blank"


def test_snapshot_refuses_bad_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--library", str(tmp_path / "l.pmdesk"), "snapshot", "-o", "x.png", "--size", "big"]
    )
    assert code == 1
    assert "'big' is not a size" in capsys.readouterr().err
