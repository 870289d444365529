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

# A measure is a number a reader can check against ("5 minutes", "99.9%", "at most 3"),
# not the digits inside a name ("v2", "PR #39821", "PM2019-009", "ipv6").
_MEASURABLE = re.compile(
    r"(?<![\w#/.-])\d+(?:[.,]\d+)*(?![\w-]*[a-zA-Z]{2,}\d)|%|\bso that\b|\buntil\b"
    r"|\bat (?:least|most)\b|\b(?:below|above|under|over|within|fewer than|less than|more than|"
    r"no more than)\s+(?:~\s*)?(?:\d|one|two|three|four|five|ten|a (?:day|week|month|minute|hour))"
    r"|\bfrom ~?\d\S* to ~?\d|\bby (?:the end of|end of|q[1-4]|jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|monday|tuesday|wednesday|thursday|friday)",
    re.IGNORECASE,
)

_WISH = (
    r"improve|look into|looking into|investigate|ensure|consider|explore|think about|"
    r"revisit|evaluate|assess|discuss|enhance|optimi[sz]e|work on|try to|make sure|"
    r"strengthen|address|tighten|clean up|better|"
    r"review|increase awareness|raise awareness|keep an eye on|monitor more closely|"
    r"identify|define|figure out|find out|find a way|find ways|research|re-?evaluate|rethink|"
    r"reconsider|revise|look at|dig into|analy[sz]e|understand|determine|decide|brainstorm|"
    r"come up with|prioriti[sz]e|work out|continue to|keep|follow up|follow-up|aim to|"
    r"seek to|strive to|get better at|be more|become more"
)
# The same wishes as a report of work under way: "we are improving", "Investigating ...".
_WISHING = (
    r"improving|investigating|exploring|considering|evaluating|re-?evaluating|reviewing|"
    r"assessing|discussing|looking into|looking at|working on|ensuring|enhancing|"
    r"optimi[sz]ing|addressing|revisiting|identifying|defining|researching|strengthening|"
    r"tightening|rethinking|reconsidering|analy[sz]ing|figuring out|thinking about"
)
# What may stand before the wish: a label ("Redis isolation: ..."), "we will", "going forward".
_LEAD = (
    r"^\s*(?:(?:high|medium|low|p[0-4])\s+)?(?:[^:.;]{1,60}:\s*)?"
    r"(?:going forwards?,?\s+|in the future,?\s+|longer term,?\s+)?"
    r"(?:(?:we|the team|team|[\w-]+ team) (?:should|will|need to|must|shall|are|have been|"
    r"plan to|intend to|want to|would like to|are going to)\s+(?:also\s+|further\s+)?|"
    r"we're\s+|we've been\s+|we'll\s+|need to\s+|should\s+|must\s+|let's\s+|to\s+|"
    r"(?:also|further)\s+)?"
)
# Planning nouns: "create a process for ...", "define a strategy" say what to talk about next.
_PLAN = (
    r"(?:process|processes|plan|plans|strategy|strategies|approach|framework|guidelines?|"
    r"policy|policies|procedures?|roadmap|initiative|way|ways|path|solution|solutions|"
    r"culture|mindset)"
)


# How a target is reached or shown to be met: a mechanism, a check, a place it is measured.
_HOW = re.compile(
    r"\b(?:by|via|using|through|with|add\w*|alert\w*|pag(?:e|es|ing)|test\w*|drills?|"
    r"checks?|verif\w*|measur\w*|dashboards?|track\w*|enforc\w*|gat(?:e|es|ed|ing)|ci|"
    r"pipelines?|monitor\w*|record\w*|report\w*|benchmark\w*|slos?|budgets?|fail\w*|"
    r"block\w*|reject\w*|so that|configur\w*|set(?:ting)?|limit\w*|cap(?:ped|ping)?|"
    r"throttl\w*|shard\w*|cach\w*|index\w*|scal\w*|migrat\w*|replac\w*|mov(?:e|ing))\b",
    re.IGNORECASE,
)


