"""The delivery ledger and the member directory, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bot.campaigns import validate_campaign
from bot.core import OccasionKind
from bot.store import upgrade
from bot.store.campaign_rows import CampaignStore
from bot.store.directory import MemberDirectory, MemberRow
from bot.store.ledger import DeliveryLedger, DeliveryState, DmDay, LedgerKey, Spared

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
KEY = LedgerKey(team_id="T1", campaign_id="c1", kind=OccasionKind.NUDGE, occasion="d7", target="U1")


def ledger(engine: Engine) -> DeliveryLedger:
    upgrade(engine)
    return DeliveryLedger(engine)


def test_of_many_concurrent_claims_exactly_one_wins(engine: Engine) -> None:
    book = ledger(engine)
    wins: list[int | None] = []
    start = threading.Barrier(8)

    def claim() -> None:
        start.wait()
        wins.append(book.claim(KEY, due_at=T0, now=T0, lease=LEASE))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claim is not None for claim in wins) == [False] * 7 + [True]


def test_a_sent_occasion_is_never_claimed_again(engine: Engine) -> None:
    book = ledger(engine)
    claim = book.claim(KEY, due_at=T0, now=T0, lease=LEASE)
    assert claim is not None
    book.finish(KEY, claim=claim, state=DeliveryState.SENT, now=T0)
    assert not book.claim(KEY, due_at=T0, now=T0 + timedelta(days=1), lease=LEASE)
    assert book.settled(team_id="T1", campaign_id="c1", kinds=[OccasionKind.NUDGE], now=T0) == {("nudge", "d7", "U1")}
    assert book.counts(team_id="T1") == {("nudge", "sent"): 1}


def test_a_claim_whose_sender_died_is_taken_over_after_its_lease(engine: Engine) -> None:
    book = ledger(engine)
    assert book.claim(KEY, due_at=T0, now=T0, lease=LEASE)
    # The first sender never finishes: within the lease nobody else may send.
    assert not book.claim(KEY, due_at=T0, now=T0 + LEASE, lease=LEASE)
    assert book.settled(team_id="T1", campaign_id="c1", kinds=[OccasionKind.NUDGE], now=T0 + LEASE)
    later = T0 + LEASE + timedelta(seconds=1)
    assert book.settled(team_id="T1", campaign_id="c1", kinds=[OccasionKind.NUDGE], now=later) == set()
    assert book.claim(KEY, due_at=T0, now=later, lease=LEASE)
    assert not book.claim(KEY, due_at=T0, now=later, lease=LEASE)


def test_a_released_claim_is_retried_at_once(engine: Engine) -> None:
    book = ledger(engine)
    claim = book.claim(KEY, due_at=T0, now=T0, lease=LEASE)
    assert claim is not None
    book.release(KEY, claim=claim, now=T0)
    assert book.claim(KEY, due_at=T0, now=T0 + timedelta(seconds=15), lease=LEASE)


def test_a_sender_whose_claim_was_taken_over_changes_nothing_of_the_new_owners(engine: Engine) -> None:
    book = ledger(engine)
    first = book.claim(KEY, due_at=T0, now=T0, lease=LEASE)
    later = T0 + LEASE + timedelta(seconds=1)
    second = book.claim(KEY, due_at=T0, now=later, lease=LEASE)  # the first sender was too slow
    assert first is not None and second is not None and first != second
    # The first sender gives up late: it neither frees the claim for a third nor settles it.
    book.release(KEY, claim=first, now=later)
    assert book.claim(KEY, due_at=T0, now=later + timedelta(seconds=1), lease=LEASE) is None
    assert not book.finish(KEY, claim=first, state=DeliveryState.FAILED, now=later)
    assert book.counts(team_id="T1") == {("nudge", "claimed"): 1}
    assert book.finish(KEY, claim=second, state=DeliveryState.SENT, now=later)
    assert book.counts(team_id="T1") == {("nudge", "sent"): 1}


def test_a_skipped_occasion_is_recorded_once_and_never_sent(engine: Engine) -> None:
    book = ledger(engine)
    assert book.skip(KEY, due_at=T0, now=T0 + timedelta(days=1), reason="late")
    assert not book.skip(KEY, due_at=T0, now=T0 + timedelta(days=1), reason="late")
    assert not book.claim(KEY, due_at=T0, now=T0 + timedelta(days=1), lease=LEASE)
    assert book.counts(team_id="T1") == {("nudge", "skipped"): 1}


def test_the_audience_records_who_left_and_who_came_back(engine: Engine) -> None:
    upgrade(engine)
    directory = MemberDirectory(engine)
    directory.set_audience(team_id="T1", campaign_id="c1", user_ids=["U1", "U2", "U3"], now=T0)
    directory.set_audience(team_id="T1", campaign_id="c1", user_ids=["U1", "U3", "U4"], now=T0 + timedelta(days=1))
    assert set(directory.audience(team_id="T1", campaign_id="c1")) == {"U1", "U3", "U4"}
    everyone = directory.audience(team_id="T1", campaign_id="c1", include_left=True)
    assert everyone["U2"] == T0 + timedelta(days=1)
    directory.set_audience(team_id="T1", campaign_id="c1", user_ids=["U1", "U2"], now=T0 + timedelta(days=2))
    assert set(directory.audience(team_id="T1", campaign_id="c1")) == {"U1", "U2"}


def test_the_directory_keeps_members_slack_no_longer_lists(engine: Engine) -> None:
    upgrade(engine)
    directory = MemberDirectory(engine)
    ada = MemberRow(user_id="U1", name="Ada", tz="Europe/London", is_admin=True, is_owner=True, active=True)
    ben = MemberRow(user_id="U2", name="Ben", tz=None, is_admin=False, is_owner=False, active=True)
    directory.replace(team_id="T1", members=[ada, ben], now=T0)
    renamed = MemberRow(user_id="U1", name="Ada L.", tz="Europe/London", is_admin=True, is_owner=True, active=True)
    directory.replace(team_id="T1", members=[renamed], now=T0 + timedelta(hours=1))
    stored = directory.members(team_id="T1")
    assert stored["U1"].name == "Ada L."
    assert stored["U2"].name == "Ben"
    assert not stored["U2"].active  # gone from the workspace: no manager, no digest, no audience
    assert set(directory.members(team_id="T1", user_ids=["U2"])) == {"U2"}


def test_the_directory_names_the_active_admins_and_owners_of_a_workspace(engine: Engine) -> None:
    upgrade(engine)
    directory = MemberDirectory(engine)
    row = MemberRow(user_id="U1", name="Ada", tz=None, is_admin=True, is_owner=False, active=True)
    directory.replace(
        team_id="T1",
        members=[
            row,
            replace(row, user_id="U2", is_admin=False, is_owner=True),
            replace(row, user_id="U3", is_admin=True, is_owner=True),
            replace(row, user_id="U4", active=False),  # deactivated
            replace(row, user_id="U5", is_admin=False),
        ],
        now=T0,
    )
    directory.replace(team_id="T2", members=[replace(row, user_id="U6")], now=T0)
    assert directory.admins(team_id="T1") == {"U1", "U2", "U3"}
    assert directory.admins(team_id="T3") == set()


def _plain_members(count: int) -> list[MemberRow]:
    return [
        MemberRow(user_id=f"U{n:06d}", name=f"user{n}", tz=None, is_admin=False, is_owner=False, active=True)
        for n in range(count)
    ]


def test_many_members_are_written_in_batches(engine: Engine) -> None:
    upgrade(engine)
    directory = MemberDirectory(engine)
    rows = _plain_members(1_234)
    directory.replace(team_id="T1", members=rows, now=T0)
    directory.set_audience(team_id="T1", campaign_id="c1", user_ids=[row.user_id for row in rows], now=T0)
    assert len(directory.members(team_id="T1")) == 1_234
    assert len(directory.audience(team_id="T1", campaign_id="c1")) == 1_234


def test_the_directory_answers_for_the_members_asked_about_in_their_workspace(engine: Engine) -> None:
    # A few are looked up by key, many in one read of the workspace's directory: the same answer either way.
    upgrade(engine)
    directory = MemberDirectory(engine)
    rows = _plain_members(700)
    directory.replace(team_id="T1", members=rows, now=T0)
    directory.replace(team_id="T2", members=[replace(rows[0], name="elsewhere")], now=T0)
    assert directory.members(team_id="T1", user_ids=[]) == {}
    assert directory.members(team_id="T1", user_ids=["U000001", "U000001", "U999999"]) == {"U000001": rows[1]}
    assert directory.members(team_id="T2", user_ids=["U000000", "U000001"]) == {
        "U000000": replace(rows[0], name="elsewhere")
    }
    many = [row.user_id for row in rows[:650]] + ["U999999"]
    assert directory.members(team_id="T1", user_ids=iter(many)) == {row.user_id: row for row in rows[:650]}


def test_pruning_forgets_only_rows_no_tick_plans_again(engine: Engine) -> None:
    book = ledger(engine)
    campaigns = CampaignStore(engine)
    before = T0 - timedelta(days=90)
    for campaign_id, deadline in (
        ("old", before.date() - timedelta(days=10)),
        ("live", T0.date() + timedelta(days=10)),
    ):
        campaign = validate_campaign(
            {"id": campaign_id, "guide": "linkedin-ai-training", "channels": ["C0123ABCD"], "deadline": deadline},
            where="test",
        )
        campaigns.save(team_id="T1", campaign=campaign, origin="slack", now=T0 - timedelta(days=200))

    def row(campaign_id: str, target: str, due: datetime, *, settle: bool = True) -> None:
        key = LedgerKey(team_id="T1", campaign_id=campaign_id, kind=OccasionKind.NUDGE, occasion="d7", target=target)
        claim = book.claim(key, due_at=due, now=due, lease=LEASE)
        assert claim is not None
        if settle:
            book.finish(key, claim=claim, state=DeliveryState.SENT, now=due)

    row("old", "U1", before - timedelta(days=12))  # an over campaign's DM: goes
    row("old", "U2", before + timedelta(days=80))  # a snooze reminder under it, recent: stays
    row("old", "U3", before - timedelta(days=12), settle=False)  # its sender died long ago: goes
    row("old", "U7", before + timedelta(days=85), settle=False)  # a claim still leased: stays
    row("live", "U4", before - timedelta(days=5))  # a campaign still running (a manager's early nudge): stays
    row("", "U5", before - timedelta(days=1))  # an old snooze reminder of no campaign: goes
    row("", "U6", before + timedelta(days=1))  # a recent one: stays
    assert book.prune(before=before) == 3
    remaining = book.counts(team_id="T1")
    assert remaining == {("nudge", "sent"): 3, ("nudge", "claimed"): 1}


def test_a_claim_given_back_is_settled_by_a_skip_once_too_late(engine: Engine) -> None:
    """A DM whose claim was given back (Slack asked for a pause) and whose time then ran out is skipped: a
    row left claimed would be looked at by every later tick, and counted by none."""
    book = ledger(engine)
    claim = book.claim(KEY, due_at=T0, now=T0, lease=LEASE)
    assert claim is not None
    assert not book.skip(KEY, due_at=T0, now=T0 + timedelta(seconds=1), reason="late")  # still held
    book.release(KEY, claim=claim, now=T0 + timedelta(seconds=2))
    assert book.skip(KEY, due_at=T0, now=T0 + timedelta(seconds=3), reason="late")
    assert not book.skip(KEY, due_at=T0, now=T0 + timedelta(seconds=4), reason="late")
    assert not book.claim(KEY, due_at=T0, now=T0 + timedelta(seconds=5), lease=LEASE)
    assert not book.finish(KEY, claim=claim, state=DeliveryState.SENT, now=T0 + timedelta(seconds=6))
    assert book.counts(team_id="T1") == {("nudge", "skipped"): 1}


def test_of_dms_about_one_guide_claimed_at_once_for_a_member_and_day_one_wins_and_the_others_are_spared(
    engine: Engine,
) -> None:
    """Two replicas' ticks, two campaigns for the guide, a manager's nudge and a snooze's reminder, all claiming
    a DM to U1 about the guide at the same moment: the database lets one through; the others are settled as
    spared by their own claim, so no sender goes on to send them."""
    book = ledger(engine)
    day = DmDay(guide_id="linkedin-ai-training", day=T0.date())
    keys = [
        LedgerKey(team_id="T1", campaign_id=campaign_id, kind=kind, occasion=occasion, target="U1")
        for campaign_id, kind, occasion in (
            ("file", OccasionKind.NUDGE, "d7"),
            ("slack", OccasionKind.NUDGE, "d7"),
            ("slack", OccasionKind.MANUAL_NUDGE, "2026-12-01"),
            ("", OccasionKind.SNOOZE_END, "linkedin-ai-training@20261130T090000"),
        )
    ]
    got: list[int | Spared | None] = []
    start = threading.Barrier(2 * len(keys))

    def claim(key: LedgerKey) -> None:
        start.wait()
        got.append(book.claim(key, due_at=T0, now=T0, lease=LEASE, dm=day))

    threads = [threading.Thread(target=claim, args=(key,)) for key in keys * 2]  # each by two replicas
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(claimed, int) for claimed in got) == 1
    assert got.count(Spared.DAY_TAKEN) == len(keys) - 1  # the other replica's claim of one of those is None
    states = [state for (_, state), count in book.counts(team_id="T1").items() for _ in range(count)]
    assert sorted(states) == ["claimed"] + ["skipped"] * (len(keys) - 1)
    # Another guide, another member, another day: each a DM of its own.
    for other, dm in (
        (replace(keys[0], campaign_id="x"), DmDay(guide_id="x-grok-training", day=T0.date())),
        (replace(keys[0], target="U2"), day),
        (replace(keys[0], occasion="d6"), DmDay(guide_id=day.guide_id, day=T0.date() + timedelta(days=1))),
    ):
        assert isinstance(book.claim(other, due_at=T0, now=T0, lease=LEASE, dm=dm), int)


def test_a_dm_holds_the_members_day_while_claimed_or_sent_not_once_failed_or_given_back(engine: Engine) -> None:
    book = ledger(engine)
    day = DmDay(guide_id="linkedin-ai-training", day=T0.date())

    def key(campaign_id: str) -> LedgerKey:
        return LedgerKey(team_id="T1", campaign_id=campaign_id, kind=OccasionKind.NUDGE, occasion="d7", target="U1")

    gone = book.claim(key("a"), due_at=T0, now=T0, lease=LEASE, dm=day)
    assert isinstance(gone, int)
    book.finish(key("a"), claim=gone, state=DeliveryState.FAILED, now=T0)  # the member left: no DM reached them
    held = book.claim(key("b"), due_at=T0, now=T0, lease=LEASE, dm=day)
    assert isinstance(held, int)
    book.release(key("b"), claim=held, now=T0)  # Slack asked for a pause
    sent = book.claim(key("c"), due_at=T0, now=T0, lease=LEASE, dm=day)
    assert isinstance(sent, int)
    book.finish(key("c"), claim=sent, state=DeliveryState.SENT, now=T0)
    # The retry of the one given back comes after another DM went out that day: settled as spared.
    assert book.claim(key("b"), due_at=T0, now=T0 + timedelta(minutes=5), lease=LEASE, dm=day) is Spared.DAY_TAKEN
    assert book.claim(key("b"), due_at=T0, now=T0 + timedelta(minutes=6), lease=LEASE, dm=day) is None
    assert book.counts(team_id="T1") == {("nudge", "failed"): 1, ("nudge", "sent"): 1, ("nudge", "skipped"): 1}
    # The next day is the member's to be reminded on again.
    tomorrow = DmDay(guide_id=day.guide_id, day=T0.date() + timedelta(days=1))
    assert isinstance(book.claim(key("d"), due_at=T0, now=T0 + timedelta(days=1), lease=LEASE, dm=tomorrow), int)


def test_the_last_dm_sent_to_a_member_names_its_guide_whoever_sent_it(engine: Engine) -> None:
    """What "i did it" in reply to a reminder is about, on a replica that did not send it: the guide of the
    member's latest DM sent within the window; one failed, given back or to another member is not it."""
    book = ledger(engine)

    def dm(campaign_id: str, guide_id: str, *, at: datetime, state: DeliveryState, target: str = "U1") -> None:
        key = LedgerKey(team_id="T1", campaign_id=campaign_id, kind=OccasionKind.NUDGE, occasion="d7", target=target)
        claim = book.claim(key, due_at=at, now=at, lease=LEASE, dm=DmDay(guide_id=guide_id, day=at.date()))
        assert isinstance(claim, int)
        book.finish(key, claim=claim, state=state, now=at)

    assert book.last_dm(team_id="T1", target="U1", since=T0) is None
    dm("a", "linkedin-ai-training", at=T0, state=DeliveryState.SENT)
    dm("b", "x-grok-training", at=T0 + timedelta(minutes=10), state=DeliveryState.SENT)
    dm("c", "chatgpt-training", at=T0 + timedelta(minutes=20), state=DeliveryState.FAILED)
    dm("d", "claude-training", at=T0 + timedelta(minutes=30), state=DeliveryState.SENT, target="U2")
    assert book.last_dm(team_id="T1", target="U1", since=T0) == ("x-grok-training", T0 + timedelta(minutes=10))
    assert book.last_dm(team_id="T1", target="U1", since=T0 + timedelta(minutes=11)) is None
    assert book.last_dm(team_id="T2", target="U1", since=T0) is None


