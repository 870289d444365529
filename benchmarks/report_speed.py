"""What pmdesk's report layer costs on top of python-docx and reportlab.

A review with 1,000 events and 50 actions is exported as the engineering report
(the largest) to Word and PDF. The baseline writes the same paragraphs and tables
with bare python-docx / reportlab in the same run: no audience logic, no text
cleaning, no glyph fallback, no outline. The ratio is what pmdesk adds; the
target is at most 1.5x.
Run from the repository root:  .venv/bin/python benchmarks/report_speed.py
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from xml.sax.saxutils import escape

from pmdesk.clock import format_day
from pmdesk.model.review import (
    Action,
    Event,
    EventKind,
    Factor,
    Layer,
    Person,
    Review,
)
from pmdesk.report import render_report
from pmdesk.report.pdf_text import SANS, SANS_BOLD, register_fonts

KINDS = list(EventKind)


def big_review(events: int = 1000, actions: int = 50) -> Review:
    start = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    people = tuple(Person(f"p{n}", f"Person {n}", role="On-call") for n in range(8))
    return Review(
        id="bench",
        title="Queue backlog after a broker upgrade",
        summary="Orders queued for 3 hours while the broker rebalanced partitions.",
        narrative="\n\n".join(
            f"Phase {n}: the team watched lag grow on partition {n} and tried a fix."
            for n in range(20)
        ),
        timezone="Europe/Berlin",
        started_at=start,
        resolved_at=start + timedelta(hours=3),
        people=people,
        events=tuple(
            Event(
                f"e{n}",
                start + timedelta(seconds=10 * n),
                KINDS[n % len(KINDS)],
                f"Consumer group {n % 40} lag at {n * 17} messages",
                detail=f"Broker {n % 5} reported rebalance step {n}; throughput {n % 90} msg/s.",
                knew=f"The team believed partition {n % 12} was slow.",
                actor=f"p{n % 8}",
                key=n % 50 == 0,
            )
            for n in range(events)
        ),
        layers=(Layer("l1", "Change review"), Layer("l2", "Alerting")),
        factors=(Factor("f1", "l1", "Upgrade notes did not mention rebalancing time."),),
        actions=tuple(
            Action(
                f"a{n}",
                f"Add a lag alert for consumer group {n}",
                owner=f"p{n % 8}",
                outcome=f"lag above {n * 100} messages pages within 2 minutes",
                due=date(2026, 4, 1) + timedelta(days=n),
                factors=("f1",),
            )
            for n in range(actions)
        ),
    )


def timeline_rows(review: Review) -> list[list[str]]:
    return [
        [
            f"{e.at:%H:%M}",
            e.kind.value,
            f"{e.title}\n{e.detail}",
            e.knew or "",
            review.person_name(e.actor) or "",
        ]
        for e in review.events
    ]


def action_rows(review: Review) -> list[list[str]]:
    return [
        [
            f"{a.text}\nOutcome: {a.outcome}",
            review.person_name(a.owner) or "",
            format_day(a.due) if a.due else "",
            a.status.value,
            "",
        ]
        for a in review.actions
    ]


def bare_docx(review: Review) -> bytes:
    import docx

    doc = docx.Document()
    doc.add_heading(review.title, 0)
    doc.add_paragraph(review.summary or "")
    for para in (review.narrative or "").split("\n\n"):
        doc.add_paragraph(para)
    for heading, rows in (("Timeline", timeline_rows(review)), ("Actions", action_rows(review))):
        doc.add_heading(heading, 1)
        table = doc.add_table(rows=len(rows) + 1, cols=5)
        table.style = "Table Grid"
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.paragraphs[0].add_run(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def bare_pdf(review: Review) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    register_fonts()
    body = ParagraphStyle("b", fontName=SANS, fontSize=10, leading=14)
    cell = ParagraphStyle("c", fontName=SANS, fontSize=8.5, leading=11)
    head = ParagraphStyle("h", fontName=SANS_BOLD, fontSize=14, leading=18)
    story: list[object] = [Paragraph(escape(review.title), head)]
    story.append(Paragraph(escape(review.summary or ""), body))
    story += [Paragraph(escape(p), body) for p in (review.narrative or "").split("\n\n")]
    width = A4[0] - 2 * 56.7 - 12
    for heading, rows in (("Timeline", timeline_rows(review)), ("Actions", action_rows(review))):
        story.append(Paragraph(heading, head))
        data = [
            [Paragraph(escape(t).replace("\n", "<br/>"), cell) for t in row]
            for row in [["Time", "Kind", "What", "Knew", "Who"], *rows]
        ]
        story.append(Table(data, colWidths=[width / 5] * 5, repeatRows=1))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def median_s(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    review = big_review()
    register_fonts()  # loading fonts is a one-off per process; time the export itself
    render_report(review, "short", "docx")  # warm imports
    print(f"review: {len(review.events)} events, {len(review.actions)} actions")
    print(f"{'format':8} {'pmdesk s':>9} {'bare s':>8} {'ratio':>6}")
    bare_writers: tuple[tuple[str, Callable[[Review], bytes]], ...] = (
        ("docx", bare_docx),
        ("pdf", bare_pdf),
    )
    for fmt, bare in bare_writers:
        ours = median_s(partial(render_report, review, "engineering", fmt))
        base = median_s(partial(bare, review))
        print(f"{fmt:8} {ours:9.2f} {base:8.2f} {ours / base:6.2f}x")
    md = median_s(lambda: render_report(review, "engineering", "md"))
    print(f"{'md':8} {md:9.2f} {'-':>8} {'-':>6}")


if __name__ == "__main__":
    main()
