"""Key-moment proposals on the labelled incident channel, and turning them into events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pmdesk.ingest import (
    accept_all,
    load_source,
    proposal_json,
    propose_key_moments,
    review_people,
)
from pmdesk.ingest.messages import ChatMessage, ChatPerson, ImportResult
from pmdesk.model.review import EventKind, Person, SourceType

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def test_the_labelled_channel_is_big_enough(incident_export: tuple[Path, dict[str, str]]) -> None:
    folder, labels = incident_export
    result = load_source(folder)
    assert len(result.messages) >= 300
    assert len(labels) >= 25
    assert set(labels) <= {m.source_ref for m in result.messages}


def test_proposals_reach_precision_and_recall_targets(
    incident_export: tuple[Path, dict[str, str]],
) -> None:
    folder, labels = incident_export
    proposals = propose_key_moments(load_source(folder))
    proposed = {p.message.source_ref: p for p in proposals}
    hits = [ref for ref in proposed if ref in labels]
    precision = len(hits) / len(proposed)
    recall = len(hits) / len(labels)
    kinds_right = sum(proposed[ref].kind.value == labels[ref] for ref in hits) / len(hits)
    print(f"precision={precision:.2f} recall={recall:.2f} kind agreement={kinds_right:.2f}")
    assert precision >= 0.8
    assert recall >= 0.8
    assert kinds_right >= 0.8


def test_every_proposal_says_why(incident_export: tuple[Path, dict[str, str]]) -> None:
    proposals = propose_key_moments(load_source(incident_export[0]))
    for proposal in proposals:
        assert "“" in proposal.reason or proposal.reason.startswith("PagerDuty")
        assert proposal.title and len(proposal.title) <= 90


def _message(text: str, *, bot: bool = False, minute: int = 0, author: str = "U1") -> ChatMessage:
    return ChatMessage(
        at=datetime(2026, 3, 4, 10, minute, tzinfo=UTC),
        author_id=author,
        author_name="Ana Silva",
        text=text,
        source_type=SourceType.SLACK,
        source_ref=f"#c/{minute}",
        is_bot=bot,
    )


def _propose(*messages: ChatMessage) -> list[tuple[EventKind, str]]:
    result = ImportResult(messages, (ChatPerson("U1", "Ana Silva"),))
    return [(p.kind, p.message.text) for p in propose_key_moments(result)]


def test_kinds_of_typical_messages() -> None:
    cases = {
        "could it be the DNS change?": EventKind.HYPOTHESIS,
        "I think it's the cache eviction": EventKind.HYPOTHESIS,
        "rolling back to v41 now": EventKind.CHANGE,
        "we failed over to the secondary region": EventKind.CHANGE,
        "error rate is dropping after the rollback": EventKind.MITIGATION,
        "posted an update on the status page": EventKind.COMMUNICATION,
        "escalating to the storage team": EventKind.ESCALATION,
        "all clear, closing the incident": EventKind.RESOLUTION,
    }
    for minute, (text, kind) in enumerate(cases.items()):
        assert _propose(_message(text, minute=minute)) == [(kind, text)], text


def test_negations_questions_and_chatter_are_not_proposed() -> None:
    texts = ["no deploys in the last day", "should we roll back?", "thanks", "looking at graphs"]
    assert _propose(*(_message(t, minute=i) for i, t in enumerate(texts))) == []


def test_a_repeating_alert_is_one_moment_and_a_bot_recovery_is_a_resolution() -> None:
    fired = [_message("[Triggered] disk full on db-2", bot=True, minute=m) for m in (0, 6, 12)]
    recovered = _message("[Recovered] disk full on db-2", bot=True, minute=20)
    kinds = [kind for kind, _ in _propose(*fired, recovered)]
    assert kinds == [EventKind.ALERT, EventKind.RESOLUTION]


def test_people_join_the_review_and_events_point_to_them() -> None:
    existing = [Person(id="p1", name="ana silva")]
    chat = [
        ChatPerson("U1", "Ana Silva"),
        ChatPerson("U2", "Ben Okafor"),
        ChatPerson("B1", "CI", True),
    ]
    people = review_people(chat, existing)
    assert people["U1"] is existing[0]
    assert people["U2"].name == "Ben Okafor" and "B1" not in people
    (proposal,) = propose_key_moments(ImportResult((_message("rolled back the release"),), ()))
    event = proposal.to_event(people)
    assert (event.kind, event.actor, event.key) == (EventKind.CHANGE, "p1", True)
    assert event.source is not None and event.source.ref == "#c/0"


def test_proposal_json_has_the_cli_fields(incident_export: tuple[Path, dict[str, str]]) -> None:
    first = propose_key_moments(load_source(incident_export[0]))[2]
    line = proposal_json(first)
    assert {"at", "kind", "title", "actor", "reason", "source", "text"} <= set(line)
    assert datetime.fromisoformat(line["at"]).utcoffset() is not None
    assert line["source"] == {"type": "slack", "ref": first.message.source_ref}
    assert line["actor"] == "Tomás Ortega"


def test_a_second_incident_in_a_transcript() -> None:
    """A transcript written after the scorer, with different people, systems and phrasing."""
    raw = (DATA / "heldout_transcript.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in raw if not line.startswith("#")]
    labels: dict[int, str] = {}
    for number, line in enumerate(lines, start=1):
        if " #key " in line:
            lines[number - 1], labels[number] = line.split(" #key ")
    result = load_source("\n".join(lines), "transcript", tz="Europe/Lisbon")
    proposed = {int(p.message.source_ref.rsplit(":", 1)[1]): p for p in propose_key_moments(result)}
    hits = [line for line in proposed if line in labels]
    precision, recall = len(hits) / len(proposed), len(hits) / len(labels)
    kinds_right = sum(proposed[line].kind.value == labels[line] for line in hits) / len(hits)
    print(f"second incident: precision={precision:.2f} recall={recall:.2f} kinds={kinds_right:.2f}")
    assert precision >= 0.8 and recall >= 0.8 and kinds_right >= 0.8


def test_accept_all_adds_only_the_writers_of_proposals(
    incident_export: tuple[Path, dict[str, str]],
) -> None:
    result = load_source(incident_export[0])
    proposals = propose_key_moments(result)
    existing = [Person(id="p-priya", name="Priya Raman")]
    people, events = accept_all(result, proposals, existing)
    names = {person.name for person in people}
    assert "Priya Raman" not in names and "Tomás Ortega" in names
    assert not names & {"Datadog", "PagerDuty"}
    actors = {event.actor for event in events} - {None}
    assert actors <= {person.id for person in people} | {"p-priya"}
    assert len(events) == len(proposals) and all(event.key for event in events)
