"""``blame.*``: words that judge people instead of describing what happened.

The categories come from the blameless-review literature (Google SRE's
"Postmortem Culture", Etsy's Debriefing Facilitation Guide, Allspaw's "Blameless
PostMortems and a Just Culture"): judgement adjectives, "human error" as a cause,
hindsight ("should have known", "obviously"), counterfactuals about a person,
imputed intent ("didn't bother", "ignored") and fault. Naming a person neutrally
("Alex deployed the change") is context, never a finding.
"""

from __future__ import annotations

import dataclasses
import re

from pmdesk.coach.rule import Accept, Context, Rule, alternatives, group_text, pattern, word_set
from pmdesk.coach.subjects import AMBIGUOUS_PRONOUNS, FIRST_PERSON, Subject
from pmdesk.coach.textindex import TextIndex

_HINDSIGHT_HELP = "Describe what they knew at that moment and why the step made sense to them then."

# Past participles of things a person chooses or notices; machines "fire" or "restart".
_PERSON_VERBS = alternatives(
    [
        "known",
        "noticed",
        "checked",
        "double-checked",
        "caught",
        "seen",
        "spotted",
        "realised",
        "realized",
        "read",
        "tested",
        "verified",
        "validated",
        "asked",
        "followed",
        "waited",
        "escalated",
        "paged",
        "reviewed",
        "looked",
        "paid",
        "thought",
        "questioned",
        "stopped",
        "confirmed",
        "anticipated",
        "foreseen",
        "predicted",
        "flagged",
        "raised",
        "told",
        "informed",
        "consulted",
        "listened",
        "investigated",
        "understood",
        "considered",
        "done",
        "taken",
        "rolled",
        "reverted",
        "run",
        "used",
        "acted",
        "responded",
        "communicated",
        "called",
        "tried",
        "remembered",
        "heeded",
        "monitored",
        "watched",
        "deployed",
        "pushed",
        "merged",
        "approved",
        "noted",
        "warned",
        "insisted",
        "refused",
        "declined",
        "made sure",
        "ensured",
        "prevented",
        "avoided",
        "averted",
        "stopped",
        "fixed",
        "mitigated",
        "been more careful",
        "been more cautious",
        "been more attentive",
        "been more thorough",
        "been careful",
        "been aware",
        "been paying attention",
    ]
)
# Infinitives that only a person does; "the job failed to start" is a machine.
_PERSON_INFINITIVES = word_set(
    """notice check follow communicate escalate read test verify ask inform review realise
    realize consider understand mention acknowledge heed pay double-check anticipate catch
    confirm validate tell notify page consult coordinate document plan remember spot
    recognise recognize question investigate act raise flag warn update think prepare
    learn listen look care bother own request merge"""
)

_JUDGEMENT_WORDS = alternatives(
    [
        "careless",
        "carelessly",
        "carelessness",
        "negligent",
        "negligently",
        "negligence",
        "sloppy",
        "sloppily",
        "sloppiness",
        "lazy",
        "laziness",
        "incompetent",
        "incompetence",
        "reckless",
        "recklessly",
        "recklessness",
        "irresponsible",
        "irresponsibly",
        "irresponsibility",
        "inattentive",
        "inattention",
        "stupid",
        "stupidity",
        "dumb",
        "foolish",
        "foolishly",
        "idiot",
        "idiotic",
        "amateurish",
        "unprofessional",
        "complacent",
        "complacency",
        "cavalier",
        "cowboy",
        "fat-finger",
        "fat-fingered",
        "fat fingered",
        "fat-fingering",
        "rookie mistake",
        "silly mistake",
        "boneheaded",
        "thoughtless",
        "thoughtlessly",
        "lack of attention",
        "lack of care",
        "lack of diligence",
        "lack of discipline",
        "lack of competence",
        "lack of common sense",
        "lack of professionalism",
        "lack of focus",
        "embarrassing",
        "shameful",
        "inexcusable",
        "unforgivable",
        "disgraceful",
        "pathetic",
        "rubber-stamped",
        "rubber-stamp",
        "rubber stamped",
        "cut corners",
        "cutting corners",
        "half-assed",
    ]
)
# Technical phrases that reuse a judgement word: lazy loading, sloppy quorums, dumb pipes.
_TECHNICAL_AFTER = re.compile(
    r"\s*-?\s*(?:load\w*|evaluat\w*|init\w*|import\w*|eval|iterators?|sequences?|mode|"
    r"instantiation|deletion|expir\w*|quorums?|terminals?|pipes?|clients?|switch(?:es)?|"
    r"proxy|proxies|hubs?)\b",
    re.IGNORECASE,
)


