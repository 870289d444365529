"""Reading a model's draft: trusted only as far as the review backs it.

The answer is untrusted input. It must parse, every sentence must cite events
that exist, and the checks of ``pmdesk.draft.checks`` must pass: an invented time,
name or event rejects the whole draft (the caller falls back to the built-in
drafter), while a sentence that explains why or proposes actions is removed.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from pmdesk.clock import Zone
from pmdesk.coach import lint_text
from pmdesk.draft.checks import Vocabulary, why_or_action
from pmdesk.draft.phases import milestones_of, split_phases
from pmdesk.draft.result import Citation, Draft, Paragraph, Phase, Sentence
from pmdesk.errors import UserError
from pmdesk.model import Event, Review
from pmdesk.text import clean_text, one_line

MAX_SENTENCE = 1000
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


class ModelFailed(UserError):
    """The model server could not be used this time; the message says why, in one phrase."""


def parse_answer(content: str, review: Review) -> Draft:
    """The model's draft as a Draft, or ModelFailed saying what was wrong with it."""
    data = _load(content)
    paragraphs_in = data.get("paragraphs") if isinstance(data, dict) else None
    if not isinstance(paragraphs_in, list) or not paragraphs_in:
        raise ModelFailed("the model's answer had no paragraphs")
    vocabulary = Vocabulary.of(review, Zone.of(review))
    events = {event.id: event for event in review.events}
    marks = {mark.name for mark in milestones_of(review)}
    limit = 100 + 3 * len(review.events)  # a story is never much longer than its timeline
    shaped: list[tuple[Phase, list[tuple[str, list[str], list[str]]]]] = []
    count = 0
    for raw in paragraphs_in:
        phase, raw_sentences = _paragraph_shape(raw)
        count += len(raw_sentences)
        if count > limit:
            raise ModelFailed("the model's answer was far too long")
        shaped.append((phase, [_sentence_shape(raw_sentence) for raw_sentence in raw_sentences]))
    judged = _judged({text for _, told in shaped for text, _, _ in told}, review)
    paragraphs: list[Paragraph] = []
    removed = 0
    for phase, told in shaped:
        sentences: list[Sentence] = []
        for text, cited, milestones in told:
            if why_or_action(text) or text in judged:
                removed += 1
                continue
            sentences.append(_checked(text, cited, milestones, review, vocabulary, events, marks))
        if sentences:
            paragraphs.append(Paragraph(phase, tuple(sentences)))
    _check_coverage(paragraphs, review)
    notes: tuple[str, ...] = ()
    if removed:
        notes = (
            f"left out {removed} sentence{'s' if removed != 1 else ''} of the model's draft "
            "that explained why, proposed actions or judged people; that part belongs to the "
            "people in the review",
        )
    return Draft(tuple(paragraphs), notes, by_model=True)


def _judged(texts: set[str], review: Review) -> set[str]:
    """The sentences the writing coach reads as judging a person.

    One coach pass over all sentences, each its own paragraph, is far cheaper than
    one pass per sentence; each finding is mapped back to the sentence it lies in.
    """
    ordered = sorted(texts)
    starts: list[int] = []
    offset = 0
    for text in ordered:
        starts.append(offset)
        offset += len(text) + 2
    findings = lint_text(
        "\n\n".join(ordered),
        "narrative",
        people=[p.name for p in review.people],
        systems=review.services,
    )
    return {
        ordered[bisect.bisect_right(starts, finding.start) - 1]
        for finding in findings
        if finding.rule.startswith("blame.")
    }


