"""Tables. Every row is scoped by workspace (`team_id`).

Times are given by the caller's clock; no column has a server default, so tests
and replicas agree on what "now" was.

A column holding a Slack user ID is declared with `info=NAMES_MEMBER`:
`Store.forget_member` deletes every row in which such a column names the member,
so a table added later is forgotten correctly just by marking its column.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal, TypeGuard, get_args

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.store.types import BigId, UtcDateTime

Status = Literal["confirmed", "not_applicable", "snoozed"]
Platform = Literal["desktop", "ios", "android", "mobile"]

STATUSES: Final[tuple[str, ...]] = get_args(Status)
PLATFORMS: Final[tuple[str, ...]] = get_args(Platform)


def is_status(value: str) -> TypeGuard[Status]:
    """Narrows a string from a Slack payload to a Status."""
    return value in STATUSES


def is_platform(value: str) -> TypeGuard[Platform]:
    return value in PLATFORMS


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
        CheckConstraint("(status = 'snoozed') = (snooze_until IS NOT NULL)", name="snooze_until"),
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
