"""The readiness summary before export and the lint output format."""

from __future__ import annotations

import json

from pmdesk.coach import Family, Finding, format_findings, lint_text, readiness, summarise
from pmdesk.model import Action, Review


def test_clean_review_is_ready(review: Review) -> None:
    result = readiness(review)
    assert result.total == 0
    assert set(result.counts) == set(Family)
    assert result.top == ()
    assert result.headline == "The coach has nothing to add."


def test_counts_by_family_and_blame_comes_first(review: Review) -> None:
    messy = review.replace(
        summary="Some users saw errors for a while.",
        narrative="The root cause was a config push. Sam was careless.",
        actions=(*review.actions, Action("a3", "Improve monitoring.")),
        went_well=(),
    )
    result = readiness(messy)
    assert result.counts[Family.BLAME] == 1
    assert result.counts[Family.VAGUE] == 3  # some users, saw errors (which?), for a while
    assert result.counts[Family.ACTION] == 4  # wish + no owner + no outcome + no due
    assert result.counts[Family.STRUCTURE] == 2  # root cause + no went-well
    assert result.total == sum(result.counts.values())
    assert [f.rule for f in result.top] == [
        "blame.judgement",
        "structure.root_cause",
        "structure.no_went_well",
    ]
    assert "none of them blocks export" in result.headline


def test_top_lists_each_rule_once() -> None:
    findings = lint_text("Sam was careless. Kim was careless too. Some users left.", "summary")
    result = summarise(findings, limit=5)
    assert [f.rule for f in result.top] == ["blame.judgement", "vague.amount"]


def test_dismissed_findings_do_not_count(review: Review) -> None:
    messy = review.replace(summary="Sam was careless.")
    [finding] = readiness(messy).top
    assert readiness(messy, dismissed={finding.key}).total == 0


def test_json_output_has_the_documented_fields() -> None:
    findings = lint_text("Sam was careless; some users left.", "summary")
    rows = json.loads(format_findings(findings, as_json=True))
    assert rows == [
        {
            "rule": f.rule,
            "where": "summary",
            "start": f.start,
            "end": f.end,
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for f in findings
    ]
    assert json.loads(format_findings([], as_json=True)) == []


def test_human_output() -> None:
    findings = [
        Finding(
            "blame.judgement", "narrative", 4, 12, "'careless' judges a person.", "Describe it."
        ),
        Finding("action.no_due", "actions[0]", 0, 0, "This action has no due date."),
    ]
    text = format_findings(findings, as_json=False)
    assert text.splitlines() == [
        "narrative:4-12  [blame.judgement]  'careless' judges a person.",
        "    suggestion: Describe it.",
        "actions[0]  [action.no_due]  This action has no due date.",
        "2 findings; this is advice, nothing is blocked.",
    ]
    assert format_findings([], as_json=False) == "The coach has nothing to add."
