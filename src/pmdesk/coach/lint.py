"""Linting: from one field's text, or a whole review, to findings.

Which rules run depends on the field: every prose field gets the blame,
vagueness and framing rules; the narrative also gets the story rules; an
action's text gets the action rules. ``where`` uses the interchange format's
names (``events[3].detail``) so the GUI can put each finding next to its field.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from pmdesk.coach import actions, blame, story, structure, vague
from pmdesk.coach.finding import Finding
from pmdesk.coach.rule import Context, Rule, run
from pmdesk.coach.subjects import SubjectReader
from pmdesk.coach.textindex import TextIndex
from pmdesk.model import Review

_PROSE_RULES: tuple[Rule, ...] = blame.RULES + vague.RULES + structure.TEXT_RULES
# An action's vagueness is the action rules' business ("names a target but not how"):
# asking "how much?" of the same words again would be two findings for one problem.
_ACTION_TEXT_RULES: tuple[Rule, ...] = blame.RULES + structure.TEXT_RULES + actions.TEXT_RULES
# What the team knew at a moment is allowed to be vague: that is what it knew.
_KNEW_RULES: tuple[Rule, ...] = blame.RULES + structure.TEXT_RULES
# When two rules of a family flag the same words, the one listed first (the more specific) wins.
_PRECEDENCE = {
    rule.id: n for n, rule in reversed(list(enumerate(_PROSE_RULES + actions.TEXT_RULES)))
}
_WHERE = re.compile(r"^(?P<part>\w+)(?:\[\d+\])?(?:\.(?P<field>\w+))?")


def field_kind(where: str) -> str:
    """``events[3].detail`` → ``events.detail``: the field without its index."""
    match = _WHERE.match(where)
    if match is None:
        return where
    field = match.group("field")
    return f"{match.group('part')}.{field}" if field else match.group("part")


def lint_text(
    text: str | None,
    where: str,
    *,
    people: Iterable[str] = (),
    systems: Iterable[str] = (),
) -> list[Finding]:
    """Findings for one field's text, in text order.

    ``people`` and ``systems`` are names from the review: a person's name makes
    "Sam failed to deploy" recognisably about a person; a service name keeps
    "Ledger failed to start" about a machine.
    """
    if not text or not text.strip():
        return []
    ctx = Context(SubjectReader(people, systems))
    return _lint(text, where, ctx)


def _lint(text: str, where: str, ctx: Context) -> list[Finding]:
    """Each kind of field gets its own rules: action texts and "what we knew" read differently."""
    index = TextIndex(text)
    kind = field_kind(where)
    rules = {"actions.text": _ACTION_TEXT_RULES, "events.knew": _KNEW_RULES}.get(kind, _PROSE_RULES)
    found = run(rules, index, where, ctx)
    if kind == "narrative":
        found.extend(story.narrative_findings(index, where))
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """One finding per rule and span, and none nested inside another of the same family."""
    found.sort(
        key=lambda f: (f.start, -(f.end - f.start), _PRECEDENCE.get(f.rule, len(_PRECEDENCE)))
    )
    kept: list[Finding] = []
    last_end: dict[str, int] = {}
    for finding in found:
        family = finding.rule.split(".", 1)[0]
        if finding.end > finding.start and last_end.get(family, -1) >= finding.end:
            continue
        kept.append(finding)
        last_end[family] = max(last_end.get(family, -1), finding.end)
    return kept


def review_texts(review: Review) -> Iterator[tuple[str, str]]:
    """Every prose field of a review as (where, text), in reading order."""
    yield "title", review.title
    if review.summary:
        yield "summary", review.summary
    if review.impact and review.impact.description:
        yield "impact.description", review.impact.description
    if review.narrative:
        yield "narrative", review.narrative
    for i, event in enumerate(review.events):
        yield f"events[{i}].title", event.title
        if event.detail:
            yield f"events[{i}].detail", event.detail
        if event.knew:
            yield f"events[{i}].knew", event.knew
    for i, factor in enumerate(review.factors):
        yield f"factors[{i}].text", factor.text
    for i, went in enumerate(review.went_well):
        yield f"went_well[{i}].text", went.text
    for i, note in enumerate(review.notes):
        yield f"notes[{i}].text", note.text
    for i, action in enumerate(review.actions):
        yield f"actions[{i}].text", action.text
        if action.outcome:
            yield f"actions[{i}].outcome", action.outcome


def lint_review(review: Review, *, dismissed: Collection[str] = ()) -> list[Finding]:
    """All findings for a review, field by field, leaving out dismissed keys."""
    ctx = Context(SubjectReader((p.name for p in review.people), review.services))
    found: list[Finding] = []
    for where, text in review_texts(review):
        if text and text.strip():
            found.extend(_lint(text, where, ctx))
    found = [f for f in found if not _quiet_wish(f, review)]
    for i, action in enumerate(review.actions):
        found.extend(actions.item_findings(action, f"actions[{i}]"))
    found.extend(story.events_findings(review.events))
    found.extend(structure.review_findings(review))
    if dismissed:
        keys = set(dismissed)
        found = [f for f in found if f.key not in keys]
    return found


def _quiet_wish(finding: Finding, review: Review) -> bool:
    """A wish verb is fine when the action's outcome field already gives the measure."""
    if finding.rule != "action.wish":
        return False
    match = re.match(r"actions\[(\d+)\]", finding.where)
    if match is None:
        return False
    action = review.actions[int(match.group(1))]
    return bool(action.outcome and action.outcome.strip())
