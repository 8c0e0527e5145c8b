"""Store behaviour: idempotent records, audit, snoozes, retries and forget-me."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlalchemy import Column, Engine, ForeignKey, String, Table, func, select

from bot.core import Status
from bot.store import Store
from bot.store.models import NAMES_MEMBER, Attestation, AuditEntry, Base, ProcessedEvent
from bot.store.types import UtcDateTime

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TEAM = "T0001"
OTHER_TEAM = "T0002"
GUIDE = "linkedin-ai-training"
THREADS = 8

R = TypeVar("R")


def all_at_once(action: Callable[[int], R], threads: int = THREADS) -> list[R]:
    """Runs `action(i)` in `threads` threads released together, to make them collide."""
    barrier = threading.Barrier(threads)

    def run(i: int) -> R:
        barrier.wait()
        return action(i)

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, range(threads)))


def count(engine: Engine, model: type[Base]) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def confirm(store: Store, *, user: str = "U1", guide: str = GUIDE, team: str = TEAM, at: datetime = T0) -> bool:
    return store.record(
        team_id=team, user_id=user, guide_id=guide, status="confirmed", now=at, platform="desktop", source="button"
    ).changed


# -- record -------------------------------------------------------------------


def test_first_record_is_a_change_and_is_audited(store: Store) -> None:
    result = store.record(
        team_id=TEAM, user_id="U1", guide_id=GUIDE, status="confirmed", now=T0, platform="ios", source="button"
    )

    assert result.changed is True
    view = result.attestation
    assert (view.team_id, view.user_id, view.guide_id, view.status) == (TEAM, "U1", GUIDE, "confirmed")
    assert (view.platform, view.source, view.reason, view.snooze_until) == ("ios", "button", None, None)
    assert view.recorded_at == T0
    [entry] = store.audit_entries(team_id=TEAM)
    assert (entry.action, entry.actor_id, entry.subject_id, entry.guide_id, entry.at) == (
        "attestation.recorded",
        "U1",
        "U1",
        GUIDE,
        T0,
    )
    assert entry.detail == {"old": None, "new": "confirmed", "source": "button"}


def test_repeating_a_record_changes_nothing_and_keeps_the_first_time(store: Store, engine: Engine) -> None:
    assert confirm(store, at=T0) is True
    later = T0 + timedelta(minutes=5)
    again = store.record(
        team_id=TEAM, user_id="U1", guide_id=GUIDE, status="confirmed", now=later, platform="android", source="command"
    )

    assert again.changed is False
    assert again.attestation.recorded_at == T0
    assert again.attestation.platform == "desktop"
    assert count(engine, Attestation) == 1
    assert len(store.audit_entries(team_id=TEAM)) == 1


def test_a_status_change_is_audited_with_old_and_new(store: Store) -> None:
    confirm(store, at=T0)
    later = T0 + timedelta(hours=1)
    result = store.record(
        team_id=TEAM,
        user_id="U1",
        guide_id=GUIDE,
        status="not_applicable",
        now=later,
        source="command",
        reason="no_account",
        actor_id="UMANAGER",
    )

    assert result.changed is True
    assert (result.attestation.status, result.attestation.reason) == ("not_applicable", "no_account")
    assert result.attestation.recorded_at == later
    newest, first = store.audit_entries(team_id=TEAM)
    assert first.detail == {"old": None, "new": "confirmed", "source": "button"}
    assert newest.detail == {"old": "confirmed", "new": "not_applicable", "source": "command", "reason": "no_account"}
    assert (newest.actor_id, newest.subject_id, newest.at) == ("UMANAGER", "U1", later)


def test_a_new_reason_is_a_change(store: Store) -> None:
    def not_applicable(reason: str) -> bool:
        return store.record(
            team_id=TEAM, user_id="U1", guide_id=GUIDE, status="not_applicable", now=T0, source="button", reason=reason
        ).changed

    assert not_applicable("no_account") is True
    assert not_applicable("region") is True
    assert not_applicable("region") is False


def test_simultaneous_identical_clicks_make_one_row_and_one_audit_entry(store: Store, engine: Engine) -> None:
    changed = all_at_once(lambda i: confirm(store, at=T0 + timedelta(milliseconds=i)))

    assert changed.count(True) == 1
    assert count(engine, Attestation) == 1
    assert count(engine, AuditEntry) == 1


def test_simultaneous_different_statuses_are_all_audited_with_a_consistent_history(store: Store) -> None:
    confirm(store, at=T0)
    statuses: list[Status] = [Status.NOT_APPLICABLE, Status.CONFIRMED] * (THREADS // 2)

    def click(i: int) -> bool:
        return store.record(
            team_id=TEAM,
            user_id="U1",
            guide_id=GUIDE,
            status=statuses[i],
            now=T0,
            source="button",
        ).changed

    changes = all_at_once(click).count(True)

    entries = list(reversed(store.audit_entries(team_id=TEAM)))
    assert len(entries) == changes + 1
    # Each entry's old status is the previous entry's new one: no change was lost or misreported.
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.detail is not None and before.detail is not None
        assert after.detail["old"] == before.detail["new"]


def test_records_are_scoped_by_workspace(store: Store) -> None:
    confirm(store, team=TEAM)
    assert confirm(store, team=OTHER_TEAM) is True
    assert store.attestations_for(team_id=OTHER_TEAM, user_id="U1", now=T0)[0].team_id == OTHER_TEAM
    assert len(store.audit_entries(team_id=OTHER_TEAM)) == 1


@pytest.mark.parametrize(
    ("status", "snooze_until", "platform"),
    [
        ("done", None, None),
        ("snoozed", None, None),
        ("confirmed", T0 + timedelta(days=1), None),
        ("snoozed", T0, None),
        ("confirmed", None, "windows"),
    ],
)
def test_invalid_records_are_refused(store: Store, status: str, snooze_until: datetime | None, platform: str) -> None:
    with pytest.raises(ValueError):
        store.record(
            team_id=TEAM,
            user_id="U1",
            guide_id=GUIDE,
            status=status,  # type: ignore[arg-type]
            now=T0,
            source="button",
            snooze_until=snooze_until,
            platform=platform,  # type: ignore[arg-type]
        )


# -- time ---------------------------------------------------------------------


def test_times_come_back_aware_in_utc_and_equal_to_what_was_passed(store: Store) -> None:
    paris = timezone(timedelta(hours=1))
    now = datetime(2026, 11, 20, 10, 30, 15, 123456, tzinfo=paris)
    until = now + timedelta(days=3)
    store.record(
        team_id=TEAM, user_id="U1", guide_id=GUIDE, status="snoozed", now=now, source="button", snooze_until=until
    )

    [view] = store.attestations_for(team_id=TEAM, user_id="U1", now=now)
    [entry] = store.audit_entries(team_id=TEAM)
    for value, expected in [(view.recorded_at, now), (view.snooze_until, until), (entry.at, now)]:
        assert value == expected
        assert value is not None and value.utcoffset() == timedelta(0)
    assert view.recorded_at.tzinfo is not None


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        confirm(store, at=datetime(2026, 11, 20, 9, 0))


def test_a_snooze_that_ran_out_is_reported_as_pending(store: Store) -> None:
    until = T0 + timedelta(days=1)
    store.record(
        team_id=TEAM, user_id="U1", guide_id=GUIDE, status="snoozed", now=T0, source="button", snooze_until=until
    )
    confirm(store, user="U1", guide="linkedin-data-download")

    def guides(now: datetime) -> dict[str, str]:
        return {view.guide_id: view.status for view in store.attestations_for(team_id=TEAM, user_id="U1", now=now)}

    assert guides(until - timedelta(seconds=1)) == {GUIDE: "snoozed", "linkedin-data-download": "confirmed"}
    assert guides(until) == {"linkedin-data-download": "confirmed"}
    # The one-guide read (a guide asked for again) says the same, the member's and the guide's row only.
    before, after = until - timedelta(seconds=1), until
    assert [store.attestation_of(team_id=TEAM, user_id="U1", guide_id=GUIDE, now=at) for at in (before, after)] == [
        next(view for view in store.attestations_for(team_id=TEAM, user_id="U1", now=before) if view.guide_id == GUIDE),
        None,
    ]
    assert store.attestation_of(team_id=TEAM, user_id="U2", guide_id=GUIDE, now=before) is None
    assert store.attestation_of(team_id=OTHER_TEAM, user_id="U1", guide_id=GUIDE, now=before) is None
    assert store.attestations_for_guide(team_id=TEAM, guide_id=GUIDE, now=until - timedelta(seconds=1))
    assert store.attestations_for_guide(team_id=TEAM, guide_id=GUIDE, now=until) == []
    # Acting again after the snooze is a change.
    assert confirm(store, at=until + timedelta(hours=1)) is True


def test_attestations_for_guide_lists_members_in_order(store: Store) -> None:
    for user in ["U3", "U1", "U2"]:
        confirm(store, user=user)
    confirm(store, user="U9", guide="other-guide")

    views = store.attestations_for_guide(team_id=TEAM, guide_id=GUIDE, now=T0)
    assert [view.user_id for view in views] == ["U1", "U2", "U3"]


# -- undo ---------------------------------------------------------------------


def test_undo_makes_the_member_pending_and_is_audited(store: Store) -> None:
    confirm(store)
    later = T0 + timedelta(minutes=1)

    assert store.undo(team_id=TEAM, user_id="U1", guide_id=GUIDE, now=later) is True
    assert store.attestations_for(team_id=TEAM, user_id="U1", now=later) == []
    undone = store.audit_entries(team_id=TEAM)[0]
    assert (undone.action, undone.actor_id, undone.subject_id, undone.at) == ("attestation.undone", "U1", "U1", later)
    assert undone.detail == {"old": "confirmed", "new": None}

    assert store.undo(team_id=TEAM, user_id="U1", guide_id=GUIDE, now=later) is False
    assert len(store.audit_entries(team_id=TEAM)) == 2


def test_records_and_undos_racing_leave_a_consistent_row(store: Store, engine: Engine) -> None:
    def act(i: int) -> bool:
        if i % 2:
            return store.undo(team_id=TEAM, user_id="U1", guide_id=GUIDE, now=T0)
        return confirm(store)

    results = all_at_once(act)

    assert count(engine, Attestation) in (0, 1)
    assert count(engine, AuditEntry) == results.count(True)


# -- preferences --------------------------------------------------------------


def test_the_platform_is_remembered_and_replaced(store: Store) -> None:
    assert store.platform_of(team_id=TEAM, user_id="U1") is None
    store.set_platform(team_id=TEAM, user_id="U1", platform="ios", now=T0)
    store.set_platform(team_id=TEAM, user_id="U1", platform="android", now=T0 + timedelta(days=1))

    assert store.platform_of(team_id=TEAM, user_id="U1") == "android"
    assert store.platform_of(team_id=OTHER_TEAM, user_id="U1") is None


# -- Slack retries ------------------------------------------------------------


def test_an_event_is_claimed_once_per_workspace(store: Store) -> None:
    assert store.claim_event(team_id=TEAM, key="Ev01", now=T0) is True
    assert store.claim_event(team_id=TEAM, key="Ev01", now=T0 + timedelta(seconds=1)) is False
    assert store.claim_event(team_id=OTHER_TEAM, key="Ev01", now=T0) is True


def test_simultaneous_retries_are_claimed_once(store: Store, engine: Engine) -> None:
    claims = all_at_once(lambda i: store.claim_event(team_id=TEAM, key="Ev02", now=T0))

    assert claims.count(True) == 1
    assert count(engine, ProcessedEvent) == 1


def test_old_event_keys_are_pruned(store: Store) -> None:
    store.claim_event(team_id=TEAM, key="old", now=T0)
    store.claim_event(team_id=TEAM, key="new", now=T0 + timedelta(hours=2))

    assert store.prune_events(before=T0 + timedelta(hours=1)) == 1
    assert store.claim_event(team_id=TEAM, key="old", now=T0 + timedelta(hours=3)) is True
    assert store.claim_event(team_id=TEAM, key="new", now=T0 + timedelta(hours=3)) is False


# -- audit log ----------------------------------------------------------------


def test_audit_entries_are_newest_first_and_limited(store: Store) -> None:
    for minute in range(5):
        confirm(store, user=f"U{minute}", at=T0 + timedelta(minutes=minute))

    entries = store.audit_entries(team_id=TEAM, limit=3)
    assert [entry.subject_id for entry in entries] == ["U4", "U3", "U2"]


# -- forget-me ----------------------------------------------------------------


def test_forget_member_removes_every_row_naming_them_and_leaves_one_anonymous_entry(
    store: Store, engine: Engine
) -> None:
    # U1 acts for themself and for U2; U2 acts on their own; U1 also exists in another workspace.
    confirm(store, user="U1")
    store.record(
        team_id=TEAM, user_id="U1", guide_id="g2", status="not_applicable", now=T0, source="home", reason="region"
    )
    store.record(team_id=TEAM, user_id="U2", guide_id=GUIDE, status="confirmed", now=T0, source="cmd", actor_id="U1")
    store.record(team_id=TEAM, user_id="U2", guide_id="g2", status="confirmed", now=T0, source="button")
    store.undo(team_id=TEAM, user_id="U1", guide_id="g2", now=T0)
    store.set_platform(team_id=TEAM, user_id="U1", platform="ios", now=T0)
    store.set_platform(team_id=TEAM, user_id="U2", platform="android", now=T0)
    store.claim_event(team_id=TEAM, key="click-1", now=T0, user_id="U1")
    store.claim_event(team_id=TEAM, key="click-2", now=T0, user_id="U2")
    store.claim_event(team_id=TEAM, key="Ev-anon", now=T0)
    confirm(store, user="U1", team=OTHER_TEAM)
    later = T0 + timedelta(days=1)

    # U1's attestation, preference, click; audit: U1 recorded x2, U1 undid, U1 recorded for U2.
    assert store.forget_member(team_id=TEAM, user_id="U1", now=later) == 7

    assert store.attestations_for(team_id=TEAM, user_id="U1", now=later) == []
    assert store.platform_of(team_id=TEAM, user_id="U1") is None
    assert store.claim_event(team_id=TEAM, key="click-1", now=later) is True  # the key is gone
    assert store.claim_event(team_id=TEAM, key="click-2", now=later) is False
    assert store.claim_event(team_id=TEAM, key="Ev-anon", now=later) is False

    assert [v.guide_id for v in store.attestations_for(team_id=TEAM, user_id="U2", now=later)] == ["g2", GUIDE]
    assert store.platform_of(team_id=TEAM, user_id="U2") == "android"
    entries = store.audit_entries(team_id=TEAM)
    forgotten, *rest = entries
    assert (forgotten.action, forgotten.actor_id, forgotten.subject_id, forgotten.at) == (
        "member.forgotten",
        None,
        None,
        later,
    )
    assert forgotten.detail == {"rows": 7}
    assert [(entry.actor_id, entry.subject_id) for entry in rest] == [("U2", "U2")]
    assert all("U1" not in repr(entry) for entry in entries)

    # The same member in another workspace is a separate person's data there.
    assert len(store.attestations_for(team_id=OTHER_TEAM, user_id="U1", now=later)) == 1
    assert count(engine, Attestation) == 3


def test_forget_member_without_data_still_notes_the_request(store: Store) -> None:
    assert store.forget_member(team_id=TEAM, user_id="U404", now=T0) == 0
    assert [entry.action for entry in store.audit_entries(team_id=TEAM)] == ["member.forgotten"]


def test_forget_member_covers_tables_added_later(store: Store, engine: Engine) -> None:
    # A future table (e.g. a delivery ledger) is forgotten just by marking its member column.
    table = Table(
        "test_deliveries",
        Base.metadata,
        Column("team_id", String(32), ForeignKey("workspaces.team_id"), primary_key=True),
        Column("key", String(64), primary_key=True),
        Column("recipient_id", String(32), info=NAMES_MEMBER),
        Column("sent_at", UtcDateTime()),
    )
    try:
        table.create(engine)
        store.ensure_workspace(team_id=TEAM, now=T0)
        with engine.begin() as conn:
            conn.execute(
                table.insert(),
                [
                    {"team_id": TEAM, "key": "dm-1", "recipient_id": "U1", "sent_at": T0},
                    {"team_id": TEAM, "key": "dm-2", "recipient_id": "U2", "sent_at": T0},
                ],
            )

        assert store.forget_member(team_id=TEAM, user_id="U1", now=T0) == 1

        with engine.connect() as conn:
            assert conn.execute(select(table.c.recipient_id)).scalars().all() == ["U2"]
    finally:
        Base.metadata.remove(table)
        table.drop(engine, checkfirst=True)
