"""lint_review over a whole review: field names, review-level checks, dismissal."""

from __future__ import annotations

import dataclasses

from pmdesk.coach import Finding, field_kind, lint_review, lint_text
from pmdesk.model import Action, ActionStatus, Factor, Impact, Review, WentWell


def rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


def test_a_well_written_review_gets_no_findings(review: Review) -> None:
    assert lint_review(review) == []


def test_findings_name_the_field_they_are_in(review: Review) -> None:
    events = list(review.events)
    events[1] = dataclasses.replace(events[1], detail="Sam was careless with the pager.")
    factors = (*review.factors, Factor("f3", "l2", "The root cause was a missing alert."))
    changed = review.replace(events=tuple(events), factors=factors)
    found = {(f.rule, f.where) for f in lint_review(changed)}
    assert ("blame.judgement", "events[1].detail") in found
    assert ("structure.root_cause", "factors[2].text") in found


def test_a_person_named_in_the_review_is_recognised_as_a_person(review: Review) -> None:
    text = "Mei failed to deploy the fix before the peak."
    assert lint_text(text, "narrative") == []  # an unknown name with a machine-ish verb
    changed = review.replace(narrative=text)
    assert "blame.failed_to" in rules(lint_review(changed))


def test_a_service_named_in_the_review_is_a_thing(review: Review) -> None:
    changed = review.replace(services=("Ledger",), narrative="Ledger failed to notify the queue.")
    assert "blame.failed_to" not in rules(lint_review(changed))
    assert "blame.failed_to" in rules(lint_text("Ledger failed to notify the queue.", "narrative"))


def test_action_item_checks(review: Review) -> None:
    bare = Action("a3", "Improve alerting.")
    done = Action("a4", "Rotate the leaked key.", owner="p1", status=ActionStatus.DONE)
    dropped = Action("a5", "Rewrite the gateway.", status=ActionStatus.WONT_DO)
    changed = review.replace(actions=(*review.actions, bare, done, dropped))
    found = {(f.rule, f.where) for f in lint_review(changed)}
    assert {
        ("action.no_owner", "actions[2].owner"),
        ("action.no_outcome", "actions[2].outcome"),
        ("action.no_due", "actions[2].due"),
        ("action.wish", "actions[2].text"),
        ("action.no_outcome", "actions[3].outcome"),
    } <= found
    assert ("action.no_due", "actions[3].due") not in found  # done: a due date no longer matters
    assert not any(where.startswith("actions[4]") for _, where in found)


def test_a_wish_verb_is_fine_when_the_outcome_gives_the_measure(review: Review) -> None:
    action = Action(
        "a3", "Improve alerting on refunds.", owner="p2", outcome="Refund 5xx above 1% pages."
    )
    changed = review.replace(actions=(*review.actions, action))
    assert "action.wish" not in rules(lint_review(changed))


def test_structure_checks(review: Review) -> None:
    lonely = review.replace(factors=review.factors[:1], went_well=(), impact=Impact("Some pain."))
    assert {"structure.single_factor", "structure.no_went_well", "structure.impact_numbers"} <= set(
        rules(lint_review(lonely))
    )
    assert "structure.no_factors" in rules(lint_review(review.replace(factors=())))


def test_third_party_factor_told_as_the_vendor_alone(review: Review) -> None:
    vendor = Factor("f3", "l3", "The provider's API was down.", third_party=True)
    ours = Factor(
        "f4", "l3", "We had no fallback when the provider's API was down.", third_party=True
    )
    found = lint_review(review.replace(factors=(*review.factors, vendor, ours)))
    flagged = [f.where for f in found if f.rule == "structure.vendor_only"]
    assert flagged == ["factors[2].text"]


def test_log_shaped_narrative_and_no_knowledge(review: Review) -> None:
    log = "14:02 config pushed.\n14:06 alert fired.\n14:31 rollback started.\n14:40 errors stopped."
    found = rules(lint_review(review.replace(narrative=log)))
    assert "story.log" in found
    assert "story.no_knowledge" in found


def test_timeline_without_knew(review: Review) -> None:
    events = tuple(dataclasses.replace(e, knew=None) for e in review.events)
    assert "story.no_knew" in rules(lint_review(review.replace(events=events)))


def test_dismissed_findings_stay_dismissed_after_edits_above_them(review: Review) -> None:
    text = "Sam was careless with the pager."
    first = [f for f in lint_review(review.replace(summary=text)) if f.rule.startswith("blame")]
    assert len(first) == 1
    keys = {first[0].key}
    edited = review.replace(summary="It was a long night. " + text)
    assert [f for f in lint_review(edited, dismissed=keys) if f.rule.startswith("blame")] == []
    other = review.replace(summary="Sam was sloppy with the pager.")
    assert [f.rule for f in lint_review(other, dismissed=keys)] == ["blame.judgement"]


def test_field_kind() -> None:
    assert field_kind("events[3].detail") == "events.detail"
    assert field_kind("actions[0]") == "actions"
    assert field_kind("narrative") == "narrative"


def test_went_well_and_notes_are_linted(review: Review) -> None:
    changed = review.replace(went_well=(WentWell("w1", "Sam responded quickly."),))
    assert [(f.rule, f.where) for f in lint_review(changed)] == [
        ("vague.duration", "went_well[0].text")
    ]
