"""The Markdown report on disk: its figures as PNG files beside it, linked by relative path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmdesk.errors import ExportFailed
from pmdesk.model.review import Review
from pmdesk.report import Figures, write_report, write_report_files

_LINK = re.compile(r"!\[([^\]]*)\]\(<([^>]+)>\)")


def test_figures_are_written_beside_the_markdown_and_linked(
    sample: Review, figures: Figures, tmp_path: Path
) -> None:
    target = tmp_path / "my report.md"
    written = write_report_files(sample, "engineering", "md", target, figures)
    folder = tmp_path / "my report_files"
    assert written.path == target
    assert written.figures == (folder / "figure-1.png", folder / "figure-2.png")
    assert folder.joinpath("figure-1.png").read_bytes() == figures.timeline_full
    assert folder.joinpath("figure-2.png").read_bytes() == figures.cheese
    links = _LINK.findall(target.read_text("utf-8"))
    assert links == [
        ("The full timeline", "my%20report_files/figure-1.png"),
        ("How the holes in our defences lined up", "my%20report_files/figure-2.png"),
    ]
    assert "not included" not in target.read_text("utf-8")
    assert written.describe() == (f"wrote {target} and 2 figures as PNG in {folder}/")
    # No temporary files are left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my report.md", "my report_files"]
    assert sorted(p.name for p in folder.iterdir()) == ["figure-1.png", "figure-2.png"]


def test_a_later_export_with_fewer_figures_leaves_no_stale_picture(
    sample: Review, figures: Figures, tmp_path: Path
) -> None:
    target = tmp_path / "r.md"
    write_report_files(sample, "engineering", "md", target, figures)
    again = write_report_files(sample, "leadership", "md", target, figures)
    assert [p.name for p in again.figures] == ["figure-1.png"]
    folder = tmp_path / "r_files"
    assert [p.name for p in folder.iterdir()] == ["figure-1.png"]
    assert folder.joinpath("figure-1.png").read_bytes() == figures.timeline_key


def test_without_figures_no_folder_is_made(sample: Review, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    written = write_report_files(sample, "engineering", "md", target)
    assert written.figures == ()
    assert written.describe() == f"wrote {target}"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_a_file_in_the_way_of_the_folder_is_one_sentence_and_nothing_written(
    sample: Review, figures: Figures, tmp_path: Path
) -> None:
    (tmp_path / "r_files").write_text("not a folder")
    with pytest.raises(ExportFailed):
        write_report(sample, "engineering", "md", tmp_path / "r.md", figures)
    assert not (tmp_path / "r.md").exists()
