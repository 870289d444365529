"""Individual rules: what they flag, and the context that keeps them quiet.

Sentences here are written for the rules' categories; the labelled evaluation
set (test_eval_set.py) measures them on sentences written separately.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.coach import lint_text
from pmdesk.coach.rule import alternatives


def flagged(text: str, where: str = "summary") -> list[tuple[str, str]]:
    return [(f.rule, f.excerpt) for f in lint_text(text, where)]


def families(text: str, where: str = "summary") -> set[str]:
    return {f.family.value for f in lint_text(text, where)}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Quinn should have known the flag was still on.", "blame.hindsight"),
        ("Quinn should’ve known the flag was still on.", "blame.hindsight"),
        ("The reviewer should have caught the typo.", "blame.counterfactual"),
        ("The on-call shouldn't have restarted the leader.", "blame.counterfactual"),
        ("If only the author had tested it, the site would be up.", "blame.counterfactual"),
        ("Had Quinn checked the graph, we would have known.", "blame.counterfactual"),
        ("The change was negligent.", "blame.judgement"),
        ("A reckless deploy.", "blame.judgement"),
        ("This was pure human error.", "blame.human_error"),
        ("Quinn didn’t bother to check.", "blame.intent"),
        ("The DBA ignored the warning.", "blame.intent"),
        ("It was her fault.", "blame.fault"),
        ("It was Quinn's fault.", "blame.fault"),
        ("The failure was the fault of the reviewer.", "blame.fault"),
        ("The engineer failed to escalate.", "blame.failed_to"),
        ("Zoë forgot to drain the node.", "blame.failed_to"),
        ("Obviously the cert had expired.", "blame.obviously"),
        ("All he had to do was run the script.", "blame.just_had_to"),
        ("The developer made a silly mistake.", "blame.mistake"),
        ("That one's on Quinn.", "blame.fault"),
        ("A more careful engineer would have seen it.", "blame.hindsight"),
    ],
)
def test_blame_is_flagged(text: str, rule: str) -> None:
    assert rule in {r for r, _ in flagged(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Quinn deployed the change at 10:02.",  # naming a person neutrally
        "The job failed to start after the node restarted.",  # a machine failing
        "The pods failed to schedule.",
        "They failed to start because the image was missing.",  # "they" = the pods
        "Nobody was careless; the tool allowed it.",  # negation
        "It was not negligence.",
        "It was nobody's fault.",
        "It was not his fault.",
        'The chat said "that was careless" at 10:05.',  # reported speech
        "The log said `worker failed to notify peers`.",  # a code span
        "We use lazy loading and a sloppy quorum.",  # technical terms
        "The user error rate stayed at 0.1%.",  # a metric's name
        "The disk was at fault.",  # fault of a thing
        "If the replica had been in sync, failover would have worked.",  # a machine counterfactual
        "We could have lost the whole volume.",  # an outcome, not a judgement
        "We just had to wait for the cache to warm.",  # "just" as a duration
        "It was not obvious that the graphs showed different clusters.",
        "The client ignored the Retry-After header.",
        "Kafka failed to elect a leader.",
        "It was on Monday, and it is on the dashboard now.",
        "The page went to whoever was on call.",
    ],
)
def test_not_blame(text: str) -> None:
    assert "blame" not in families(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Some users could not pay.", "vague.amount"),
        ("A number of webhooks were lost.", "vague.amount"),
        ("There was significant impact.", "vague.degree"),
        ("Latency was very high.", "vague.degree"),
        ("Traffic dropped sharply.", "vague.degree"),
        ("The build was noticeably slower.", "vague.degree"),
        ("The database was slow.", "vague.performance"),
        ("The API became unresponsive.", "vague.performance"),
        ("We rolled back quickly.", "vague.duration"),
        ("After a while the queue drained.", "vague.duration"),
        ("Messages arrived late.", "vague.duration"),
        ("Requests timed out intermittently.", "vague.frequency"),
        ("We had some issues.", "vague.unspecific"),
        ("Something went wrong with the cache.", "vague.unspecific"),
    ],
)
def test_vague_is_flagged(text: str, rule: str) -> None:
    assert rule in {r for r, _ in flagged(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The slow query log listed the top queries.",  # a technical term
        "1,240 of 31,000 requests failed (4%).",
        "p99 latency rose from 40 ms to 2.3 s.",
        "Some users (about 3%) could not pay.",  # the number is right there
        "We rolled back quickly, within 4 minutes.",
        "As soon as the alert fired, we paged the team.",
        "The store is eventually consistent.",
        "How many users were affected is still unknown.",
        "The tool removed too many servers.",
        "Several factors combined.",
        "The result was statistically significant at p < 0.05.",
        'The warning read "database is slow".',
        "We believed the database was slow, so we looked at queries first.",  # a belief
        "At first it looked like some users had stale sessions.",
    ],
)
def test_not_vague(text: str) -> None:
    assert "vague" not in families(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Improve monitoring.", "action.wish"),
        ("We should look into the flaky tests.", "action.wish"),
        ("Ensure backups work.", "action.wish"),
        ("Better alerting for payments.", "action.wish"),
        ("Be more careful with production configs.", "action.people_fix"),
        ("Remind the team to check dashboards.", "action.people_fix"),
    ],
)
def test_action_text_is_flagged(text: str, rule: str) -> None:
    assert rule in {r for r, _ in flagged(text, "actions[0].text")}


@pytest.mark.parametrize(
    "text",
    [
        "Page on-call when replication lag exceeds 60 s for 5 minutes.",
        "Improve restore time to under 2 hours, measured by a monthly drill.",
        "Add a confirmation prompt to the removal tool.",
    ],
)
def test_concrete_actions_pass(text: str) -> None:
    assert "action" not in families(text, "actions[0].text")


def test_action_rules_run_only_on_action_text() -> None:
    assert "action" not in families("Improve monitoring.", "narrative")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("The root cause was a bad push.", "structure.root_cause"),
        ("The single cause was the expired cert.", "structure.root_cause"),
        ("It was the vendor's fault.", "structure.vendor_blame"),
        ("This was out of our hands.", "structure.vendor_blame"),
    ],
)
def test_structure_text(text: str, rule: str) -> None:
    assert rule in {r for r, _ in flagged(text)}


def test_no_single_root_cause_is_fine() -> None:
    assert flagged("There was no single root cause.") == []


def test_spans_point_at_the_words() -> None:
    text = "At 10:02 the engineer was careless."
    [finding] = lint_text(text, "narrative")
    assert text[finding.start : finding.end] == "careless" == finding.excerpt
    assert "careless" in finding.message
    assert finding.suggestion


def test_story_rules_need_a_whole_narrative() -> None:
    assert flagged("10:02 deploy.", "narrative") == []
    log = "10:02 deploy.\n10:05 alert.\n10:09 rollback.\nErrors stopped."
    assert {"story.log", "story.no_knowledge"} <= {r for r, _ in flagged(log, "narrative")}
    told = "10:02 deploy.\n10:05 alert.\nWe believed the cache was cold.\nWe waited."
    assert "story.no_knowledge" not in {r for r, _ in flagged(told, "narrative")}
    assert "story.log" not in {r for r, _ in flagged(told, "narrative")}


def test_text_that_grows_when_lower_cased_keeps_exact_spans() -> None:
    text = "İİ İstanbul: the engineer was careless."  # "İ".lower() is two characters
    [finding] = lint_text(text, "summary")
    assert text[finding.start : finding.end] == "careless"


def test_patterns_are_lower_case_so_the_fast_path_is_exact() -> None:
    from pmdesk.coach.lint import _ACTION_TEXT_RULES

    for rule in _ACTION_TEXT_RULES:
        unescaped = re.sub(r"\\.|\(\?P<\w+>", "", rule.regex.pattern)
        assert unescaped == unescaped.lower(), rule.id


@given(st.lists(st.text(alphabet="abc '-", min_size=1, max_size=6), min_size=1, max_size=12))
def test_word_trie_matches_exactly_its_words(words: list[str]) -> None:
    regex = re.compile(alternatives(words))
    for word in words:
        assert regex.fullmatch(word.replace(" ", "  "))  # spaces match any run
    assert not regex.fullmatch("".join(words) + "z")


def test_what_the_team_knew_may_be_vague_but_not_blaming() -> None:
    knew = "Some requests were failing; the database seemed slow. Sam was careless."
    assert {f.rule for f in lint_text(knew, "events[2].knew")} == {"blame.judgement"}
    assert "vague" in families(knew, "events[2].detail")


def test_third_party_is_one_rule_for_the_coach_and_every_report() -> None:
    """The flag or the category, in any case: the coach and the reports read it the same way."""
    from pmdesk.model import Factor

    assert Factor("f", "l", "CDN outage", category="Third_Party").is_third_party
    assert Factor("f", "l", "CDN outage", third_party=True).is_third_party
    assert not Factor("f", "l", "Our deploy", category="process").is_third_party
