"""What a review may hold: bounds no honest review reaches, checked where values enter.

The library refuses values beyond these bounds, and so does the .pmreview reader,
so that every review the library holds exports and imports again (the format
documents them in docs/review-format.md). A database column or a number type
then never meets a value it cannot store (a layer order of 10**30 overflowed
SQLite's 64-bit INTEGER).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from pmdesk.text import clean_text

#: Ids of reviews and items: 1 to this many characters, no surrounding spaces.
MAX_ID_CHARS = 200
#: A layer's order on the board, either side of zero.
MAX_LAYER_ORDER = 1_000_000_000
#: Whole-number metric values: beyond this a double (the stored type) is not exact.
MAX_METRIC_INT = 2**53
#: Where an attachment lives inside a .pmreview archive.
ATTACHMENT_FOLDER = "attachments/"
#: The review's title: one line on a report's cover and in the library list.
MAX_TITLE_CHARS = 500
#: Any other text field (an event's title or detail, a factor's or action's text,
#: the summary, the narrative, a name, a metric): some 40 printed pages.
MAX_TEXT_CHARS = 100_000
#: How many items of each part one review may hold (a year of minute-by-minute
#: events is some 50,000 events below the events bound).
MAX_ITEMS: Mapping[str, int] = MappingProxyType(
    {
        "people": 10_000,
        "events": 200_000,
        "layers": 1_000,
        "factors": 20_000,
        "actions": 20_000,
        "went_well": 10_000,
        "notes": 20_000,
        "attachments": 1_000,
    }
)
#: Services a review names, and metrics its impact lists.
MAX_SERVICES = 1_000
MAX_METRICS = 1_000


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id (one clause), or None when it can.

    An id of ``" "`` or with a trailing space imports, then no command can name
    it (names are stripped), so it is refused like an empty one.
    """
    if not 1 <= len(value) <= MAX_ID_CHARS:
        return f"must be an id of 1 to {MAX_ID_CHARS} characters"
    if value != value.strip():
        return "an id must not be blank or start or end with a space"
    if clean_text(value) != value:
        return "an id must not hold control characters or lone surrogates"
    return None


def order_problem(value: int) -> str | None:
    """Why ``value`` cannot be a layer order, or None when it can."""
    if not -MAX_LAYER_ORDER <= value <= MAX_LAYER_ORDER:
        return f"must be a whole number from -{MAX_LAYER_ORDER:,} to {MAX_LAYER_ORDER:,}"
    return None


def attachment_path_problem(path: str) -> str | None:
    """Why ``path`` cannot name an attachment in the archive, or None when it can."""
    leaf = path[len(ATTACHMENT_FOLDER) :] if path.startswith(ATTACHMENT_FOLDER) else ""
    if not leaf or "/" in leaf or "\\" in leaf or leaf in (".", ".."):
        return f"must be {ATTACHMENT_FOLDER}<file name>"
    return None


def metric_problem(value: float | str) -> str | None:
    """Why a metric value cannot be stored and written as JSON, or None when it can."""
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if isinstance(value, int) and abs(value) > MAX_METRIC_INT:
        return "is too large"
    return None


def text_problem(value: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    """Why ``value`` is too long for a field that takes ``limit`` characters, or None.

    A 50 MB title was accepted once, then every snapshot, overview and report
    of that review took minutes; the bound keeps honest text fast.
    """
    if len(value) > limit:
        return f"is {len(value):,} characters; pmdesk takes at most {limit:,}"
    return None


def count_problem(part: str, count: int, limit: int | None = None) -> str | None:
    """Why a review cannot hold ``count`` items of ``part``, or None when it can."""
    bound = MAX_ITEMS[part] if limit is None else limit
    if count > bound:
        return f"the review has {count:,} of them; pmdesk takes at most {bound:,}"
    return None
