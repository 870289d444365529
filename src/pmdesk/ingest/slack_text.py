"""Turning Slack's message markup into the plain text a facilitator reads.

Slack stores ``<@U123>`` for a mention, ``<http://x|label>`` for a link,
``:fire:`` for an emoji and escapes ``< > &`` as entities. A timeline that
shows ``<@U0BMYT2FL>`` helps nobody, so mentions become names at import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ANGLE = re.compile(r"<([^<>\n]{1,2000})>")
_EMOJI = re.compile(r":([a-z0-9_+\-']{1,60}):")

# Common incident-channel emoji; anything else stays as its :code: (still readable).
EMOJI: dict[str, str] = {
    "+1": "\U0001f44d",
    "thumbsup": "\U0001f44d",
    "-1": "\U0001f44e",
    "fire": "\U0001f525",
    "rotating_light": "\U0001f6a8",
    "warning": "\u26a0\ufe0f",
    "white_check_mark": "\u2705",
    "heavy_check_mark": "\u2714\ufe0f",
    "x": "\u274c",
    "eyes": "\U0001f440",
    "tada": "\U0001f389",
    "pray": "\U0001f64f",
    "rocket": "\U0001f680",
    "red_circle": "\U0001f534",
    "large_green_circle": "\U0001f7e2",
    "green_circle": "\U0001f7e2",
    "thinking_face": "\U0001f914",
    "sweat_smile": "\U0001f605",
    "slightly_smiling_face": "\U0001f642",
    "smile": "\U0001f604",
    "ok_hand": "\U0001f44c",
    "raised_hands": "\U0001f64c",
    "point_up": "\u261d\ufe0f",
    "memo": "\U0001f4dd",
    "mag": "\U0001f50d",
    "hourglass": "\u231b",
    "chart_with_upwards_trend": "\U0001f4c8",
    "chart_with_downwards_trend": "\U0001f4c9",
    "ambulance": "\U0001f691",
    "bell": "\U0001f514",
    "basketball": "\U0001f3c0",
    "heart": "\u2764\ufe0f",
}

_SPECIAL = {"here": "@here", "channel": "@channel", "everyone": "@everyone"}


def render_mrkdwn(text: str, users: Mapping[str, str], channels: Mapping[str, str]) -> str:
    """Plain text for a Slack message: names for mentions, labels for links, emoji."""
    if "<" in text:
        text = _ANGLE.sub(lambda m: _angle(m.group(1), users, channels), text)
    if ":" in text:
        text = _EMOJI.sub(_emoji, text)
    if "&" in text:
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text


def _angle(inner: str, users: Mapping[str, str], channels: Mapping[str, str]) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        uid = target[1:]
        return "@" + (users.get(uid) or label or uid)
    if target.startswith("#"):
        cid = target[1:]
        return "#" + (label or channels.get(cid) or cid)
    if target.startswith("!"):
        word = target[1:]
        if word in _SPECIAL:
            return _SPECIAL[word]
        if label:  # <!subteam^S1|@oncall>, <!date^…|fallback>
            return label
        return "@" + word.split("^", 1)[0]
    if target.startswith("mailto:"):
        return label or target[len("mailto:") :]
    if target.startswith("tel:"):
        return label or target[len("tel:") :]
    if label and label != target:
        return f"{label} ({target})"
    return target


def _emoji(match: re.Match[str]) -> str:
    return EMOJI.get(match.group(1), match.group(0))
