"""The member directory and campaign audiences: who is in the workspace, and whom each campaign addresses."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, or_, select, update

from bot.store.models import AudienceMember, Member
from bot.store.sql import check_time, ensure_workspace, insert_for, reading, table_of, writing

# Rows per INSERT: large enough to be quick, small enough for SQLite's bound-parameter limit.
_BATCH = 500


@dataclass(frozen=True, slots=True)
class MemberRow:
    user_id: str
    name: str
    tz: str | None
    is_admin: bool
    is_owner: bool
    active: bool


class MemberDirectory:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def replace(
        self, *, team_id: str, members: Sequence[MemberRow], now: datetime, named: Collection[str] | None = None
    ) -> None:
        """Store the directory as Slack reports it now, the whole of it (an upsert: members Slack no longer
        lists stay, so a report can still name someone who left, but as inactive: removed from the workspace
        rather than deactivated, Slack lists them no more, and left active they managed and got digests).

        Only what the bot uses is kept. `named`: the members whose names reports may show (those ever in a
        campaign's audience); the others are stored nameless, all the directory needs of them being their zone
        and role. An inactive member keeps no zone or role either: nothing is sent to them any more."""
        check_time(now, "now")
        listed = {m.user_id for m in members}
        with writing(self._engine) as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            gone = sorted(
                set(
                    conn.execute(
                        select(Member.user_id).where(Member.team_id == team_id, Member.active.is_(True))
                    ).scalars()
                )
                - listed
            )
            for start in range(0, len(gone), _BATCH):
                conn.execute(
                    update(table_of(Member))
                    .where(Member.team_id == team_id, Member.user_id.in_(gone[start : start + _BATCH]))
                    .values(active=False, tz=None, is_admin=False, is_owner=False, updated_at=now)
                )
            for start in range(0, len(members), _BATCH):
                rows = [
                    _row(team_id, m, now=now, named=named is None or m.user_id in named)
                    for m in members[start : start + _BATCH]
                ]
                statement = insert_for(conn, Member).values(rows)
                conn.execute(
                    statement.on_conflict_do_update(
                        index_elements=["team_id", "user_id"],
                        set_={
                            column: statement.excluded[column]
                            for column in ("name", "tz", "is_admin", "is_owner", "active", "updated_at")
                        },
                    )
                )

    def add(self, *, team_id: str, members: Sequence[MemberRow], now: datetime) -> None:
        """Store these members, named, where the directory holds no row for them (forget-me deleted it, and an
        audience holds them again); a row stored meanwhile, by a whole read, is kept as it is."""
        check_time(now, "now")
        with writing(self._engine) as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            for start in range(0, len(members), _BATCH):
                rows = [_row(team_id, m, now=now, named=True) for m in members[start : start + _BATCH]]
                conn.execute(insert_for(conn, Member).values(rows).on_conflict_do_nothing())

    def members(self, *, team_id: str, user_ids: Iterable[str] | None = None) -> dict[str, MemberRow]:
        """The directory rows of `user_ids` (those it has), or of the whole workspace."""
        # Only what a MemberRow holds: `updated_at` would be converted for each of thousands of rows, unread.
        query = select(Member.user_id, Member.name, Member.tz, Member.is_admin, Member.is_owner, Member.active).where(
            Member.team_id == team_id
        )
        wanted = None if user_ids is None else set(user_ids)
        if wanted is not None and len(wanted) <= _BATCH:
            # A few members (a DM's, a click's): looked up by key, not picked out of the whole directory,
            # which a fan-out of N DMs would otherwise read N times. More than that: one read of it all.
            if not wanted:
                return {}
            query = query.where(Member.user_id.in_(sorted(wanted)))
        with reading(self._engine) as conn:
            rows = conn.execute(query).all()
            return {
                row.user_id: MemberRow(
                    user_id=row.user_id,
                    name=row.name,
                    tz=row.tz,
                    is_admin=row.is_admin,
                    is_owner=row.is_owner,
                    active=row.active,
                )
                for row in rows
                if wanted is None or row.user_id in wanted
            }

    def ever_in_audience(self, *, team_id: str) -> set[str]:
        """Everyone any campaign of the workspace has addressed, those who left it included."""
        query = select(AudienceMember.user_id).where(AudienceMember.team_id == team_id).distinct()
        with reading(self._engine) as conn:
            return set(conn.execute(query).scalars())

    def name(self, *, team_id: str, names: Mapping[str, str], now: datetime) -> None:
        """Store these members' names (joining an audience, they may be shown in its reports)."""
        check_time(now, "now")
        with writing(self._engine) as conn:
            for user_id, name in sorted(names.items()):
                conn.execute(
                    update(table_of(Member))
                    .where(Member.team_id == team_id, Member.user_id == user_id)
                    .values(name=name[:255], updated_at=now)
                )

    def admins(self, *, team_id: str) -> set[str]:
        """Active workspace admins and owners: picked out by the database, not from every member's row (the
        scheduler asks on each tick of a week whose digest is due)."""
        query = select(Member.user_id).where(
            Member.team_id == team_id,
            Member.active.is_(True),
            or_(Member.is_admin.is_(True), Member.is_owner.is_(True)),
        )
        with reading(self._engine) as conn:
            return set(conn.execute(query).scalars())

    def set_audience(self, *, team_id: str, campaign_id: str, user_ids: Iterable[str], now: datetime) -> None:
        """The campaign's audience is now exactly `user_ids`: newcomers join, absentees are marked as left,
        and someone who comes back is in again."""
        check_time(now, "now")
        present = set(user_ids)
        with writing(self._engine) as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            known = dict(
                conn.execute(
                    select(AudienceMember.user_id, AudienceMember.left_at).where(
                        AudienceMember.team_id == team_id, AudienceMember.campaign_id == campaign_id
                    )
                ).all()
            )
            joining = sorted(present - known.keys())
            for start in range(0, len(joining), _BATCH):
                conn.execute(
                    insert_for(conn, AudienceMember)
                    .values(
                        [
                            {"team_id": team_id, "campaign_id": campaign_id, "user_id": user, "joined_at": now}
                            for user in joining[start : start + _BATCH]
                        ]
                    )
                    .on_conflict_do_nothing()
                )
            gone = [user for user, left_at in known.items() if user not in present and left_at is None]
            back = [user for user, left_at in known.items() if user in present and left_at is not None]
            key = (AudienceMember.team_id == team_id, AudienceMember.campaign_id == campaign_id)
            for users, left_at in ((gone, now), (back, None)):
                for start in range(0, len(users), _BATCH):
                    conn.execute(
                        update(table_of(AudienceMember))
                        .where(*key, AudienceMember.user_id.in_(users[start : start + _BATCH]))
                        .values(left_at=left_at)
                    )

    def audience(self, *, team_id: str, campaign_id: str, include_left: bool = False) -> dict[str, datetime | None]:
        """User ID -> when they left (None: still in the audience)."""
        query = select(AudienceMember.user_id, AudienceMember.left_at).where(
            AudienceMember.team_id == team_id, AudienceMember.campaign_id == campaign_id
        )
        if not include_left:
            query = query.where(AudienceMember.left_at.is_(None))
        with reading(self._engine) as conn:
            return dict(conn.execute(query).all())


def _row(team_id: str, member: MemberRow, *, now: datetime, named: bool) -> dict[str, object]:
    """A directory row as stored: an inactive member keeps no zone or role, and only one reports may show, a name."""
    return {
        "team_id": team_id,
        "user_id": member.user_id,
        "name": member.name[:255] if named else "",
        "tz": member.tz if member.active else None,
        "is_admin": member.is_admin and member.active,
        "is_owner": member.is_owner and member.active,
        "active": member.active,
        "updated_at": now,
    }
