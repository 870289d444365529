"""What pmdesk sends to a model server: the timeline only, and rules that keep it to the story.

Only what a story of *what happened* needs leaves the machine: the title, the
services, the milestones and the events with the names of the people in them.
Factors, actions, the summary and the impact stay home, so the model has
nothing to build a why or a plan from, and the prompt forbids both anyway.
"""

from __future__ import annotations

import json
from typing import Any

from pmdesk.clock import Zone
from pmdesk.draft.phases import milestones_of, split_phases
from pmdesk.draft.result import Phase
from pmdesk.model import Review
from pmdesk.text import clean_text

SYSTEM_PROMPT = """\
You help a team write the "what happened" part of a blameless post-incident review.
Tell the incident as a short story in plain prose, one paragraph per phase, in time order.
Rules:
- Use only the events given. Do not add events, people, systems, numbers or times.
- Say what the team knew or believed at each point (the "knew" fields) and what they tried.
- Name people only as given, neutrally, as context. Never judge or blame anyone.
- Write times only as given (HH:MM, zone named once). Keep times to the few that matter.
- Do not explain why it happened: no causes, root causes, contributing factors or reasons.
- Do not propose actions, fixes, lessons or what anyone should do.
- Every sentence cites the ids of the events it tells (and milestone names if it tells one).
Answer with JSON only, in this shape:
{"paragraphs": [{"phase": "<phase>", "sentences": [{"text": "...", "events": ["<event id>"],
"milestones": ["<milestone name>"]}]}]}
Phases, in order: lead_up, detection, diagnosis, mitigation, recovery, follow_up.
Use each event's given phase and leave out phases that have no events."""


def timeline_facts(review: Review) -> dict[str, Any]:
    """The facts the model may use, with times already in the review's zone."""
    zone = Zone.of(review)
    events: list[dict[str, Any]] = []
    for part in split_phases(review):
        for event in part.events:
            local = zone.local(event.at)
            fact: dict[str, Any] = {
                "id": event.id,
                "phase": part.phase.value,
                "date": local.date().isoformat(),
                "time": local.strftime("%H:%M"),
                "kind": event.kind.value,
                "title": clean_text(event.title),
            }
            name = review.person_name(event.actor)
            if name:
                fact["who"] = clean_text(name)
            if event.knew:
                fact["knew"] = clean_text(event.knew)
            if event.detail:
                fact["detail"] = clean_text(event.detail)
            if event.key:
                fact["key_moment"] = True
            events.append(fact)
    milestones = {
        mark.name: f"{zone.local(mark.at).date().isoformat()} {zone.hhmm(mark.at)}"
        for mark in milestones_of(review)
    }
    return {
        "title": clean_text(review.title),
        "timezone": zone.name,
        "services": [clean_text(service) for service in review.services],
        "milestones": milestones,
        "phases": [phase.value for phase in Phase],
        "events": events,
    }


def chat_payload(review: Review, model: str, *, json_mode: bool) -> dict[str, Any]:
    """The chat-completions request body for drafting this review's story."""
    facts = json.dumps(timeline_facts(review), ensure_ascii=False, indent=1)
    payload: dict[str, Any] = {
        "model": model,
        "temperature": 0,
        "stream": False,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": "Draft the story of this incident.\n" + facts},
        ],
    }
    if json_mode:
        payload["response_format"] = {"type": "json_object"}
    return payload
