"""One review, several readers: what each audience's report holds, in what order, in whose words.

Each audience is a function from a review to a neutral ``Document``. People appear
as context (who owned an action, who was on call), never as the cause of
anything: the wording talks about systems, layers and decisions.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pmdesk.clock import MILESTONES, Zone, durations, format_day, format_number
from pmdesk.errors import BadInput
from pmdesk.model.review import (
    Action,
    ActionStatus,
    Event,
    EventKind,
    Factor,
    FactorCategory,
    NoteKind,
    Review,
    ReviewStatus,
    Stage,
)
from pmdesk.report.document import (
    Block,
    BulletList,
    Callout,
    Document,
    Figure,
    Heading,
    Paragraph,
    Properties,
    Table,
)
from pmdesk.text import shown_text


class Audience(enum.StrEnum):
    ENGINEERING = "engineering"
    LEADERSHIP = "leadership"
    ADJACENT = "adjacent"
    SHORT = "short"

    @property
    def label(self) -> str:
        """The report's name as its subtitle and the export dialog show it."""
        return _LABELS[self]


_LABELS = {
    Audience.ENGINEERING: "Engineering report",
    Audience.LEADERSHIP: "Leadership summary",
    Audience.ADJACENT: "For neighbouring teams",
    Audience.SHORT: "Short review",
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Figures:
    """Figures drawn by the caller (pmdesk.figures) as PNG bytes; every one is optional."""

    timeline_full: bytes | None = None
    timeline_key: bytes | None = None
    cheese: bytes | None = None

    def check(self) -> None:
        """Refuse bytes that are not a PNG here, with the figure named, not deep in a writer."""
        for name, data in (
            ("full timeline", self.timeline_full),
            ("key-moments timeline", self.timeline_key),
            ("Swiss-cheese board", self.cheese),
        ):
            if data is not None and not data.startswith(_PNG_SIGNATURE):
                raise BadInput(f"the {name} figure is not a PNG image")


STATUS_WORDS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Won't do",
}

KIND_WORDS = {
    EventKind.ALERT: "Alert",
    EventKind.DETECTION: "Detected",
    EventKind.ESCALATION: "Escalated",
    EventKind.HYPOTHESIS: "Hypothesis",
    EventKind.INVESTIGATION: "Investigation",
    EventKind.CHANGE: "Change",
    EventKind.MITIGATION: "Mitigation",
    EventKind.COMMUNICATION: "Communication",
    EventKind.RESOLUTION: "Resolved",
    EventKind.NOTE: "Note",
}

BLAMELESS = (
    "This review is blameless. People are named for context: who knew what, and when. "
    "The causes are in our systems, layers of defence and decisions, which we can change."
)

#: How many factors the short report lists before pointing to the full report.
TOP_FACTORS = 5
#: A leader's first page has room for the three that weigh most next to the actions.
LEADER_FACTORS = 3


def build_document(
    review: Review, audience: Audience | str, figures: Figures | None = None
) -> Document:
    """The report for one audience as a neutral document (also the GUI's live preview)."""
    try:
        chosen = Audience(audience)
    except ValueError:
        names = ", ".join(a.value for a in Audience)
        raise BadInput(f"'{audience}' is not an audience; choose one of {names}") from None
    figures = figures or Figures()
    figures.check()
    ctx = _Context(review)
    blocks = [*_draft_line(review), *_BUILDERS[chosen](ctx, figures)]
    title = _clean(review.title) or "Untitled review"
    draft = " · Draft" if review.status != ReviewStatus.PUBLISHED else ""
    return Document(
        title=title,
        subtitle=_subtitle(ctx, chosen),
        blocks=tuple(blocks),
        properties=Properties(
            title=title,
            subject=f"{chosen.label}: post-incident review",
            keywords=tuple(_clean(s) for s in review.services),
            created=review.updated_at or review.created_at,
        ),
        running_header=f"{title} · {chosen.label}{draft}",
    )


#: The line every report of an unpublished review opens with.
DRAFT_LINE = "Draft — not yet reviewed"


def _draft_line(review: Review) -> list[Block]:
    """A visible line on a review that is not published: its findings may still change."""
    if review.status == ReviewStatus.PUBLISHED:
        return []
    stage = "in review" if review.status == ReviewStatus.IN_REVIEW else "a draft"
    return [
        Paragraph(
            f"This review is {stage}; its findings may still change.",
            label=DRAFT_LINE + ".",
        )
    ]


