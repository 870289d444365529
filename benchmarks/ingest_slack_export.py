"""Importing a 100,000-message Slack export, against ``json.load`` of the same files.

Run from the repository root:  .venv/bin/python benchmarks/ingest_slack_export.py

It writes a synthetic export (fictional people, realistic markup: mentions,
links, emoji, bot attachments, threads) to a temporary folder and as a zip,
then reports the median time of ``json.load`` over every file, of
``load_source`` on the folder and on the zip, and of ``propose_key_moments``,
each as a ratio to ``json.load`` measured in the same run (target: import ≤ 3×).
Peak memory is the tracemalloc peak of one import, beside the size of the files.

Two shapes of message are measured. ``modern`` is what Slack exports today
(shared/realdata: the slackdump and Zulip samples, 800-1,500 bytes a message):
each message also carries ``blocks`` (the rich-text copy of its text),
``user_profile``, team ids and a client id, which pmdesk never reads. ``minimal``
keeps only the fields pmdesk reads (about 150 bytes a message): JSON parsing is
then at its cheapest, so it is the hardest case for the ratio, and is reported
beside it rather than hidden.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pmdesk.ingest import load_source, propose_key_moments

TEXTS = [
    "looking at the dashboards <https://grafana.example.net/d/x|overview>",
    "<@U{u}> can you check the pool metrics? :eyes:",
    "I think it's the connection pool",
    "rolled back to v2.14.2",
    "error rate dropping &gt; 50% better",
    "thanks :+1:",
    "posted an update on the status page",
    "queue depth 12k, see <#C1|inc-main>",
]


def _modern(message: dict[str, object], rng: random.Random) -> dict[str, object]:
    """The fields a 2025 export adds to a person's message (see shared/realdata/slack)."""
    user = str(message["user"])
    words = str(message["text"]).split(" ")
    return {
        **message,
        "team": "T06NRA6HM3P",
        "user_team": "T06NRA6HM3P",
        "source_team": "T06NRA6HM3P",
        "replace_original": False,
        "delete_original": False,
        "metadata": {"event_type": "", "event_payload": None},
        "user_profile": {
            "avatar_hash": f"{rng.getrandbits(48):012x}",
            "image_72": f"https://avatars.example.net/2026-01-01/{user}_{rng.getrandbits(40):x}_72.png",
            "first_name": f"Person {user[1:]}",
            "real_name": f"Person {user[1:]}",
            "display_name": "",
            "team": "T06NRA6HM3P",
            "name": f"user{user[1:]}",
            "is_restricted": False,
            "is_ultra_restricted": False,
        },
        "blocks": [
            {
                "type": "rich_text",
                "block_id": f"{rng.getrandbits(24):06x}",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [{"type": "text", "text": word + " "} for word in words],
                    }
                ],
            }
        ],
    }


def write_export(
    root: Path, messages: int, channels: int = 10, days: int = 20, shape: str = "modern"
) -> None:
    rng = random.Random(7)
    users = [{"id": f"U{i}", "name": f"user{i}", "real_name": f"Person {i}"} for i in range(40)]
    (root / "users.json").write_text(json.dumps(users))
    chans = [{"id": f"C{i}", "name": f"inc-{i}"} for i in range(channels)]
    (root / "channels.json").write_text(json.dumps(chans))
    per_file = messages // (channels * days)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for channel in chans:
        (root / channel["name"]).mkdir()
        for day in range(days):
            batch = []
            for i in range(per_file):
                at = start + timedelta(days=day, seconds=i * 80 + rng.random())
                ts = f"{at.timestamp():.6f}"
                if i % 25 == 0:
                    alert = {"title": "[Triggered] p99 above 2s"}
                    bot = {"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": ts,
                           "text": "", "username": "Datadog", "attachments": [alert]}  # fmt: skip
                    if shape == "modern":
                        alert |= {"id": 1, "color": "a30200", "fallback": alert["title"],
                                  "title_link": "https://app.example.net/monitors/1",
                                  "footer": "Datadog", "ts": int(at.timestamp())}  # fmt: skip
                        icons = {"image_72": "https://x.example/dd.png"}
                        bot["bot_profile"] = {"id": "B1", "name": "Datadog", "icons": icons}
                    batch.append(bot)
                    continue
                text = rng.choice(TEXTS).format(u=rng.randrange(40))
                message = {"type": "message", "user": f"U{rng.randrange(40)}", "ts": ts,
                           "text": text, "client_msg_id": f"{day}-{i}"}  # fmt: skip
                if i % 7 == 0:
                    message["thread_ts"] = ts
                batch.append(_modern(message, rng) if shape == "modern" else message)
            day_name = (start + timedelta(days=day)).date().isoformat()
            (root / channel["name"] / f"{day_name}.json").write_text(json.dumps(batch, indent=1))


def median_time(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def measure(shape: str, messages: int, repeats: int) -> None:
    """Write one export of ``shape`` and print its figures."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "export"
        root.mkdir()
        write_export(root, messages, shape=shape)
        files = sorted(root.rglob("*.json"))
        size = sum(f.stat().st_size for f in files)
        archive = Path(temp) / "export.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
            for path in files:
                handle.write(path, path.relative_to(root).as_posix())

        def baseline() -> None:
            for path in files:
                with path.open("rb") as handle:
                    json.load(handle)

        result = load_source(root)
        base = median_time(baseline, repeats)
        folder = median_time(lambda: load_source(root), repeats)
        zipped = median_time(lambda: load_source(archive), repeats)
        propose = median_time(lambda: propose_key_moments(result), repeats)
        tracemalloc.start()
        load_source(root)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"-- {shape} messages: {len(result.messages)} imported from {len(files)} files, "
          f"{size / 2**20:.1f} MiB ({size / messages:.0f} bytes a message)")  # fmt: skip
    print(f"json.load of every file: {base:.3f} s (baseline)")
    print(f"load_source(folder):     {folder:.3f} s  ratio {folder / base:.2f}x (target <= 3)")
    print(f"load_source(zip):        {zipped:.3f} s  ratio {zipped / base:.2f}x")
    print(f"propose_key_moments:     {propose:.3f} s  ratio {propose / base:.2f}x")
    print(
        f"peak traced memory of one import: {peak / 2**20:.1f} MiB ({peak / size:.1f}x the files)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--shape", choices=["modern", "minimal", "both"], default="both")
    args = parser.parse_args()
    for shape in ("modern", "minimal") if args.shape == "both" else (args.shape,):
        measure(shape, args.messages, args.repeats)


if __name__ == "__main__":
    main()
