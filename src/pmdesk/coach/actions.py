"""``action.*``: actions someone owns, can finish, and can show to be done.

Shared with the actions table: the same checks colour its cells. Text rules
flag wish verbs ("improve", "look into", "ensure") and fixes aimed at people
("be more careful"); item rules flag a missing owner, outcome or due date.
An action with a measurable outcome already says how "improve" will be judged,
so the wish-verb rule stays quiet for it.
"""

from __future__ import annotations

import re

from pmdesk.coach.finding import Finding
from pmdesk.coach.rule import Context, Rule, pattern
from pmdesk.coach.textindex import TextIndex
from pmdesk.model import Action, ActionStatus

_MEASURABLE = re.compile(
    r"\d|%|\bso that\b|\buntil\b|\bat (?:least|most)\b|\b(?:below|above|under|over|within|"
    r"fewer than|less than|more than|no more than)\b|\bfrom \S+ to \S+|\bby (?:the end of|end of|"
    r"q[1-4]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|"
    r"friday)",
    re.IGNORECASE,
)

_WISH = (
    r"improve|look into|looking into|investigate|ensure|consider|explore|think about|"
    r"revisit|evaluate|assess|discuss|enhance|optimi[sz]e|work on|try to|make sure|"
    r"strengthen|address|tighten|clean up|better|"
    r"review|increase awareness|raise awareness|keep an eye on|monitor more closely"
)


def measurable(text: str) -> bool:
    """Whether an action's words already carry a measure: a number, a threshold, a date."""
    return bool(_MEASURABLE.search(text))


def _unmeasured(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A wish verb is only vague when nothing else in the action gives a measure to check."""
    return not measurable(index.text)


TEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "action.wish",
        pattern(
            r"^\s*(?:(?:we|the team|team) (?:should|will|need to|must|shall)\s+|need to\s+|"
            r"should\s+|must\s+|let's\s+|to\s+)?(?:" + _WISH + r")\b"
        ),
        "'{0}' is a wish, not a change: nobody can tell when it is done.",
        "Name the change and how you will know it worked, e.g. 'Page on-call when disk is above "
        "80% on db hosts (alert test passes)'.",
        negatable=False,
        accept=_unmeasured,
    ),
    Rule(
        "action.wish",
        pattern(
            r"\b(?:better|improved|more robust|more reliable|enhanced|stronger) (?:monitoring|"
            r"alerting|alerts|testing|tests|docs|documentation|communication|process|processes|"
            r"tooling|visibility|observability|logging|runbooks?|handling|coverage|training|"
            r"error handling|review|reviews|oversight)\b"
        ),
        "'{0}' has no measure: better by how much, judged how?",
        "Say what will exist afterwards, e.g. 'alert on 5xx above 2% for 5 minutes'.",
        accept=_unmeasured,
    ),
    Rule(
        "action.people_fix",
        pattern(
            r"\b(?:be (?:more )?(?:careful|vigilant|diligent|attentive|cautious)"
            r"|pay (?:more |closer )?attention|remind (?:[\w-]+ ){0,3}(?:to|about|of)"
            r"|(?:re-?)?train (?:the |all |our )?(?:[\w-]+ ){0,2}(?:to|on|not to)"
            r"|tell (?:[\w-]+ ){0,3}(?:to|not to)|try harder|"
            r"don't do (?:that|this|it) again|double[- ]check more|more careful|more vigilant)\b"
        ),
        "'{0}' asks people to try harder; that fades by the next incident.",
        "Change the system so the slip is hard to make: a guard-rail, a check, a default.",
        negatable=False,
    ),
)


def item_findings(action: Action, where: str) -> list[Finding]:
    """Missing owner, outcome or due date on one action (``where`` is ``actions[i]``).

    Each finding names the empty field (``actions[i].owner``), so the actions
    table can mark the very cell to fill in.
    """
    if action.status is ActionStatus.WONT_DO:
        return []
    found: list[Finding] = []
    if not action.owner:
        found.append(
            Finding(
                "action.no_owner",
                f"{where}.owner",
                0,
                0,
                "This action has no owner, so nobody will pick it up.",
                "Name one person (not a team) who will drive it.",
            )
        )
    if not (action.outcome and action.outcome.strip()) and not measurable(action.text):
        found.append(
            Finding(
                "action.no_outcome",
                f"{where}.outcome",
                0,
                0,
                "This action has no measurable outcome.",
                "Say what will be true when it is done, e.g. 'restore drill completes in under "
                "30 minutes'.",
            )
        )
    if action.due is None and action.status is not ActionStatus.DONE:
        found.append(
            Finding(
                "action.no_due",
                f"{where}.due",
                0,
                0,
                "This action has no due date.",
                "Pick a date; a date that slips is still information.",
            )
        )
    return found
