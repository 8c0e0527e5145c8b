"""Index the audit log by workspace and time: it is read newest first per workspace.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_audit_log_team_id_at"), "audit_log", ["team_id", "at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_team_id_at"), table_name="audit_log")
