"""Read-only look-ups across many reviews, for the patterns ring (``pmdesk.patterns``).

A library of thousands of reviews is read here in a handful of statements: the
reviews in a scope (a period, a service, a severity), then their layers, factors,
actions and people in one statement each, built into the same ``Review`` values
every core package reads. Events, notes and attachments are not read: no pattern
needs them. How often each layer was holed is counted by the database itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, bindparam, func, select, text
from sqlalchemy.orm import Session

from pmdesk.model import orm
from pmdesk.model.review import (
    Action,
    ActionStatus,
    Factor,
    Layer,
    Person,
    Review,
    ReviewKind,
    ReviewStatus,
    Stage,
)
from pmdesk.store.library import Library

# peek's reader of a kind or status from a newer pmdesk: one rule for every list.
from pmdesk.store.peek import _known


@dataclass(frozen=True, slots=True)
class Scope:
    """Which reviews a look across the library covers; None means no limit.

    A review's moment is when the incident started, else when the review was
    created; ``since`` and ``until`` are whole days in UTC, both included.
    Service and severity match without regard to case.
    """

    since: date | None = None
    until: date | None = None
    service: str | None = None
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class HoledLayer:
    """How many factors of one review sit on one layer of defence (a GROUP BY row)."""

    review_id: str
    name: str
    stage: Stage | None
    factors: int


_R = orm.ReviewRow


def review_moment() -> ColumnElement[datetime]:
    """When a review happened, for scopes and ordering: started, else created."""
    return func.coalesce(_R.started_at, _R.created_at)


def _conditions(scope: Scope, dialect: str) -> list[ColumnElement[bool]]:
    moment = review_moment()
    found: list[ColumnElement[bool]] = []
    if scope.since is not None:
        found.append(moment >= datetime.combine(scope.since, time(), tzinfo=UTC))
    if scope.until is not None:
        end = datetime.combine(scope.until + timedelta(days=1), time(), tzinfo=UTC)
        found.append(moment < end)
    if scope.severity:
        found.append(func.lower(_R.severity) == scope.severity.strip().lower())
    if scope.service:
        # services is a JSON list; each backend reads its elements its own way.
        each = (
            "json_each(reviews.services) AS s WHERE lower(s.value)"
            if dialect == "sqlite"
            else "json_array_elements_text(reviews.services) AS s(value) WHERE lower(s.value)"
        )
        clause = text(f"EXISTS (SELECT 1 FROM {each} = :service)").bindparams(
            bindparam("service", scope.service.strip().lower())
        )
        found.append(clause)  # type: ignore[arg-type]
    return found


def _scoped_pks(scope: Scope, dialect: str) -> Select[int]:
    return select(_R.pk).where(*_conditions(scope, dialect))


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def scoped_reviews(library: Library, scope: Scope | None = None) -> list[Review]:
    """The reviews in ``scope`` (None: all), earliest first, with their parts but events."""
    scope = scope or Scope()
    with library._read() as session:  # the library's read-only snapshot, shared by the store
        dialect = _dialect(session)
        rows = session.execute(
            select(
                _R.pk,
                _R.uid,
                _R.title,
                _R.kind,
                _R.status,
                _R.severity,
                _R.services,
                _R.timezone,
                _R.started_at,
                _R.detected_at,
                _R.mitigated_at,
                _R.resolved_at,
                _R.created_at,
                _R.version,
            )
            .where(*_conditions(scope, dialect))
            .order_by(review_moment(), _R.pk)
        ).all()
        pks = _scoped_pks(scope, dialect)
        parts = _PartRows(session, pks)
    return [_review(row, parts) for row in rows]


def holed_layers(library: Library, scope: Scope | None = None) -> list[HoledLayer]:
    """Factors per layer per review in ``scope`` (None: all), counted by the database."""
    scope = scope or Scope()
    layer, factor = orm.LayerRow, orm.FactorRow
    with library._read() as session:
        dialect = _dialect(session)
        rows = session.execute(
            select(_R.uid, layer.name, layer.stage, func.count(factor.pk))
            .join(layer, layer.pk == factor.layer_pk)
            .join(_R, _R.pk == factor.review_pk)
            .where(*_conditions(scope, dialect))
            .group_by(_R.uid, layer.name, layer.stage)
            .order_by(_R.uid, layer.name)
        ).all()
    return [
        HoledLayer(str(uid), str(name), _stage(stage), int(count))
        for uid, name, stage, count in rows
    ]


class _PartRows:
    """Each part of the scoped reviews in one statement, sorted into lists per review."""

    def __init__(self, session: Session, pks: Select[int]) -> None:
        layer, factor, action, person = orm.LayerRow, orm.FactorRow, orm.ActionRow, orm.PersonRow
        self.layers = _by_review(
            session,
            select(layer.review_pk, layer.pk, layer.uid, layer.name, layer.stage, layer.order)
            .where(layer.review_pk.in_(pks))
            .order_by(layer.review_pk, layer.position),
        )
        self.factors = _by_review(
            session,
            select(
                factor.review_pk,
                factor.pk,
                factor.uid,
                factor.layer_pk,
                factor.text,
                factor.category,
                factor.third_party,
                factor.on_trajectory,
                factor.generalisable,
            )
            .where(factor.review_pk.in_(pks))
            .order_by(factor.review_pk, factor.position),
        )
        self.actions = _by_review(
            session,
            select(
                action.review_pk,
                action.pk,
                action.uid,
                action.text,
                action.owner_pk,
                action.outcome,
                action.due,
                action.status,
                action.tracker_ref,
            )
            .where(action.review_pk.in_(pks))
            .order_by(action.review_pk, action.position),
        )
        self.people = _by_review(
            session,
            select(person.review_pk, person.pk, person.uid, person.name, person.role, person.team)
            .where(person.review_pk.in_(pks))
            .order_by(person.review_pk, person.position),
        )
        link = orm.ActionFactorRow
        self.action_factors: dict[int, list[int]] = defaultdict(list)
        for action_pk, factor_pk in session.execute(
            select(link.action_pk, link.factor_pk)
            .join(action, action.pk == link.action_pk)
            .where(action.review_pk.in_(pks))
            .order_by(link.action_pk, link.position)
        ):
            self.action_factors[action_pk].append(factor_pk)


def _by_review(session: Session, statement: Executable) -> dict[int, list[Sequence[Any]]]:
    found: dict[int, list[Sequence[Any]]] = defaultdict(list)
    for row in session.execute(statement):
        found[row[0]].append(row[1:])
    return found


def _stage(value: object) -> Stage | None:
    try:
        return Stage(str(value)) if value is not None else None
    except ValueError:
        return None


def _review(row: Sequence[Any], parts: _PartRows) -> Review:
    pk = row[0]
    layer_uid = {r[0]: r[1] for r in parts.layers.get(pk, ())}
    factor_uid = {r[0]: r[1] for r in parts.factors.get(pk, ())}
    person_uid = {r[0]: r[1] for r in parts.people.get(pk, ())}
    services = row[6] if isinstance(row[6], list) else []
    return Review(
        id=row[1],
        title=row[2],
        kind=_known(ReviewKind, row[3], ReviewKind.FULL),
        status=_known(ReviewStatus, row[4], ReviewStatus.DRAFT),
        severity=row[5],
        services=tuple(str(s) for s in services),
        timezone=row[7],
        started_at=row[8],
        detected_at=row[9],
        mitigated_at=row[10],
        resolved_at=row[11],
        created_at=row[12],
        version=row[13],
        layers=tuple(
            Layer(uid, name, _stage(stage), order)
            for _, uid, name, stage, order in parts.layers.get(pk, ())
        ),
        factors=tuple(_factor(row, layer_uid) for row in parts.factors.get(pk, ())),
        actions=tuple(
            Action(
                id=uid,
                text=text_,
                owner=person_uid.get(owner_pk),
                outcome=outcome,
                due=due,
                status=_action_status(status),
                tracker_ref=ref,
                factors=tuple(
                    factor_uid[f]
                    for f in parts.action_factors.get(action_pk, ())
                    if f in factor_uid
                ),
            )
            for action_pk, uid, text_, owner_pk, outcome, due, status, ref in parts.actions.get(
                pk, ()
            )
        ),
        people=tuple(
            Person(uid, name, role, team) for _, uid, name, role, team in parts.people.get(pk, ())
        ),
    )


def _factor(row: Sequence[Any], layer_uid: dict[int, str]) -> Factor:
    _, uid, layer_pk, text, category, third, trajectory, general = row
    return Factor(
        uid,
        layer_uid.get(layer_pk, ""),
        text,
        category,
        bool(third),
        bool(trajectory),
        generalisable=bool(general),
    )


def _action_status(value: object) -> ActionStatus:
    """A status from a newer pmdesk counts as open: nobody has said it is done."""
    try:
        return ActionStatus(str(value))
    except ValueError:
        return ActionStatus.OPEN