def _load(content: str) -> Any:
    """The model's JSON, also when wrapped in a Markdown code fence as chat models like to do."""
    text = content.strip()
    fenced = re.fullmatch(r"```[a-zA-Z]*\s*(.*?)\s*```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ModelFailed("the model's answer was not the JSON draft pmdesk asked for") from exc


def _reject_constant(name: str) -> None:
    """NaN and Infinity are not JSON; a draft that holds them is refused."""
    raise ValueError(f"{name} is not allowed")


def _paragraph_shape(raw: object) -> tuple[Phase, list[object]]:
    """One paragraph's phase and raw sentences, or ModelFailed saying what was malformed."""
    if not isinstance(raw, dict):
        raise ModelFailed("the model's answer had a paragraph that is not an object")
    try:
        phase = Phase(str(raw.get("phase")))
    except ValueError:
        raise ModelFailed(
            f"the model's answer named an unknown phase {raw.get('phase')!r:.40}"
        ) from None
    sentences = raw.get("sentences")
    if not isinstance(sentences, list):
        raise ModelFailed("the model's answer had a paragraph without sentences")
    return phase, sentences


def _sentence_shape(raw: object) -> tuple[str, list[str], list[str]]:
    """One sentence's text and citations, checked for shape before any content check."""
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ModelFailed("the model's answer had a sentence without text")
    text = one_line(clean_text(raw["text"]), MAX_SENTENCE).strip()
    if not text:
        raise ModelFailed("the model's answer had an empty sentence")
    cited = raw.get("events", [])
    milestones = raw.get("milestones", [])
    if not _strings(cited) or not _strings(milestones):
        raise ModelFailed("the model's answer cited events in an unreadable form")
    return text, cited, milestones


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _checked(
    text: str,
    cited: list[str],
    milestones: list[str],
    review: Review,
    vocabulary: Vocabulary,
    events: dict[str, Event],
    marks: set[str],
) -> Sentence:
    """A sentence is kept only if it cites this review's events and says nothing they do not."""
    unknown = [event_id for event_id in cited if event_id not in events]
    unknown += [name for name in milestones if name not in marks]
    if unknown:
        raise ModelFailed(
            f"the model's draft cited {unknown[0]!r:.40}, which is not in this review"
        )
    if not cited and not milestones:
        raise ModelFailed("the model's draft had a sentence that cites no event")
    problems = vocabulary.problems(text)
    if problems:
        raise ModelFailed(f"the model's draft invented something: {problems[0]}")
    if cited and not _backed(text, [events[event_id] for event_id in cited], review):
        raise ModelFailed(f"the model's draft says something its events do not: {text!r:.80}")
    sources = [Citation.of_event(events[event_id]) for event_id in dict.fromkeys(cited)]
    sources += [Citation(milestone=name) for name in dict.fromkeys(milestones)]
    return Sentence(text, tuple(sources))


def _backed(text: str, cited: list[Event], review: Review) -> bool:
    """Whether a sentence shares at least one real word with the events it cites."""
    said = {word.lower()[:5] for word in _WORD.findall(text)}
    said -= {word[:5] for word in _STORY_WORDS}
    if not said:
        return True
    sources: list[str] = []
    for event in cited:
        sources += [event.title, event.detail or "", event.knew or ""]
        sources.append(review.person_name(event.actor) or "")
    known = {word.lower()[:5] for text_ in sources for word in _WORD.findall(text_)}
    return bool(said & known)


_STORY_WORDS_TEXT = """
    team teams incident problem story began started minutes hours later when then after
    before while that this with from into onto their they were what knew believed thought
    picture moment point time times phase first next soon shortly meanwhile"""
_STORY_WORDS = frozenset(_STORY_WORDS_TEXT.split())


def _check_coverage(paragraphs: list[Paragraph], review: Review) -> None:
    """Every phase that has events must be told, so a model cannot skip the awkward part."""
    told = {
        event_id
        for paragraph in paragraphs
        for s in paragraph.sentences
        for event_id in s.event_ids
    }
    for part in split_phases(review):
        if part.events and not any(event.id in told for event in part.events):
            raise ModelFailed(
                f"the model's draft left out the {part.phase.value.replace('_', '-')} phase"
            )
    if not paragraphs:
        raise ModelFailed("the model's draft had nothing left to tell")
