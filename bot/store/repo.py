"""The store: every query the service needs, as plain values in and out.

Methods return frozen dataclasses, never ORM objects, so nothing is loaded
lazily after the transaction is over. Each method is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Connection, Engine, Row, Select, bindparam, delete, insert, or_, select, update

from bot.core import Platform, Reason, Status
from bot.store.database import READ_ONLY, checkpoint, unavailable_on_timeouts
from bot.store.models import (
    PLATFORMS,
    STATUSES,
    Attestation,
    AuditEntry,
    Base,
    DigestOptOut,
    MemberPreference,
    ProcessedEvent,
    Workspace,
    naming,
)
from bot.store.sql import check_time, ensure_workspace, insert_for, reading, table_of, writing

ATTESTATION_RECORDED: Final = "attestation.recorded"
ATTESTATION_UNDONE: Final = "attestation.undone"
MEMBER_FORGOTTEN: Final = "member.forgotten"
MANAGER_REFUSED: Final = "manager.refused"
CAMPAIGN_STARTED: Final = "campaign.started"
CAMPAIGN_STOPPED: Final = "campaign.stopped"
# A manager's hand on members' data: who exported a campaign's names, who had its pending members DMed.
REPORT_EXPORTED: Final = "report.exported"
REPORT_NUDGED: Final = "report.nudged"

# A concurrent undo can delete the row between our insert and our update; the
# next attempt then inserts. More than a couple of rounds means something is wrong.
_RECORD_ATTEMPTS: Final = 5
_AUDIT_INSERT: Final = insert(table_of(AuditEntry))


@dataclass(frozen=True, slots=True)
class AttestationView:
    team_id: str
    user_id: str
    guide_id: str
    status: Status
    platform: Platform | None
    source: str
    reason: Reason | None
    recorded_at: datetime
    snooze_until: datetime | None


@dataclass(frozen=True, slots=True)
class RecordResult:
    changed: bool
    attestation: AttestationView
    replaced: Status | None = None  # the status this one took the place of; None for a first or a repeat


@dataclass(frozen=True, slots=True)
class AuditView:
    id: int
    team_id: str
    at: datetime
    actor_id: str | None
    action: str
    subject_id: str | None
    guide_id: str | None
    detail: Mapping[str, Any] | None


# Rows of the columns below; their exact tuple type adds nothing but noise.
_AnyRow = Row[*tuple[Any, ...]]

_A = Attestation
_ATTESTATION_COLUMNS = (
    _A.id,
    _A.team_id,
    _A.user_id,
    _A.guide_id,
    _A.status,
    _A.platform,
    _A.source,
    _A.reason,
    _A.recorded_at,
    _A.snooze_until,
)


class Store:
    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database {engine.dialect.name!r}: use SQLite or PostgreSQL")
        self._engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        self._workspaces: set[str] = set()  # teams whose workspace row this process has seen committed
        self._recording = _RecordStatements(engine)

    # -- attestations -------------------------------------------------------

    def record(
        self,
        *,
        team_id: str,
        user_id: str,
        guide_id: str,
        status: Status,
        now: datetime,
        platform: Platform | None = None,
        source: str,
        reason: Reason | None = None,
        snooze_until: datetime | None = None,
        actor_id: str | None = None,
    ) -> RecordResult:
        """Set the member's status for a guide; repeating the same status changes nothing.

        A change is status, reason or snooze time; platform and source describe
        how the member acted and do not count, so a repeated click keeps the
        first `recorded_at`. A change writes one audit entry (old and new
        status) in the same transaction. `actor_id` defaults to the member.

        The UNIQUE(team, user, guide) constraint decides which of several
        concurrent first clicks inserts (INSERT ... ON CONFLICT DO NOTHING).
        Otherwise the existing row is locked (SELECT ... FOR UPDATE; SQLite's
        transaction already holds the write lock), compared, and updated only
        if it differs, so exactly one of several identical clicks sees a
        change. A single ON CONFLICT DO UPDATE would do, were it not that its
        RETURNING cannot give the old status the audit entry needs.
        """
        check_time(now, "now")
        _check_choice(status, STATUSES, "status")
        if platform is not None:
            _check_choice(platform, PLATFORMS, "platform")
        if (status == Status.SNOOZED) != (snooze_until is not None):
            raise ValueError(f"snooze_until is required for {Status.SNOOZED} and only for it")
        if snooze_until is not None:
            check_time(snooze_until, "snooze_until")
            if snooze_until <= now:
                raise ValueError("snooze_until must be after now")
        key = {"team_id": team_id, "user_id": user_id, "guide_id": guide_id}
        values = {
            "status": status,
            "platform": platform,
            "source": source,
            "reason": reason,
            "recorded_at": now,
            "snooze_until": snooze_until,
        }
        actor = actor_id if actor_id is not None else user_id
        with self._write() as conn:
            if team_id not in self._workspaces:
                ensure_workspace(conn, team_id=team_id, now=now)
            result = _record_in(conn, self._recording, key=key, values=values, actor_id=actor)
        self._workspaces.add(team_id)  # committed: workspaces are never deleted
        return result

    def undo(self, *, team_id: str, user_id: str, guide_id: str, now: datetime, actor_id: str | None = None) -> bool:
        """Forget the member's status for a guide (they become pending); False if there was none."""
        check_time(now, "now")
        with self._write() as conn:
            removed = conn.execute(
                delete(table_of(Attestation))
                .filter_by(team_id=team_id, user_id=user_id, guide_id=guide_id)
                .returning(Attestation.status)
            ).one_or_none()
            if removed is None:
                return False
            _audit(
                conn,
                team_id=team_id,
                at=now,
                action=ATTESTATION_UNDONE,
                actor_id=actor_id if actor_id is not None else user_id,
                subject_id=user_id,
                guide_id=guide_id,
                detail={"old": removed.status, "new": None},
            )
            return True

    def attestations_for(self, *, team_id: str, user_id: str, now: datetime) -> list[AttestationView]:
        """The member's current statuses, by guide id.

        A guide the member has not acted on is absent: absent means pending. A
        snooze that has run out (snooze_until <= now) is left out for the same
        reason; its row stays until the member acts again.
        """
        check_time(now, "now")
        query = _current(now).where(Attestation.team_id == team_id, Attestation.user_id == user_id)
        with self._read() as conn:
            return [_attestation(row) for row in conn.execute(query.order_by(Attestation.guide_id))]

    def members_with_answers(self) -> set[tuple[str, str]]:
        """(team, user) of every member with a recorded answer, snoozes and all."""
        with self._read() as conn:
            return {(row.team_id, row.user_id) for row in conn.execute(select(_A.team_id, _A.user_id).distinct())}

    def attestation_of(self, *, team_id: str, user_id: str, guide_id: str, now: datetime) -> AttestationView | None:
        """The member's current status for one guide, as `attestations_for` would list it; None means pending.
        Read on a question's path (a guide asked for again): one row by its key, with a statement built once."""
        check_time(now, "now")
        with self._read() as conn:
            row = conn.execute(
                self._recording.current_of, {"key_team_id": team_id, "key_user_id": user_id, "key_guide_id": guide_id}
            ).one_or_none()
        if row is None or (row.snooze_until is not None and row.snooze_until <= now):
            return None
        return _attestation(row)

    def attestations_for_guide(self, *, team_id: str, guide_id: str, now: datetime) -> list[AttestationView]:
        """Every member's current status for a guide, by user id; expired snoozes left out as above."""
        check_time(now, "now")
        query = _current(now).where(Attestation.team_id == team_id, Attestation.guide_id == guide_id)
        with self._read() as conn:
            return [_attestation(row) for row in conn.execute(query.order_by(Attestation.user_id))]

    def snoozes_ended(self, *, team_id: str, after: datetime, before: datetime) -> list[AttestationView]:
        """Snoozes whose end falls in (after, before]: the reminders "Remind me later" promised."""
        query = select(*_ATTESTATION_COLUMNS).where(
            Attestation.team_id == team_id,
            Attestation.status == Status.SNOOZED.value,
            Attestation.snooze_until > after,
            Attestation.snooze_until <= before,
        )
        with self._read() as conn:
            return [_attestation(row) for row in conn.execute(query.order_by(Attestation.snooze_until))]

    def teams_with_snoozes(self) -> list[str]:
        query = select(Attestation.team_id).where(Attestation.status == Status.SNOOZED.value).distinct()
        with self._read() as conn:
            return list(conn.execute(query).scalars())

    # -- preferences --------------------------------------------------------

    def set_platform(self, *, team_id: str, user_id: str, platform: Platform, now: datetime) -> None:
        check_time(now, "now")
        _check_choice(platform, PLATFORMS, "platform")
        with self._write() as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            statement = insert_for(conn, MemberPreference).values(
                team_id=team_id, user_id=user_id, platform=platform, updated_at=now
            )
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["team_id", "user_id"],
                    set_={"platform": platform, "updated_at": now},
                )
            )

    def platform_of(self, *, team_id: str, user_id: str) -> Platform | None:
        with self._read() as conn:
            platform = conn.execute(
                select(MemberPreference.platform).filter_by(team_id=team_id, user_id=user_id)
            ).scalar_one_or_none()
        return Platform.parse(platform)

    # -- Slack retries ------------------------------------------------------

    def claim_event(self, *, team_id: str, key: str, now: datetime, user_id: str | None = None) -> bool:
        """True the first time `key` is seen in the workspace, False for every repeat.

        Pass `user_id` when the event is a member's action, so that forgetting
        the member removes the key too.
        """
        check_time(now, "now")
        with self._write() as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            claimed = conn.execute(
                insert_for(conn, ProcessedEvent)
                .values(team_id=team_id, key=key, at=now, user_id=user_id)
                .on_conflict_do_nothing(index_elements=["team_id", "key"])
                .returning(ProcessedEvent.key)
            ).one_or_none()
            return claimed is not None

    def event_seen(self, *, team_id: str, key: str) -> bool:
        """Whether `key` was claimed already; a read, so it answers beside a writer holding SQLite's lock."""
        query = select(ProcessedEvent.key).where(ProcessedEvent.team_id == team_id, ProcessedEvent.key == key)
        with self._read() as conn:
            return conn.execute(query).first() is not None

    def prune_snoozes(self, *, before: datetime) -> int:
        """Drop snoozes that ended before `before`: the member is pending again either way."""
        check_time(before, "before")
        with self._write() as conn:
            return conn.execute(
                delete(table_of(Attestation)).where(
                    Attestation.status == Status.SNOOZED, Attestation.snooze_until < before
                )
            ).rowcount

    def prune_events(self, *, before: datetime) -> int:
        """Drop keys seen before `before` (Slack stops retrying after minutes); returns how many."""
        check_time(before, "before")
        with self._write() as conn:
            return conn.execute(delete(table_of(ProcessedEvent)).where(ProcessedEvent.at < before)).rowcount

    # -- privacy ------------------------------------------------------------

    def forget_member(self, *, team_id: str, user_id: str, now: datetime) -> int:
        """Delete every row in the workspace that names the member; returns how many.

        Works over all tables in the metadata, so a table added later is
        covered once its member columns are marked (see models.NAMES_MEMBER).
        One audit entry records that a deletion happened, without the ID.
        On SQLite, copies remain in the write-ahead log until `empty_log()`.
        """
        check_time(now, "now")
        with self._write() as conn:
            deleted = 0
            # Children first, in case a later table references another by key.
            for table in reversed(Base.metadata.sorted_tables):
                names = naming(table, user_id)
                if names is None:
                    continue
                if "team_id" not in table.c:
                    # Enterprise Grid shares user IDs across workspaces: never delete unscoped.
                    raise TypeError(f"table {table.name} names members but has no team_id")
                deleted += conn.execute(delete(table).where(table.c.team_id == team_id, names)).rowcount
            ensure_workspace(conn, team_id=team_id, now=now)
            _audit(
                conn,
                team_id=team_id,
                at=now,
                action=MEMBER_FORGOTTEN,
                actor_id=None,
                subject_id=None,
                guide_id=None,
                detail={"rows": deleted},
            )
        return deleted

    def empty_log(self) -> bool:
        """After forget_member: leave no copy of the deleted rows in SQLite's write-ahead log either.
        False while another connection still reads an older snapshot: try again later. Never waits."""
        return checkpoint(self._engine)

    def audit_action(
        self, *, team_id: str, actor_id: str | None, action: str, now: datetime, detail: dict[str, Any] | None = None
    ) -> None:
        """One audit entry for something a person did that is not a status change."""
        check_time(now, "now")
        with self._write() as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            _audit(
                conn,
                team_id=team_id,
                at=now,
                action=action,
                actor_id=actor_id,
                subject_id=None,
                guide_id=None,
                detail=detail,
            )

    def audit_refusal(self, *, team_id: str, user_id: str, what: str, now: datetime) -> None:
        self.audit_action(team_id=team_id, actor_id=user_id, action=MANAGER_REFUSED, now=now, detail={"what": what})

    def campaign_starter(self, *, team_id: str, campaign_id: str) -> str | None:
        """Who started the campaign in Slack last (a campaign stopped and started again under its id), from the
        audit log: None for a CAMPAIGNS_FILE campaign, or once the starter used forget-me."""
        query = (
            select(AuditEntry.actor_id, AuditEntry.detail)
            .where(AuditEntry.team_id == team_id, AuditEntry.action == CAMPAIGN_STARTED)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        with self._read() as conn:
            for actor, detail in conn.execute(query):
                if isinstance(detail, dict) and detail.get("campaign") == campaign_id:
                    return str(actor) if actor else None
        return None

    def audit_entries(self, *, team_id: str, limit: int = 100) -> list[AuditView]:
        """The workspace's audit log, newest first."""
        query = (
            select(AuditEntry)
            .where(AuditEntry.team_id == team_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
        with self._read() as conn:
            return [
                AuditView(
                    id=row.id,
                    team_id=row.team_id,
                    at=row.at,
                    actor_id=row.actor_id,
                    action=row.action,
                    subject_id=row.subject_id,
                    guide_id=row.guide_id,
                    detail=row.detail,
                )
                for row in conn.execute(query)
            ]

    # -- workspaces ---------------------------------------------------------

    def ensure_workspace(self, *, team_id: str, now: datetime, name: str | None = None) -> None:
        """Create the workspace row if missing; a given `name` replaces the stored one."""
        check_time(now, "now")
        with self._write() as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            if name is not None:
                conn.execute(update(table_of(Workspace)).where(Workspace.team_id == team_id).values(name=name))

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        # The transaction ends (rolled back on error) before a wait becomes StoreUnavailable.
        with unavailable_on_timeouts(writing=True), self._engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with unavailable_on_timeouts(writing=False), self._reader.connect() as conn:
            yield conn


def _current(now: datetime) -> Select[*tuple[Any, ...]]:
    return select(*_ATTESTATION_COLUMNS).where(or_(Attestation.snooze_until.is_(None), Attestation.snooze_until > now))


class _RecordStatements:
    """The statements of a status change, built once: composing them per click cost more Python time
    than running them, and a reused statement also skips SQLAlchemy's cache-key walk."""

    def __init__(self, engine: Engine) -> None:
        table = table_of(Attestation)
        # Executed with the values as parameters, these insert and set exactly the columns given.
        self.insert_new = (
            insert_for(engine, Attestation)
            .on_conflict_do_nothing(index_elements=["team_id", "user_id", "guide_id"])
            .returning(*_ATTESTATION_COLUMNS)
        )
        self.current_of = select(*_ATTESTATION_COLUMNS).where(
            _A.team_id == bindparam("key_team_id"),
            _A.user_id == bindparam("key_user_id"),
            _A.guide_id == bindparam("key_guide_id"),
        )
        self.lock_current = self.current_of.with_for_update()
        self.update_current = (
            update(table).where(table.c.id == bindparam("current_id")).returning(*_ATTESTATION_COLUMNS)
        )


def _record_in(
    conn: Connection,
    statements: _RecordStatements,
    *,
    key: dict[str, str],
    values: dict[str, Any],
    actor_id: str,
) -> RecordResult:
    for _ in range(_RECORD_ATTEMPTS):
        inserted = conn.execute(statements.insert_new, {**key, **values}).one_or_none()
        if inserted is not None:
            _audit_recorded(conn, inserted, old_status=None, actor_id=actor_id)
            return RecordResult(changed=True, attestation=_attestation(inserted))
        current = conn.execute(
            statements.lock_current, {f"key_{name}": value for name, value in key.items()}
        ).one_or_none()
        if current is None:
            continue
        if (current.status, current.reason, current.snooze_until) == (
            values["status"],
            values["reason"],
            values["snooze_until"],
        ):
            return RecordResult(changed=False, attestation=_attestation(current))
        updated = conn.execute(statements.update_current, {"current_id": current.id, **values}).one()
        _audit_recorded(conn, updated, old_status=current.status, actor_id=actor_id)
        return RecordResult(changed=True, attestation=_attestation(updated), replaced=Status(current.status))
    raise RuntimeError("could not record a status: the row kept changing")


def _attestation(row: _AnyRow) -> AttestationView:
    return AttestationView(
        team_id=row.team_id,
        user_id=row.user_id,
        guide_id=row.guide_id,
        status=Status(row.status),
        platform=Platform.parse(row.platform),
        source=row.source,
        reason=Reason.parse(row.reason),
        recorded_at=row.recorded_at,
        snooze_until=row.snooze_until,
    )


def _audit_recorded(conn: Connection, row: _AnyRow, *, old_status: str | None, actor_id: str) -> None:
    detail: dict[str, Any] = {"old": old_status, "new": row.status, "source": row.source}
    if row.reason is not None:
        detail["reason"] = row.reason
    if row.snooze_until is not None:
        detail["snooze_until"] = row.snooze_until.isoformat()
    _audit(
        conn,
        team_id=row.team_id,
        at=row.recorded_at,
        action=ATTESTATION_RECORDED,
        actor_id=actor_id,
        subject_id=row.user_id,
        guide_id=row.guide_id,
        detail=detail,
    )


def _audit(
    conn: Connection,
    *,
    team_id: str,
    at: datetime,
    action: str,
    actor_id: str | None,
    subject_id: str | None,
    guide_id: str | None,
    detail: dict[str, Any] | None,
) -> None:
    # One statement object for every entry: SQLAlchemy compiles it once, each call only binds values.
    conn.execute(
        _AUDIT_INSERT,
        {
            "team_id": team_id,
            "at": at,
            "action": action,
            "actor_id": actor_id,
            "subject_id": subject_id,
            "guide_id": guide_id,
            "detail": detail,
        },
    )


def _check_choice(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


class DigestOptOuts:
    """Managers who turned the weekly digest off (`/privacy digest off`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def switch(self, *, team_id: str, user_id: str, on: bool, now: datetime) -> bool:
        """Turn a manager's digests on or off; False when they already were."""
        check_time(now, "now")
        with writing(self._engine) as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            if on:
                removed = conn.execute(
                    delete(DigestOptOut).where(DigestOptOut.team_id == team_id, DigestOptOut.user_id == user_id)
                )
                return bool(removed.rowcount)
            inserted = conn.execute(
                insert_for(conn, DigestOptOut)
                .values(team_id=team_id, user_id=user_id, at=now)
                .on_conflict_do_nothing(index_elements=["team_id", "user_id"])
                .returning(DigestOptOut.user_id)
            ).one_or_none()
            return inserted is not None

    def off(self, *, team_id: str) -> set[str]:
        with reading(self._engine) as conn:
            return set(conn.execute(select(DigestOptOut.user_id).where(DigestOptOut.team_id == team_id)).scalars())