def _not_technical(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Judgement words that name a technique ("lazy loading", "dumb pipes") judge nobody."""
    return not _TECHNICAL_AFTER.match(index.text, match.end())


def _about_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Flag only when the subject may be a person; "the cache was careless" blames nobody."""
    kind, _ = ctx.subjects.classify(index.clause_words(match.start()))
    return kind is not Subject.THING


def _about_person_verb(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A person, or a maybe-name doing something only a person does."""
    words = index.clause_words(match.start())
    kind, _ = ctx.subjects.classify(words)
    if kind is Subject.THING:
        # "An operator on the night shift forgot to ...": the actor opens the clause.
        kind, _ = ctx.subjects.opening(words)
    if kind is Subject.PERSON:
        # "We failed to verify ..." is the team's own account of a missed step.
        return _head_of(ctx, words) not in FIRST_PERSON
    if kind is Subject.THING:
        return False
    # Only a mind forgets or neglects; for "failed to", the verb must be a person's.
    if match.group("main").lower() in {"forgot", "neglected"}:
        return True
    return match.group("verb").lower() in _PERSON_INFINITIVES


def _about_someone_else(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Just had to" belittles a colleague; "we just had to wait" is only a duration."""
    kind, head = ctx.subjects.classify(index.clause_words(match.start()))
    return kind is not Subject.THING and head not in FIRST_PERSON


def _normative_about_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Should have <any verb>" judges a person; "could have" only with a person's verb."""
    kind, _ = ctx.subjects.classify(index.clause_words(match.start()))
    return kind is Subject.PERSON


def _conditional_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A counterfactual counts only when its "who" may be a person, not "if the cache had"."""
    words = (group_text(index, match, "who") or "").split()
    kind, _ = ctx.subjects.classify(words)
    return kind is not Subject.THING


def _inverted_conditional(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Had Dana only checked ..." opens a clause; "we had checked" does not."""
    start, _ = index.sentence_span(match.start())
    lead = index.text[start : match.start()].rstrip()
    return (not lead or lead[-1] in ",;:(") and _conditional_person(index, match, ctx)


def _fault_of_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Fault laid on a person (a name, "her", "on Gemma"), not on a system or "on fire"."""
    owner, of = group_text(index, match, "owner"), group_text(index, match, "of")
    on = group_text(index, match, "on")
    if on is not None:
        # "It's on Gemma" lays it at a person's door; "it's on fire" does not.
        return ctx.subjects.classify([on])[0] is not Subject.THING
    if of is not None:
        return ctx.subjects.classify(of.split()[:2])[0] is not Subject.THING
    if owner is None:
        return _about_person(index, match, ctx)
    if owner.lower() in {"his", "her", "their", "my", "your", "our"}:
        return True
    owner = owner[:-2]
    if ctx.subjects.is_person_word(owner):
        return True
    # A capitalised name that is not a known system or vendor (those are structure.*).
    return owner[:1].isupper() and not ctx.subjects.is_system_word(owner)


def _by_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Introduced by Dana" or "by an engineer"; "by a config change" or "by PR 12" is a thing."""
    who = (group_text(index, match, "who") or "").split()
    if not who or any(ch.isdigit() for ch in who[-1]) or (len(who[-1]) > 1 and who[-1].isupper()):
        return False
    kind, head = ctx.subjects.classify(who)
    return kind is not Subject.THING and head not in FIRST_PERSON


def _someone_else_or_role(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A person other than the writer: "we ran it instead of ..." is the team's own account."""
    words = _actor_words(index, match)
    kind, head = ctx.subjects.classify(words)
    if kind is Subject.THING:
        # "Someone wrote a raw update instead of ...": the clause opens with its actor.
        kind, head = ctx.subjects.opening(words)
    if kind is Subject.PERSON and head not in FIRST_PERSON:
        return True
    return kind is Subject.MAYBE_PERSON and head not in AMBIGUOUS_PRONOUNS


def _condition_of_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "A tired engineer" or "she was rushed": a state of mind offered as the cause."""
    after = index.text[match.end() : match.end() + 40].split()
    if after and ctx.subjects.classify(after[:1])[0] is Subject.PERSON:
        return ctx.subjects.is_person_word(after[0].strip(",.;:"))
    return _someone_else_or_role(index, match, ctx)


def _possessor_is_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Dana's mistake", "his error"; "the parser's error" or "Kafka's error" is a thing's."""
    owner = group_text(index, match, "owner") or ""
    if owner.lower() in {"his", "her", "their", "your"}:
        return True
    name = owner[:-2]
    if ctx.subjects.is_person_word(name):
        return True
    return name[:1].isupper() and not name.isupper() and not ctx.subjects.is_system_word(name)


_PERSON_STATE = alternatives(
    [
        "tired",
        "fatigued",
        "did not have sufficient background",
        "did not have enough experience",
        "didn't have enough experience",
        "lacked the experience",
        "lacked experience",
        "lacked the knowledge",
        "exhausted",
        "sleep-deprived",
        "sleepy",
        "stressed",
        "stressed out",
        "overworked",
        "overwhelmed",
        "distracted",
        "rushed",
        "rushing",
        "hurried",
        "in a hurry",
        "in a rush",
        "under pressure",
        "under time pressure",
        "under a lot of pressure",
        "burnt out",
        "burned out",
        "hungover",
        "frazzled",
        "inexperienced",
        "unfamiliar with",
        "new to the team",
        "new to the job",
    ]
)
_WORK_NOUNS = (
    r"(?:work|code|job|change|changes|rule|rules|patch|fix|config|configuration|script|tests?|"
    r"query|queries|migration|commit|pull request|pr|review|runbook|design|implementation)"
)
_WRONG_ACTS = alternatives(
    """ran executed typed entered pushed deployed merged deleted dropped removed changed
    modified ran wrote committed applied restarted rebooted misconfigured mistyped
    overwrote truncated pointed selected chose picked used edited"""
)


def _head_of(ctx: Context, words: list[str]) -> str:
    """The person word a clause is about, by its last word or, failing that, its first."""
    kind, head = ctx.subjects.classify(words)
    if kind is Subject.THING:
        kind, head = ctx.subjects.opening(words)
    return head


# Sentences about blame itself: guides, the "old view of human error", a quoted word.
_META = re.compile(
    r"\b(?:post-?mortems?|blameless|blameful|bad apples?|view of human error|human error as|"
    r"reprimand\w*|blame culture|finger[- ]pointing|hr issue|implies|this view|old view|"
    r"new view|the word|uses [\"“‘']|language|is a symptom of|the assumption that|hunts? for)\b",
    re.IGNORECASE,
)


def _outside_meta(check: Accept | None) -> Accept:
    """Leave alone sentences that discuss blame as an idea rather than blame someone."""

    def accept(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
        start, end = index.sentence_span(match.start())
        if _META.search(index.text, start, end):
            return False
        return check is None or check(index, match, ctx)

    return accept


_JUDGED_SENTENCE = re.compile(
    r"\b(?:should(?:n't| not)?|never|nobody|no one|didn't|did not|wasn't|was not|failed|"
    r"wrong|mistake|not)\b",
    re.IGNORECASE,
)


def _obviously_judges(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Obviously nobody read it" judges; "very obviously crafted for malice" only stresses."""
    if not match.group(0).lower().startswith("obviously"):
        return True
    start, end = index.sentence_span(match.start())
    if not index.text[start : match.start()].strip(" \"'(“‘"):
        return True  # "Obviously the cert had expired." opens a judgement
    return bool(_JUDGED_SENTENCE.search(index.text, start, end))


def _someone_else_opening(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """The clause opens with a person, a role or a group that is not the writer's "we".

    "They" is people only when the verb is a person's ("they did not request a
    review"); pods and jobs also "do not respond".
    """
    words = _actor_words(index, match)
    kind, head = ctx.subjects.opening(words)
    if kind is Subject.THING:
        kind, head = ctx.subjects.classify(words)
    if kind is Subject.PERSON:
        return head not in FIRST_PERSON
    if kind is Subject.MAYBE_PERSON and head in AMBIGUOUS_PRONOUNS:
        verb = group_text(index, match, "verb") if "verb" in match.re.groupindex else None
        return verb is not None and any(w.startswith(verb.lower()) for w in _PERSON_INFINITIVES)
    return kind is Subject.MAYBE_PERSON


def _actor_words(index: TextIndex, match: re.Match[str]) -> list[str]:
    """Who acted: the clause before the match, or after an opening phrase's comma.

    "Instead of using X, someone wrote ..." names its actor after the comma.
    """
    words = index.clause_words(match.start())
    if words:
        return words
    _, end = index.sentence_span(match.start())
    comma = index.text.find(",", match.end(), end)
    if comma < 0:
        return []
    return index.text[comma + 1 : end].split()[:6]


def _judges_the_past(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "It could have been avoided" judges the past; "the scanner would have detected it"
    only says what a tool can do, unless a person or an "if we had" is in the frame."""
    words = " ".join(match.group(0).lower().split())
    if " been " in words or words.startswith(("in ", "with ", "if ")) or "happened had" in words:
        return True
    if words.startswith(("in retrospect", "in hindsight")):
        return True
    if ctx.subjects.classify(index.clause_words(match.start()))[0] is Subject.PERSON:
        return True
    start, _ = index.sentence_span(match.start())
    lead = index.text[start : match.start()].lower()
    return bool(re.search(r"\b(?:if|had we|had they|had i|with hindsight|in hindsight)\b", lead))


def _asked_of_person(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Why didn't Dana page?" asks a person; "why didn't the alert fire" or "we" do not."""
    who = group_text(index, match, "who") or group_text(index, match, "who2") or ""
    words = who.split()
    if not words:
        return False
    first = words[0].lower()
    if first in FIRST_PERSON or first in {"our", "the", "this", "that", "it", "its"}:
        kind, head = ctx.subjects.classify(words)
        return kind is Subject.PERSON and head not in FIRST_PERSON
    return ctx.subjects.classify(words[:1])[0] is not Subject.THING


_RULES: tuple[Rule, ...] = (
    Rule(
        "blame.hindsight",
        pattern(
            r"\b(?:should(?:n't| not)?|ought to) have known(?: better)?\b|\bshould know better\b"
            r"|\b(?:any|every)(?:one|body) (?:would|could|should) have (?:known|seen|noticed|"
            r"realised|realized|caught|spotted)\b"
        ),
        "'{0}' judges with hindsight: it was not known then.",
        _HINDSIGHT_HELP,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\b(?:should(?:n't| not)?|could|ought to|needed to) have (?:(?:just|simply|easily|"
            r"at least|first|also|really|properly|actually)\s+)?(?:" + _PERSON_VERBS + r")\b"
        ),
        "'{0}' is a counterfactual about a person; it tells what did not happen.",
        "Say what did happen, what they knew, and what made that path the natural one.",
        accept=_about_person,
    ),
    Rule(
        "blame.hindsight",
        pattern(
            r"\b(?:a|any|an) (?:more |truly |really )?(?:experienced|competent|careful|good|"
            r"senior|better|real|reasonable|decent|attentive|seasoned|diligent) [\w-]+(?: [\w-]+)?"
            r" would(?:n't| not)? have\b"
        ),
        "'{0}' measures a person against an imagined better one, with hindsight.",
        _HINDSIGHT_HELP,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\b(?:should(?:n't| not)?|ought(?:n't| not)? to) have (?:(?:just|simply|at least|"
            r"first|also|really|actually)\s+)?[a-z]+(?:ed|en|wn|ne|un|ught|ept|ade|ook|ent|ld)\b"
        ),
        "'{0}' is a counterfactual about a person; it tells what did not happen.",
        "Say what did happen, what they knew, and what made that path the natural one.",
        accept=_normative_about_person,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\bif (?:only )?(?P<who>(?:the |our )?[\w\x27\u2019-]+(?: [\w\x27\u2019-]+)?)"
            r" had(?:n't| not)?"
            r" (?:(?:just|only|simply|actually|properly|bothered to)\s+)?(?:"
            + _PERSON_VERBS
            + r")\b"
        ),
        "'{0}' is a counterfactual about a person; it tells what did not happen.",
        "Say what did happen, what they knew, and what made that path the natural one.",
        accept=_conditional_person,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\bhad (?P<who>[\w\x27\u2019-]+(?: [\w\x27\u2019-]+)?) (?:(?:only|just|simply|"
            r"actually|properly)\s+)?(?:" + _PERSON_VERBS + r")\b"
        ),
        "'{0}' is a counterfactual about a person; it tells what did not happen.",
        "Say what did happen, what they knew, and what made that path the natural one.",
        accept=_inverted_conditional,
    ),
    Rule(
        "blame.judgement",
        pattern(r"\b(?:" + _JUDGEMENT_WORDS + r")\b"),
        "'{0}' judges a person rather than describing what happened.",
        "Describe the action and the conditions around it; let readers see why it made sense.",
        accept=_not_technical,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:(?:was|were|wasn't|weren't) not paying|(?:wasn't|weren't|not) paying|"
            r"(?:didn't|did not|failed to) pay) (?:enough |close |any )?attention\b"
            r"|\b(?:dropped the ball|asleep at the wheel|screwed up|messed up|botched|bungled)\b"
        ),
        "'{0}' judges a person rather than describing what happened.",
        "Describe what held their attention and what the tools showed at that moment.",
        negatable=False,
    ),
    Rule(
        "blame.human_error",
        pattern(
            r"\b(?:human|operator|pilot|personnel|staff|engineer|user) errors?\b"
            r"(?!\s*(?:rates?|counts?|budgets?|pages?|messages?|codes?|logs?|responses?|dialogs?))"
            r"|\bpebkac\b|\bpebcak\b|\bid10t\b|\blayer 8\b"
        ),
        "'{0}' names a person as the cause and ends the inquiry too early.",
        "Describe what the person did and what in the system made that step easy to get wrong.",
    ),
    Rule(
        "blame.intent",
        pattern(
            r"\b(?:didn't|did not|never|couldn't be|could not be|wasn't|was not) "
            r"(?:(?:even|ever|really|once|just)\s+)?bother(?:ed)?\b"
            r"|\b(?:couldn't|could not|didn't|did not) care\b|\bcouldn't care less\b"
        ),
        "'{0}' imputes a motive nobody can know.",
        "Say what was and was not done, and what competed for their time.",
        negatable=False,
        accept=_about_person,
    ),
    Rule(
        "blame.intent",
        pattern(
            r"\b(?:didn't|did not|never|doesn't|does not) (?:(?:even|ever|really|once)\s+)?"
            r"(?:think (?:about|through|of|to)|stop to think)\b"
        ),
        "'{0}' imputes thoughtlessness nobody can observe.",
        "Say what they were attending to and what would have drawn their eye to this.",
        negatable=False,
        accept=_about_someone_else,
    ),
    Rule(
        "blame.intent",
        pattern(r"\b(?:ignored|disregarded|brushed off|shrugged off)\b"),
        "'{0}' suggests the person chose not to act.",
        "Say what they saw and why acting on it did not seem necessary at the time.",
        accept=_about_person,
    ),
    Rule(
        "blame.fault",
        pattern(
            r"\b(?P<owner>his|her|their|my|your|our|[\w-]+'s) fault\b"
            r"|\b(?:is|was|are|were) (?:to blame|at fault)\b"
            r"|\bblame (?:lies|rests|falls) (?:with|on)\b"
            r"|\bthe fault of (?P<of>(?:the |an? |our )?[\w-]+(?: [\w-]+)?)"
            r"|\b(?:it's|it is|it was|that's|that is|that was|this is|this was|(?:this|that) one's)"
            r" (?:all |squarely |entirely )?on (?P<on>[\w-]+)\b"
            r"(?! (?:call|duty|site|track|time|hold))"
        ),
        "'{0}' assigns fault to a person.",
        "Describe each contributing factor; the review is about how the system let this happen.",
        accept=_fault_of_person,
    ),
    Rule(
        "blame.failed_to",
        pattern(r"\b(?P<main>failed|neglected|omitted|forgot) to (?P<verb>[\w-]+)"),
        "'{0}' frames a person by what they did not do.",
        "Say what they did do, what they knew, and what would have prompted the missing step.",
        accept=_about_person_verb,
    ),
    Rule(
        "blame.obviously",
        pattern(
            r"\bobviously\b|\b(?:it|this|that|which|the problem|the cause|the fix) "
            r"(?:was|is|should have been|seems|seemed|must have been) "
            r"(?:so |very |pretty |quite )?obvious\b"
            r"|\b(?:an|the|this|such an) obvious (?:mistake|error|oversight|blunder|slip)\b"
            r"|\bclearly (?:should|shouldn't|should not|ought)\b"
        ),
        "'{0}' is hindsight: it was obvious only afterwards.",
        _HINDSIGHT_HELP,
        accept=_obviously_judges,
    ),
    Rule(
        "blame.just_had_to",
        pattern(r"\ball (?:[\w-]+ ){1,3}(?:had|needed|has|have|need) to do (?:was|is)\b"),
        "'{0}' makes their work sound trivial and the outcome their fault.",
        "Describe what the step involved and what made it hard to see at the time.",
    ),
    Rule(
        "blame.just_had_to",
        pattern(r"\b(?:just|simply|only) (?:had|needed|has|needs) to\b"),
        "'{0}' makes their work sound trivial and the outcome their fault.",
        "Describe what the step involved and what made it hard to see at the time.",
        accept=_about_someone_else,
    ),
    Rule(
        "blame.mistake",
        pattern(
            r"\b(?:made|makes|making) (?:a |an |another |the same |the )?(?:careless |silly |"
            r"stupid |dumb |basic |simple |rookie |big |huge |costly |critical |fatal |"
            r"obvious )?(?:mistakes?|errors?|blunders?)\b"
        ),
        "'{0}' judges the person instead of describing the step.",
        "Describe the step they took and what made it look right at the time.",
        accept=_about_person,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:was|were|is|are|been) (?:far |much |way |simply |just )?too (?:slow|late|"
            r"hasty|eager|careless|confident|quick|busy|complacent) (?:to|in|at|with)\b"
            r"|\b(?:took|takes|take|taking) (?:far |much |way )?too long to (?:respond|react|"
            r"escalate|notice|acknowledge|ack|answer|act|investigate|review|roll back|decide)\b"
            r"|\b(?:was|were) (?:not|n't) (?:fast|quick|careful|thorough|experienced) enough\b"
        ),
        "'{0}' judges how a person performed instead of saying what slowed the response.",
        "Say what they were waiting on or working through, and what the tools showed them.",
        negatable=False,
        accept=_someone_else_or_role,
    ),
    Rule(
        "blame.mistake",
        pattern(
            r"\b(?P<owner>his|her|their|your|[\w-]+'s) (?:own |careless |simple |silly |big |"
            r"costly |unfortunate |honest )?(?:mistakes?|errors?|blunders?|oversights?|slip-ups?|"
            r"missteps?|screw-?ups?|negligence|carelessness)\b"
            r"(?!\s*(?:rates?|counts?|budgets?|handling|messages?|codes?|logs?|pages?|responses?))"
        ),
        "'{0}' makes the incident a person's error.",
        "Describe the step they took and what made it look right at the time.",
        accept=_possessor_is_person,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:broke|wrecked|trashed|nuked|borked|hosed|killed) (?:it|prod|production|"
            r"everything|the build|the site|things|staging)\b"
        ),
        "'{0}' makes a person the cause; the review asks how the system let the change through.",
        "Name the change and what it did, e.g. 'the 14:02 deploy removed the index'.",
        negatable=False,
        accept=_someone_else_or_role,
    ),
    Rule(
        "blame.mistake",
        pattern(
            r"\b(?:mistakenly|accidentally|inadvertently|wrongly|erroneously|unintentionally|"
            r"carelessly|by mistake|by accident) (?:[\w-]+ )?(?:" + _WRONG_ACTS + r")\b"
            r"|\b(?:" + _WRONG_ACTS + r") (?:it |them |this |that )?(?:by mistake|by accident|"
            r"incorrectly|wrongly|in error)\b"
            r"|\b(?:" + _WRONG_ACTS + r") (?:the |a )?wrong (?:command|host|server|cluster|"
            r"database|db|environment|region|flag|value|file|branch|table|account|target|script|"
            r"config\w*|version|ip|key)\b"
        ),
        "'{0}' frames a person's step as the error.",
        "Say what the step did, what they expected it to do, and what made the two look alike.",
        negatable=False,
        accept=_someone_else_or_role,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\binstead of (?:using|following|running|checking|reading|testing|asking|waiting|"
            r"escalating|paging|rolling back|reverting|calling|consulting|looking|verifying)\b"
        ),
        "'{0}' measures what a person did against what they did not do.",
        "Say what they did and what made that path the natural one at the time.",
        negatable=False,
        accept=_someone_else_or_role,
    ),
    Rule(
        "blame.fault",
        pattern(
            r"\b(?:introduced|caused|created|triggered|written|pushed|broken|shipped) by "
            r"(?P<who>(?:(?:an?|the|one|some|our) )?(?:(?:junior|new|inexperienced|careless|"
            r"single|other) )?[\w-]+)\b"
        ),
        "'{0}' lays the incident at a person's door.",
        "Name the change and what let it through: review, tests, rollout.",
        negatable=False,
        accept=_by_person,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:an?|the|one|our|some) (?:(?:very|fairly|relatively) )?(?:intern|trainee|"
            r"new hire|newbie|novice|rookie|junior (?:engineer|developer|dev|admin|sre|operator|"
            r"employee|team member|member of staff))\b"
            r"(?= (?:[\w-]+ ){0,4}?(?:" + _WRONG_ACTS + r")\b)"
        ),
        "'{0}' points at who made the change as if their seniority explained it.",
        "Say what the change did and what let it reach production: access, review, guard-rails.",
        negatable=False,
    ),
    Rule(
        "blame.condition",
        pattern(r"\bin (?:our|their|his|her|the|my) (?:rush|haste|hurry)\b"),
        "'{0}' explains the step by haste rather than by what let it through.",
        "Say what in the work made the slip easy (hour, load, missing check) and how to guard it.",
        negatable=False,
    ),
    Rule(
        "blame.failed_to",
        pattern(
            r"\b(?:nobody|no one|no-one) (?:was |were |had |did |really |even )*(?:\w+ )?"
            r"(?:noticed|noticing|watching|checking|looking|checked|looked|caught|read|reviewed|"
            r"tested|verified|paying attention)\b"
        ),
        "'{0}' frames people by what nobody did.",
        "Say what drew attention elsewhere and what would have surfaced this to someone.",
        negatable=False,
    ),
    Rule(
        "blame.condition",
        pattern(r"\b(?:" + _PERSON_STATE + r")\b"),
        "'{0}' explains the step by a person's state rather than by what let it through.",
        "Say what in the work made the slip easy (hour, load, missing check) and how to guard it.",
        accept=_condition_of_person,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:poorly|badly|shoddily|hastily|carelessly|sloppily|lazily|incompetently|"
            r"terribly|horribly|awfully|clumsily) (?:written|designed|implemented|tested|"
            r"reviewed|thought[- ]out|thought through|planned|executed|coded|built|done|"
            r"handled|managed|engineered|put together|configured)\b"
            r"|\b(?:shoddy|half-baked|slapdash|ill-conceived|amateur|careless|lazy|"
            r"sloppy|rushed|hasty) " + _WORK_NOUNS + r"\b"
        ),
        "'{0}' judges someone's work instead of describing what it did.",
        "Describe what the rule, code or change did and what would have shown it.",
        negatable=False,
    ),
    Rule(
        "blame.question",
        pattern(
            r"\bwhy (?:didn't|did not|wasn't|weren't|hadn't|had not|couldn't|could not|"
            r"wouldn't|would not|don't|do not|doesn't|does not) (?P<who>[\w\x27\u2019-]+"
            r"(?: [\w\x27\u2019-]+)?)"
            r"|\bwhy did (?P<who2>[\w\x27\u2019-]+(?: [\w\x27\u2019-]+)?) (?:not|never|forget|"
            r"fail|neglect|skip|ignore|miss)\b"
        ),
        "'{0}' asks a person to justify what they did not do.",
        "Ask what they saw and what would have made the step stand out: 'What did the alert "
        "show at 14:05?'",
        negatable=False,
        accept=_asked_of_person,
    ),
    Rule(
        "blame.just_had_to",
        pattern(
            r"\b(?:simply|merely|just) (?:forgot|ignored|missed|skipped|overlooked|neglected|"
            r"didn't|did not|never|failed|assumed|clicked|copied|pasted|guessed)\b"
            r"|\b(?:simply|merely) (?:ran|typed|deleted|pushed|deployed|removed|dropped|"
            r"changed|restarted|had to|needed to)\b"
        ),
        "'{0}' makes their work sound trivial and the outcome their fault.",
        "Describe what the step involved and what made it hard to see at the time.",
        negatable=False,
        accept=_someone_else_or_role,
    ),
    Rule(
        "blame.counterfactual",
        pattern(
            r"\b(?:could|would|might|should)(?:n't| not)? have (?:been )?(?:easily |simply |"
            r"quickly |instantly |entirely )?(?:avoided|prevented|caught|detected|helped|"
            r"mitigated|averted|stopped|spotted|noticed|found|identified|enabled|isolated|"
            r"limited|saved|shortened|happened|possible|rushed|addressed|done|known)\b"
            r"|\b(?:in|with) (?:20/20 |20:20 |perfect )?hindsight\b|\bin retrospect\b"
            r"|\bwould(?:n't| not)? have happened had\b"
            r"|\bif (?:we|we'd|they|they'd|only we) (?:had |'d )?(?:\w+ ){0,3}?(?:[a-z]+ed|kept|"
            r"known|done|had|gone|seen|run|caught)\b[^.]{0,120}\b(?:would|could|might)(?:n't| not)?"
            r" have\b"
        ),
        "'{0}' judges the past with knowledge of the outcome.",
        "Say what was known and decided at the time, and what would make the better path the "
        "easy one next time.",
        negatable=False,
        accept=_judges_the_past,
    ),
    Rule(
        "blame.judgement",
        pattern(
            r"\b(?:misjudged|misjudgement|misjudgment|misconception|inadvisable|ill-advised|"
            r"unwise|misguided|culprits?|pants down|"
            r"(?:was|is|were) (?:a|an) (?:[\w,-]+ ){0,3}(?:mistake|blunder|misstep|"
            r"error of judge?ment)|"
            r"incorrectly (?:assessed|assumed|judged|decided|concluded|believed)|"
            r"mistakenly (?:thought|assumed|believed|decided|concluded|judged))\b"
        ),
        "'{0}' judges a decision instead of describing what made it look right at the time.",
        "Describe what was known then and what made the choice reasonable to the people making it.",
        negatable=False,
    ),
    Rule(
        "blame.failed_to",
        pattern(
            r"\b(?:didn't|did not|don't|do not|doesn't|does not|never|hasn't|has not|haven't|"
            r"have not|hadn't|had not) (?:yet |properly |actually |even |explicitly |ever )?"
            r"(?P<verb>validat|test|check|verif|review|read|follow|notic|escalat|pag|updat|"
            r"document|adopt|patch|upgrad|request|ask|tell|told|inform|provid|respond|monitor|"
            r"prioriti[sz]|look|answer|acknowledg|ack|confirm|communicat|report|fix|consider|"
            r"double-check)(?:e|ed|d|ied|y)?\b"
            r"|\b(?:missed|overlooked|skipped) (?:the |an? |their |his |her )?(?:[\w-]+ )?"
            r"(?:alert|alerts|page|pages|warning|warnings|message|messages|signal|signs|step|"
            r"steps|notification|notifications|check|checks|review|email|ticket)\b"
            r"|\bare(?:n't| not) (?:prioriti[sz]ing|monitoring|following|maintaining|patching)\b"
        ),
        "'{0}' frames a person or team by what they did not do.",
        "Say what they did do, what they knew, and what would have prompted the missing step.",
        negatable=False,
        accept=_someone_else_opening,
    ),
    Rule(
        "blame.mistake",
        pattern(
            r"\b(?:made|makes|making) (?:a |an )?(?:simple |small |silly |single )?(?:typo|typos|"
            r"slip|mistyped entry)\b|\bmistyped\b|\btypo'?d\b"
            r"|\b(?:by accident|by mistake|accidentally|mistakenly|inadvertently)\b"
            r"|\bwithout (?:properly |first |even |ever |adequately |fully |sufficiently )?"
            r"(?:testing|checking|verifying|reviewing|reading|asking|validating|consulting|"
            r"telling|looking|confirming|double-checking|thinking)\b"
        ),
        "'{0}' frames a person's step as the error.",
        "Say what the step did, what they expected it to do, and what made the two look alike.",
        negatable=False,
        accept=_someone_else_opening,
    ),
)

RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(rule, accept=_outside_meta(rule.accept)) for rule in _RULES
)
