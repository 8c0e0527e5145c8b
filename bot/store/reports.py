"""Report queries: a campaign's audience joined with statuses and the directory, counted in SQL.

A summary is two queries whatever the audience size: one tally (status and answer hour, grouped) and
the first pending names. Both walk the audience by its primary key and reach each member's status
and directory row through their unique keys. The CSV streams rows (server-side cursor on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, Select, String, and_, case, false, func, literal, or_, select

from bot.core import Status
from bot.reports import LEFT, Person, ReportRow
from bot.store.database import READ_ONLY
from bot.store.models import Attestation, AudienceMember, Member
from bot.store.sql import check_time

_A, _M, _T = AudienceMember, Member, Attestation
_STREAM_ROWS = 1000
_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]  # status value or LEFT -> members
    hourly: list[tuple[datetime, int]]  # UTC hour -> members who answered (done or doesn't apply) in it


class ReportQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})

    def tally(self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime) -> Tally:
        check_time(now, "now")
        acted = (Status.CONFIRMED.value, Status.NOT_APPLICABLE.value)
        bucket = case(
            (_left(), literal(LEFT)),
            (_pending(now), literal(Status.PENDING.value)),
            else_=_T.status,
        ).label("bucket")
        hour = case((_T.status.in_(acted), _hour(self._engine.dialect.name)), else_=None).label("hour")
        inner = _joined(select(bucket, hour), team_id=team_id, campaign_id=campaign_id, guide_id=guide_id).subquery()
        query = select(inner.c.bucket, inner.c.hour, func.count()).group_by(inner.c.bucket, inner.c.hour)
        counts: dict[str, int] = {}
        hourly: list[tuple[datetime, int]] = []
        with self._reader.connect() as conn:
            for name, hour_text, count in conn.execute(query):
                counts[name] = counts.get(name, 0) + count
                if hour_text is not None and name != LEFT:
                    hourly.append((datetime.strptime(hour_text, "%Y-%m-%d %H").replace(tzinfo=UTC), count))
        return Tally(counts=counts, hourly=hourly)

    def first_pending(
        self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime, limit: int
    ) -> list[Person]:
        check_time(now, "now")
        query = (
            _joined(select(_A.user_id, _M.name), team_id=team_id, campaign_id=campaign_id, guide_id=guide_id)
            .where(~_left(), _pending(now))
            .order_by(_M.name, _A.user_id)
            .limit(limit)
        )
        with self._reader.connect() as conn:
            return [Person(user_id=user, name=name or user) for user, name in conn.execute(query)]

    def rows(self, *, team_id: str, campaign_id: str, guide_id: str) -> Iterator[ReportRow]:
        """Every audience member, by name, as stored (the caller decides what an expired snooze means)."""
        query = _joined(
            select(
                _A.user_id,
                _M.name,
                _T.status,
                _T.recorded_at,
                _T.snooze_until,
                _T.platform,
                _T.reason,
                _left().label("left"),
            ),
            team_id=team_id,
            campaign_id=campaign_id,
            guide_id=guide_id,
        ).order_by(_M.name, _A.user_id)
        with self._reader.connect() as conn:
            result = conn.execution_options(yield_per=_STREAM_ROWS).execute(query)
            for row in result:
                yield ReportRow(
                    user_id=row.user_id,
                    name=row.name,
                    status=row.status,
                    recorded_at=row.recorded_at,
                    snooze_until=row.snooze_until,
                    platform=row.platform,
                    reason=row.reason,
                    left=bool(row.left),
                )


def _joined(query: _Query, *, team_id: str, campaign_id: str, guide_id: str) -> _Query:
    return (
        query.select_from(_A)
        .outerjoin(_M, and_(_M.team_id == _A.team_id, _M.user_id == _A.user_id))
        .outerjoin(_T, and_(_T.team_id == _A.team_id, _T.user_id == _A.user_id, _T.guide_id == guide_id))
        .where(_A.team_id == team_id, _A.campaign_id == campaign_id)
    )


def _left() -> ColumnElement[bool]:
    # A member missing from the directory is still counted: only a known deactivation means "left".
    return or_(_A.left_at.is_not(None), and_(_M.active.is_not(None), _M.active == false()))


def _pending(now: datetime) -> ColumnElement[bool]:
    expired = and_(_T.status == Status.SNOOZED.value, _T.snooze_until <= now)
    return or_(_T.status.is_(None), expired)


def _hour(dialect: str) -> ColumnElement[str]:
    """The UTC hour of an answer as 'YYYY-MM-DD HH'. SQLite stores UTC text (see store.types)."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", _T.recorded_at), "YYYY-MM-DD HH24", type_=String)
    return func.substr(_T.recorded_at, 1, 13, type_=String)