def test_the_last_dm_about_a_guide_counts_every_campaign_for_it_and_its_snooze_reminders(engine: Engine) -> None:
    book = ledger(engine)
    campaigns = CampaignStore(engine)
    for campaign_id, guide in (("file", "linkedin-ai-training"), ("slack", "linkedin-ai-training"), ("x", "x_ai")):
        campaign = validate_campaign(
            {"id": campaign_id, "guide": guide, "channels": ["C0123ABCD"], "deadline": T0.date()}, where="test"
        )
        campaigns.save(team_id="T1", campaign=campaign, origin="slack", now=T0)
    kinds = (OccasionKind.NUDGE, OccasionKind.MANUAL_NUDGE, OccasionKind.SNOOZE_END)

    def sent(campaign_id: str, kind: OccasionKind, occasion: str, at: datetime) -> None:
        key = LedgerKey(team_id="T1", campaign_id=campaign_id, kind=kind, occasion=occasion, target="U1")
        claim = book.claim(key, due_at=at, now=at, lease=LEASE)
        assert isinstance(claim, int)
        book.finish(key, claim=claim, state=DeliveryState.SENT, now=at)

    sent("file", OccasionKind.NUDGE, "d14", T0 - timedelta(minutes=1))
    sent("x", OccasionKind.NUDGE, "d0", T0 + timedelta(hours=1))  # another guide
    sent("", OccasionKind.SNOOZE_END, "xyai@20261201T090000", T0 + timedelta(hours=2))  # "_" is no wildcard
    assert book.last_sent_to(team_id="T1", guide_id="linkedin-ai-training", kinds=kinds) == {
        "U1": T0 - timedelta(minutes=1)
    }
    sent("", OccasionKind.SNOOZE_END, "linkedin-ai-training@20261201T090000", T0 + timedelta(hours=3))
    assert book.last_sent_to(team_id="T1", guide_id="linkedin-ai-training", kinds=kinds) == {
        "U1": T0 + timedelta(hours=3)
    }
    assert book.last_sent_to(team_id="T1", guide_id="x_ai", kinds=kinds) == {"U1": T0 + timedelta(hours=1)}


