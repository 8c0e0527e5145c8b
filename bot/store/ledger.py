"""The delivery ledger: claim an occasion, send, mark it sent — so each message goes out once.

Several replicas may plan the same occasion. The UNIQUE key (team, campaign, kind, occasion,
target) lets exactly one INSERT win; the winner holds a lease while it sends. A claim whose
lease ran out belongs to a sender that died: the next tick takes it over (UPDATE … WHERE
lease_until < now, which again only one replica can win). So a message is sent at most twice,
and only when a process died between sending and marking it sent.

A DM's claim also takes the member's day for its guide (`DmDay`), under a second unique key: of two
DMs about one guide for the same member and day, claimed at once by any two processes, the database
lets one win; the other is recorded as spared, never sent. A row holds its day while sent, or claimed
under a lease still running: a DM skipped, failed, given back, or claimed by a sender that died leaves the
day to another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum, StrEnum
from typing import Final, Literal, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.core import OccasionKind
from bot.store.database import StoreUnavailable
from bot.store.models import Campaign, Delivery
from bot.store.sql import check_time, ensure_workspace, insert_for, reading, table_of, writing


class DeliveryState(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"  # too late to send: logged, never sent
    FAILED = "failed"  # Slack refused for good (channel gone, user deactivated)


@dataclass(frozen=True, slots=True)
class LedgerKey:
    team_id: str
    campaign_id: str
    kind: OccasionKind
    occasion: str
    target: str


@dataclass(frozen=True, slots=True)
class DmDay:
    """What a DM takes besides its own occasion: the member's calendar day (in their zone) for its guide."""

    guide_id: str
    day: date


class Spared(Enum):
    """`claim`'s answer when another DM about the guide holds the member's day: the occasion was recorded
    as skipped (SPARED) by that same call, and is never to be sent."""

    DAY_TAKEN = "day taken"


SPARED: Final = "had a DM about the guide that day"  # the ledger's reason for a DM not sent as not needed
# Claims of one DM by two replicas at once that PostgreSQL ends as a deadlock: tries before the tick is told.
CLAIM_TRIES_ON_DEADLOCK: Final = 4
_Taken = TypeVar("_Taken")


def _insert_first(conn: Connection, key: LedgerKey, *, now: datetime, **values: object) -> bool:
    """Insert the occasion's row unless one exists: True for the one caller whose insert won."""
    ensure_workspace(conn, team_id=key.team_id, now=now)
    inserted = conn.execute(
        insert_for(conn, Delivery)
        .values(
            team_id=key.team_id,
            campaign_id=key.campaign_id,
            kind=str(key.kind),
            occasion=key.occasion,
            target=key.target,
            **values,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "campaign_id", "kind", "occasion", "target"])
        .returning(Delivery.id)
    ).one_or_none()
    return inserted is not None


def _matching(key: LedgerKey) -> ColumnElement[bool]:
    return and_(
        Delivery.team_id == key.team_id,
        Delivery.campaign_id == key.campaign_id,
        Delivery.kind == str(key.kind),
        Delivery.occasion == key.occasion,
        Delivery.target == key.target,
    )


def _held(key: LedgerKey, claim: int) -> tuple[ColumnElement[bool], ...]:
    return _matching(key), Delivery.state == DeliveryState.CLAIMED.value, Delivery.attempts == claim


def _about(team_id: str, guide_id: str) -> ColumnElement[bool]:
    """Rows of the workspace's campaigns for the guide (running, ended or stopped) and of the snooze
    reminders for it, which belong to no campaign and are keyed `<guide>@<snooze end>`."""
    of_guide = select(Campaign.id).where(Campaign.team_id == team_id, Campaign.guide_id == guide_id)
    return or_(
        Delivery.campaign_id.in_(of_guide.scalar_subquery()),
        and_(Delivery.campaign_id == "", Delivery.occasion.startswith(f"{guide_id}@", autoescape=True)),
    )


def _taking_the_day(
    conn: Connection, key: LedgerKey, dm: DmDay | None, *, now: datetime, statement: Callable[[], _Taken]
) -> _Taken | Literal[Spared.DAY_TAKEN]:
    """Run `statement`, a claim that takes the member's day for the guide (`dm`), in a savepoint; DAY_TAKEN when
    another DM holds that day. A claim whose lease ran out holds it no more: its sender died, maybe before
    Slack had the DM (a manager's nudge killed mid fan-out, which nothing else would ever retry), so it gives
    the day back as `release` would have, and the statement runs once more. At worst the member gets the DM
    twice that day, as with any message a dead sender had in flight; never none."""
    for attempt in range(2):
        try:
            with conn.begin_nested():
                return statement()
        except IntegrityError:
            if dm is None:
                raise
            if attempt or not _lapsed_claim_gave_the_day_back(conn, key, dm, now=now):
                return Spared.DAY_TAKEN
    raise AssertionError("unreachable")


