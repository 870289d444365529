"""Slack exports: markup, threads, bots, channels, time windows, progress and Cancel."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.errors import BadImport
from pmdesk.ingest import ImportCancelled, list_channels, load_source, propose_key_moments
from pmdesk.ingest.slack_text import render_mrkdwn
from pmdesk.ingest.times import slack_ts

USERS = {"U1": "Ana Silva", "U2": "Ben Okafor"}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<@U1> can you look?", "@Ana Silva can you look?"),
        ("<@U0BMYT2FL>: created an issue", "@U0BMYT2FL: created an issue"),
        ("see <#C9|db-team> and <#C1>", "see #db-team and #incident"),
        ("<!here> need hands", "@here need hands"),
        ("<!subteam^S1|@oncall> please", "@oncall please"),
        ("<https://x.example/d|dashboard>", "dashboard (https://x.example/d)"),
        ("<https://x.example/d>", "https://x.example/d"),
        ("<mailto:a@x.example|a@x.example>", "a@x.example"),
        ("&lt;module&gt; &amp;lt;", "<module> &lt;"),
        (":fire: :+1: :custom_thing:", "\U0001f525 \U0001f44d :custom_thing:"),
    ],
)
def test_markup_becomes_plain_text(raw: str, shown: str) -> None:
    assert render_mrkdwn(raw, USERS, {"C1": "incident"}) == shown


def _msg(ts: str, text: str = "hello", **extra: object) -> dict[str, object]:
    return {"type": "message", "user": "U1", "ts": ts, "text": text, **extra}


def test_messages_people_bots_threads_and_files(make_export: Callable[..., Path]) -> None:
    root = make_export(
        {
            "2026-03-04": [
                _msg("1772661000.000100", "<@U2> rolled back", edited={"user": "U1", "ts": "1"}),
                _msg("1772661060.000200", "reply", thread_ts="1772661000.000100", user="U2"),
                {
                    "type": "message",
                    "subtype": "bot_message",
                    "bot_id": "B9",
                    "text": "",
                    "ts": "1772661120.000300",
                    "username": "Datadog",
                    "attachments": [
                        {"fallback": "[Triggered] p99 high", "title": "[Triggered] p99"}
                    ],
                },
                {"type": "message", "subtype": "tombstone", "hidden": True, "ts": "1772661130.1"},
                {
                    "type": "message",
                    "user": "U2",
                    "ts": "1772661140.000400",
                    "files": [
                        {"name": "graph.png", "url_private": "https://files/x?t=xoxe-secret"}
                    ],
                },
                {
                    "type": "message",
                    "subtype": "channel_join",
                    "user": "U2",
                    "ts": "1772661150.000500",
                    "text": "<@U2> has joined the channel",
                },
            ]
        }
    )
    result = load_source(root)
    texts = [m.text for m in result.messages]
    assert texts[0] == "@Ben Okafor rolled back"
    assert result.messages[0].at == datetime(2026, 3, 4, 21, 50, 0, 100, tzinfo=UTC)
    assert result.messages[1].thread_ts == "1772661000.000100"
    bot = result.messages[2]
    assert bot.is_bot and bot.author_name == "Datadog" and "[Triggered] p99" in bot.text
    assert texts[3] == "[shared a file: graph.png]" and "xoxe" not in "".join(texts)
    assert result.messages[4].subtype == "channel_join"
    assert [p.name for p in result.people if not p.is_bot] == ["Ana Silva", "Ben Okafor"]


def test_channels_and_time_window_choose_messages(make_export: Callable[..., Path]) -> None:
    root = make_export(
        {
            "2026-03-04": [_msg("1772661000.1"), _msg("1772664600.2")],
            "2026-03-06": [_msg("1772834400.3")],
        }
    )
    assert list_channels(root) == ["incident"]
    since = datetime(2026, 3, 4, 22, 0, tzinfo=UTC)
    until = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    window = load_source(root, channels=["#incident"], since=since, until=until)
    assert [m.source_ref for m in window.messages] == ["#incident/1772664600.2"]
    with pytest.raises(BadImport, match="no channel named 'random'"):
        load_source(root, channels=["random"])


def test_zip_and_folder_give_the_same_messages(
    incident_export: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder = incident_export[0]
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in sorted(folder.rglob("*.json")):
            handle.write(path, "Incident Export/" + path.relative_to(folder).as_posix())
    assert load_source(archive).messages == load_source(folder).messages


def test_progress_is_reported_and_cancel_stops_the_import(
    incident_export: tuple[Path, dict[str, str]],
) -> None:
    seen: list[tuple[int, int]] = []
    load_source(incident_export[0], progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(ImportCancelled):
        load_source(incident_export[0], cancelled=lambda: True)


def test_real_exports_import_with_names_and_no_markup(realdata: Path) -> None:
    slack = realdata / "slack"
    for source in (
        slack / "hfaran-slack-export-viewer" / "testarchive.zip",
        slack / "hfaran-slack-export-viewer" / "extracted",
        slack / "rusq-slackdump" / "source_export.zip",
    ):
        result = load_source(source)
        assert result.messages, source
        assert not any("<@U" in m.text for m in result.messages)
        assert all(m.at.tzinfo is UTC for m in result.messages)
        # These are ordinary project channels, not incidents: little should look key.
        assert len(propose_key_moments(result)) <= 0.05 * len(result.messages)
    old = load_source(slack / "hfaran-slack-export-viewer" / "extracted")
    bots = [m for m in old.messages if m.is_bot]
    assert bots and all(m.text for m in bots)  # their text lives in attachments
    assert not any("&gt;" in m.text or "&lt;" in m.text for m in old.messages)


@given(st.integers(0, 253_402_214_399), st.integers(0, 999_999))
def test_slack_ts_is_exact_to_the_microsecond(seconds: int, micros: int) -> None:
    expected = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds, microseconds=micros)
    assert slack_ts(f"{seconds}.{micros:06d}") == expected


def test_slack_ts_past_the_clocks_last_day_is_not_a_time() -> None:
    # 9999-12-31T00:00:01Z is past pmdesk.clock.LATEST, a day before the calendar ends.
    assert slack_ts("253402214401.000000") is None


def test_real_message_fixtures_render_plain(realdata: Path, tmp_path: Path) -> None:
    """Zulip's Slack fixtures, read in place and placed in a day file of a scratch export."""
    fixtures = realdata / "slack" / "zulip-slack-fixtures" / "exported_messages_fixtures"
    root = tmp_path / "export"
    (root / "general").mkdir(parents=True)
    (root / "channels.json").write_text('[{"id": "C06P6T3QGD7", "name": "general"}]')
    messages: list[object] = []
    for path in sorted(fixtures.glob("*.json")):
        loaded = json.loads(path.read_bytes())
        messages += loaded if isinstance(loaded, list) else [loaded]
    (root / "general" / "2026-02-25.json").write_text(json.dumps(messages))
    texts = [m.text for m in load_source(root).messages]
    joined = "\n".join(texts)
    assert "Text with a link (https://chat.zulip.org/)" in joined
    assert "@channel" in joined and "@here" in joined
    assert "#rich-text-blocks" in joined and "#general" in joined
    assert "\U0001f3c0" in joined  # :basketball:
    assert not any(marker in joined for marker in ("<@", "<#", "<!", "<http"))
