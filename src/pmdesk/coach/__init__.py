"""The writing coach: reads over the author's shoulder and says how to say it better.

It flags judgement of people, vagueness, log-shaped stories, single-cause
framing and actions nobody can finish, and it never blocks anything. Pure
Python: no Qt, no I/O.

    findings = lint_review(review)              # list[Finding]
    findings = lint_text(text, "narrative")     # one field while the user types
    print(format_findings(findings, as_json=False))
    summary = readiness(review)                  # counts by family, top few to fix

Board nudges and action coverage live in ``pmdesk.coach.analysis``.
"""

from pmdesk.coach.finding import Family, Finding
from pmdesk.coach.lint import field_kind, lint_review, lint_text, review_texts
from pmdesk.coach.output import format_findings
from pmdesk.coach.readiness import Readiness, readiness, summarise

__all__ = [
    "Family",
    "Finding",
    "Readiness",
    "field_kind",
    "format_findings",
    "lint_review",
    "lint_text",
    "readiness",
    "review_texts",
    "summarise",
]
