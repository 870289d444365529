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
from tests.unit.report.realistic import long_outage, small_fix

from pmdesk.model.review import Factor, Layer, NoteKind, Review, ReviewStatus
from pmdesk.report import (
    Audience,
    Figures,
    Format,
    build_document,
    render_report,
    to_markdown,
    to_plain_text,
)
from pmdesk.report.audiences import TOP_FACTORS
from pmdesk.report.document import BulletList, Callout, Heading, Paragraph, Table

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
    document = build_document(sample.replace(status=ReviewStatus.PUBLISHED), "engineering")
    assert isinstance(document.blocks[0], Callout)
    assert "People are named for context" in document.blocks[0].text
    people = document.headings().index("People involved")
    assert people > document.headings().index("Actions")
    text = to_plain_text(document)
    assert "Named for context: who was there and in what role." in text


def test_short_report_puts_factors_on_the_incident_path_first_and_points_to_the_rest(
    sample: Review,
) -> None:
    aside = Factor("f-side", "l-change", "A side issue", on_trajectory=False)
    review = sample.replace(factors=(aside, *sample.factors))
    document = build_document(review, "short")
    lists = [b for b in document.blocks if isinstance(b, BulletList)]
    why = [item.text for item in lists[0].items]
    assert len(why) == 5
    assert "A side issue" not in why
    on_path = {f.text for f in review.factors if f.on_trajectory}
    assert set(why) <= on_path
    rank = {layer.id: n for n, layer in enumerate(review.ordered_layers())}
    board = [f.text for f in sorted(review.factors, key=lambda f: rank[f.layer])]
    assert why == [text for text in board if text in why]  # shown in board order
    more = len(review.factors) - 5
    assert Paragraph(f"{more} more factors are in the engineering report.") in document.blocks


def test_leaders_get_the_heaviest_factors_not_the_first_layers(sample: Review) -> None:
    """Five prevention gaps listed first on the board must not crowd out the recovery gap
    that kept the outage going, nor the one factor per stage that weighs most."""
    review = long_outage()
    document = build_document(review, "leadership")
    why = next(b for b in document.blocks if isinstance(b, BulletList)).items
    texts = [item.text for item in why]
    pipeline = review.factor("f8")
    assert pipeline is not None and pipeline.text in texts  # 5 events over 16 hours, acted on
    assert [item.label for item in why] == ["Prevention:", "Detection:", "Recovery:"]
    assert "Configuration changes skip the staging soak that code changes get" not in texts
    assert Paragraph("6 more factors are in the engineering report.") in document.blocks


@pytest.mark.parametrize(
    ("hidden", "words"),
    [(1, "1 more factor is in the engineering report."),
     (2, "2 more factors are in the engineering report.")],
)  # fmt: skip
def test_counts_agree_with_their_words(sample: Review, hidden: int, words: str) -> None:
    factors = sample.factors[: TOP_FACTORS + hidden]
    text = to_plain_text(build_document(sample.replace(factors=factors), "short"))
    assert words in text
    outage = long_outage()
    kept = tuple(a for a in outage.actions if a.id in ("a1", "a3"))  # a1 stays in the team
    adjacent = to_plain_text(build_document(outage.replace(actions=kept), "adjacent"))
    assert "1 more action stays within Release engineering;" in adjacent


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


def _touching_others(review: Review) -> list[str]:
    """The action texts of the adjacent report's "Actions that touch other teams" table."""
    document = build_document(review, "adjacent")
    at = document.headings().index("Actions that touch other teams")
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    start = document.blocks.index(headings[at])
    tables = [b for b in document.blocks[start:] if isinstance(b, Table)]
    return [row[0] for row in tables[0].rows] if tables else []


def test_adjacent_lists_actions_owned_outside_the_team_or_answering_a_provider() -> None:
    review = long_outage()  # Release engineering runs it: 3 of its 6 people
    touching = _touching_others(review)
    by_id = {a.id: a.text for a in review.actions}
    # Owned by Networking, by Customer support, and by the CDN provider's own contact.
    assert touching == [by_id["a3"], by_id["a4"], by_id["a5"]]
    text = to_plain_text(build_document(review, "adjacent"))
    assert "No actions have been agreed yet." not in text
    assert "4 more actions stay within Release engineering; see the engineering report." in text
    assert "Reaches: Networking" in text
    # Words in an action are not the test: the rollout-ring action names no other team's
    # owner, and the service names in the text do not pull actions in.
    assert by_id["a2"] not in touching


def test_adjacent_never_says_no_actions_when_all_stay_in_the_team() -> None:
    review = small_fix()
    assert _touching_others(review) == []
    text = to_plain_text(build_document(review, "adjacent"))
    assert "No actions have been agreed yet." not in text
    assert (
        "All 2 actions stay within Build infrastructure; none is owned by another team "
        "or answers a provider's part." in text
    )
    one = review.replace(actions=review.actions[:1])
    assert "The one action stays within Build infrastructure" in to_plain_text(
        build_document(one, "adjacent")
    )


def test_adjacent_does_not_repeat_the_teams_open_questions(sample: Review) -> None:
    question = next(n.text for n in sample.notes if n.kind == NoteKind.QUESTION)
    assert question in to_plain_text(build_document(sample, "engineering"))
    text = to_plain_text(build_document(sample, "adjacent"))
    assert question not in text
    assert "Questions for neighbouring teams" not in text


@pytest.mark.parametrize("audience", list(Audience))
def test_a_review_that_is_not_published_says_so_first(sample: Review, audience: Audience) -> None:
    for status in (ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW):
        document = build_document(sample.replace(status=status), audience)
        first = document.blocks[0]
        assert isinstance(first, Paragraph) and first.label == "Draft — not yet reviewed."
        assert document.running_header.endswith("· Draft")
    published = build_document(sample.replace(status=ReviewStatus.PUBLISHED), audience)
    assert "Draft — not yet reviewed" not in to_plain_text(published)


def test_a_zero_minute_span_is_not_reported_as_a_duration() -> None:
    review = long_outage()  # detected the minute it began
    engineering = to_plain_text(build_document(review, "engineering"))
    assert "(after 0 min)" not in engineering and "Time to detect" not in engineering
    assert "Detected\n  Time (Europe/London): Wed 2 Sep 2026 07:14\n" in engineering
    leaders = to_plain_text(build_document(review, "leadership"))
    assert "detected after" not in leaders
    assert (
        "It was mitigated after 16 hours 36 minutes and resolved after 17 hours 56 minutes."
        in leaders
    )


def test_addresses_shows_the_whole_factor(sample: Review) -> None:
    review = long_outage()
    text = to_plain_text(build_document(review, "engineering"))
    pipeline = review.factor("f8")
    assert pipeline is not None and len(pipeline.text) > 200
    assert "Addresses: " + pipeline.text in text


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


def document_subtitle(review: Review) -> str:
    """The line under the title, which carries the start time and its zone."""
    return build_document(review, "leadership").subtitle


def test_leaders_read_the_spans_in_a_sentence(sample: Review) -> None:
    review = sample.replace(
        mitigated_at=None, detected_at=datetime(2026, 10, 14, 14, 9, tzinfo=UTC)
    )
    text = to_plain_text(build_document(review, "leadership"))
    assert "It was detected after 7 minutes and resolved after 1 hour 38 minutes." in text
    assert "Wed 14 Oct 2026 16:02 (Europe/Berlin)" in document_subtitle(review)
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
