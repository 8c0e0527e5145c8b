"""Report queries: a campaign's audience joined with statuses and the directory, counted in SQL.

A summary is two queries whatever the audience size: one tally (status, grouped) and the first
pending names, and one more for the trend (answers grouped by slots of time). The first two walk the
audience by its primary key and reach each member's status and directory row through their unique
keys. The CSV streams rows (server-side cursor on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
    union_all,
)

from bot.core import Status
from bot.reports import LEFT, Person, ReportRow, Snoozed
from bot.store.models import Attestation, AudienceMember, AuditEntry, Member
from bot.store.repo import CAMPAIGN_STOPPED
from bot.store.sql import check_time, reading

_A, _M, _T = AudienceMember, Member, Attestation
_STREAM_ROWS = 1000
_IN = "in"  # the tally's row for members still in the audience
_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


class ReportQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def tally(self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime) -> dict[str, int]:
        """Status value (or LEFT) -> members, in one round trip: the audience (in, left) and the statuses
        of those still in it. Pending is what is left: in the audience, with no status or an expired snooze."""
        check_time(now, "now")
        expired = and_(_T.status == Status.SNOOZED.value, _T.snooze_until <= now)
        status = case((expired, literal(Status.PENDING.value)), else_=_T.status)
        statuses = (
            select(status.label("bucket"), func.count())
            .select_from(_T)
            .join(_A, and_(_A.team_id == _T.team_id, _A.campaign_id == campaign_id, _A.user_id == _T.user_id))
            .where(_T.team_id == team_id, _T.guide_id == guide_id, ~_left())
            .group_by(status)
        )
        audience = (
            select(case((_A.left_at.is_(None), literal(_IN)), else_=literal(LEFT)).label("bucket"), func.count())
            .where(_A.team_id == team_id, _A.campaign_id == campaign_id)
            .group_by(_A.left_at.is_(None))
        )
        counts: dict[str, int] = {}
        with reading(self._engine) as conn:
            for name, count in conn.execute(union_all(statuses, audience)):
                counts[name] = counts.get(name, 0) + count
        # Expired snoozes were counted as pending above and are part of "in" too: pending is what is not answered.
        answered = sum(counts.get(s.value, 0) for s in Status.stored())
        counts[Status.PENDING.value] = counts.pop(_IN, 0) - answered
        return counts

    def answered_per_slot(
        self, *, team_id: str, campaign_id: str, guide_id: str, seconds: int = 3600, at: int = 0
    ) -> list[tuple[datetime, int]]:
        """Members still in the audience who answered (done or doesn't apply), per slot of the answer's time:
        `seconds` long (dividing an hour), one starting `at` seconds past each UTC hour, as `day_slots` chose
        them so that every slot falls on one day of the caller's calendar. Returns each slot's start."""
        if not (0 < seconds <= 3600 and 3600 % seconds == 0 and 0 <= at < seconds):
            raise ValueError(f"slots of {seconds} s from {at} s past the hour do not tile an hour")
        slot = _slot(self._engine.dialect.name, seconds=seconds, at=at)
        query = (
            select(slot, func.count())
            .select_from(_T)
            .join(_A, and_(_A.team_id == _T.team_id, _A.campaign_id == campaign_id, _A.user_id == _T.user_id))
            .where(
                _T.team_id == team_id,
                _T.guide_id == guide_id,
                _T.status.in_((Status.CONFIRMED.value, Status.NOT_APPLICABLE.value)),
                _A.left_at.is_(None),
            )
            .group_by(slot)
        )
        with reading(self._engine) as conn:
            return [(datetime.fromtimestamp(int(start), UTC), count) for start, count in conn.execute(query)]

    def first_pending(
        self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime, limit: int
    ) -> list[Person]:
        """The first `limit` pending members in user-ID order (the audience's key: no sort, it stops early),
        shown by name."""
        check_time(now, "now")
        query = (
            _joined(select(_A.user_id, _M.name), team_id=team_id, campaign_id=campaign_id, guide_id=guide_id)
            .where(~_left(), _pending(now))
            .order_by(_A.user_id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            found = [Person(user_id=user, name=name or user) for user, name in conn.execute(query)]
        return sorted(found, key=lambda person: (person.name.lower(), person.user_id))

    def first_snoozed(
        self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime, limit: int
    ) -> list[Snoozed]:
        """The first `limit` members still snoozed (as the tally counts them), the soonest end first."""
        check_time(now, "now")
        query = (
            _joined(
                select(_A.user_id, _M.name, _T.snooze_until),
                team_id=team_id,
                campaign_id=campaign_id,
                guide_id=guide_id,
            )
            .where(~_left(), _snoozed(now))
            .order_by(_T.snooze_until.is_(None), _T.snooze_until, _A.user_id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            return [
                Snoozed(person=Person(user_id=user, name=name or user), until=until)
                for user, name, until in conn.execute(query)
            ]

    def first_snooze_end(self, *, team_id: str, campaign_id: str, guide_id: str, now: datetime) -> datetime | None:
        """When the first snooze of the audience ends: a time, no name (for counts-only reports too)."""
        check_time(now, "now")
        query = _joined(
            select(func.min(_T.snooze_until)), team_id=team_id, campaign_id=campaign_id, guide_id=guide_id
        ).where(~_left(), _snoozed(now))
        with reading(self._engine) as conn:
            end: datetime | None = conn.execute(query).scalar_one_or_none()
            return end

    def stopped_by(self, *, team_id: str, campaign_id: str, stopped_at: datetime) -> str | None:
        """Who stopped the campaign, from the audit log's entry written in the same moment: None for a stop
        without one (a campaign dropped from CAMPAIGNS_FILE), or once the stopper used forget-me."""
        check_time(stopped_at, "stopped_at")
        query = select(AuditEntry.actor_id, AuditEntry.detail).where(
            AuditEntry.team_id == team_id, AuditEntry.action == CAMPAIGN_STOPPED, AuditEntry.at == stopped_at
        )
        with reading(self._engine) as conn:
            for actor, detail in conn.execute(query):
                if actor and isinstance(detail, dict) and detail.get("campaign") == campaign_id:
                    return str(actor)
        return None

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
        with reading(self._engine) as conn:
            result = conn.execution_options(yield_per=_STREAM_ROWS).execute(query)
            # Unpacked as tuples: attribute access by name costs more than the rest of a CSV row.
            for user_id, name, status, recorded_at, snooze_until, platform, reason, left in result:
                yield ReportRow(user_id, name, status, recorded_at, snooze_until, platform, reason, bool(left))


def _joined(query: _Query, *, team_id: str, campaign_id: str, guide_id: str) -> _Query:
    return (
        query.select_from(_A)
        .outerjoin(_M, and_(_M.team_id == _A.team_id, _M.user_id == _A.user_id))
        .outerjoin(_T, and_(_T.team_id == _A.team_id, _T.user_id == _A.user_id, _T.guide_id == guide_id))
        .where(_A.team_id == team_id, _A.campaign_id == campaign_id)
    )


def _left() -> ColumnElement[bool]:
    # Deactivated accounts leave at the next audience refresh (resolve() keeps active members only), like
    # those who leave the channel: one rule for counts, names and the CSV.
    return _A.left_at.is_not(None)


def _pending(now: datetime) -> ColumnElement[bool]:
    expired = and_(_T.status == Status.SNOOZED.value, _T.snooze_until <= now)
    return or_(_T.status.is_(None), expired)


def _snoozed(now: datetime) -> ColumnElement[bool]:
    # As the tally counts: a snooze without an end stays snoozed.
    return and_(_T.status == Status.SNOOZED.value, or_(_T.snooze_until.is_(None), _T.snooze_until > now))


def _slot(dialect: str, *, seconds: int, at: int) -> ColumnElement[Any]:
    """The start of an answer's slot in seconds since the epoch (UTC): counted from the stored UTC time on
    either database, so no time zone database is needed in SQL (SQLite has none)."""
    epoch: ColumnElement[Any]
    if dialect == "postgresql":
        epoch = cast(func.floor(extract("epoch", _T.recorded_at)), BigInteger)
    else:
        # SQLite stores UTC text (see store.types); '%s' reads it as UTC, fractions of a second dropped.
        epoch = cast(func.strftime("%s", _T.recorded_at), BigInteger)
    # Floor division of integers on both: a time since 1970 less under an hour is never negative.
    return (epoch - at) // seconds * seconds + at
