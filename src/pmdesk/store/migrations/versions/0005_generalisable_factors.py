"""factors marked as gaps other teams may share (the adjacent report lists them)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing factors were never marked: false, which is what the adjacent report assumed.
    with op.batch_alter_table("factors") as batch:
        batch.add_column(
            sa.Column("generalisable", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("factors") as batch:
        batch.drop_column("generalisable")