class _Context:
    """A review with the look-ups and wording every audience shares."""

    def __init__(self, review: Review) -> None:
        """Zone, durations and sorted events worked out once, so every section agrees."""
        self.review = review
        self.zone = Zone.of(review)
        self.zone_name = self.zone.name
        # A span of zero minutes (detected the minute it began) is no duration to report;
        # the milestone's own time still shows when it happened.
        self.durations = tuple(d for d in durations(review, self.zone) if d.minutes > 0)
        self.events = review.events_by_time()

    def name(self, person_id: str | None) -> str:
        """A person's clean name; an id that names nobody is shown as written, not dropped."""
        if person_id is None:
            return ""
        person = self.review.person(person_id)
        # An id that names nobody is shown as written rather than dropped.
        return _clean(person.name if person else person_id)

    def when(self, event: Event | None) -> str:
        """An event's full local time, or empty when the link points at no event."""
        return self.zone.full(event.at) if event else ""

    def factor_order(self) -> list[Factor]:
        """On-trajectory factors first (they lined up into the incident), then the rest."""
        layer_rank = {layer.id: n for n, layer in enumerate(self.review.ordered_layers())}
        indexed = list(enumerate(self.review.factors))
        indexed.sort(
            key=lambda p: (not p[1].on_trajectory, layer_rank.get(p[1].layer, 1 << 30), p[0])
        )
        return [factor for _, factor in indexed]

    def weighed_factors(self, limit: int) -> list[Factor]:
        """The factors that matter most, at most ``limit``, shown in board order.

        Weight, most important first: on the incident's path; answered by an action;
        how long a stretch of the incident its linked events span (the gap that kept
        an outage going for hours); how many events it explains. The heaviest
        on-path factor of each stage of defence is taken first, so a recovery gap is
        not crowded out by five prevention gaps; the rest are filled by weight.
        """
        review = self.review
        acted = {fid for action in review.actions for fid in action.factors}
        stage_of = {layer.id: layer.stage for layer in review.layers}

        def weight(factor: Factor) -> tuple[bool, bool, float, int]:
            """Sort key, heaviest last."""
            times = [e.at for e in map(review.event, factor.events) if e is not None]
            span = (max(times) - min(times)).total_seconds() if times else 0.0
            return (factor.on_trajectory, factor.id in acted, span, len(times))

        heaviest = sorted(self.factor_order(), key=weight, reverse=True)  # stable: board order
        # The heaviest on-path factor of each stage, heaviest first, so the limit never
        # drops the factor that weighs most.
        per_stage: dict[Stage, Factor] = {}
        for factor in heaviest:
            stage = stage_of.get(factor.layer)
            if factor.on_trajectory and stage is not None:
                per_stage.setdefault(stage, factor)
        chosen = [f for f in heaviest if f in per_stage.values()][:limit]
        chosen += [f for f in heaviest if f not in chosen][: max(0, limit - len(chosen))]
        board = {id(f): n for n, f in enumerate(self.board_order())}
        return sorted(chosen, key=lambda f: board[id(f)])

    def board_order(self) -> list[Factor]:
        """Factors in the order the board shows them: by layer, then as stored."""
        layer_rank = {layer.id: n for n, layer in enumerate(self.review.ordered_layers())}
        indexed = list(enumerate(self.review.factors))
        indexed.sort(key=lambda p: (layer_rank.get(p[1].layer, 1 << 30), p[0]))
        return [factor for _, factor in indexed]

    def home_team(self) -> str | None:
        """The review's own team: the one most of its people belong to (first listed on a tie).

        A review has no team field; the people it names are the best evidence of who
        ran it. None when nobody's team is recorded.
        """
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for person in self.review.people:
            team = _clean(person.team)
            if team:
                counts[team.casefold()] = counts.get(team.casefold(), 0) + 1
                names.setdefault(team.casefold(), team)
        if not counts:
            return None
        top = max(counts.values())
        return next(names[key] for key in counts if counts[key] == top)

    def layer_name(self, layer_id: str) -> str:
        """A layer's clean name; a dangling layer id is shown as written."""
        layer = self.review.layer(layer_id)
        return _clean(layer.name) if layer else _clean(layer_id)