def test_a_claim_whose_sender_died_holds_the_members_day_only_for_its_lease(engine: Engine) -> None:
    """A manager's nudge claimed U1's DM and its process died: nothing retries a manager's nudge, so the day it
    holds must not outlive its lease, or the campaign's own DM that day would be spared for good."""
    book = ledger(engine)
    day = DmDay(guide_id="linkedin-ai-training", day=T0.date())
    dead = LedgerKey(team_id="T1", campaign_id="c1", kind=OccasionKind.MANUAL_NUDGE, occasion="2026-12-01", target="U1")
    assert book.claim(dead, due_at=T0, now=T0, lease=LEASE, dm=day) == 1
    # Within its lease, the sender may still be posting it: another DM that day is spared.
    early = replace(KEY, campaign_id="c2")
    assert book.claim(early, due_at=T0, now=T0 + LEASE / 2, lease=LEASE, dm=day) is Spared.DAY_TAKEN
    # Once it ran out, two replicas' ticks claim the scheduled DM at once: one sends it.
    later = T0 + timedelta(hours=1)
    got: list[int | Spared | None] = []
    start = threading.Barrier(2)

    def claim() -> None:
        start.wait()
        got.append(book.claim(KEY, due_at=later, now=later, lease=LEASE, dm=day))

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got, key=str) == [1, None]
    book.finish(KEY, claim=1, state=DeliveryState.SENT, now=later)
    # The dead claim, were a manager to press again, finds the day taken: one DM that day.
    assert book.claim(dead, due_at=T0, now=later, lease=LEASE, dm=day) is Spared.DAY_TAKEN
    assert book.counts(team_id="T1") == {("manual", "skipped"): 1, ("nudge", "sent"): 1, ("nudge", "skipped"): 1}


