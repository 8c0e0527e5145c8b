"""Initial schema: workspaces, attestations, audit log, preferences, processed events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of the types in bot/store: a migration describes the schema as it was then.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
SLACK_ID = sa.String(length=32)
GUIDE_ID = sa.String(length=64)
TIME = sa.DateTime(timezone=True)
PLATFORMS = "'desktop', 'ios', 'android', 'mobile'"


def _team_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["team_id"], ["workspaces.team_id"], name=op.f(f"fk_{table}_team_id_workspaces"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("team_id", SLACK_ID, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_workspaces")),
    )
    op.create_table(
        "attestations",
        sa.Column("id", ID, nullable=False),
        sa.Column("team_id", SLACK_ID, nullable=False),
        sa.Column("user_id", SLACK_ID, nullable=False),
        sa.Column("guide_id", GUIDE_ID, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("platform", sa.String(length=10), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("recorded_at", TIME, nullable=False),
        sa.Column("snooze_until", TIME, nullable=True),
        sa.CheckConstraint("status IN ('confirmed', 'not_applicable', 'snoozed')", name=op.f("ck_attestations_status")),
        sa.CheckConstraint(f"platform IS NULL OR platform IN ({PLATFORMS})", name=op.f("ck_attestations_platform")),
        sa.CheckConstraint(
            "(status = 'snoozed') = (snooze_until IS NOT NULL)", name=op.f("ck_attestations_snooze_until")
        ),
        _team_fk("attestations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestations")),
        sa.UniqueConstraint("team_id", "user_id", "guide_id", name=op.f("uq_attestations_team_id_user_id_guide_id")),
    )
    op.create_index(op.f("ix_attestations_team_id_guide_id"), "attestations", ["team_id", "guide_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", ID, nullable=False),
        sa.Column("team_id", SLACK_ID, nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("actor_id", SLACK_ID, nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_id", SLACK_ID, nullable=True),
        sa.Column("guide_id", GUIDE_ID, nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        _team_fk("audit_log"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "member_preferences",
        sa.Column("team_id", SLACK_ID, nullable=False),
        sa.Column("user_id", SLACK_ID, nullable=False),
        sa.Column("platform", sa.String(length=10), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.CheckConstraint(f"platform IN ({PLATFORMS})", name=op.f("ck_member_preferences_platform")),
        _team_fk("member_preferences"),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_member_preferences")),
    )
    op.create_table(
        "processed_events",
        sa.Column("team_id", SLACK_ID, nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("user_id", SLACK_ID, nullable=True),
        _team_fk("processed_events"),
        sa.PrimaryKeyConstraint("team_id", "key", name=op.f("pk_processed_events")),
    )
    op.create_index(op.f("ix_processed_events_at"), "processed_events", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_processed_events_at"), table_name="processed_events")
    op.drop_table("processed_events")
    op.drop_table("member_preferences")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_attestations_team_id_guide_id"), table_name="attestations")
    op.drop_table("attestations")
    op.drop_table("workspaces")
