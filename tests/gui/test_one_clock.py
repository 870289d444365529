"""One clock: every surface states the same three durations for the same review.

The overview, the timeline canvas's header and bands, the report figure, each
report audience in each format, the presenter's figure and the drafter's story
are read as a person reads them, and every duration they state ("50 min to
mitigate", "To mitigate: 50 min", "mitigated after 50 minutes", "50 minutes
after the incident began") is parsed back to minutes. The expected minutes are
worked out by hand below, not by pmdesk.clock.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pmdesk.draft import write_story
from pmdesk.figures.timeline.layout import TimelineLayout, layout_timeline
from pmdesk.model import Event, EventKind, Person, Review
from pmdesk.report import Audience, Format, render_report
from pmdesk.store import Library
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor.overview import OverviewSection
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.presenter import PresenterWindow
from pmdesk.ui.timeline.scene import TimelineScene


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass(frozen=True)
class Case:
    name: str
    timezone: str
    started: str | None
    detected: str | None
    mitigated: str | None
    resolved: str | None
    expected: dict[str, int]  # minutes between the minutes a reader sees, worked out by hand


CASES = [
    # 23:50 → 00:05 → 01:20 in New York, resolved two days later at 03:55: 51 h 5 min.
    Case(
        "crossing midnight",
        "America/New_York",
        "2026-03-04 04:50",
        "2026-03-04 05:05",
        "2026-03-04 06:20",
        "2026-03-06 07:55",
        {"detect": 15, "mitigate": 90, "resolve": 51 * 60 + 5},
    ),
    # Berlin, Saturday 24 October 2026 23:30 CEST; 02:30 happens twice that night.
    Case(
        "across the October DST change",
        "Europe/Berlin",
        "2026-10-24 21:30",
        "2026-10-24 22:10",  # 00:10 CEST
        "2026-10-25 00:30",  # 02:30 CEST, three hours in
        "2026-10-25 01:30",  # 02:30 CET, four hours in though the wall clock says the same
        {"detect": 40, "mitigate": 180, "resolve": 240},
    ),
    Case(
        "with no detection recorded",
        "Europe/Berlin",
        "2026-10-14 14:02",
        None,
        "2026-10-14 14:52",
        "2026-10-14 15:40",
        {"mitigate": 50, "resolve": 98},
    ),
    Case(
        "with no start recorded",
        "UTC",
        None,
        "2026-05-04 14:06",
        "2026-05-04 14:55",
        "2026-05-04 16:20",
        {},
    ),
    # 14:05:50 → 14:55:10 shows 14:05 and 14:55: 50 minutes, though 49 min 20 s passed.
    Case(
        "with seconds",
        "UTC",
        "2026-05-04 14:05:50",
        "2026-05-04 14:06:10",
        "2026-05-04 14:55:10",
        "2026-05-04 16:20:59",
        {"detect": 1, "mitigate": 50, "resolve": 135},  # 16:20:59 shows 16:20
    ),
]


def review_of(case: Case) -> Review:
    moments = [utc(t) for t in (case.started, case.detected, case.mitigated, case.resolved) if t]
    first, last = min(moments), max(moments)
    events = (
        Event("e1", first, EventKind.ALERT, "Checkout error rate above 5%", key=True),
        Event("e2", last, EventKind.RESOLUTION, "Error rate back to normal", actor="p1", key=True),
    )
    return Review(
        id=f"clock-{case.name.replace(' ', '-')}",
        title=f"Checkout errors ({case.name})",
        summary="Checkout failed for some customers.",
        timezone=case.timezone,
        started_at=utc(case.started) if case.started else None,
        detected_at=utc(case.detected) if case.detected else None,
        mitigated_at=utc(case.mitigated) if case.mitigated else None,
        resolved_at=utc(case.resolved) if case.resolved else None,
        people=(Person("p1", "Priya Raman"),),
        events=events,
    )


# ---- reading durations back ------------------------------------------------------------------

_UNITS = {"d": 1440, "day": 1440, "h": 60, "hour": 60, "min": 1, "minute": 1}
_DUR = r"(less than a minute|(?:\d+ (?:days?|d|hours?|h|minutes?|min)\b ?)+)"
_STEM = {"detect": "detect", "mitigat": "mitigate", "resolv": "resolve"}
# In this order: each match is blanked out before the next pattern reads the text, so that
# "15 min to detect · 1 h 30 min to mitigate" is never read as "to detect · 1 h 30 min".
_PATTERNS = [
    # "50 min to mitigate" (the overview)
    re.compile(rf"{_DUR} to (detect|mitigat|resolv)e?\b"),
    # the drafter: "It was detected at 16:03, 1 minute after the incident began",
    # "That was the moment of detection, …", "With that, the impact was mitigated, …"
    re.compile(rf"\b(detect|mitigat|resolv)\w*(?: at [^,]+)?, {_DUR} after the incident began"),
    # "mitigated after 50 minutes", "Mitigated Wed 14 Oct 2026 16:52 (after 50 min)"
    re.compile(rf"\b(detect|mitigat|resolv)ed [^.()]*?\(?after {_DUR}", re.IGNORECASE),
    # "To mitigate: 50 min", "Time to mitigate 50 min", "to mitigate · 50 min"
    re.compile(rf"\bto (detect|mitigat|resolv)e?\W{{0,4}}{_DUR}", re.IGNORECASE),
]


def minutes(text: str) -> int:
    if text == "less than a minute":
        return 0
    parts = text.split()
    pairs = zip(parts[::2], parts[1::2], strict=True)
    return sum(int(n) * _UNITS[u.removesuffix("s")] for n, u in pairs)


def stated(text: str) -> list[tuple[str, int]]:
    """Every (duration, minutes) a text states, in any of the clock's two wordings."""
    flat = " ".join(text.split())
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(flat):
            groups = [g for g in match.groups() if g]
            stem = next(g for g in groups if g.lower() in _STEM)
            amount = next(g for g in groups if g.lower() not in _STEM)
            found.append((_STEM[stem.lower()], minutes(amount.strip())))
        flat = pattern.sub(" | ", flat)
    return found


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\n".join(cell.text for cell in row.cells) + "\n.")
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


