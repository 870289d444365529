"""Tracker references pasted back: Jira keys, GitHub numbers and URLs, tracker CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.actions.export import export_actions
from pmdesk.actions.tracker import (
    MAX_PASTE,
    TrackerLink,
    find_refs,
    match_tracker_refs,
    read_tracker_paste,
)
from pmdesk.errors import BadImport
from pmdesk.model.review import Action, Review


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("OPS-123 Add an alert", ["OPS-123"]),
        ("see #45 and #46.", ["#45", "#46"]),
        ("acme/payments#12 done", ["acme/payments#12"]),
        (
            "https://acme.atlassian.net/browse/OPS-7 and https://github.com/acme/pay/issues/45",
            ["https://acme.atlassian.net/browse/OPS-7", "https://github.com/acme/pay/issues/45"],
        ),
        (
            "https://gitlab.example/acme/pay/-/issues/9)",
            ["https://gitlab.example/acme/pay/-/issues/9"],
        ),
        ("UTF-8 and SEV-1 and ISO-8601 are not issues", []),
        ("ops-12 lower case is not a Jira key", []),
        ("colour &#45; and a1#2 are not numbers", []),
    ],
)
def test_find_refs(text: str, refs: list[str]) -> None:
    assert find_refs(text) == refs


def test_keys_with_titles_match_their_actions(review: Review) -> None:
    pasted = """
    OPS-101  Add a pre-deploy check that rejects payment timeouts under 5 s
    OPS-100: Add an alert for replication lag > 30s
    """
    assert match_tracker_refs(review, pasted) == [
        TrackerLink("a1", "OPS-100"),
        TrackerLink("a2", "OPS-101"),
    ]


def test_titles_match_without_case_punctuation_or_exact_words(review: Review) -> None:
    pasted = (
        "#7 add an ALERT for replication-lag above 30s\n"
        "https://github.com/acme/pay/issues/8 Write failover runbook\n"
    )
    assert match_tracker_refs(review, pasted) == [
        TrackerLink("a1", "#7"),
        TrackerLink("a3", "https://github.com/acme/pay/issues/8"),
    ]


def test_a_title_cut_short_by_the_tracker_still_matches(review: Review) -> None:
    got = match_tracker_refs(review, "OPS-9 Add a pre-deploy check that rejects pay")
    assert got == [TrackerLink("a2", "OPS-9")]


def test_unrelated_titles_stay_unmatched(review: Review) -> None:
    paste = read_tracker_paste(review, "OPS-1 Upgrade the office printer firmware")
    assert paste.links == ()
    assert paste.unmatched == ("OPS-1",)


def test_bare_urls_match_in_order_when_counts_agree(review: Review) -> None:
    gh_output = "\n".join(f"https://github.com/acme/pay/issues/{n}" for n in (51, 52, 53))
    assert [link.ref[-2:] for link in match_tracker_refs(review, gh_output)] == ["51", "52", "53"]
    assert [link.action_id for link in match_tracker_refs(review, gh_output)] == ["a1", "a2", "a3"]


def test_bare_refs_skip_tracked_actions() -> None:
    review = Review(
        id="r",
        title="t",
        actions=(
            Action("a1", "Add a lag alert", tracker_ref="OPS-1"),
            Action("a2", "Write the runbook"),
            Action("a3", "Cap retries"),
        ),
    )
    assert match_tracker_refs(review, "#8\n#9") == [
        TrackerLink("a2", "#8"),
        TrackerLink("a3", "#9"),
    ]


def test_bare_refs_follow_an_open_only_export(review: Review) -> None:
    # a3 is done: an export with --open-only held a1 and a2.
    assert match_tracker_refs(review, "#8\n#9") == [
        TrackerLink("a1", "#8"),
        TrackerLink("a2", "#9"),
    ]


def test_bare_refs_are_not_guessed_when_no_export_fits(review: Review) -> None:
    paste = read_tracker_paste(review, "#8\n#9\n#10\n#11")
    assert paste.links == ()
    assert paste.unmatched == ("#8", "#9", "#10", "#11")


def test_bare_refs_are_not_guessed_when_two_exports_fit(review: Review) -> None:
    # Skipping tracked (a2, a3) and skipping closed (a1, a2) both give two actions.
    tracked = review.replace(
        actions=(replace(review.actions[0], tracker_ref="OPS-1"), *review.actions[1:])
    )
    assert match_tracker_refs(tracked, "#8\n#9") == []


def test_jira_csv_export_maps_keys_by_the_marker(review: Review) -> None:
    exported = list(csv.reader(io.StringIO(export_actions(review, "jira-csv").decode())))
    # Jira's own export: key and id columns, summaries the team may have edited.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Summary", "Issue key", "Issue id", "Status", "Description"])
    for n, row in enumerate(exported[1:], start=40):
        writer.writerow([f"Edited title {n}", f"OPS-{n}", str(10000 + n), "To Do", row[2]])
    assert match_tracker_refs(review, out.getvalue()) == [
        TrackerLink("a1", "OPS-40"),
        TrackerLink("a2", "OPS-41"),
        TrackerLink("a3", "OPS-42"),
    ]


def test_tracker_csv_maps_by_summary_and_reads_semicolons(review: Review) -> None:
    pasted = (
        "\ufeffIssue key;Summary\n"
        "OPS-5;Write the failover runbook\n"
        "OPS-6;'=Something else entirely\n"
    )
    paste = read_tracker_paste(review, pasted)
    assert paste.source == "csv"
    assert paste.links == (TrackerLink("a3", "OPS-5"),)
    assert paste.unmatched == ("OPS-6",)


def test_github_csv_numbers_become_hash_refs(review: Review) -> None:
    pasted = "number,title\n12,Add an alert for replication lag > 30s\n"
    assert match_tracker_refs(review, pasted) == [TrackerLink("a1", "#12")]


def test_a_broken_csv_is_a_plain_error(review: Review) -> None:
    with pytest.raises(BadImport, match=r"line \d+ of the pasted CSV"):
        read_tracker_paste(review, 'key,summary\nOPS-1,"Add an alert\n')


def test_gh_issue_list_json(review: Review) -> None:
    pasted = json.dumps(
        [
            {
                "number": 3,
                "title": "Whatever",
                "url": "https://github.com/a/b/issues/3",
                "body": "Add a pre-deploy check\n\npmdesk action: a2 (review rev-7f3a)",
            },
            {
                "number": 4,
                "title": "Write the failover runbook",
                "url": "https://github.com/a/b/issues/4",
            },
        ]
    )
    assert match_tracker_refs(review, pasted) == [
        TrackerLink("a2", "https://github.com/a/b/issues/3"),
        TrackerLink("a3", "https://github.com/a/b/issues/4"),
    ]


def test_jira_rest_search_json(review: Review) -> None:
    pasted = json.dumps(
        {"issues": [{"key": "OPS-77", "fields": {"summary": "Write the failover runbook"}}]}
    )
    assert match_tracker_refs(review, pasted) == [TrackerLink("a3", "OPS-77")]


def test_one_action_gets_one_ref(review: Review) -> None:
    pasted = "OPS-1 Write the failover runbook\nOPS-2 Write the failover runbook\n"
    paste = read_tracker_paste(review, pasted)
    assert paste.links == (TrackerLink("a3", "OPS-1"),)
    assert paste.unmatched == ("OPS-2",)


def test_two_equally_good_actions_match_neither() -> None:
    review = Review(
        id="r",
        title="t",
        actions=(Action("a", "Add alert for disk"), Action("b", "Add alert for memory")),
    )
    assert match_tracker_refs(review, "OPS-3 Add alert") == []


def test_an_enormous_paste_is_refused(review: Review) -> None:
    with pytest.raises(BadImport, match="longer than 5 MB"):
        read_tracker_paste(review, "x" * (MAX_PASTE + 1))


_PIECES = st.sampled_from(
    [
        "OPS-1",
        "#2",
        "https://github.com/a/b/issues/3",
        "Add an alert",
        "runbook",
        ",",
        ";",
        "\n",
        '"',
        "key",
        "summary",
        "title",
        "number",
        "[",
        "{",
        "pmdesk action: a1",
        "'=",
    ]
)


@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=30).map(" ".join)))
def test_no_paste_crashes_and_links_are_consistent(pasted: str) -> None:
    review = Review(
        id="r",
        title="t",
        actions=(
            Action("a1", "Add an alert for replication lag > 30s"),
            Action("a2", "Write the failover runbook"),
        ),
    )
    try:
        paste = read_tracker_paste(review, pasted)
    except BadImport as exc:
        assert str(exc)
        return
    ids = [link.action_id for link in paste.links]
    assert len(ids) == len(set(ids))
    assert set(ids) <= {"a1", "a2"}
    assert all(link.ref.strip() for link in paste.links)


_VOCAB = st.sampled_from(
    ["add", "alert", "lag", "disk", "the", "for", "runbook", "db", "page", "30s"]
)


def _naive_best(title: str, actions: list[Action]) -> str | None:
    """The plain all-pairs reading of the module docstring, to check the index against."""

    def words(text: str) -> list[str]:
        return text.casefold().split()

    stop = {"a", "an", "the", "to", "for", "of", "and", "in", "on", "by", "with", "at"}
    flat = " ".join(words(title))
    exact = [a.id for a in actions if " ".join(words(a.text)) == flat]
    if len(exact) == 1:
        return exact[0]
    cut = [a.id for a in actions if len(flat) >= 20 and " ".join(words(a.text)).startswith(flat)]
    if len(cut) == 1:
        return cut[0]
    mine = set(words(title)) - stop
    scored = []
    for a in actions:
        theirs = set(words(a.text)) - stop
        if mine and theirs:
            scored.append((len(mine & theirs) / len(mine | theirs), a.id))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 0.5:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


@given(
    st.lists(st.lists(_VOCAB, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=8),
    st.lists(_VOCAB, min_size=1, max_size=6).map(" ".join),
)
def test_indexed_title_matching_agrees_with_all_pairs(texts: list[str], title: str) -> None:
    actions = [Action(f"a{n}", text) for n, text in enumerate(texts)]
    review = Review(id="r", title="t", actions=tuple(actions))
    got = match_tracker_refs(review, f"OPS-1 {title}")
    expected = _naive_best(title, actions)
    assert got == ([TrackerLink(expected, "OPS-1")] if expected else [])
