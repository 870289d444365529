"""dismissed coach findings, remembered per review

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 03:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dismissed_findings",
        sa.Column("review_pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_pk"],
            ["reviews.pk"],
            name=op.f("fk_dismissed_findings_review_pk_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_pk", "key", name=op.f("pk_dismissed_findings")),
    )


def downgrade() -> None:
    op.drop_table("dismissed_findings")
