"""Build a labelled Slack export of a fictional incident, for the key-moment tests.

The incident: checkout errors after a connection-pool setting shipped with a
release, made worse by mobile client retries. Everyone here is fictional and
nobody is at fault; the channel reads like a team working a problem together.

``build_export(folder)`` writes users.json, channels.json and day files (the
incident crosses midnight UTC) and returns the labels: source ref -> event kind
for every message a facilitator would put on the timeline as a key moment.
Run it as a script to write the export to a folder and print the counts.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

CHANNEL = "inc-4821-checkout"
CHANNEL_ID = "C0INC4821"
START = datetime(2026, 3, 4, 22, 40, tzinfo=UTC)

PEOPLE = {
    "U01PRIYA": ("priya", "Priya Raman"),
    "U02TOMAS": ("tomas", "Tomás Ortega"),
    "U03MEI": ("mei", "Mei Lin"),
    "U04JONAH": ("jonah", "Jonah Adeyemi"),
    "U05SOFIA": ("sofia", "Sofia Varga"),
    "U06KWAME": ("kwame", "Kwame Mensah"),
    "U07LENA": ("lena", "Lena Fischer"),
}
BOTS = {"B01DD": "Datadog", "B02PD": "PagerDuty", "B03SP": "Statuspage"}

# (minute, author, text, kind or None). Bots speak through attachments like real integrations.
KEY_MOMENTS: list[tuple[float, str, str, str]] = [
    (0, "B01DD", "[Triggered] checkout-api 5xx rate above 5% on prod", "alert"),
    (1, "B02PD", "Triggered: #4821 checkout-api error rate critical", "alert"),
    (3, "U02TOMAS", "ack'd, looking at the dashboards now", "detection"),
    (6, "U07LENA", "Support is getting tickets about failed payments at checkout", "detection"),
    (8, "U02TOMAS", "Declaring a SEV2, this is customer facing", "escalation"),
    (
        9,
        "U01PRIYA",
        "I'll be IC for this one. <@U02TOMAS> you drive the investigation",
        "escalation",
    ),
    (
        14,
        "U02TOMAS",
        "I think it's the connection pool, the 502s line up with pool exhaustion",
        "hypothesis",
    ),
    (17, "U03MEI", "could it be the payment provider? their latency graph looks odd", "hypothesis"),
    (19, "U04JONAH", "paging the database on-call to check the primary", "escalation"),
    (
        22,
        "U01PRIYA",
        "Posted the first status page update: investigating elevated checkout errors",
        "communication",
    ),
    (
        26,
        "U05SOFIA",
        "We deployed checkout-api v2.14.3 at 22:31, it included the pool config change",
        "change",
    ),
    (
        29,
        "U02TOMAS",
        "my guess is the new max_idle setting is too low for peak traffic",
        "hypothesis",
    ),
    (33, "U05SOFIA", "Rolling back checkout-api to v2.14.2 now", "change"),
    (35, "B01DD", "[Triggered] checkout-db connections above 90%", "alert"),
    (
        38,
        "U04JONAH",
        "maybe it's the db failover from last night, the replica lag was high",
        "hypothesis",
    ),
    (44, "U05SOFIA", "Rollback done, all pods on v2.14.2", "change"),
    (49, "U02TOMAS", "Error rate dropping, down to 1.2% from 9%", "mitigation"),
    (53, "U03MEI", "Pulling in <@U06KWAME> from the mobile team", "escalation"),
    (
        61,
        "U06KWAME",
        "Looks like the retry storm from the mobile clients is keeping the pool full",
        "hypothesis",
    ),
    (68, "U04JONAH", "Restarted the pgbouncer pods to clear stale connections", "change"),
    (74, "U06KWAME", "Flipped the feature flag mobile_retry_backoff on for all clients", "change"),
    (83, "U02TOMAS", "Queue is draining, latency back down to 180ms", "mitigation"),
    (88, "U01PRIYA", "Status page updated to monitoring", "communication"),
    (92, "U07LENA", "Notified support leads, the macro for customers is out", "communication"),
    (104, "B01DD", "[Recovered] checkout-api 5xx rate back below 1%", "resolution"),
    (107, "B02PD", "Resolved: #4821 checkout-api error rate critical", "resolution"),
    (118, "U01PRIYA", "All clear. Closing the incident, thank you all :pray:", "resolution"),
    (121, "U01PRIYA", "Posted the final status page update with a short summary", "communication"),
    (
        126,
        "U06KWAME",
        "I suspect the pool change alone would not have tipped it over without the retries",
        "hypothesis",
    ),
    (
        131,
        "U04JONAH",
        "Rate limiting applied on the mobile API gateway as a workaround until the fix ships",
        "mitigation",
    ),
]

FILLER = [
    "looking at the dashboards",
    "which version is on canary right now?",
    "here is the graph <https://grafana.example.net/d/checkout|checkout overview>",
    "anyone else seeing timeouts from the cart service?",
    "should we roll back?",
    "no deploys on the db side in the last day",
    "we didn't change the config on the primary",
    "p99 is still around 4s",
    "thanks",
    ":+1:",
    "one sec, checking the logs",
    "I'm grabbing the pool metrics",
    "the pgbouncer logs show a lot of 'no more connections allowed'",
    "is the payment provider status green?",
    "query for the errors: `service:checkout-api status:5xx`",
    "got it",
    "does anyone know who owns the mobile retry config?",
    "canary is clean, it is only the main fleet",
    "sharing the trace in a thread",
    "cpu on the db primary is at 45%, nothing alarming",
    "<@U01PRIYA> do you want a bridge call?",
    "joining the bridge",
    "ok",
    "hmm, interesting",
    "we saw the same pattern in the load test in January",
    "writing down times for the timeline as we go",
    "the dashboard link again <https://grafana.example.net/d/db|db overview>",
    "what is our current error budget for checkout?",
    "do we have a runbook for pool exhaustion?",
    "will check after this",
    "numbers in the thread :eyes:",
    "I can take notes",
    "queue depth 12k",
    "queue depth 9k",
    "mobile traffic is about 60% of checkout right now",
    "the retries use a fixed 200ms delay, no jitter",
    "brb, getting water",
    "back",
    "let me double check the release notes",
    "the diff is small, only the pool settings and a log line",
    "are web clients affected too?",
    "web looks fine so far",
    "support has 40 tickets now",
    "there is a spike in 499s on the load balancer",
    "can you share the pgbouncer config?",
    "posting it in the thread",
    "max_client_conn is 400 per pod",
    "lots of idle in transaction on the primary",
    "that would explain it",
    "keep an eye on the replica lag please",
    "replica lag 200ms",
    "I'll stay on until it is quiet",
    "good catch",
    "nice work everyone :raised_hands:",
    "who is writing the review?",
    "I'll start the review doc tomorrow",
]


def _ts(moment: datetime, seq: int) -> str:
    return f"{int(moment.timestamp())}.{seq:06d}"


def build_export(folder: Path, seed: int = 4821, fillers: int = 300) -> dict[str, str]:
    """Write the export into ``folder`` and return source ref -> kind for the key moments."""
    rng = random.Random(seed)
    rows: list[tuple[float, str, str, str | None]] = [
        (minute, who, text, kind) for minute, who, text, kind in KEY_MOMENTS
    ]
    humans = [uid for uid in PEOPLE if uid != "U07LENA"]
    for _ in range(fillers):
        rows.append((rng.uniform(0, 140), rng.choice(humans), rng.choice(FILLER), None))
    for minute in (5, 10, 15):  # the same alert re-firing: noise, not new moments
        rows.append((minute, "B01DD", "[Triggered] checkout-api 5xx rate above 5% on prod", None))
    rows.sort(key=lambda row: row[0])
    labels: dict[str, str] = {}
    days: dict[str, list[dict[str, object]]] = defaultdict(list)
    parent: str | None = None
    joins = [(2 + i, uid) for i, uid in enumerate(PEOPLE)]
    for minute, uid in joins:
        moment = START + timedelta(minutes=minute, seconds=30)
        ts = _ts(moment, 900 + len(days[moment.date().isoformat()]))
        days[moment.date().isoformat()].append(
            {"type": "message", "subtype": "channel_join", "user": uid, "ts": ts,
             "text": f"<@{uid}> has joined the channel"}
        )  # fmt: skip
    for seq, (minute, who, text, kind) in enumerate(rows):
        moment = START + timedelta(minutes=minute)
        ts = _ts(moment, seq)
        message: dict[str, object] = {"type": "message", "ts": ts}
        if who in BOTS:
            message.update(
                subtype="bot_message", bot_id=who, username=BOTS[who], text="",
                attachments=[{"fallback": text, "title": text, "color": "danger"}],
            )  # fmt: skip
        else:
            message.update(user=who, text=text, user_profile={"real_name": PEOPLE[who][1]})
            if kind is None and rng.random() < 0.2 and parent is not None:
                message["thread_ts"] = parent
            elif kind is None and rng.random() < 0.05:
                message.update(subtype="file_share", files=[{"name": "pool-metrics.png"}])
            if "in a thread" in text or "in the thread" in text:
                parent = ts
            if rng.random() < 0.1:
                message["edited"] = {"user": who, "ts": _ts(moment + timedelta(seconds=40), 0)}
        days[moment.date().isoformat()].append(message)
        if kind is not None:
            labels[f"#{CHANNEL}/{ts}"] = kind
    folder.mkdir(parents=True, exist_ok=True)
    users = [
        {"id": uid, "name": handle, "real_name": name,
         "profile": {"real_name": name, "display_name": handle}}
        for uid, (handle, name) in PEOPLE.items()
    ]  # fmt: skip
    users += [{"id": bid, "name": name.lower(), "is_bot": True} for bid, name in BOTS.items()]
    (folder / "users.json").write_text(json.dumps(users, indent=1), encoding="utf-8")
    channels = [{"id": CHANNEL_ID, "name": CHANNEL, "created": int(START.timestamp())}]
    (folder / "channels.json").write_text(json.dumps(channels), encoding="utf-8")
    (folder / CHANNEL).mkdir(exist_ok=True)
    for day, messages in days.items():
        text = json.dumps(messages, indent=1, ensure_ascii=False)
        (folder / CHANNEL / f"{day}.json").write_text(text, encoding="utf-8")
    return labels


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "incident-export")
    made = build_export(target)
    print(f"wrote {target}: {len(made)} labelled key moments")
