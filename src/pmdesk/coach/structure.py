"""``structure.*``: the shape of the review, not the wording of a sentence.

Incidents rarely have one cause (Allspaw, "The Infinite Hows"; the Swiss-cheese
model behind pmdesk's board). These rules flag "root cause" framing, a single
contributing factor, a missing went-well section, impact without numbers, and a
third-party factor told as the vendor's fault alone: you chose the dependency,
so the review asks what you accepted or checked.
"""

from __future__ import annotations

import re

from pmdesk.coach.finding import Finding
from pmdesk.coach.rule import Rule, alternatives, pattern
from pmdesk.model import Review, ReviewKind

_VENDORS = alternatives(
    """vendor provider supplier third-party third party upstream partner cdn isp saas
    aws amazon google gcp azure microsoft cloudflare akamai fastly stripe twilio okta github
    gitlab datadog pagerduty heroku digitalocean hetzner ovh""",
    [
        "cloud provider",
        "hosting provider",
        "dns provider",
        "payment provider",
        "upstream provider",
    ],
)
_OURS = re.compile(r"\b(?:we|our|us|ours|ourselves)\b", re.IGNORECASE)
_ANY_DIGIT = re.compile(r"\d")

_DEPENDENCY_HELP = (
    "You chose this dependency: say what you accepted or checked (limits, failover, "
    "status-page alerts) and what you will change."
)


TEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "structure.root_cause",
        pattern(
            r"\b(?:the |a |one |single |only )?root[- ]causes?\b(?!\s+analys[ie]s)"
            r"|\broot[- ]caused\b"
            r"|\bthe (?:single|sole|only|one|real|true|ultimate|underlying) (?:cause|reason)\b"
            r"|\bcaused (?:solely|entirely|only|purely|simply) by\b"
            r"|\b(?:solely|entirely|purely|wholly) (?:due to|because of|caused by)\b"
        ),
        "'{0}' frames the incident as having one cause.",
        "List the contributing factors and the layers they slipped through; the board shows how "
        "they lined up.",
    ),
    Rule(
        "structure.vendor_blame",
        pattern(
            r"\b(?:(?:the|our) )?(?:" + _VENDORS + r")(?:'s)? (?:fault|was to blame|is to blame|"
            r"let us down|failed us|screwed up|messed up)\b"
            r"|\b(?:entirely|solely|completely|purely|wholly|100%) (?:the )?(?:"
            + _VENDORS
            + r")(?:'s)? (?:fault|problem|issue|doing)\b"
            r"|\b(?:out of|outside|beyond) our (?:hands|control)\b"
            r"|\bnothing we could (?:have )?(?:done|do)\b"
            r"|\bnot (?:our|on our) (?:fault|side|problem|end)\b"
        ),
        "'{0}' puts the incident entirely on someone else.",
        _DEPENDENCY_HELP,
        negatable=False,
    ),
)


def review_findings(review: Review) -> list[Finding]:
    """Checks on the review's parts: factors, went-well, impact, third parties."""
    found: list[Finding] = []
    if len(review.factors) == 1:
        found.append(
            Finding(
                "structure.single_factor",
                "factors",
                0,
                0,
                "Only one contributing factor: incidents rarely have a single cause.",
                "Which other layers had holes? Think of detection, response and recovery too.",
            )
        )
    elif not review.factors and review.kind is ReviewKind.FULL:
        found.append(
            Finding(
                "structure.no_factors",
                "factors",
                0,
                0,
                "No contributing factors yet.",
                "Add the conditions that lined up, one per layer of defence they slipped through.",
            )
        )
    if not review.went_well:
        found.append(
            Finding(
                "structure.no_went_well",
                "went_well",
                0,
                0,
                "Nothing is listed as having gone well.",
                "Something limited the damage: an alert, a runbook, a colleague. Name it so it "
                "is kept.",
            )
        )
    if not _impact_has_numbers(review):
        found.append(
            Finding(
                "structure.impact_numbers",
                "impact",
                0,
                0,
                "The impact has no numbers.",
                "Give who was affected, how many, and for how long, e.g. '4% of checkouts failed "
                "for 38 minutes'.",
            )
        )
    for i, factor in enumerate(review.factors):
        if factor.is_third_party and not _OURS.search(factor.text):
            found.append(
                Finding(
                    "structure.vendor_only",
                    f"factors[{i}].text",
                    0,
                    0,
                    "This third-party factor is told as the vendor's doing alone.",
                    _DEPENDENCY_HELP,
                )
            )
    return found


def _impact_has_numbers(review: Review) -> bool:
    """Metrics or any digit in the description: enough to know who and how much."""
    impact = review.impact
    if impact is None:
        return False
    return bool(impact.metrics) or bool(_ANY_DIGIT.search(impact.description or ""))