def _lapsed_claim_gave_the_day_back(conn: Connection, key: LedgerKey, dm: DmDay, *, now: datetime) -> bool:
    freed = conn.execute(
        update(table_of(Delivery))
        .where(
            Delivery.team_id == key.team_id,
            Delivery.target == key.target,
            Delivery.guide_id == dm.guide_id,
            Delivery.dm_day == dm.day,
            Delivery.state == DeliveryState.CLAIMED.value,
            Delivery.lease_until < now,
        )
        .values(dm_day=None)
        .returning(Delivery.id)
    ).all()
    return bool(freed)


class DeliveryLedger:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def settled(
        self, *, team_id: str, campaign_id: str | None, kinds: Iterable[OccasionKind], now: datetime
    ) -> set[tuple[str, str, str]]:
        """(kind, occasion, target) of every row that needs no more work: sent, skipped, failed, or
        claimed under a lease still running. Lets a tick skip most keys without a write. A `campaign_id`
        of None looks under every campaign of the team."""
        query = select(Delivery.kind, Delivery.occasion, Delivery.target).where(
            Delivery.team_id == team_id,
            Delivery.kind.in_([str(kind) for kind in kinds]),
            or_(Delivery.state != DeliveryState.CLAIMED.value, Delivery.lease_until >= now),
        )
        if campaign_id is not None:
            query = query.where(Delivery.campaign_id == campaign_id)
        with reading(self._engine) as conn:
            return {(kind, occasion, target) for kind, occasion, target in conn.execute(query).all()}

    def claim(
        self, key: LedgerKey, *, due_at: datetime, now: datetime, lease: timedelta, dm: DmDay | None = None
    ) -> int | Spared | None:
        """This caller's claim (a number) when it now owns the occasion and should send it; None when
        it is not its turn. `finish` and `release` take the claim, so a sender whose lease ran out and
        was taken over changes nothing of the new owner's. A DM (`dm`) takes the member's day for its
        guide as well; when another DM holds that day (sent, or claimed under a lease still running) the occasion
        is settled as spared instead."""
        check_time(now, "now")
        for attempt in range(1, CLAIM_TRIES_ON_DEADLOCK + 1):
            try:
                return self._claim(key, due_at=due_at, now=now, lease=lease, dm=dm)
            except StoreUnavailable as error:
                # Two claims of one DM at once insert its row into two unique indexes (the occasion's and the
                # member's day) in opposite orders, and PostgreSQL ends that deadlock by failing one: tried again,
                # it finds the other's row and settles as any second claim does. Tried again at once, before the
                # other committed, it met the same deadlock in 4 of 360 runs of two claims at once; 4 tries: 0 of 200.
                if not error.deadlocked or attempt == CLAIM_TRIES_ON_DEADLOCK:
                    raise
        raise AssertionError("unreachable: the last try returns or raises")

    def _claim(
        self, key: LedgerKey, *, due_at: datetime, now: datetime, lease: timedelta, dm: DmDay | None
    ) -> int | Spared | None:
        holds = {"guide_id": dm.guide_id, "dm_day": dm.day} if dm is not None else {}
        with writing(self._engine) as conn:
            inserted = _taking_the_day(
                conn,
                key,
                dm,
                now=now,
                statement=lambda: _insert_first(
                    conn,
                    key,
                    now=now,
                    due_at=due_at,
                    state=DeliveryState.CLAIMED.value,
                    lease_until=now + lease,
                    attempts=1,
                    **holds,
                ),
            )
            if inserted is True:
                return 1
            # The occasion's own key only ever makes the insert do nothing: it is the day that is taken
            # (on PostgreSQL, once the claim holding it committed: a concurrent one waits for it).
            if inserted is Spared.DAY_TAKEN and _insert_first(
                conn,
                key,
                now=now,
                due_at=due_at,
                guide_id=dm.guide_id if dm is not None else None,
                state=DeliveryState.SKIPPED.value,
                attempts=0,
                done_at=now,
                error=SPARED,
            ):
                return Spared.DAY_TAKEN
            taken_over = _taking_the_day(
                conn,
                key,
                dm,
                now=now,
                statement=lambda: conn.execute(
                    update(table_of(Delivery))
                    .where(_matching(key), Delivery.state == DeliveryState.CLAIMED.value, Delivery.lease_until < now)
                    .values(lease_until=now + lease, attempts=Delivery.attempts + 1, **holds)
                    .returning(Delivery.attempts)
                ).one_or_none(),
            )
            if taken_over is Spared.DAY_TAKEN:
                # Given back yesterday, say, and today another DM about the guide came first.
                settled = conn.execute(
                    update(table_of(Delivery))
                    .where(_matching(key), Delivery.state == DeliveryState.CLAIMED.value, Delivery.lease_until < now)
                    .values(state=DeliveryState.SKIPPED.value, done_at=now, lease_until=None, dm_day=None, error=SPARED)
                    .returning(Delivery.id)
                ).one_or_none()
                return Spared.DAY_TAKEN if settled is not None else None
            return int(taken_over.attempts) if taken_over is not None else None

    def finish(
        self, key: LedgerKey, *, claim: int, state: DeliveryState, now: datetime, error: str | None = None
    ) -> bool:
        """Settle the occasion; False when `claim` is no longer the owner (nothing changes then). A DM not
        sent leaves the member's day to another."""
        day = {} if state is DeliveryState.SENT else {"dm_day": None}
        with writing(self._engine) as conn:
            settled = conn.execute(
                update(table_of(Delivery))
                .where(*_held(key, claim))
                .values(state=state.value, done_at=now, lease_until=None, error=error[:60] if error else None, **day)
                .returning(Delivery.id)
            ).one_or_none()
            return settled is not None

    def release(self, key: LedgerKey, *, claim: int, now: datetime) -> None:
        """Give a claim back (Slack was down, or we are stopping), so the next tick retries it at once. A DM
        gives the member's day back too: the retry may come on another day, or after another DM."""
        with writing(self._engine) as conn:
            conn.execute(update(table_of(Delivery)).where(*_held(key, claim)).values(lease_until=now, dm_day=None))

    def skip(self, key: LedgerKey, *, due_at: datetime, now: datetime, reason: str) -> bool:
        """Record an occasion as never to be sent (too late); False if someone already dealt with it or
        holds it. A claim given back (Slack asked for a pause) or whose lease ran out is settled too: nobody
        may send under it, as a takeover would (which only one of the two can win), and left claimed it
        would be planned again by every tick and counted by none."""
        with writing(self._engine) as conn:
            if _insert_first(
                conn,
                key,
                now=now,
                due_at=due_at,
                state=DeliveryState.SKIPPED.value,
                attempts=0,
                done_at=now,
                error=reason[:60],
            ):
                return True
            settled = conn.execute(
                update(table_of(Delivery))
                .where(_matching(key), Delivery.state == DeliveryState.CLAIMED.value, Delivery.lease_until < now)
                .values(
                    state=DeliveryState.SKIPPED.value, done_at=now, lease_until=None, dm_day=None, error=reason[:60]
                )
                .returning(Delivery.id)
            ).one_or_none()
            return settled is not None

    def note_refused(self, key: LedgerKey, *, error: str, now: datetime) -> None:
        """Record that Slack refuses the target, found without sending (a look at the channel): a failed row
        under `key`, its time moved to `now` when one is there. `refused_to` reads it as any refused post, so a
        later post that goes through makes it old news."""
        check_time(now, "now")
        with writing(self._engine) as conn:
            if _insert_first(
                conn,
                key,
                now=now,
                due_at=now,
                state=DeliveryState.FAILED.value,
                attempts=0,
                done_at=now,
                error=error[:60],
            ):
                return
            conn.execute(
                update(table_of(Delivery))
                .where(_matching(key))
                .values(state=DeliveryState.FAILED.value, done_at=now, lease_until=None, error=error[:60])
            )

    def forget(self, key: LedgerKey) -> None:
        """Delete the row under `key` (what `note_refused` recorded, once a look finds the target takes posts)."""
        with writing(self._engine) as conn:
            conn.execute(delete(table_of(Delivery)).where(_matching(key)))

    def counts(self, *, team_id: str, campaign_id: str | None = None) -> dict[tuple[str, str], int]:
        """(kind, state) -> rows, for `schedule`, reports and tests."""
        query = select(Delivery.kind, Delivery.state, func.count()).where(Delivery.team_id == team_id)
        if campaign_id is not None:
            query = query.where(Delivery.campaign_id == campaign_id)
        with reading(self._engine) as conn:
            return {
                (kind, state): count
                for kind, state, count in conn.execute(query.group_by(Delivery.kind, Delivery.state)).all()
            }

    def last_sent(self, *, team_id: str, campaign_id: str, kind: OccasionKind, occasion: str) -> datetime | None:
        query = select(func.max(Delivery.done_at)).where(
            and_(
                Delivery.team_id == team_id,
                Delivery.campaign_id == campaign_id,
                Delivery.kind == str(kind),
                Delivery.occasion == occasion,
                Delivery.state == DeliveryState.SENT.value,
            )
        )
        with reading(self._engine) as conn:
            result: datetime | None = conn.execute(query).scalar_one_or_none()
            return result

    def last_sent_to(self, *, team_id: str, guide_id: str, kinds: Iterable[OccasionKind]) -> dict[str, datetime]:
        """Target -> when the last of `kinds` about the guide (`_about`) reached them."""
        query = (
            select(Delivery.target, func.max(Delivery.done_at))
            .where(
                Delivery.team_id == team_id,
                _about(team_id, guide_id),
                Delivery.kind.in_([str(kind) for kind in kinds]),
                Delivery.state == DeliveryState.SENT.value,
            )
            .group_by(Delivery.target)
        )
        with reading(self._engine) as conn:
            return {target: at for target, at in conn.execute(query).all() if at is not None}

    def refused_to(self, *, team_id: str, campaign_id: str, kinds: Iterable[OccasionKind]) -> dict[str, str]:
        """Target -> the error Slack gave their last DM of `kinds` for the campaign, for those whom none of
        these DMs reached afterwards (a refusal the member's later DM got past is old news)."""
        where = (
            Delivery.team_id == team_id,
            Delivery.campaign_id == campaign_id,
            Delivery.kind.in_([str(kind) for kind in kinds]),
        )
        failed = select(Delivery.target, Delivery.error, Delivery.done_at).where(
            *where, Delivery.state == DeliveryState.FAILED.value
        )
        sent = (
            select(Delivery.target, func.max(Delivery.done_at))
            .where(*where, Delivery.state == DeliveryState.SENT.value)
            .group_by(Delivery.target)
        )
        with reading(self._engine) as conn:
            reached = {target: at for target, at in conn.execute(sent).all() if at is not None}
            refused: dict[str, tuple[datetime, str]] = {}
            for target, error, at in conn.execute(failed).all():
                if at is None or ((last := refused.get(target)) is not None and last[0] >= at):
                    continue
                refused[target] = (at, error or "")
        return {
            target: error
            for target, (at, error) in refused.items()
            if (last_sent := reached.get(target)) is None or last_sent < at
        }

    def last_dm(self, *, team_id: str, target: str, since: datetime) -> tuple[str, datetime] | None:
        """The guide of the latest DM about one sent to the member since `since`, and when it went out: what
        "i did it" in reply is about, whichever process sent it."""
        check_time(since, "since")
        query = (
            select(Delivery.guide_id, Delivery.done_at)
            .where(
                Delivery.team_id == team_id,
                Delivery.target == target,
                Delivery.state == DeliveryState.SENT.value,
                Delivery.guide_id.is_not(None),
                Delivery.done_at >= since,
            )
            .order_by(Delivery.done_at.desc())
            .limit(1)
        )
        with reading(self._engine) as conn:
            found = conn.execute(query).first()
        if found is None or found.guide_id is None or found.done_at is None:
            return None
        return found.guide_id, found.done_at

    def dm_days(self, *, team_id: str, target: str) -> set[date]:
        """The member's calendar days that a DM sent to them holds (`DmDay`), of any guide."""
        query = (
            select(Delivery.dm_day)
            .where(
                Delivery.team_id == team_id,
                Delivery.target == target,
                Delivery.state == DeliveryState.SENT.value,
                Delivery.dm_day.is_not(None),
            )
            .distinct()
        )
        with reading(self._engine) as conn:
            return {day for (day,) in conn.execute(query).all() if day is not None}

    def prune(self, *, before: datetime) -> int:
        """Rows due before `before` that no tick plans again: those of campaigns whose deadline is before
        it too, and snooze reminders of no campaign, unless a claim on them is still leased. Each names
        a member. Returns how many went."""
        check_time(before, "before")
        over = select(Campaign.id).where(Campaign.team_id == Delivery.team_id, Campaign.deadline < before.date())
        with writing(self._engine) as conn:
            removed = conn.execute(
                delete(table_of(Delivery)).where(
                    Delivery.due_at < before,
                    # A claim leased that long ago belongs to a sender that died: nothing takes it up any more.
                    or_(Delivery.state != DeliveryState.CLAIMED.value, Delivery.lease_until < before),
                    or_(Delivery.campaign_id == "", Delivery.campaign_id.in_(over.scalar_subquery())),
                )
            )
            return int(removed.rowcount or 0)

    def forget_campaign(self, *, team_id: str, campaign_id: str) -> None:
        with writing(self._engine) as conn:
            conn.execute(
                delete(table_of(Delivery)).where(Delivery.team_id == team_id, Delivery.campaign_id == campaign_id)
            )
