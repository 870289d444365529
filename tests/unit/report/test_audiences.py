"""What each reader gets, in whose words: the neutral document before any writer runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmdesk.model.review import Factor, Layer, Review
from pmdesk.report import (
    Audience,
    Figures,
    Format,
    build_document,
    render_report,
    to_markdown,
    to_plain_text,
)
from pmdesk.report.document import BulletList, Callout, Paragraph, Table

BLAME = re.compile(
    r"\b(blame(?!less)|fault|careless|human error|should have|failed to|negligen\w*)\b", re.I
)


def neutral(review: Review) -> Review:
    """The review with every typed text replaced by 'x': what remains is pmdesk's own wording."""
    return review.replace(
        title="x",
        summary="x",
        narrative="x",
        impact=None,
        events=tuple(e.__class__(e.id, e.at, e.kind, "x", actor=e.actor) for e in review.events),
        factors=tuple(
            f.__class__(f.id, f.layer, "x", f.category, f.third_party, f.on_trajectory)
            for f in review.factors
        ),
        actions=tuple(a.__class__(a.id, "x", owner=a.owner, due=a.due) for a in review.actions),
        went_well=(),
        notes=(),
    )


@pytest.mark.parametrize("audience", list(Audience))
def test_pmdesk_own_wording_never_blames(sample: Review, audience: Audience) -> None:
    text = to_plain_text(build_document(neutral(sample), audience))
    assert BLAME.findall(text) == []


def test_people_appear_as_context(sample: Review) -> None:
    document = build_document(sample, "engineering")
    assert isinstance(document.blocks[0], Callout)
    assert "People are named for context" in document.blocks[0].text
    people = document.headings().index("People involved")
    assert people > document.headings().index("Actions")
    text = to_plain_text(document)
    assert "Named for context: who was there and in what role." in text


def test_leadership_puts_factors_on_the_incident_path_first_and_points_to_the_rest(
    sample: Review,
) -> None:
    aside = Factor("f-side", "l-change", "A side issue", on_trajectory=False)
    review = sample.replace(factors=(aside, *sample.factors))
    document = build_document(review, "leadership")
    lists = [b for b in document.blocks if isinstance(b, BulletList)]
    why = lists[0].items
    assert len(why) == 5
    assert all(item.text != "A side issue" for item in why)
    on_path = [f.text for f in review.factors if f.on_trajectory]
    assert [item.text for item in why] == on_path[:5]
    more = len(review.factors) - 5
    assert Paragraph(f"{more} more factors are in the engineering report.") in document.blocks


def test_engineering_groups_factors_under_their_layer_in_board_order(sample: Review) -> None:
    document = build_document(sample, "engineering")
    used = {f.layer for f in sample.factors}
    expected = [layer.name for layer in sample.ordered_layers() if layer.id in used]
    layer_headings = document.headings(level=2)
    assert [h.rsplit(" (", 1)[0] for h in layer_headings] == expected


def test_a_factor_in_an_unknown_layer_is_still_shown(sample: Review) -> None:
    lost = Factor("f-lost", "l-gone", "A factor whose layer was removed")
    document = build_document(sample.replace(factors=(*sample.factors, lost)), "engineering")
    assert "l-gone" in document.headings(level=2)
    assert "A factor whose layer was removed" in to_plain_text(document)


def test_adjacent_says_plainly_when_nothing_is_shared() -> None:
    review = Review(id="r", title="Disk full on a build agent", layers=(Layer("l", "Capacity"),))
    text = to_plain_text(build_document(review, "adjacent"))
    assert "No services were recorded." in text
    assert "No third-party factor was recorded." in text
    assert "No actions have been agreed yet." in text


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("audience", list(Audience))
def test_a_review_with_only_a_title_exports(audience: Audience, fmt: Format) -> None:
    review = Review(id="r", title="Login page slow for a minute")
    data = render_report(review, audience, fmt)
    assert data


def test_duration_table_shows_each_milestone_and_the_times_between(sample: Review) -> None:
    review = sample.replace(
        mitigated_at=None, detected_at=datetime(2026, 10, 14, 14, 9, tzinfo=UTC)
    )
    text = to_plain_text(build_document(review, "engineering"))
    assert "Detected\n  Time (Europe/Berlin): Wed 14 Oct 2026 16:09 (after 7 min)" in text
    assert "Time to detect" in text
    assert "Mitigated" not in text and "Time to mitigate" not in text
    assert "Time to resolve\n  Time (Europe/Berlin): 1 h 38 min" in text


def test_leaders_read_the_spans_in_a_sentence(sample: Review) -> None:
    review = sample.replace(
        mitigated_at=None, detected_at=datetime(2026, 10, 14, 14, 9, tzinfo=UTC)
    )
    text = to_plain_text(build_document(review, "leadership"))
    assert (
        "It began Wed 14 Oct 2026 16:02 (Europe/Berlin). "
        "It was detected after 7 minutes and resolved after 1 hour 38 minutes." in text
    )
    assert "Time to detect" not in text  # no timetable in a leader's two pages


def test_leaders_key_moments_are_numbered_as_the_figure_numbers_them(sample: Review) -> None:
    document = build_document(sample, "leadership")
    table = next(b for b in document.blocks if isinstance(b, Table) and b.columns[0] == "#")
    moments = sample.key_moments()
    assert [row[0] for row in table.rows] == [str(n) for n in range(1, len(moments) + 1)]
    assert [row[2] for row in table.rows] == [e.title for e in moments]
    assert table.rows[0][1] == "16:02"  # one day, named in the sentence above: clock times


def test_engineering_timeline_has_every_event_in_time_order(sample: Review) -> None:
    document = build_document(sample, "engineering")
    timeline = next(b for b in document.blocks if isinstance(b, Table) and b.columns[0] == "Time")
    titles = [row[2].split("\n")[0] for row in timeline.rows]
    assert titles == [e.title for e in sample.events_by_time()]
    assert timeline.caption == "Times in Europe/Berlin. ★ marks a key moment."
    assert timeline.rows[0][0] == "Wed 14 Oct 15:58"  # the day is named once, then clock times
    assert timeline.rows[1][0] == "16:02"


def test_markdown_and_plain_text_previews_agree_on_content(sample: Review) -> None:
    document = build_document(sample, "short")
    markdown, plain = to_markdown(document), to_plain_text(document)
    for heading in document.headings():
        assert f"## {heading}" in markdown
        assert heading in plain
    assert "Mei Chen" in markdown and "Mei Chen" in plain


def test_building_a_preview_loads_neither_word_nor_pdf_libraries() -> None:
    code = (
        "import sys\n"
        "from pmdesk.report import build_document, to_plain_text\n"
        "from pmdesk.store.sample import sample_review\n"
        "to_plain_text(build_document(sample_review(), 'engineering'))\n"
        "heavy = [m for m in ('docx', 'reportlab', 'PySide6') if m in sys.modules]\n"
        "assert heavy == [], heavy\n"
    )
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[3] / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


@pytest.mark.slow
def test_libreoffice_converts_the_word_report_without_errors(
    sample: Review, figures: Figures, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "engineering.docx"
    source.write_bytes(render_report(sample, "engineering", "docx", figures))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "engineering.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Where we got lucky" in text
    assert len(reader.pages) > 3


def test_a_third_party_factor_is_called_so_once(sample: Review) -> None:
    """Category third party and the third-party flag are one fact, said once."""
    text = to_plain_text(build_document(sample, "engineering"))
    assert "Third party, on the incident's path:" in text
    assert "third party, third party" not in text.lower()
    assert "path, third party:" not in text
