"""DMs sent before 0004 take the member's day for their guide, as a DM sent since would.

0004 held one DM about a guide a member's day with a unique key, but the rows already there had no day: on
the day of the upgrade a member whom the old version had DMed in the morning was DMed again by the new one.
Each DM row sent (or claimed, under the lease it was claimed with) without a day gets the guide of its
campaign (a snooze reminder's is in its key, `<guide>@<snooze end>`) and the calendar day it went out on in
the member's zone as the member directory has it. A member without a known zone gets the bot's day
(BOT_TIMEZONE, which `upgrade` hands over; UTC when the `alembic` command runs this), as their DMs are
planned. Where two old rows fall on one day, or a row written since holds that day, the earliest keeps it
and the others stay without: the unique key allows one. A row whose campaign is gone keeps no day.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import context, op

from bot.store.database import BOT_TIMEZONE_ATTRIBUTE

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of what this revision reads: a migration describes the schema and values as they were then.
DM_KINDS = ("nudge", "manual", "snooze")
HOLDING_STATES = ("sent", "claimed")
NO_CAMPAIGN = ""

deliveries = sa.table(
    "deliveries",
    sa.column("id", sa.BigInteger()),
    sa.column("team_id", sa.String()),
    sa.column("campaign_id", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("occasion", sa.String()),
    sa.column("target", sa.String()),
    sa.column("state", sa.String()),
    sa.column("lease_until", sa.DateTime(timezone=True)),
    sa.column("done_at", sa.DateTime(timezone=True)),
    sa.column("guide_id", sa.String()),
    sa.column("dm_day", sa.Date()),
)
campaigns = sa.table(
    "campaigns", sa.column("team_id", sa.String()), sa.column("id", sa.String()), sa.column("guide_id", sa.String())
)
members = sa.table(
    "members", sa.column("team_id", sa.String()), sa.column("user_id", sa.String()), sa.column("tz", sa.String())
)


# A copy of bot.campaigns.zone, not an import: a migration must keep doing what it did when it shipped,
# whatever later versions make of the app's code.
def _zone(name: str | None, *, fallback: ZoneInfo) -> ZoneInfo:
    if not name:
        return fallback
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def _utc(moment: datetime) -> datetime:
    # SQLite hands a stored time back without its zone; every time the bot stores is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _bot_zone() -> ZoneInfo:
    return _zone(context.config.attributes.get(BOT_TIMEZONE_ATTRIBUTE), fallback=ZoneInfo("UTC"))


def upgrade() -> None:
    bind = op.get_bind()
    fallback = _bot_zone()
    guides = {(team, campaign): guide for team, campaign, guide in bind.execute(sa.select(campaigns)).all()}
    zones = {(team, user): tz for team, user, tz in bind.execute(sa.select(members)).all()}
    held = {
        (team, target, guide, day)
        for team, target, guide, day in bind.execute(
            sa.select(deliveries.c.team_id, deliveries.c.target, deliveries.c.guide_id, deliveries.c.dm_day).where(
                deliveries.c.dm_day.is_not(None)
            )
        ).all()
    }
    rows = bind.execute(
        sa.select(
            deliveries.c.id,
            deliveries.c.team_id,
            deliveries.c.campaign_id,
            deliveries.c.occasion,
            deliveries.c.target,
            deliveries.c.state,
            deliveries.c.done_at,
            deliveries.c.lease_until,
        ).where(
            deliveries.c.guide_id.is_(None),
            deliveries.c.kind.in_(DM_KINDS),
            deliveries.c.state.in_(HOLDING_STATES),
        )
    ).all()
    days: list[tuple[datetime, int, str, str, str, date]] = []
    for row_id, team, campaign, occasion, target, state, done_at, lease_until in rows:
        guide = occasion.partition("@")[0] if campaign == NO_CAMPAIGN else guides.get((team, campaign))
        # A claim in flight holds the day it was taken: its lease ends a minute later.
        at = done_at if state == "sent" else lease_until
        if not guide or at is None:
            continue
        at = _utc(at)
        day = at.astimezone(_zone(zones.get((team, target)), fallback=fallback)).date()
        days.append((at, row_id, team, target, guide, day))
    updates: list[dict[str, object]] = []
    for _, row_id, team, target, guide, day in sorted(days):
        if (team, target, guide, day) in held:
            continue
        held.add((team, target, guide, day))
        updates.append({"row": row_id, "guide": guide, "day": day})
    if updates:
        bind.execute(
            sa.update(deliveries)
            .where(deliveries.c.id == sa.bindparam("row"))
            .values(guide_id=sa.bindparam("guide"), dm_day=sa.bindparam("day")),
            updates,
        )


def downgrade() -> None:
    # The days stay: 0004's columns hold them, and its downgrade drops them.
    pass
