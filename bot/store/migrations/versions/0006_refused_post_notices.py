"""The delivery ledger takes a new kind of row, `unposted`: the DM telling the manager who started a campaign that
a channel refused its post, sent once per campaign and channel as every other message is, through the ledger.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of the kinds each side allows: a migration describes the schema as it was then.
BEFORE = ("announce", "nudge", "snooze", "manual", "digest", "final")
AFTER = (*BEFORE, "unposted")
NAME = "ck_deliveries_kind"


def _kinds(kinds: tuple[str, ...]) -> str:
    return f"kind IN ({', '.join(repr(kind) for kind in kinds)})"


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), _kinds(AFTER))


def downgrade() -> None:
    # The rows of the new kind go first: the old constraint would refuse them.
    op.execute(f"DELETE FROM deliveries WHERE kind = '{AFTER[-1]}'")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), _kinds(BEFORE))