# ---- shared sections -------------------------------------------------------------------


def _subtitle(ctx: _Context, audience: Audience) -> str:
    """The line under the title: audience, severity and start time with its zone."""
    review = ctx.review
    parts = [audience.label]
    if review.severity:
        parts.append(_clean(review.severity))
    if review.started_at:
        parts.append(ctx.zone.full(review.started_at) + f" ({ctx.zone_name})")
    return " · ".join(parts)


def _summary(ctx: _Context) -> list[Block]:
    """The summary, else the story's first paragraph, so no report opens empty."""
    text = _clean(ctx.review.summary)
    if not text:
        first = _paragraphs(ctx.review.narrative)
        text = first[0] if first else "No summary has been written yet."
    return [Paragraph(t) for t in _split_blank_lines(text)]


def _impact(ctx: _Context, heading: str, *, paired: bool = False) -> list[Block]:
    """Impact prose and metrics, or a plain line saying it is not recorded yet.

    ``paired`` sets two measures side by side per row, so the numbers take half the
    height on a leader's first page.
    """
    impact = ctx.review.impact
    blocks: list[Block] = [Heading(heading)]
    if impact and impact.description:
        blocks += [Paragraph(t) for t in _split_blank_lines(_clean(impact.description))]
    if impact and impact.metrics:
        rows = tuple((_clean(m.name), _number(m.value, m.unit)) for m in impact.metrics)
        if paired and len(rows) > 2:
            pairs = [
                rows[n] + (rows[n + 1] if n + 1 < len(rows) else ("", ""))
                for n in range(0, len(rows), 2)
            ]
            columns = ("Measure", "Value", "Measure", "Value")
            blocks.append(Table(columns, tuple(pairs), widths=(3, 1.3, 3, 1.3)))
        else:
            blocks.append(Table(("Measure", "Value"), rows, widths=(3, 1)))
    if len(blocks) == 1:
        blocks.append(Paragraph("The impact has not been recorded yet."))
    return blocks


def _duration(ctx: _Context) -> list[Block]:
    """The milestones and the three durations (pmdesk.clock), as a table."""
    review = ctx.review
    after = {d.milestone: d for d in ctx.durations}
    rows: list[tuple[str, str]] = []
    for name, label in MILESTONES:
        at = getattr(review, name)
        if at is None:
            continue
        told = after.get(name)
        rows.append((label, ctx.zone.full(at) + (f" (after {told.short})" if told else "")))
    rows += [(f"Time {d.label}", d.short) for d in ctx.durations]
    blocks: list[Block] = [Heading("How long it lasted")]
    if rows:
        blocks.append(Table(("", f"Time ({ctx.zone_name})"), tuple(rows), widths=(1, 2)))
    else:
        blocks.append(Paragraph("The start and end of the incident have not been recorded yet."))
    return blocks


def _duration_in_words(ctx: _Context) -> list[Block]:
    """How long it lasted in one sentence: a leader wants the spans, not a timetable.

    The start time and its zone are in the line under the title; the sentence names
    it only when no span can be told.
    """
    started = ctx.review.started_at
    if started is None:
        return [Paragraph("The start and end of the incident have not been recorded yet.")]
    spans = [f"{d.verb} after {d.words}" for d in ctx.durations]
    if not spans:
        return [Paragraph(f"It began {ctx.zone.full(started)} ({ctx.zone_name}).")]
    last = spans.pop()
    return [Paragraph("It was " + (f"{', '.join(spans)} and {last}" if spans else last) + ".")]


_STAGE_WORDS = {
    Stage.PREVENT: "Prevention",
    Stage.DETECT: "Detection",
    Stage.RESPOND: "Response",
    Stage.RECOVER: "Recovery",
}


def _factor_line(
    ctx: _Context, factor: Factor, *, with_layer: bool, by_stage: bool = False
) -> Paragraph:
    """One factor as a bullet, led by its layer (or its stage of defence) and a third-party tag.

    ``by_stage`` names the stage ("Recovery:") instead of the team's own layer name: a
    leader reads which defence had the gap, and the bullet stays on one line more often.
    """
    tags = []
    layer = ctx.review.layer(factor.layer)
    if by_stage and layer is not None and layer.stage is not None:
        tags.append(_STAGE_WORDS[layer.stage])
    elif with_layer:
        tags.append(ctx.layer_name(factor.layer))
    if factor.is_third_party:
        tags.append("third party")
    label = " · ".join(t for t in tags if t)
    return Paragraph(_clean(factor.text), label=f"{label}:" if label else None)