def test_a_refusal_noted_without_a_post_is_named_until_a_later_post_goes_through(engine: Engine) -> None:
    book = ledger(engine)
    check = LedgerKey(team_id="T1", campaign_id="c1", kind=OccasionKind.ANNOUNCEMENT, occasion="check", target="C1")
    kinds = [OccasionKind.ANNOUNCEMENT]
    book.note_refused(check, error="is_archived", now=T0)
    book.note_refused(check, error="is_archived", now=T0 + timedelta(days=1))  # the next start looks again
    assert book.refused_to(team_id="T1", campaign_id="c1", kinds=kinds) == {"C1": "is_archived"}
    post = replace(check, occasion="d7")
    claim = book.claim(post, due_at=T0, now=T0 + timedelta(days=2), lease=LEASE)
    assert isinstance(claim, int)
    book.finish(post, claim=claim, state=DeliveryState.SENT, now=T0 + timedelta(days=2))
    assert book.refused_to(team_id="T1", campaign_id="c1", kinds=kinds) == {}
    book.note_refused(check, error="is_archived", now=T0 + timedelta(days=3))  # archived again since
    assert book.refused_to(team_id="T1", campaign_id="c1", kinds=kinds) == {"C1": "is_archived"}
    book.forget(check)
    assert book.refused_to(team_id="T1", campaign_id="c1", kinds=kinds) == {}