READ = {Format.MD: lambda data: data.decode("utf-8"), Format.DOCX: docx_text, Format.PDF: pdf_text}


# ---- the surfaces --------------------------------------------------------------------------------


@pytest.fixture
def document(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[ReviewDocument]:
    case: Case = request.param
    library = Library.open(tmp_path / "l.pmdesk")
    library.add_review(review_of(case))
    doc = ReviewDocument(library, review_of(case).id)
    yield doc
    doc.close()
    library.close()


def bands(layout: TimelineLayout) -> str:
    """The header line, then each band's words as timeline_paint.paint_phase draws them."""
    words = [f"{p.label} · {p.duration_text}" for p in layout.phases]
    return "  ·  ".join([layout.summary, *words])


def surfaces(qtbot: QtBot, document: ReviewDocument) -> dict[str, str]:
    """What each surface shows, as text a person reads."""
    review = document.review
    overview = OverviewSection(document)
    qtbot.addWidget(overview)
    scene = TimelineScene()
    scene.show_review(review, width=1600)
    assert scene.layout is not None
    canvas = bands(scene.layout)
    figure = layout_timeline(review)
    presenter = PresenterWindow(MeetingController(document))
    qtbot.addWidget(presenter)
    shown = presenter._figure("timeline", 1760)  # the strip the room sees in the story phase
    assert isinstance(shown, TimelineLayout)
    texts = {
        "overview": overview.durations.text(),
        "timeline canvas": canvas,
        "timeline figure": bands(figure),
        "presenter": bands(shown),
        "drafter": write_story(review).text,
    }
    for audience in Audience:
        for fmt in (Format.MD, Format.DOCX, Format.PDF):
            texts[f"{audience.value} {fmt.value}"] = READ[fmt](render_report(review, audience, fmt))
    scene.deleteLater()
    return texts


@pytest.mark.parametrize("document", CASES, ids=[c.name for c in CASES], indirect=True)
def test_every_surface_states_the_same_durations(qtbot: QtBot, document: ReviewDocument) -> None:
    case = next(c for c in CASES if review_of(c).id == document.review.id)
    texts = surfaces(qtbot, document)
    assert len(texts) == 5 + 4 * 3
    for surface, text in texts.items():
        found = stated(text)
        by_name: dict[str, set[int]] = {}
        for name, value in found:
            by_name.setdefault(name, set()).add(value)
        # Every duration that can be told, with the same minutes wherever it is stated;
        # none that cannot (a missing start or end is never shown as 0).
        expected = {n: {m} for n, m in case.expected.items()}
        assert by_name == expected, (surface, found, text)
