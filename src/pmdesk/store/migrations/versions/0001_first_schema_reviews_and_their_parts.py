"""first schema: reviews and their parts

Revision ID: 0001
Revises:
Create Date: 2026-11-29 02:49:51.755479
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_info",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_library_info")),
    )
    op.create_table(
        "reviews",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("severity", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("impact_description", sa.Text(), nullable=True),
        sa.Column("has_impact", sa.Boolean(), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("timezone", sa.String(length=100), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mitigated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_reviews")),
        sa.UniqueConstraint("uid", name=op.f("uq_reviews_uid")),
    )
    op.create_table(
        "layers",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=True),
        sa.Column("ord", sa.Integer(), nullable=True),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_layers_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_layers")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_layers_review_pk")),
    )
    with op.batch_alter_table("layers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_layers_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "metrics",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_metrics_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_metrics")),
    )
    with op.batch_alter_table("metrics", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_metrics_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "notes",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_notes_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_notes")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_notes_review_pk")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "people",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("team", sa.Text(), nullable=True),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_people_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_people")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_people_review_pk")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "went_well",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_went_well_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_went_well")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_went_well_review_pk")),
    )
    with op.batch_alter_table("went_well", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_went_well_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "actions",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_pk", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("tracker_ref", sa.Text(), nullable=True),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_pk"],
            ["people.pk"],
            name=op.f("fk_actions_owner_pk_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_actions_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_actions")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_actions_review_pk")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_owner_pk"), ["owner_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "events",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("knew", sa.Text(), nullable=True),
        sa.Column("actor_pk", sa.Integer(), nullable=True),
        sa.Column("source_type", sa.String(length=20), nullable=True),
        sa.Column("source_ref", sa.Text(), nullable=True),
        sa.Column("key", sa.Boolean(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_pk"], ["people.pk"], name=op.f("fk_events_actor_pk_people"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_events_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_events")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_events_review_pk")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_actor_pk"), ["actor_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "factors",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("layer_pk", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("third_party", sa.Boolean(), nullable=False),
        sa.Column("on_trajectory", sa.Boolean(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["layer_pk"], ["layers.pk"], name=op.f("fk_factors_layer_pk_layers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_factors_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_factors")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_factors_review_pk")),
    )
    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factors_layer_pk"), ["layer_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_factors_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "action_factors",
        sa.Column("action_pk", sa.Integer(), nullable=False),
        sa.Column("factor_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_pk"],
            ["actions.pk"],
            name=op.f("fk_action_factors_action_pk_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["factor_pk"],
            ["factors.pk"],
            name=op.f("fk_action_factors_factor_pk_factors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_pk", "factor_pk", name=op.f("pk_action_factors")),
    )
    with op.batch_alter_table("action_factors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_factors_factor_pk"), ["factor_pk"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("event_pk", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"],
            ["events.pk"],
            name=op.f("fk_attachments_event_pk_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_attachments_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_attachments")),
        sa.UniqueConstraint("review_pk", "uid", name=op.f("uq_attachments_review_pk")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachments_review_pk"), ["review_pk"], unique=False)

    op.create_table(
        "factor_events",
        sa.Column("factor_pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"],
            ["events.pk"],
            name=op.f("fk_factor_events_event_pk_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["factor_pk"],
            ["factors.pk"],
            name=op.f("fk_factor_events_factor_pk_factors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("factor_pk", "event_pk", name=op.f("pk_factor_events")),
    )
    with op.batch_alter_table("factor_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factor_events_event_pk"), ["event_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("factor_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factor_events_event_pk"))

    op.drop_table("factor_events")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_review_pk"))
        batch_op.drop_index(batch_op.f("ix_attachments_event_pk"))

    op.drop_table("attachments")
    with op.batch_alter_table("action_factors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_factors_factor_pk"))

    op.drop_table("action_factors")
    with op.batch_alter_table("factors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factors_review_pk"))
        batch_op.drop_index(batch_op.f("ix_factors_layer_pk"))

    op.drop_table("factors")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_review_pk"))
        batch_op.drop_index(batch_op.f("ix_events_actor_pk"))

    op.drop_table("events")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_review_pk"))
        batch_op.drop_index(batch_op.f("ix_actions_owner_pk"))

    op.drop_table("actions")
    with op.batch_alter_table("went_well", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_went_well_review_pk"))

    op.drop_table("went_well")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_review_pk"))

    op.drop_table("people")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_review_pk"))

    op.drop_table("notes")
    with op.batch_alter_table("metrics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metrics_review_pk"))

    op.drop_table("metrics")
    with op.batch_alter_table("layers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_layers_review_pk"))

    op.drop_table("layers")
    op.drop_table("reviews")
    op.drop_table("library_info")