def _why(ctx: _Context, heading: str, limit: int | None) -> list[Block]:
    """The top factors framed as gaps that lined up, never as one root cause."""
    factors = ctx.review.factors
    blocks: list[Block] = [Heading(heading)]
    if not factors:
        blocks.append(Paragraph("The contributing factors have not been recorded yet."))
        return blocks
    shown = ctx.board_order() if limit is None else ctx.weighed_factors(limit)
    blocks.append(
        Paragraph("No single root cause: several defences had gaps that lined up. The main ones:")
    )
    by_stage = limit is not None
    lines = (_factor_line(ctx, f, with_layer=True, by_stage=by_stage) for f in shown)
    blocks.append(BulletList(tuple(lines)))
    if len(factors) > len(shown):
        more = len(factors) - len(shown)
        blocks.append(
            Paragraph(
                _count(more, "more factor is", "more factors are") + " in the engineering report."
            )
        )
    return blocks


def _actions_plan(ctx: _Context, heading: str, actions: Sequence[Action]) -> list[Block]:
    """Actions as a plain table; a missing owner or date is said, not left blank."""
    blocks: list[Block] = [Heading(heading)]
    if not actions:
        blocks.append(Paragraph("No actions have been agreed yet."))
        return blocks
    rows = tuple(
        (
            _clean(a.text),
            ctx.name(a.owner) or "No owner yet",
            format_day(a.due) if a.due else "No date yet",
            STATUS_WORDS.get(a.status, str(a.status)),
        )
        for a in actions
    )
    blocks.append(Table(("Action", "Owner", "Due", "Status"), rows, widths=(6, 2.2, 1.9, 1.5)))
    return blocks


def _went_well(ctx: _Context, heading: str = "What went well") -> list[Block]:
    """The went-well list; no heading at all when there is nothing."""
    items = tuple(Paragraph(_clean(w.text)) for w in ctx.review.went_well)
    if not items:
        return []
    return [Heading(heading), BulletList(items)]


def _notes(ctx: _Context, kind: NoteKind, heading: str) -> list[Block]:
    """One kind of note as a list; no heading when there are none."""
    items = tuple(Paragraph(_clean(n.text)) for n in ctx.review.notes if n.kind == kind)
    return [Heading(heading), BulletList(items)] if items else []


def _story(ctx: _Context, heading: str, limit: int | None = None) -> list[Block]:
    """The narrative's paragraphs, the first limit of them for short reports."""
    paragraphs = _paragraphs(ctx.review.narrative)
    if limit is not None:
        paragraphs = paragraphs[:limit]
    if not paragraphs:
        return []
    return [Heading(heading), *(Paragraph(p) for p in paragraphs)]


# ---- audiences ----------------------------------------------------------------------------


def _engineering(ctx: _Context, figures: Figures) -> list[Block]:
    """The full report for the team: everything the review holds, people and sources too."""
    review = ctx.review
    blocks: list[Block] = [Callout(BLAMELESS), Heading("Summary"), *_summary(ctx)]
    blocks += _impact(ctx, "Impact")
    blocks += _duration(ctx)
    blocks += _story(ctx, "The story")
    blocks.append(Heading("Timeline"))
    if figures.timeline_full:
        blocks.append(Figure(figures.timeline_full, "The full timeline", max_height=0.8))
    blocks += _timeline_table(ctx)
    blocks += _factors_by_layer(ctx, figures)
    blocks += _went_well(ctx)
    blocks += _notes(ctx, NoteKind.LUCKY, "Where we got lucky")
    blocks += _notes(ctx, NoteKind.QUESTION, "Open questions")
    blocks += _notes(ctx, NoteKind.PARKING, "Parking lot")
    blocks += _actions_full(ctx)
    if review.people:
        rows = tuple(
            (_clean(p.name), _clean(p.role or ""), _clean(p.team or "")) for p in review.people
        )
        blocks += [
            Heading("People involved"),
            Paragraph("Named for context: who was there and in what role."),
            Table(("Name", "Role", "Team"), rows, widths=(1, 1, 1)),
        ]
    blocks += _sources(ctx)
    return blocks


