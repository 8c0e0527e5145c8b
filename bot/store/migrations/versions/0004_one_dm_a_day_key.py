"""The delivery ledger holds each DM's guide and the member's day it goes out on, under a unique key.

A member gets at most one DM about a guide a day, whatever sends it. Checked by reading the ledger before
sending, two senders claiming within milliseconds (two replicas, a tick and a manager's nudge) could both
see nothing and both send; a unique key on (team, member, guide, day) lets one claim win in the database.
`dm_day` is set only while the row holds that day (claimed or sent), so a DM skipped, failed or given
back leaves the day to another. Rows written before this have no day and hold none.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

INDEX = "ix_deliveries_team_id_target_guide_id_dm_day"


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("guide_id", sa.String(length=64), nullable=True))
    op.add_column("deliveries", sa.Column("dm_day", sa.Date(), nullable=True))
    op.create_index(op.f(INDEX), "deliveries", ["team_id", "target", "guide_id", "dm_day"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f(INDEX), table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("dm_day")
        batch.drop_column("guide_id")