def _no_how(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A target ("reduce p99 to 200 ms") is a wish until it says how it is reached or checked."""
    rest = index.text[: match.start()] + " " + index.text[match.end() :]
    return not _HOW.search(rest)


# The mechanism words that make a goal ("prevent ...") a change someone can build.
_MECHANISM = re.compile(
    r"\b(?:via|by|using|through|add\w*|alert\w*|test\w*|check\w*|enforc\w*|gat(?:e|es|ed|ing)|"
    r"block\w*|reject\w*|lint\w*|ci|pipelines?|require\w*|automat\w*|pin\w*|lock\w*|"
    r"limit\w*|quotas?|caps?|guards?|timeouts?|throttl\w*|circuit breakers?)\b",
    re.IGNORECASE,
)


def _no_mechanism(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Prevent X" is a goal until it says by what: a check, a gate, an alert."""
    return not _MECHANISM.search(index.text) and not measurable(index.text)


def measurable(text: str) -> bool:
    """Whether an action's words already carry a measure: a number, a threshold, a date."""
    return bool(_MEASURABLE.search(text))


def _unmeasured(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A wish verb is only vague when nothing else in the action gives a measure to check."""
    return not measurable(index.text)


TEXT_RULES: tuple[Rule, ...] = (
    Rule(
        "action.wish",
        pattern(_LEAD + r"(?:" + _WISH + r"|" + _WISHING + r")\b"),
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
        "action.wish",
        pattern(
            r"\b(?:will|'ll|shall|plan to|intend to|are going to|aim to|hope to|want to|"
            r"would like to|are committed to|commit to|are working to|continue to)\s+(?:make|"
            r"implement|introduce|put in place|take|pursue|invest in|work on)\s+(?:[\w-]+\s+)"
            r"{0,2}?(?:changes|improvements|steps|measures|actions|efforts|investments|work)\b"
            r"|\b(?:changes|improvements|steps|measures|efforts) (?:will be|are being|have been|"
            r"are) (?:made|taken|put in place|implemented|planned|underway)\b"
            r"|\b(?:make|making|take|taking|put|putting) (?:some |further |additional |more |the "
            r"necessary |necessary |appropriate )?(?:changes|improvements|steps|measures)"
            r"(?: in place)? to (?:improve|ensure|prevent|reduce|avoid|increase|address|"
            r"strengthen|minimi[sz]e|mitigate|harden)\b"
        ),
        "'{0}' promises change without naming it: nobody can tell when it is done.",
        "Name the change itself and how you will know it worked, e.g. 'Add a canary stage "
        "that halts the deploy at 1% errors'.",
        negatable=False,
    ),
    Rule(
        "action.target",
        pattern(
            r"^\s*(?:(?:we|the team) (?:will|should|must|need to)\s+)?(?:reduce|lower|decrease|"
            r"increase|raise|improve|keep|maintain|achieve|reach|get|bring|hold|drive|return)\b"
            r".{0,60}?\b(?:to|below|under|above|at|within|less than|more than|at most|at least)"
            r"\s+~?\d[\d.,]*"
            r"|\b(?:should|must|needs? to|will|shall) (?:always )?(?:stay|remain|be kept|be|"
            r"not exceed|never exceed|not go (?:above|below))\s+(?:below|under|above|within|"
            r"less than|more than|at most|at least|over)?\s*~?\d[\d.,]*"
        ),
        "'{0}' names a target but not how it is reached or checked.",
        "Say what change gets there and where it is measured, e.g. 'add a read replica; "
        "alert when p99 is above 200 ms for 10 minutes'.",
        negatable=False,
        accept=_no_how,
    ),
    Rule(
        "action.wish",
        pattern(
            r"^\s*(?:(?:we|the team|team) (?:should|will|need to|must)\s+|need to\s+|to\s+)?"
            r"(?:create|establish|develop|define|introduce|implement|put in place|set up|setup|"
            r"agree on|agree|draft|design|find|build|have) (?:(?:an?|the|some|clear|better|new|"
            r"proper|common|standard|standardi[sz]ed|shared|formal|unified) )?(?:[\w-]+ ){0,2}?"
            + _PLAN
            + r"\b"
            r"|^\s*(?:add|set ?up|setup|create|implement|introduce|write|get|have|provide|"
            r"establish|do|apply|use)\s+(?:more|additional|further|extra|better|improved|proper|"
            r"sufficient|adequate|appropriate|necessary|enough|relevant|missing|more and better)"
            r"\s+"
            r"|\b(?:might|may|could) (?:be an option|be worth|help|want to|be useful|consider)\b"
            r"|\b(?:to )?something (?:more|less|better) ?[\w-]*"
            r"|\b(?:comprehensive|holistic|thorough|general|overall|broader|wider|deeper|"
            r"specialized|specialised) (?:[\w-]+ ){0,2}?(?:review|reviews|testing|tests|audit|"
            r"overhaul|analysis|"
            r"tooling|monitoring|alerting|observability|improvements?|hardening)\b"
            r"|\b(?:[\w-]+ )?(?:improvements?|enhancements?|hardening|evolution|rework)\s*:"
        ),
        "'{0}' names a topic, not a change: nobody can tell when it is done.",
        "Name the change and how you will know it worked, e.g. 'Page on-call when disk is above "
        "80% on db hosts (alert test passes)'.",
        negatable=False,
        accept=_unmeasured,
    ),
    Rule(
        "action.wish",
        pattern(
            r"\b(?:we|we're|we are|we've been|we have been|we will|we'll|we plan to|we need to|"
            r"(?:the )?(?:[\w-]+ )?team (?:is|are|will))\s+(?:also |actively |currently |now |"
            r"continuing to |continue to |further )?(?:working (?:to|on|towards)|looking into|"
            r"exploring|reviewing|analy[sz]ing|improving|enhancing|investigating|evaluating|"
            r"considering|assessing|strengthening|accelerat\w*|leverag\w*|focusing on|"
            r"making changes|update our|improve|enhance|strengthen|revisit|explore|"
            r"continue to (?:improve|invest|work|monitor|evaluate|review))\b"
            r"|^\s*(?:[^:.;]{1,60}:\s*)?(?:ask|reach out|schedule an? (?:discussion|meeting|"
            r"session|call|review)|agree|align|check (?:why|whether|if|how)|discuss|talk to|"
            r"sync with|follow up|rewrite the (?:entire|whole)|develop (?:rules|guidelines|a plan|"
            r"a process)|consider to|we need (?:a|an|to add|to have|more|better|to improve)|"
            r"need (?:a|an|to add|more|better))\b"
            r"|\bneeds? (?:a |an |to be )?(?:more|better|clearer|less) [\w-]+"
            r"|\bto make (?:[\w-]+ ){0,7}?(?:faster|quicker|safer|easier|simpler|better|more "
            r"(?:robust|reliable|resilient|stable|secure|efficient))\b"
            r"|\b(?:regularly|periodically|early|proactively|continuously|as needed|when needed|"
            r"where possible|as appropriate|if needed|in a timely manner|within hours|as soon as "
            r"possible|asap)\b"
            r"|\b(?:a certain|an appropriate|a reasonable|a sensible|a given|a suitable) "
            r"(?:threshold|level|limit|number|amount|value|rate)s?\b"
            r"|\b(?:abnormal|unusual|anomalous|suspicious|aberrant|excessive|increased|"
            r"high) (?:[\w-]+ )?(?:events?|behaviou?r|activity|usage|numbers?|traffic|load|"
            r"levels?|rates?|sockets|errors)\b"
            r"|\b(?:tweak\w*|adjust\w*|tun(?:e|ed|ing)) (?:the |our )?(?:[\w/-]+ ){0,5}?"
            r"(?:limits?|quotas?|thresholds?|timeouts?|values?|sizes?|settings?|parameters?)\b"
        ),
        "'{0}' names a direction, not a change: nobody can tell when it is done.",
        "Name the change and how you will know it worked, e.g. 'Page on-call when disk is above "
        "80% on db hosts (alert test passes)'.",
        negatable=False,
        accept=_unmeasured,
    ),
    Rule(
        "action.wish",
        pattern(
            r"^\s*(?:[^:.;]{1,60}:\s*)?(?:prevent|avoid|stop|minimi[sz]e|eliminate|limit the "
            r"(?:risk|chance|impact))\b"
        ),
        "'{0}' states a goal without the mechanism that reaches it.",
        "Name the guard that makes it so, e.g. 'fail the pipeline when an add-on bump shares a "
        "release with other changes'.",
        negatable=False,
        accept=_no_mechanism,
    ),
    Rule(
        "action.people_fix",
        pattern(
            r"\b(?:teach|educate|coach|train|re-?train|upskill|inform|tell|remind|encourage|urge|"
            r"ask|advise|advised|advising|reach out to|nudge) (?:the |all |our |more |relevant |"
            r"affected )?(?:[\w-]+ ){0,2}?(?:teams?|people|"
            r"engineers?|developers?|devs|staff|employees|users|owners|operators|on-?call|"
            r"responders?|everyone|everybody|members|colleagues|product owners?)\b"
            r"(?! (?:automatically|via|through|with an? (?:alert|page|bot|check)))"
        ),
        "'{0}' asks people to know or do better; that fades by the next incident.",
        "Change the system so the slip is hard to make: a guard-rail, a check, a default.",
        negatable=False,
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
