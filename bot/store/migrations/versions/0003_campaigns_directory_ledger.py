"""Campaigns, the member directory, campaign audiences, the delivery ledger and digest opt-outs.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of the types in bot/store: a migration describes the schema as it was then.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "campaign_audience",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("joined_at", TIME, nullable=False),
        sa.Column("left_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_campaign_audience_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "campaign_id", "user_id", name=op.f("pk_campaign_audience")),
    )
    op.create_index(
        op.f("ix_campaign_audience_team_id_campaign_id_left_at"),
        "campaign_audience",
        ["team_id", "campaign_id", "left_at"],
        unique=False,
    )
    op.create_table(
        "campaigns",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("guide_id", sa.String(length=64), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("remind_days_before", sa.JSON(), nullable=False),
        sa.Column("remind_at", sa.String(length=5), nullable=False),
        sa.Column("nudge_pending", sa.Boolean(), nullable=False),
        sa.Column("weekend_dms", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("stopped_at", TIME, nullable=True),
        sa.CheckConstraint("origin IN ('file', 'slack')", name=op.f("ck_campaigns_origin")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_campaigns_team_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "id", name=op.f("pk_campaigns")),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", ID, nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("occasion", sa.String(length=120), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("due_at", TIME, nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("lease_until", TIME, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", TIME, nullable=True),
        sa.Column("error", sa.String(length=60), nullable=True),
        sa.CheckConstraint(
            "kind IN ('announce', 'nudge', 'snooze', 'manual', 'digest', 'final')", name=op.f("ck_deliveries_kind")
        ),
        sa.CheckConstraint("state IN ('claimed', 'sent', 'skipped', 'failed')", name=op.f("ck_deliveries_state")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_deliveries_team_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint(
            "team_id",
            "campaign_id",
            "kind",
            "occasion",
            "target",
            name=op.f("uq_deliveries_team_id_campaign_id_kind_occasion_target"),
        ),
    )
    op.create_index(op.f("ix_deliveries_state_lease_until"), "deliveries", ["state", "lease_until"], unique=False)
    op.create_table(
        "digest_optouts",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_digest_optouts_team_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_digest_optouts")),
    )
    op.create_table(
        "members",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("is_owner", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_members_team_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_members")),
    )


def downgrade() -> None:
    op.drop_table("members")
    op.drop_table("digest_optouts")
    op.drop_index(op.f("ix_deliveries_state_lease_until"), table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_table("campaigns")
    op.drop_index(op.f("ix_campaign_audience_team_id_campaign_id_left_at"), table_name="campaign_audience")
    op.drop_table("campaign_audience")
