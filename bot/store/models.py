"""Tables. Every row is scoped by workspace (`team_id`).

Times are given by the caller's clock; no column has a server default, so tests
and replicas agree on what "now" was.

A column holding a Slack user ID is declared with `info=NAMES_MEMBER`:
`Store.forget_member` deletes every row in which such a column names the member,
so a table added later is forgotten correctly just by marking its column.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from bot.core import OccasionKind, Platform, Status
from bot.store.types import BigId, UtcDateTime

# What a column may hold; `pending` is the absence of a row, never stored.
STATUSES: Final[tuple[str, ...]] = tuple(status.value for status in Status.stored())
PLATFORMS: Final[tuple[str, ...]] = tuple(platform.value for platform in Platform)

NAMES_MEMBER: Final[dict[str, Any]] = {"names_member": True}

# Slack IDs are short ("T0123ABCD", "U0123ABCD"); the limit only keeps junk out.
SLACK_ID = String(32)
GUIDE_ID = String(64)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    # Named constraints let later migrations drop or alter them by name, on both backends.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def team_fk() -> ForeignKey:
    return ForeignKey("workspaces.team_id", ondelete="CASCADE")


class Workspace(Base):
    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Attestation(Base):
    """A member's current status for one guide; no row means pending."""

    __tablename__ = "attestations"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "guide_id"),
        Index(None, "team_id", "guide_id"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(f"platform IS NULL OR {_in('platform', PLATFORMS)}", name="platform"),
        CheckConstraint(f"(status = '{Status.SNOOZED.value}') = (snooze_until IS NOT NULL)", name="snooze_until"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk())
    user_id: Mapped[str] = mapped_column(SLACK_ID, info=NAMES_MEMBER)
    guide_id: Mapped[str] = mapped_column(GUIDE_ID)
    status: Mapped[str] = mapped_column(String(20))
    platform: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    snooze_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuditEntry(Base):
    """Who did what, when. Holds IDs and statuses only, never message text."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "team_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk())
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_id: Mapped[str | None] = mapped_column(SLACK_ID, info=NAMES_MEMBER)
    action: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str | None] = mapped_column(SLACK_ID, info=NAMES_MEMBER)
    guide_id: Mapped[str | None] = mapped_column(GUIDE_ID)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class MemberPreference(Base):
    __tablename__ = "member_preferences"
    __table_args__ = (CheckConstraint(_in("platform", PLATFORMS), name="platform"),)

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True, info=NAMES_MEMBER)
    platform: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProcessedEvent(Base):
    """Keys of Slack deliveries already handled, so a retry is not handled twice.

    `user_id` is set when the key belongs to a member's action, so forgetting
    the member forgets that they clicked something too.
    """

    __tablename__ = "processed_events"

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    user_id: Mapped[str | None] = mapped_column(SLACK_ID, info=NAMES_MEMBER)


def member_columns(table: Table) -> list[Column[Any]]:
    return [column for column in table.columns if column.info.get("names_member")]


def naming(table: Table, user_id: str) -> ColumnElement[bool] | None:
    """The rows of `table` that name the member, as forget-me deletes them and `member` lists them; None for a
    table that names no member."""
    columns = member_columns(table)
    return or_(*(column == user_id for column in columns)) if columns else None


class Campaign(Base):
    """A reminder drive for one guide. Rows from CAMPAIGNS_FILE and from managers in Slack alike.

    No column names who started it: the audit log does, so forget-me can remove that without
    deleting the campaign itself.
    """

    __tablename__ = "campaigns"
    __table_args__ = (CheckConstraint("origin IN ('file', 'slack')", name="origin"),)

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    guide_id: Mapped[str] = mapped_column(GUIDE_ID)
    channels: Mapped[list[str]] = mapped_column(JSON)
    groups: Mapped[list[str]] = mapped_column(JSON)
    deadline: Mapped[date] = mapped_column(Date())
    remind_days_before: Mapped[list[int]] = mapped_column(JSON)
    remind_at: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    nudge_pending: Mapped[bool] = mapped_column(Boolean())
    weekend_dms: Mapped[bool] = mapped_column(Boolean())
    origin: Mapped[str] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    stopped_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Member(Base):
    """The member directory: who is in the workspace, as far as reminders and reports need to know.

    Kept so reports and `schedule` work without Slack, and so DMs go out in each member's own
    time zone. `active` is false for deactivated accounts.
    """

    __tablename__ = "members"

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True, info=NAMES_MEMBER)
    name: Mapped[str] = mapped_column(String(255))
    tz: Mapped[str | None] = mapped_column(String(64))
    is_admin: Mapped[bool] = mapped_column(Boolean())
    is_owner: Mapped[bool] = mapped_column(Boolean())
    active: Mapped[bool] = mapped_column(Boolean())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AudienceMember(Base):
    """Who a campaign addresses. A member who leaves keeps a row with `left_at`, so reports count
    them apart instead of as pending."""

    __tablename__ = "campaign_audience"
    __table_args__ = (Index(None, "team_id", "campaign_id", "left_at"),)

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True, info=NAMES_MEMBER)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Delivery(Base):
    """The delivery ledger: one row per occasion and target, so each message is sent once across
    restarts and replicas. A row is claimed (with a lease) before sending and marked sent after;
    a claim whose lease ran out belongs to a sender that died and may be taken again.

    `target` is a channel ID for announcements and a user ID for DMs (so forget-me removes it). A DM's row
    names its guide and, while it is claimed or sent, the member's calendar day it goes out on (`dm_day`):
    unique, so of two DMs about one guide claimed for the same member and day only one can win, whichever
    process claims it.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("team_id", "campaign_id", "kind", "occasion", "target"),
        Index(None, "state", "lease_until"),
        # NULLs are distinct: channel posts, and DMs skipped, failed or given back, hold no day.
        Index(None, "team_id", "target", "guide_id", "dm_day", unique=True),
        CheckConstraint(_in("kind", tuple(kind.value for kind in OccasionKind)), name="kind"),
        CheckConstraint("state IN ('claimed', 'sent', 'skipped', 'failed')", name="state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk())
    campaign_id: Mapped[str] = mapped_column(String(64))  # "" for reminders that belong to no campaign
    kind: Mapped[str] = mapped_column(String(10))
    occasion: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(SLACK_ID, info=NAMES_MEMBER)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    state: Mapped[str] = mapped_column(String(10))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer())
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    error: Mapped[str | None] = mapped_column(String(60))
    guide_id: Mapped[str | None] = mapped_column(GUIDE_ID)  # DMs only; NULL in rows written before 0004
    dm_day: Mapped[date | None] = mapped_column(Date())


class DigestOptOut(Base):
    """Managers who turned the weekly digest off (`/privacy digest off`)."""

    __tablename__ = "digest_optouts"

    team_id: Mapped[str] = mapped_column(SLACK_ID, team_fk(), primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True, info=NAMES_MEMBER)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
