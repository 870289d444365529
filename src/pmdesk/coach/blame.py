"""``blame.*``: words that judge people instead of describing what happened.

The categories come from the blameless-review literature (Google SRE's
"Postmortem Culture", Etsy's Debriefing Facilitation Guide, Allspaw's "Blameless
PostMortems and a Just Culture"): judgement adjectives, "human error" as a cause,
hindsight ("should have known", "obviously"), counterfactuals about a person,
imputed intent ("didn't bother", "ignored") and fault. Naming a person neutrally
("Alex deployed the change") is context, never a finding.
"""

from __future__ import annotations

import re

from pmdesk.coach.rule import Context, Rule, alternatives, group_text, pattern, word_set
from pmdesk.coach.subjects import FIRST_PERSON, Subject
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
    learn listen look care bother own"""
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
    kind, _ = ctx.subjects.classify(index.clause_words(match.start()))
    if kind is Subject.PERSON:
        return True
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


RULES: tuple[Rule, ...] = (
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
)