def _key_moments(ctx: _Context, figures: Figures) -> list[Block]:
    """The numbered strip and the list it numbers: the figure shows when, the list what."""
    moments = ctx.review.key_moments()
    if not moments:
        return []
    # The sentence above gives the day and the zone; a single day needs only clock times.
    one_day = len({ctx.zone.day(event.at) for event in moments}) == 1
    previous = moments[0].at if one_day else None
    rows = []
    for number, event in enumerate(moments, 1):
        when = ctx.zone.row(event.at, previous)
        rows.append((str(number), when, _clean(event.title), ctx.name(event.actor)))
        previous = event.at
    table = Table(("#", "Time", "Key moment", "Who"), tuple(rows), (0.6, 1.3, 4.6, 2.1))
    # The figure's caption names the section; a heading above it would only repeat it.
    if figures.timeline_key is None:
        return [Heading("Key moments"), table]
    return [Figure(figures.timeline_key, "Key moments", max_height=0.3), table]


def _timeline_table(ctx: _Context) -> list[Block]:
    """Every event as a row; times say the date only when it changes."""
    if not ctx.events:
        return [Paragraph("No events have been recorded yet.")]
    rows = []
    previous = None
    for event in ctx.events:
        what = _clean(event.title)
        if event.detail:
            what += "\n" + _clean(event.detail)
        kind = KIND_WORDS.get(event.kind, str(event.kind))
        if event.key:
            kind += " ★"
        rows.append(
            (
                ctx.zone.row(event.at, previous),
                kind,
                what,
                _clean(event.knew or ""),
                ctx.name(event.actor),
            )
        )
        previous = event.at
    return [
        Table(
            ("Time", "Kind", "What happened", "What we knew", "Who"),
            tuple(rows),
            widths=(1.6, 1.9, 4, 3, 1.5),
            caption=f"Times in {ctx.zone_name}. ★ marks a key moment.",
            titled_column=2,
        )
    ]


def _factors_by_layer(ctx: _Context, figures: Figures) -> list[Block]:
    """Factors grouped by layer in board order; factors of a deleted layer still show."""
    review = ctx.review
    blocks: list[Block] = [Heading("Contributing factors by layer of defence")]
    if figures.cheese:
        blocks.append(Figure(figures.cheese, "How the holes in our defences lined up"))
    if not review.factors:
        blocks.append(Paragraph("The contributing factors have not been recorded yet."))
        return blocks
    layer_ids = [layer.id for layer in review.ordered_layers()]
    orphans = [f.layer for f in review.factors if f.layer not in layer_ids]
    for layer_id in [*layer_ids, *dict.fromkeys(orphans)]:
        factors = [f for f in review.factors if f.layer == layer_id]
        if not factors:
            continue
        layer = review.layer(layer_id)
        stage = f" ({layer.stage.value})" if layer and layer.stage else ""
        blocks.append(Heading(ctx.layer_name(layer_id) + stage, level=2))
        items = []
        for factor in factors:
            tags = [_category_word(factor.category)]
            if factor.on_trajectory:
                tags.append("on the incident's path")
            if factor.is_third_party and "third party" not in {t.lower() for t in tags}:
                tags.append("third party")  # once, whether by category or by flag
            linked = [ctx.when(review.event(e)) for e in factor.events if review.event(e)]
            text = _clean(factor.text)
            if linked:
                text += "\nEvents: " + "; ".join(linked)
            label = ", ".join(t for t in tags if t)
            items.append(Paragraph(text, label=f"{label}:" if label else None))
        blocks.append(BulletList(tuple(items)))
    return blocks


