"""Database tables of a library (SQLAlchemy 2 typed ORM).

Only ``pmdesk.store`` touches these classes; everything else works with the
frozen values in ``pmdesk.model.review``. Every item table carries the
review's key, the item's interchange id (``uid``, unique within its review,
stable across export and import) and its ``position`` in the review's order.
Links between items are association tables with ``ON DELETE CASCADE`` so the
database itself never holds a dangling reference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike.

    SQLite has no time zone type; storing naive UTC and tagging it on the way
    out keeps both backends returning the same value.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("pmdesk stores only timezone-aware datetimes")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UtcDateTime,
        date: Date,
        str: Text,
    }


class ReviewRow(Base):
    __tablename__ = "reviews"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str]
    kind: Mapped[str] = mapped_column(String(20), default="full")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    severity: Mapped[str | None]
    summary: Mapped[str | None]
    narrative: Mapped[str | None]
    impact_description: Mapped[str | None]
    has_impact: Mapped[bool] = mapped_column(Boolean, default=False)
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    timezone: Mapped[str | None] = mapped_column(String(100))
    started_at: Mapped[datetime | None]
    detected_at: Mapped[datetime | None]
    mitigated_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: The meeting's agenda and record (``pmdesk.meeting``), as plain JSON.
    meeting: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    metrics: Mapped[list[MetricRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MetricRow.position"
    )


class MetricRow(Base):
    __tablename__ = "metrics"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str]
    value_number: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None]
    unit: Mapped[str | None]


class _ItemMixin:
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)


class PersonRow(_ItemMixin, Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    name: Mapped[str]
    role: Mapped[str | None]
    team: Mapped[str | None]


class EventRow(_ItemMixin, Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str]
    detail: Mapped[str | None]
    knew: Mapped[str | None]
    actor_pk: Mapped[int | None] = mapped_column(
        ForeignKey("people.pk", ondelete="SET NULL"), index=True
    )
    source_type: Mapped[str | None] = mapped_column(String(20))
    source_ref: Mapped[str | None]
    key: Mapped[bool] = mapped_column(Boolean, default=False)


class LayerRow(_ItemMixin, Base):
    __tablename__ = "layers"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    name: Mapped[str]
    stage: Mapped[str | None] = mapped_column(String(20))
    order: Mapped[int | None] = mapped_column("ord", Integer)


class FactorRow(_ItemMixin, Base):
    __tablename__ = "factors"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    layer_pk: Mapped[int] = mapped_column(ForeignKey("layers.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str]
    category: Mapped[str | None]
    third_party: Mapped[bool] = mapped_column(Boolean, default=False)
    on_trajectory: Mapped[bool] = mapped_column(Boolean, default=False)
    generalisable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FactorEventRow(Base):
    __tablename__ = "factor_events"

    factor_pk: Mapped[int] = mapped_column(
        ForeignKey("factors.pk", ondelete="CASCADE"), primary_key=True
    )
    event_pk: Mapped[int] = mapped_column(
        ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class ActionRow(_ItemMixin, Base):
    __tablename__ = "actions"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str]
    owner_pk: Mapped[int | None] = mapped_column(
        ForeignKey("people.pk", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str | None]
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="open")
    tracker_ref: Mapped[str | None]


class ActionFactorRow(Base):
    __tablename__ = "action_factors"

    action_pk: Mapped[int] = mapped_column(
        ForeignKey("actions.pk", ondelete="CASCADE"), primary_key=True
    )
    factor_pk: Mapped[int] = mapped_column(
        ForeignKey("factors.pk", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class WentWellRow(_ItemMixin, Base):
    __tablename__ = "went_well"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    text: Mapped[str]


class NoteRow(_ItemMixin, Base):
    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str]


class AttachmentRow(_ItemMixin, Base):
    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("review_pk", "uid"),)

    review_pk: Mapped[int] = mapped_column(ForeignKey("reviews.pk", ondelete="CASCADE"), index=True)
    path: Mapped[str]
    caption: Mapped[str | None]
    event_pk: Mapped[int | None] = mapped_column(
        ForeignKey("events.pk", ondelete="SET NULL"), index=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary, default=b"")


class DismissedFindingRow(Base):
    """A coach finding the authors chose to ignore for this review (by its stable key)."""

    __tablename__ = "dismissed_findings"

    review_pk: Mapped[int] = mapped_column(
        ForeignKey("reviews.pk", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(1000), primary_key=True)


class LibraryInfoRow(Base):
    """Key/value facts about the library itself (who created it, with which pmdesk)."""

    __tablename__ = "library_info"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str]


class ChangeRow(Base):
    """One committed write, so other windows and ``pmdesk watch`` learn what changed.

    Written in the same transaction as the write it records, so the log never
    names a change that did not happen. The review is named by its id, not its
    key: a deleted review's changes stay readable, and its versions carry on
    when undo puts it back.
    """

    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("review_uid", "version"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_uid: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    parts: Mapped[list[str]] = mapped_column(JSON)
    items: Mapped[list[str]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]
