"""Kinds of blame, vagueness and weak actions the phrase lists used to miss.

Each group is one *kind* (a person's performance judged, a role doing the wrong
thing, a state of mind as the cause, a metric that "spiked", a target with no
way to reach it), written here in our own words with fictional people, beside
near-misses that must stay quiet: naming who did what, machines that fail, and
the team's own account of its work.
"""

from __future__ import annotations

import pytest

from pmdesk.coach import lint_text

BLAME = [
    "Priya was too slow to roll back the release.",
    "Tomasz's mistake cost us two hours of checkout traffic.",
    "Ines broke it on Friday evening.",
    "An intern ran the cleanup script against production.",
    "An operator on the night shift forgot to re-enable the health checks.",
    "Someone wrote a raw SQL update instead of using the migration tool.",
    "A bug was introduced by Marco in the retry logic.",
    "The engineer was tired and typed the wrong hostname.",
    "Because she was under pressure, Aiko skipped the canary.",
    "The outage came from a poorly written firewall rule.",
    "Why didn't Jonas check the dashboard before deploying?",
    "He simply forgot to update the allow-list.",
    "Kenji accidentally deleted the production bucket.",
    "The on-call engineer ran the wrong command on the primary.",
    "Hamid didn't validate the input before the import.",
    "The on-call missed the page at 03:10.",
    "Elif merged the migration without testing it on staging.",
    "Support staff deleted the tenant by accident.",
    "This was a huge mistake.",
    "The release manager misjudged how risky the change was.",
    "Teams still haven't adopted the new deploy checklist.",
    "Why did the reviewer forget to check the flag default?",
    "Instead of using the migration tool, someone edited the table by hand.",
    "The outage could have been avoided by staging the DNS change.",
    "Obviously the cert had expired.",
]
NOT_BLAME = [
    "Alex deployed the change at 14:02.",
    "We accidentally shipped a bug in the retry logic.",
    "The regression was introduced by PR 4412, which changed the retry limit.",
    "The outage was caused by a config change to the load balancer.",
    "Why didn't the alert fire when disk usage crossed 90%?",
    "The job failed to start because the volume was full.",
    "Sam rolled back the deploy at 14:20, and errors stopped by 14:23.",
    "Traffic was routed to the wrong region by the DNS change.",
    "The cache was too slow to warm after the restart.",
    "Marta paged the database team at 03:10.",
    "We were under pressure from customers to restore service quickly.",
    "We failed to verify that the agent was running in the sandbox.",
    "The crates were very obviously crafted for malicious purposes.",
    "The old view of human error treats a careless individual as the cause.",
    "The pods did not respond to health checks after the upgrade.",
    "The alert was accidentally silenced by the maintenance window.",
]
VAGUE = [
    "Customers reported performance issues on the dashboard.",
    "Error rates spiked after the deploy.",
    "The queue grew large overnight.",
    "A bad config was pushed to the edge.",
    "The nodes were running with wrong settings.",
    "Latency went up during the incident.",
    "Memory usage kept growing until the pods were killed.",
    "Response times increased.",
    "There were connectivity problems between the regions.",
    "An incorrect configuration caused the failure.",
    "We saw a surge in traffic after the campaign email.",
    "Rolling out the new credentials took a bit longer.",
    "The service ran in a degraded state until the evening.",
    "Shortly after the failover, the issue was resolved.",
    "We were seeing Redis issues across the fleet.",
    "Probes were improperly configured on the ingest pods.",
    "Error rates increased for 22 minutes after the deploy.",
]
NOT_VAGUE = [
    "Error rates rose from 0.1% to 14% between 14:02 and 14:10 UTC.",
    "The queue grew to 1.2 million messages in 40 minutes.",
    "The config set max_connections to 10, below the 200 the pool needs.",
    "p95 latency rose from 120 ms to 4 s.",
    "The migration added a column to the orders table.",
    "The team grew large enough to split into two rotations.",
    "Cargo retried the download multiple times before giving up.",
    "Several hours later, the on-call handed over to the day shift.",
    "The engineers pushed a fix shortly after noon and watched the graphs.",
    "CloudWatch showed a tenfold increase in network traffic before the incident.",
    "We track this issue in the tracker, and the fix is linked from it.",
]
WEAK_ACTIONS = [
    "We will make changes to improve the reliability of deploys.",
    "Reduce p99 latency to 200 ms.",
    "Keep the queue below 10,000 messages.",
    "Steps will be taken to prevent a recurrence.",
]
ACTIONS = [
    "Add an alert when replication lag exceeds 60 s for 5 minutes.",
    "Pin the CoreDNS version in the Helm chart.",
    "Set the connection pool to 200.",
    "Reduce p99 latency to 200 ms by adding a read replica; alert above 250 ms.",
]


def _families(text: str, where: str = "narrative") -> set[str]:
    return {f.family.value for f in lint_text(text, where)}


@pytest.mark.parametrize("text", BLAME)
def test_blame_kinds_are_found(text: str) -> None:
    assert "blame" in _families(text)


@pytest.mark.parametrize("text", NOT_BLAME)
def test_context_and_machines_are_not_blame(text: str) -> None:
    assert "blame" not in _families(text)


@pytest.mark.parametrize("text", VAGUE)
def test_unmeasured_claims_are_vague(text: str) -> None:
    assert "vague" in _families(text)


@pytest.mark.parametrize("text", NOT_VAGUE)
def test_measured_claims_are_not_vague(text: str) -> None:
    assert "vague" not in _families(text)


@pytest.mark.parametrize("text", WEAK_ACTIONS)
def test_promises_and_bare_targets_are_weak_actions(text: str) -> None:
    assert "action" in _families(text, "actions[0].text")


@pytest.mark.parametrize("text", ACTIONS)
def test_concrete_changes_are_actions(text: str) -> None:
    assert "action" not in _families(text, "actions[0].text")


def test_every_new_finding_names_its_words_and_a_rewrite() -> None:
    for text in BLAME + VAGUE:
        for finding in lint_text(text, "narrative"):
            assert finding.excerpt and finding.excerpt in text
            assert finding.suggestion