def _actions_full(ctx: _Context) -> list[Block]:
    """Every action with outcome, the factors it addresses, and its tracker reference."""
    review = ctx.review
    blocks: list[Block] = [Heading("Actions")]
    if not review.actions:
        blocks.append(Paragraph("No actions have been agreed yet."))
        return blocks
    rows = []
    for action in review.actions:
        lines = [_clean(action.text), "Outcome: " + (_clean(action.outcome) or "not stated yet")]
        factors = [review.factor(fid) for fid in action.factors]
        lines += ["Addresses: " + " ".join(_clean(f.text).split()) for f in factors if f]
        rows.append(
            (
                "\n".join(lines),
                ctx.name(action.owner) or "No owner yet",
                format_day(action.due) if action.due else "No date yet",
                STATUS_WORDS.get(action.status, str(action.status)),
                _clean(action.tracker_ref or ""),
            )
        )
    blocks.append(
        Table(
            ("Action and measurable outcome", "Owner", "Due", "Status", "Tracker"),
            tuple(rows),
            widths=(6.4, 1.9, 1.6, 1.5, 1.5),
            titled_column=0,
        )
    )
    return blocks


def _sources(ctx: _Context) -> list[Block]:
    """Where the events came from and the attachments, so a reader can check them."""
    review = ctx.review
    counts: dict[tuple[str, str], int] = {}
    for event in review.events:
        if event.source is None:
            continue
        key = (event.source.type.value, _clean(event.source.ref or ""))
        counts[key] = counts.get(key, 0) + 1
    items = [
        Paragraph(_count(n, "event", "events") + (f" from {ref}" if ref else ""), label=f"{kind}:")
        for (kind, ref), n in counts.items()
    ]
    items += [
        Paragraph(_clean(a.caption or ""), label=f"Attachment {_clean(a.path)}")
        for a in review.attachments
    ]
    return [Heading("Sources"), BulletList(tuple(items))] if items else []


def _leadership(ctx: _Context, figures: Figures) -> list[Block]:
    """Two pages for leaders; page 1 answers what, how bad, how long, why and what we will do.

    The key moments come after the plan: a leader who reads one page has seen the
    actions with their owners and dates.
    """
    blocks: list[Block] = [Heading("What happened"), *_summary(ctx), *_duration_in_words(ctx)]
    blocks += _impact(ctx, "Impact on customers and the business", paired=True)
    blocks += _why(ctx, "Why it happened", LEADER_FACTORS)
    blocks += _actions_plan(ctx, "What we will do", ctx.review.actions)
    blocks += _key_moments(ctx, figures)
    blocks += _went_well(ctx)
    return blocks


def _adjacent(ctx: _Context, figures: Figures) -> list[Block]:
    """For other teams: what could hit them too, and the actions that touch them."""
    review = ctx.review
    blocks: list[Block] = [Heading("What happened"), *_summary(ctx), *_duration_in_words(ctx)]
    blocks += _could_this_hit_you(ctx)
    lessons = [Paragraph(_clean(w.text)) for w in review.went_well]
    lessons += [
        Paragraph(_clean(n.text), label="We got lucky:")
        for n in review.notes
        if n.kind == NoteKind.LUCKY
    ]
    if lessons:
        blocks += [Heading("Lessons worth sharing"), BulletList(tuple(lessons))]
    blocks += _actions_touching_others(ctx)
    return blocks


def _actions_touching_others(ctx: _Context) -> list[Block]:
    """The actions owned outside the review's team or answering a provider's part, by data.

    Every sentence is counted from the review: with no actions it says so, with
    none that reach outside it says that, never "no actions" above a count of them.
    """
    review = ctx.review
    blocks: list[Block] = [Heading("Actions that touch other teams")]
    if not review.actions:
        blocks.append(Paragraph("No actions have been agreed yet."))
        return blocks
    home = ctx.home_team()
    reasons = {a.id: why for a in review.actions if (why := _reaches_outside(ctx, a, home))}
    touching = [a for a in review.actions if a.id in reasons]
    rest = len(review.actions) - len(touching)
    within = f"within {home}" if home else "within the team"
    if not touching:
        blocks.append(
            Paragraph(
                f"All {_count(rest, 'action stays', 'actions stay')} {within}; "
                "none is owned by another team or answers a provider's part. "
                "See the engineering report."
                if rest > 1
                else f"The one action stays {within}; see the engineering report."
            )
        )
        return blocks
    rows = tuple(
        (
            _clean(a.text),
            ctx.name(a.owner) or "No owner yet",
            reasons[a.id],
            format_day(a.due) if a.due else "No date yet",
            STATUS_WORDS.get(a.status, str(a.status)),
        )
        for a in touching
    )
    blocks.append(
        Table(("Action", "Owner", "Reaches", "Due", "Status"), rows, widths=(5, 2, 2.2, 1.6, 1.4))
    )
    if rest:
        blocks.append(
            Paragraph(
                f"{_count(rest, 'more action stays', 'more actions stay')} {within}; "
                "see the engineering report."
            )
        )
    return blocks


