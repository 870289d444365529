"""The readiness summary shown before export: how much the coach would change, and what first.

It never blocks an export. It counts findings by family and picks the few most
worth fixing: judgement of people first (it costs trust in the meeting), then
the review's shape, then actions nobody can finish, then the story, then
vagueness, one per rule so the list is not five copies of the same advice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from pmdesk.coach.finding import Family, Finding
from pmdesk.coach.lint import lint_review
from pmdesk.model import Review

_FAMILY_RANK = {
    Family.BLAME: 0,
    Family.STRUCTURE: 1,
    Family.ACTION: 2,
    Family.STORY: 3,
    Family.VAGUE: 4,
}
# Within a family, some advice matters more than the rest.
_RULE_RANK = {
    "structure.root_cause": 0,
    "structure.single_factor": 1,
    "structure.impact_numbers": 2,
    "structure.vendor_blame": 3,
    "structure.vendor_only": 3,
    "action.no_owner": 0,
    "action.no_outcome": 1,
    "action.wish": 2,
    "story.log": 0,
}


@dataclass(frozen=True, slots=True)
class Readiness:
    """Counts by family (every family present, zero included) and the top findings."""

    counts: Mapping[Family, int]
    top: tuple[Finding, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def headline(self) -> str:
        """One plain sentence for the export dialog."""
        if self.total == 0:
            return "The coach has nothing to add."
        parts = [f"{n} {family.value}" for family, n in self.counts.items() if n]
        noun = "suggestion" if self.total == 1 else "suggestions"
        return (
            f"{self.total} {noun} from the coach ({', '.join(parts)}); none of them blocks export."
        )


def rank(finding: Finding) -> tuple[int, int]:
    """Sort key for the top findings: blame first, vagueness last, then a rule's own weight."""
    return _FAMILY_RANK[finding.family], _RULE_RANK.get(finding.rule, 5)


def summarise(findings: Collection[Finding], limit: int = 3) -> Readiness:
    """Readiness from findings already computed (the GUI keeps them up to date)."""
    counted = Counter(f.family for f in findings)
    counts = {family: counted.get(family, 0) for family in Family}
    ordered = sorted(enumerate(findings), key=lambda pair: (*rank(pair[1]), pair[0]))
    top: list[Finding] = []
    seen_rules: set[str] = set()
    for _, finding in ordered:
        if finding.rule in seen_rules:
            continue
        seen_rules.add(finding.rule)
        top.append(finding)
        if len(top) == limit:
            break
    return Readiness(counts=counts, top=tuple(top))


def readiness(review: Review, *, dismissed: Collection[str] = (), limit: int = 3) -> Readiness:
    """Readiness of a review before export; dismissed findings do not count."""
    return summarise(lint_review(review, dismissed=dismissed), limit)
