"""Quick capture: lines as a facilitator types them in the meeting of Wed 25 Nov 2026."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.actions.capture import MAX_LINE, CapturedAction, parse_action_line
from pmdesk.errors import BadInput
from pmdesk.model.review import ActionStatus, Person

MEETING = date(2026, 11, 25)
SPRINT_END = date(2026, 12, 4)
D = date

# (line, owner, text, outcome, due). owner "+Name" is a new person; None is no owner.
LINES: list[tuple[str, str | None, str, str | None, date | None]] = [
    (
        "Alex: add an alert for replication lag > 30s by 15 Dec",
        "Alex Kim",
        "Add an alert for replication lag > 30s",
        "replication lag > 30s",
        D(2026, 12, 15),
    ),
    (
        "alex: add a runbook step for failover by 2026-12-15",
        "Alex Kim",
        "Add a runbook step for failover",
        None,
        D(2026, 12, 15),
    ),
    (
        "Sam Rivera: keep p99 checkout latency under 200 ms by Friday",
        "Sam Rivera",
        "Keep p99 checkout latency under 200 ms",
        "p99 checkout latency under 200 ms",
        D(2026, 11, 27),
    ),
    (
        "sam rivera: cap payment retries at 3 attempts next Friday",
        "Sam Rivera",
        "Cap payment retries at 3 attempts",
        "payment retries at 3 attempts",
        D(2026, 12, 4),
    ),
    (
        "@sam add a canary stage so that a bad config reaches under 5% of traffic",
        "Sam Rivera",
        "Add a canary stage so that a bad config reaches under 5% of traffic",
        "bad config reaches under 5% of traffic",
        None,
    ),
    (
        "@sam.rivera: tag config pushes with the deployer's change id by EOW",
        "Sam Rivera",
        "Tag config pushes with the deployer's change id",
        None,
        D(2026, 11, 27),
    ),
    (
        "Priya to document the restore drill by end of sprint",
        "Priya Nair",
        "Document the restore drill",
        None,
        SPRINT_END,
    ),
    (
        "Priya will run a restore drill that finishes within 15 minutes end of month",
        "Priya Nair",
        "Run a restore drill that finishes within 15 minutes",
        "restore drill that finishes within 15 minutes",
        D(2026, 11, 30),
    ),
    (
        "owner: Alex - raise failover test coverage to 100% by end of month",
        "Alex Kim",
        "Raise failover test coverage to 100%",
        "failover test coverage to 100%",
        D(2026, 11, 30),
    ),
    (
        "add a dashboard panel for queue depth (owner: Jo) in 2 weeks",
        "Jo Okafor",
        "Add a dashboard panel for queue depth",
        None,
        D(2026, 12, 9),
    ),
    (
        "Morgan: rotate the expired staging certificate in 2 weeks",
        "+Morgan",
        "Rotate the expired staging certificate",
        None,
        D(2026, 12, 9),
    ),
    (
        "morgan lee: move DNS to two providers by Q1",
        "+Morgan Lee",
        "Move DNS to two providers",
        None,
        D(2027, 3, 31),
    ),
    (
        "Dana Ortiz to add a synthetic checkout probe every 60 s by 2027-01-15",
        "+Dana Ortiz",
        "Add a synthetic checkout probe every 60 s",
        "synthetic checkout probe every 60 s",
        D(2027, 1, 15),
    ),
    (
        "add retries with jitter to the payment client by Q1",
        None,
        "Add retries with jitter to the payment client",
        None,
        D(2027, 3, 31),
    ),
    (
        "Jo: fix the broken on-call dashboard tomorrow",
        "Jo Okafor",
        "Fix the broken on-call dashboard",
        None,
        D(2026, 11, 26),
    ),
    ("- [ ] Alex will add a lag alert EOW", "Alex Kim", "Add a lag alert", None, D(2026, 11, 27)),
    (
        "* Add a pre-deploy config check (Sam) by 15/12",
        "Sam Rivera",
        "Add a pre-deploy config check",
        None,
        D(2026, 12, 15),
    ),
    (
        "ask @priya to confirm the backup window by next week",
        "Priya Nair",
        "Ask Priya to confirm the backup window",
        None,
        D(2026, 11, 30),
    ),
    ("improve monitoring", None, "Improve monitoring", None, None),
    (
        "Sam Rivera - page on-call when disk is above 80% on db hosts, due 2027-01-10",
        "Sam Rivera",
        "Page on-call when disk is above 80% on db hosts",
        "disk is above 80%",
        D(2027, 1, 10),
    ),
    (
        "Action: Alex Kim to add a pre-flight check by mid-Jan",
        "Alex Kim",
        "Add a pre-flight check",
        None,
        D(2027, 1, 15),
    ),
    ("alex to add alert", "Alex Kim", "Add alert", None, None),
    (
        "Taylor owns the action to migrate the job queue by H1 2027",
        "+Taylor",
        "Migrate the job queue",
        None,
        D(2027, 6, 30),
    ),
    (
        "TODO: add a lint rule for timeout values < 5 s, assigned to Mei-Ling",
        "Mei-Ling Chen",
        "Add a lint rule for timeout values < 5 s",
        "timeout values < 5 s",
        None,
    ),
    (
        "Kim: shorten alert delay to 2 min in a month",
        "Alex Kim",
        "Shorten alert delay to 2 min",
        "alert delay to 2 min",
        D(2026, 12, 25),
    ),
    (
        "Alex: schedule a game day for the payment failover on Monday",
        "Alex Kim",
        "Schedule a game day for the payment failover",
        None,
        D(2026, 11, 30),
    ),
    (
        "Priya: add a status-page template before 3 Jan",
        "Priya Nair",
        "Add a status-page template",
        None,
        D(2027, 1, 3),
    ),
    (
        "Sam: review the timeout defaults by Dec 15th, 2027",
        "Sam Rivera",
        "Review the timeout defaults",
        None,
        D(2027, 12, 15),
    ),
    (
        "Jo Okafor: add a second approver for config pushes this Friday",
        "Jo Okafor",
        "Add a second approver for config pushes",
        None,
        D(2026, 11, 27),
    ),
    (
        "1. Alex: publish the incident summary to status page today",
        "Alex Kim",
        "Publish the incident summary to status page",
        None,
        MEETING,
    ),
    (
        "Priya: cut restore time from 40 min to 10 min by end of quarter",
        "Priya Nair",
        "Cut restore time from 40 min to 10 min",
        "restore time from 40 min to 10 min",
        D(2026, 12, 31),
    ),
    (
        "Alex: alert when error budget burn rate >= 2x within 3 business days",
        "Alex Kim",
        "Alert when error budget burn rate >= 2x",
        "error budget burn rate >= 2x",
        D(2026, 11, 30),
    ),
    (
        "add load test with 10k rps to CI (Jo) by 3/4",
        "Jo Okafor",
        "Add load test with 10k rps to CI",
        "load test with 10k rps",
        D(2027, 4, 3),
    ),
    (
        "Sam:   add   a   runbook link to every payment alert   by   EOY  ",
        "Sam Rivera",
        "Add a runbook link to every payment alert",
        None,
        D(2026, 12, 31),
    ),
    (
        "Alex: keep 99.9% of checkouts under 2 s during deploys by the end of next week",
        "Alex Kim",
        "Keep 99.9% of checkouts under 2 s during deploys",
        "99.9% of checkouts under 2 s",
        D(2026, 12, 4),
    ),
    ("@jo retire the unused cron host", "Jo Okafor", "Retire the unused cron host", None, None),
    (
        "Mei-Ling: add a dry-run mode to the config tool 2 weeks from now",
        "Mei-Ling Chen",
        "Add a dry-run mode to the config tool",
        None,
        D(2026, 12, 9),
    ),
    (
        "we need to add an owner field to the alert rules by Friday",
        None,
        "Add an owner field to the alert rules",
        None,
        D(2026, 11, 27),
    ),
    (
        "Nair: add an on-call handover checklist by end of January",
        "Priya Nair",
        "Add an on-call handover checklist",
        None,
        D(2027, 1, 31),
    ),
    (
        "Sam to add a circuit breaker that opens after 5 errors in 10 s, due 15 December 2026",
        "Sam Rivera",
        "Add a circuit breaker that opens after 5 errors in 10 s",
        "circuit breaker that opens after 5 errors in 10 s",
        D(2026, 12, 15),
    ),
    (
        "Alex: make the deploy tool refuse timeouts below 1 s by 2026/12/20",
        "Alex Kim",
        "Make the deploy tool refuse timeouts below 1 s",
        "deploy tool refuse timeouts below 1 s",
        D(2026, 12, 20),
    ),
    (
        "Sam Rivera: add a rollback button to the deploy page next month",
        "Sam Rivera",
        "Add a rollback button to the deploy page",
        None,
        D(2026, 12, 1),
    ),
]


def _capture(line: str, people: tuple[Person, ...]) -> CapturedAction:
    return parse_action_line(line, today=MEETING, people=people, sprint_end=SPRINT_END)


def test_there_are_at_least_forty_lines() -> None:
    assert len(LINES) >= 40


@pytest.mark.parametrize(("line", "owner", "text", "outcome", "due"), LINES)
def test_line_is_read(
    people: tuple[Person, ...],
    line: str,
    owner: str | None,
    text: str,
    outcome: str | None,
    due: date | None,
) -> None:
    got = _capture(line, people)
    by_name = {p.name: p.id for p in people}
    assert got.text == text
    assert got.due == due
    assert got.outcome == outcome
    if owner is None:
        assert (got.owner_name, got.owner_id, got.owner_is_new) == (None, None, False)
    elif owner.startswith("+"):
        assert (got.owner_name, got.owner_id, got.owner_is_new) == (owner[1:], None, True)
    else:
        assert (got.owner_name, got.owner_id, got.owner_is_new) == (owner, by_name[owner], False)


def test_understood_says_what_was_read(people: tuple[Person, ...]) -> None:
    got = _capture("Alex: add an alert for replication lag > 30s by 15 Dec", people)
    assert got.understood == (
        "owner: Alex Kim",
        "action: Add an alert for replication lag > 30s",
        "outcome: replication lag > 30s",
        "due: Tue 15 Dec 2026 (from 'by 15 Dec')",
    )


def test_understood_names_a_new_person_and_missing_parts(people: tuple[Person, ...]) -> None:
    got = _capture("Morgan: look into the flaky deploy job", people)
    assert got.understood == (
        "owner: Morgan (new person)",
        "action: Look into the flaky deploy job",
        "outcome: none found; say how you will know it worked",
        "due: none found",
    )


def test_end_of_sprint_without_a_sprint_says_why(people: tuple[Person, ...]) -> None:
    got = parse_action_line("Alex: add a lag alert by end of sprint", today=MEETING, people=people)
    assert got.due is None
    assert got.text == "Add a lag alert"
    assert "due: not set ('by end of sprint': the sprint's end date is not set)" in got.understood


def test_an_ambiguous_first_name_matches_nobody() -> None:
    people = (Person("j1", "Jo Park"), Person("j2", "Jo Lee"))
    got = parse_action_line("jo: fix the dashboard", today=MEETING, people=people)
    assert got.owner_id is None
    assert not got.owner_is_new
    assert got.understood[0] == "owner: 'Jo' could be Jo Park or Jo Lee; choose one"
    assert got.new_person("x") is None


def test_ambiguous_numeric_date_says_how_it_was_read(people: tuple[Person, ...]) -> None:
    got = _capture("Jo: add an index by 3/4", people)
    assert got.understood[-1] == (
        "due: Sat 3 Apr 2027 (from 'by 3/4'; read as day/month; write 2026-12-15 to be sure)"
    )


def test_to_action_uses_the_matched_owner(people: tuple[Person, ...]) -> None:
    action = _capture("Alex: add an alert for replication lag > 30s by 15 Dec", people).to_action(
        "a9"
    )
    assert action.id == "a9"
    assert action.owner == "p-alex"
    assert action.text == "Add an alert for replication lag > 30s"
    assert action.outcome == "replication lag > 30s"
    assert action.due == date(2026, 12, 15)
    assert action.status is ActionStatus.OPEN


def test_a_new_owner_becomes_a_person_first(people: tuple[Person, ...]) -> None:
    got = _capture("Morgan Lee: rotate the certificate by Friday", people)
    person = got.new_person("p-new")
    assert person == Person("p-new", "Morgan Lee")
    assert got.to_action("a9", owner_id=person.id).owner == "p-new"


@pytest.mark.parametrize("line", ["", "   ", "by Friday", "Alex", "Alex: by 15 Dec", "- [ ]"])
def test_a_line_without_an_action_is_refused(people: tuple[Person, ...], line: str) -> None:
    with pytest.raises(BadInput, match="no action"):
        _capture(line, people)


def test_an_overlong_line_is_refused(people: tuple[Person, ...]) -> None:
    with pytest.raises(BadInput, match="one line"):
        _capture("x" * (MAX_LINE + 1), people)


def test_control_characters_are_dropped(people: tuple[Person, ...]) -> None:
    got = _capture("Alex: add\x00 an alert\x1b[31m for lag\u202e by 15 Dec", people)
    assert "\x00" not in got.text
    assert "\x1b" not in got.text
    assert got.owner_id == "p-alex"


_PEOPLE = st.lists(
    st.builds(Person, id=st.text(min_size=1, max_size=8), name=st.text(max_size=30)), max_size=5
)
_WORDS = st.sampled_from(
    [
        "Alex:",
        "@sam",
        "owner:",
        "to",
        "by",
        "Friday",
        "15",
        "Dec",
        "> 30s",
        "add",
        "(",
        ")",
        "next",
        "end of sprint",
        "Q1",
        "3/4",
        "-",
        "alert",
        "in",
        "2",
        "weeks",
        "Rivera",
        ":",
    ]
)


@given(
    st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=14).map(" ".join)),
    _PEOPLE,
    st.dates(),
)
def test_no_line_crashes_the_parser(line: str, people: list[Person], today: date) -> None:
    try:
        got = parse_action_line(line, today=today, people=people, sprint_end=today)
    except BadInput as exc:
        assert str(exc)
        return
    assert got.text.strip()
    assert got.understood[1] == f"action: {got.text}"
    assert got.owner_id is None or got.owner_id in {p.id for p in people}
    assert not (got.owner_id and got.owner_is_new)
    action = got.to_action("a")
    assert action.text == got.text


@pytest.mark.parametrize(
    "line",
    [
        "Migrate to Postgres 16 by Q1",
        "Switch to the new pager by Friday",
        "Fix flaky test - add retries",
        "fix flaky test: add retries",
        "Monitoring: add an alert on lag",
        "Add read replica (Postgres)",
        "Upgrade to v2",
        "We will add an alert by Friday",
    ],
)
def test_verbs_and_topics_are_not_new_people(people: tuple[Person, ...], line: str) -> None:
    got = _capture(line, people)
    assert got.owner_name is None
    assert got.understood[0] == "owner: none found; name one, e.g. 'Alex: …'"


@pytest.mark.parametrize("line", ["Alex and Sam: add a lag alert", "Alex & Sam to add a lag alert"])
def test_two_owners_give_the_first_and_say_so(people: tuple[Person, ...], line: str) -> None:
    got = _capture(line, people)
    assert got.owner_id == "p-alex"
    assert got.text == "Add a lag alert"
    assert "an action has one owner" in got.understood[0]


@pytest.mark.parametrize(
    ("line", "text", "due"),
    [
        (
            "Alex: block config pushes on Friday afternoons",
            "Block config pushes on Friday afternoons",
            None,
        ),
        ("Alex: block config pushes, on Friday", "Block config pushes", date(2026, 11, 27)),
        ("Sam: enable h2 on the edge proxy", "Enable h2 on the edge proxy", None),
        ("Sam: keep an eye on the sun", "Keep an eye on the sun", None),
    ],
)
def test_day_words_in_running_text_stay_text(
    people: tuple[Person, ...], line: str, text: str, due: date | None
) -> None:
    got = _capture(line, people)
    assert (got.text, got.due) == (text, due)


def test_asap_is_not_a_date_and_says_so(people: tuple[Person, ...]) -> None:
    got = _capture("Sam: rewrite the retry logic ASAP", people)
    assert got.due is None
    assert got.understood[-1] == "due: none found ('ASAP' is not a date; name a day)"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("- [ ] add a lag alert", "Add a lag alert"),
        ("2) add a lag alert", "Add a lag alert"),
        ("-5% error budget burn pages on-call", "-5% error budget burn pages on-call"),
        ("1.5 s timeout for the db client", "1.5 s timeout for the db client"),
    ],
)
def test_list_markers_go_and_signs_stay(people: tuple[Person, ...], line: str, text: str) -> None:
    assert _capture(line, people).text == text
