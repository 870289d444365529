"""The patterns as a learning report for leadership, and as JSON for scripts and tests.

The report is one neutral ``report.document.Document``, so Markdown, Word and PDF
come from the single-review reports' writers and never disagree. The JSON names
every review by its id, so each number can be traced to the reviews behind it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pmdesk.clock import duration_short, format_day, format_number
from pmdesk.patterns.summary import Patterns
from pmdesk.report.document import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Paragraph,
    Properties,
    Table,
)

#: Recurring groups the report lists; the JSON has them all.
REPORT_GROUPS = 10


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def patterns_json(patterns: Patterns) -> dict[str, Any]:
    """The patterns as plain JSON values: groups with their review ids and the shared words."""
    scope = patterns.scope
    follow = patterns.follow_through
    return {
        "scope": {
            "since": scope.since.isoformat() if scope.since else None,
            "until": scope.until.isoformat() if scope.until else None,
            "service": scope.service,
            "severity": scope.severity,
            "today": patterns.today.isoformat(),
        },
        "reviews": [
            {
                "id": r.id,
                "title": r.title,
                "at": _iso(r.moment),
                "kind": r.kind.value,
                "severity": r.severity,
            }
            for r in patterns.reviews
        ],
        "groups": [
            {
                "category": g.category,
                "words": list(g.words),
                "review_ids": list(g.review_ids),
                "dates": [_iso(m.moment) for m in g.members],
                "factors": [
                    {"review_id": m.review_id, "factor_id": m.factor_id, "text": m.text}
                    for m in g.members
                ],
                "links": [
                    {
                        "factors": [list(link.first), list(link.second)],
                        "shared_words": list(link.words),
                        "score": link.score,
                    }
                    for link in g.links
                ],
            }
            for g in patterns.groups
        ],
        "services": [{"name": t.name, "review_ids": list(t.review_ids)} for t in patterns.services],
        "layers": [
            {
                "name": t.name,
                "stage": t.stage.value if t.stage else None,
                "factors": t.factors,
                "review_ids": list(t.review_ids),
            }
            for t in patterns.layers
        ],
        "third_party": {
            "factors": len(patterns.third_party),
            "of": patterns.factor_count,
            "share": patterns.third_party_share,
            "ids": [list(pair) for pair in patterns.third_party],
        },
        "timings": [
            {
                "review_id": t.review_id,
                "at": _iso(t.moment),
                "detect": t.detect,
                "mitigate": t.mitigate,
            }
            for t in patterns.timings
        ],
        "months": [
            {
                "month": m.month,
                "review_ids": list(m.review_ids),
                "median_detect": m.detect,
                "median_mitigate": m.mitigate,
            }
            for m in patterns.months
        ],
        "kinds": {"short": list(patterns.short_ids), "full": list(patterns.full_ids)},
        "follow_through": {
            "done": [[a.review_id, a.action_id] for a in follow.done],
            "open": [[a.review_id, a.action_id] for a in follow.open],
            "overdue_by_owner": [
                {
                    "owner": owner or None,
                    "actions": [
                        [a.review_id, a.action_id, a.due.isoformat() if a.due else None]
                        for a in actions
                    ],
                }
                for owner, actions in follow.overdue
            ],
            "came_back": [
                {
                    "review_id": c.action.review_id,
                    "action_id": c.action.action_id,
                    "factor_id": c.factor_id,
                    "later_review_ids": list(c.later_review_ids),
                }
                for c in follow.came_back
            ],
        },
    }


def _minutes(value: float | None) -> str:
    return duration_short(round(value)) if value is not None else "—"


def _scope_line(patterns: Patterns) -> str:
    scope = patterns.scope
    parts = []
    if scope.since or scope.until:
        since = format_day(scope.since) if scope.since else "the first review"
        until = format_day(scope.until) if scope.until else "today"
        parts.append(f"from {since} to {until}")
    if scope.service:
        parts.append(f"service {scope.service}")
    if scope.severity:
        parts.append(f"severity {scope.severity}")
    covered = f"{format_number(len(patterns.reviews))} reviews"
    return covered + (f" ({', '.join(parts)})" if parts else " (the whole library)")


def learning_document(patterns: Patterns, timing_chart: bytes | None = None) -> Document:
    """A short report for leadership: what recurs, where defences fail, what we followed up.

    ``timing_chart`` is the PNG the figures ring draws of the timing by month (the
    Patterns view's chart); without it the table alone says the same.
    """
    titles = {r.id: r.title for r in patterns.reviews}
    follow = patterns.follow_through
    blocks: list[Block] = [
        Paragraph(
            "Small incidents add up: these are the contributing factors that came back "
            "across reviews, the defences that failed most, and whether our actions held.",
        ),
        Heading("Recurring contributing factors"),
    ]
    if patterns.groups:
        rows = []
        for group in patterns.groups[:REPORT_GROUPS]:
            listed = "; ".join(titles.get(rid, rid) for rid in group.review_ids[:4])
            more = len(group.review_ids) - 4
            rows.append(
                (
                    group.members[0].text,
                    group.category,
                    ", ".join(group.words),
                    f"{len(group.review_ids)}: {listed}"
                    + (f" and {more} more" if more > 0 else ""),
                )
            )
        blocks.append(
            Table(
                ("Factor (first seen)", "Category", "Shared words", "Reviews"),
                tuple(rows),
                widths=(0.35, 0.13, 0.2, 0.32),
            )
        )
    else:
        blocks.append(Paragraph("No contributing factor recurs across these reviews."))
    blocks.append(Heading("Layers of defence most often holed"))
    blocks.append(
        Table(
            ("Layer", "Stage", "Factors", "Reviews"),
            tuple(
                (
                    t.name,
                    t.stage.value if t.stage else "—",
                    format_number(t.factors),
                    format_number(len(t.review_ids)),
                )
                for t in patterns.layers[:8]
            ),
            widths=(0.46, 0.18, 0.18, 0.18),
        )
    )
    blocks.append(Heading("Services most involved"))
    blocks.append(
        BulletList(
            tuple(
                Paragraph(f"{t.name}: {format_number(len(t.review_ids))} reviews")
                for t in patterns.services[:8]
            )
            or (Paragraph("No review names a service."),)
        )
    )
    share = patterns.third_party_share
    blocks.append(Heading("Third parties"))
    blocks.append(
        Paragraph(
            f"{format_number(len(patterns.third_party))} of {format_number(patterns.factor_count)} "
            f"contributing factors involve a third party"
            + (f" ({share:.0%})." if share is not None else ".")
        )
    )
    blocks.append(Heading("Time to detect and to mitigate"))
    if timing_chart is not None and patterns.months:
        caption = "Median time to detect and to mitigate, by month"
        blocks.append(Figure(timing_chart, caption, max_height=0.35))
    blocks.append(
        Table(
            ("Month", "Reviews", "Median to detect", "Median to mitigate"),
            tuple(
                (
                    m.month,
                    format_number(len(m.review_ids)),
                    _minutes(m.detect),
                    _minutes(m.mitigate),
                )
                for m in patterns.months
            ),
            widths=(0.25, 0.15, 0.3, 0.3),
        )
    )
    blocks.append(Heading("Short and full reviews"))
    blocks.append(
        Paragraph(
            f"{format_number(len(patterns.short_ids))} short and "
            f"{format_number(len(patterns.full_ids))} full reviews."
        )
    )
    blocks.append(Heading("Action follow-through"))
    items = [
        Paragraph(
            f"{format_number(len(follow.done))} actions done, {format_number(len(follow.open))} "
            "still open."
        )
    ]
    for owner, actions in follow.overdue[:8]:
        items.append(
            Paragraph(f"{format_number(len(actions))} overdue", label=f"{owner or 'Nobody'}:")
        )
    items.append(
        Paragraph(
            f"{format_number(len(follow.came_back))} actions marked done whose factor came "
            "back in a later review."
        )
    )
    blocks.append(BulletList(tuple(items)))
    for came in follow.came_back[:5]:
        blocks.append(
            Paragraph(
                f"{came.action.text} (from {titles.get(came.action.review_id, '')}); seen again in "
                + "; ".join(titles.get(rid, rid) for rid in came.later_review_ids[:3]),
                label="Came back:",
            )
        )
    made = datetime.now(UTC)
    return Document(
        title="Patterns across reviews",
        subtitle=f"{_scope_line(patterns)}, as of {format_day(patterns.today)}",
        blocks=tuple(blocks),
        properties=Properties(
            title="Patterns across reviews",
            subject="Learning report across post-incident reviews",
            keywords=("patterns", "post-incident review"),
            created=made,
        ),
        running_header="Patterns across reviews",
    )
