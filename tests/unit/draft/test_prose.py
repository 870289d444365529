"""The built-in drafter on a realistic review: a story in phases, sourced sentence by sentence."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from pmdesk.draft import Phase, draft_story, invented, narrative_fields, why_or_action, write_story
from pmdesk.model import Event, EventKind, Person, Review

_T = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)


def test_story_is_told_in_phases_in_order(incident: Review) -> None:
    draft = write_story(incident)
    assert [p.phase for p in draft.paragraphs] == list(Phase)
    assert draft.text.count("\n\n") == len(draft.paragraphs) - 1
    assert draft.notes == ()
    assert not draft.by_model


def test_each_phase_tells_its_own_events(incident: Review) -> None:
    told = {
        p.phase: {e for s in p.sentences for e in s.event_ids}
        for p in write_story(incident).paragraphs
    }
    assert told[Phase.LEAD_UP] == {"e01", "e02", "e03"}
    assert told[Phase.DETECTION] == {"e04"}
    assert told[Phase.DIAGNOSIS] == {"e05", "e06", "e07", "e08"}
    assert told[Phase.MITIGATION] == {"e09", "e10", "e11"}
    assert told[Phase.RECOVERY] == {"e12"}
    assert told[Phase.FOLLOW_UP] == {"e13"}


def test_sentences_keep_event_ids_and_chat_message_refs(incident: Review) -> None:
    draft = write_story(incident)
    rollback = next(s for s in draft.sentences if "rolled back" in s.text)
    assert rollback.event_ids == ("e09",)
    assert rollback.refs == ("C024BE91L/1709644860.000600",)
    alerts = next(s for s in draft.sentences if "alerts fired" in s.text)
    assert alerts.event_ids == ("e02", "e03")
    assert alerts.refs == ("PD-Q1W2E3", "PD-Q1W2E4")
    assert all(s.sources for s in draft.sentences)


def test_what_the_team_believed_is_told(incident: Review) -> None:
    """Word for word; only an opening "The" may lose its capital after a colon."""
    text = write_story(incident).text
    for event in incident.events:
        if event.knew:
            knew = event.knew.rstrip(".")
            assert knew in text or knew[0].lower() + knew[1:] in text


def test_times_are_local_with_the_zone_named_once(incident: Review) -> None:
    text = write_story(incident).text
    # 12:58 UTC is 13:58 in Berlin on 5 March 2024 (CET, UTC+1).
    assert "on Tuesday 5 March 2024 at 13:58 (times in Europe/Berlin)" in text
    assert text.count("Europe/Berlin") == 1
    assert "12:58" not in text
    assert invented(text, incident) == []


def test_durations_to_detect_mitigate_and_resolve(incident: Review) -> None:
    text = write_story(incident).text
    assert "9 minutes after the incident began" in text  # 13:00 -> 13:09 UTC
    # Every duration counts from the start (pmdesk.clock), none from detection.
    assert "mitigated at 14:46, 46 minutes after the incident began." in text
    assert "after it was detected" not in text
    assert "resolved at 15:45, 1 hour 45 minutes after the incident began" in text


def test_only_the_times_that_matter_are_written(incident: Review) -> None:
    text = write_story(incident).text
    clocks = re.findall(r"\b\d{2}:\d{2}\b", text)
    assert len(clocks) < len(incident.events)
    assert "14:31" in clocks  # the key moment: the rollback
    assert "Seven minutes later, Priya restarted the checkout workers." in text


def test_names_are_context_full_name_first(incident: Review) -> None:
    text = write_story(incident).text
    assert text.count("Priya Raman") == 1
    assert "Priya rolled back payments-api to v2.2" in text
    assert why_or_action(text) is None


def test_state_titles_never_become_something_a_person_did() -> None:
    review = Review(
        id="r",
        title="t",
        people=(Person("p", "Mateo Silva"),),
        events=(
            Event("e1", _T, EventKind.CHANGE, "Failed deploy of search-api", actor="p"),
            Event("e2", _T, EventKind.INVESTIGATION, "DNS lookups timing out", actor="p"),
        ),
    )
    text = write_story(review).text
    assert "Mateo Silva failed" not in text
    assert "Mateo Silva made a change: Failed deploy of search-api" in text
    assert "Mateo reported: DNS lookups timing out" in text


def test_milestones_alone_still_tell_durations() -> None:
    review = Review(id="r", title="t", started_at=_T, detected_at=_T.replace(minute=25))
    draft = write_story(review)
    assert draft.text == (
        "The incident itself began on Tuesday 5 March 2024 at 10:00 (times in UTC).\n\n"
        "It was detected at 10:25, 25 minutes after the incident began."
    )
    assert [s.milestones for s in draft.sentences] == [("started_at",), ("detected_at",)]


def test_an_unknown_zone_falls_back_to_utc_with_a_note(incident: Review) -> None:
    draft = write_story(incident.replace(timezone="Mars/Olympus_Mons"))
    assert "(times in UTC)" in draft.text
    assert draft.notes == (
        "the review's time zone 'Mars/Olympus_Mons' is not known here; times are in UTC",
    )


def test_draft_story_returns_text_and_leaves_the_review_alone(incident: Review) -> None:
    draft = draft_story(incident)
    assert draft == write_story(incident)
    assert incident.factors[0].text not in draft.text
    assert incident.actions[0].text not in draft.text
    assert incident.summary is not None and incident.summary not in draft.text
    assert not hasattr(draft, "factors") and not hasattr(draft, "actions")


def test_the_writing_coach_finds_nothing_to_fix_in_the_story(incident: Review) -> None:
    from pmdesk.coach import lint_text

    text = write_story(incident).text
    people = [p.name for p in incident.people]
    assert lint_text(text, "narrative", people=people, systems=incident.services) == []


def test_a_draft_is_stored_only_over_an_empty_narrative(incident: Review) -> None:
    draft = draft_story(incident)
    assert narrative_fields(incident, draft) == {"narrative": draft.text}
    assert narrative_fields(incident.replace(narrative="  \n"), draft) == {"narrative": draft.text}
    assert narrative_fields(incident.replace(narrative="Our own words."), draft) == {}
    assert narrative_fields(Review(id="r", title="t"), draft_story(Review(id="r", title="t"))) == {}


def test_a_title_that_carries_its_own_label_takes_the_labels_verb() -> None:
    events = (
        Event("e1", _T, EventKind.HYPOTHESIS, "Hypothesis: the 09:55 release", actor="p"),
        Event("e2", _T.replace(minute=20), EventKind.MITIGATION, "Decision: fail over", actor="p"),
        Event("e3", _T.replace(minute=40), EventKind.COMMUNICATION, "Status page: degraded"),
    )
    review = Review(id="r", title="t", people=(Person("p", "Mateo Silva"),), events=events)
    text = write_story(review).text
    assert "put forward a hypothesis: the 09:55 release" in text
    assert "made a decision: fail over" in text
    assert "Hypothesis:" not in text and "Decision:" not in text
    assert "an update went out: Status page: degraded" in text  # not a label we know


def test_what_the_team_knew_gets_no_lead_in_when_it_says_who_knew() -> None:
    says = "Error rate had climbed to 31 %; the team knew this was major"
    bare = "The alert said 'checkout errors'; it did not say why"
    events = (
        Event("e1", _T, EventKind.ALERT, "Checkout errors above 5 %", knew=bare),
        Event("e2", _T.replace(minute=30), EventKind.ESCALATION, "IC paged", knew=says),
    )
    sentences = [s.text for s in write_story(Review(id="r", title="t", events=events)).sentences]
    assert f"{says}." in sentences
    lowered = "the" + bare[3:]  # after a lead-in's colon a plain opening word loses its capital
    assert any(s.endswith(f": {lowered}.") for s in sentences)


def test_only_plain_opening_words_lose_their_capital_after_a_lead_in() -> None:
    events = (
        Event("e1", _T, EventKind.ALERT, "Checkout errors", knew="Nothing looked wrong yet"),
        Event("e2", _T.replace(minute=30), EventKind.ALERT, "Pager", knew="PagerDuty said P1"),
        Event("e3", _T.replace(minute=50), EventKind.ALERT, "Queue", knew="Kafka lag was rising"),
    )
    text = write_story(Review(id="r", title="t", events=events)).text
    assert ": nothing looked wrong yet." in text
    assert ": PagerDuty said P1." in text and ": Kafka lag was rising." in text