def _could_this_hit_you(ctx: _Context) -> list[Block]:
    """Shared services, third parties and common gaps: what another team could share."""
    review = ctx.review
    blocks: list[Block] = [
        Heading("Could this hit you?"),
        Callout(
            "If your team uses one of the services or providers below, or has a defence that "
            "works like one of these, the same gaps could line up for you."
        ),
    ]
    services = tuple(Paragraph(_clean(s)) for s in review.services if _clean(s))
    blocks.append(Heading("Shared services involved", level=2))
    blocks.append(BulletList(services) if services else Paragraph("No services were recorded."))
    third = [f for f in ctx.factor_order() if f.is_third_party]
    blocks.append(Heading("Third-party dependencies", level=2))
    if third:
        blocks.append(BulletList(tuple(_factor_line(ctx, f, with_layer=True) for f in third)))
    else:
        blocks.append(Paragraph("No third-party factor was recorded."))
    # Only the team knows which gaps are its own; it marks the others on the board.
    general = [f for f in ctx.factor_order() if f.generalisable and not f.is_third_party]
    blocks.append(Heading("Gaps other teams may share", level=2))
    if general:
        blocks.append(BulletList(tuple(_factor_line(ctx, f, with_layer=True) for f in general)))
    else:
        blocks.append(Paragraph("The team marked no factor as one other teams may share."))
    # The review's open questions are the team's own (the engineering report lists them);
    # nothing in a review marks a question as one for other teams, so none is shown here.
    return blocks


def _short(ctx: _Context, figures: Figures) -> list[Block]:
    """The shortest report: what happened, why, and what we will do."""
    blocks: list[Block] = [Heading("What happened"), *_summary(ctx), *_duration_in_words(ctx)]
    blocks += _why(ctx, "Why", TOP_FACTORS)
    blocks += _actions_plan(ctx, "What we'll do", ctx.review.actions)
    return blocks


_BUILDERS: dict[Audience, Callable[[_Context, Figures], list[Block]]] = {
    Audience.ENGINEERING: _engineering,
    Audience.LEADERSHIP: _leadership,
    Audience.ADJACENT: _adjacent,
    Audience.SHORT: _short,
}


# ---- small wording helpers -----------------------------------------------------------------


def _clean(text: str | None) -> str:
    """User text made safe for any writer, stripped, empty for None."""
    return shown_text(text).strip() if text else ""


def _split_blank_lines(text: str) -> list[str]:
    """Paragraphs as the author wrote them: split at blank lines only."""
    parts = [p.strip() for p in re.split(r"\n[ \t]*\n", text)]
    return [p for p in parts if p]


def _paragraphs(text: str | None) -> list[str]:
    return _split_blank_lines(_clean(text))


def _count(n: int, one: str, many: str) -> str:
    """A count with the words that agree with it: "1 more factor is", "2 more factors are"."""
    return f"{format_number(n)} {one if n == 1 else many}"


def _number(value: float | str, unit: str | None) -> str:
    """A metric value with its unit; "%" sits on the number, other units after a space."""
    shown = format_number(value) if isinstance(value, int | float) else _clean(value)
    unit = _clean(unit)
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def _category_word(category: str | None) -> str:
    """A factor's category as a word; a category this version does not know is kept."""
    if not category:
        return ""
    try:
        return FactorCategory(category).value.replace("_", " ").capitalize()
    except ValueError:
        return _clean(category)


def _reaches_outside(ctx: _Context, action: Action, home: str | None) -> str:
    """Why an action touches another team, from the review's data; empty when it does not.

    Its owner belongs to a team other than the review's own, or it answers a
    third-party factor. Words in the action's text are not read: "checkout-api"
    in a sentence says nothing about who has to act.
    """
    owner = ctx.review.person(action.owner)
    team = _clean(owner.team) if owner and owner.team else ""
    if home and team and team.casefold() != home.casefold():
        return team
    factors: Iterable[Factor | None] = (ctx.review.factor(f) for f in action.factors)
    if any(f is not None and f.is_third_party for f in factors):
        return "A provider"
    return ""
