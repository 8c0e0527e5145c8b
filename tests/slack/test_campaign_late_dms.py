"""A DM that could not go at its 10:00 (the campaign started later that day, the bot was down) goes out
late only while it is still that day, before the evening, where the member is: never into their night.
Channel posts keep the 12-hour rule."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.cli import Served
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST, make_user
from bot.slack import gateway
from bot.store import make_engine
from bot.store.ledger import DeliveryLedger
from tests.conftest import SettableClock

UTC = dt.UTC
TOKYO = "U0KEN"
# A Monday deadline: its 7-days-before reminders are due on Monday 2026-12-07.
START = f"campaign start linkedin <#{GENERAL}|general> 2026-12-14"
EVERYONE = (ADMIN, MANAGER, MEMBER, MEMBER_IST, TOKYO)  # London, New York, Rome, Kolkata, Tokyo


@pytest.fixture
def tokyo(slack: FakeSlack) -> str:
    """Kenji in Tokyo joins #general before the bot starts (and reads its directory)."""
    with slack.lock:
        slack.workspace.add_user(make_user(TOKYO, "kenji", "Kenji Sato", tz="Asia/Tokyo"))
        slack.workspace.channels[GENERAL].members.append(TOKYO)
    return TOKYO


def reminded(slack: FakeSlack) -> set[str]:
    return {user for user in EVERYONE if any("friendly reminder" in m.text for m in slack.dm_messages(user))}


@pytest.mark.parametrize(
    ("started_at", "dmed", "unowed"),
    [
        # 11:00 in Rome (as in Berlin), 15:30 in Kolkata, 19:00 in Tokyo: their 10:00 DM goes at once;
        # 05:00 in New York, whose DM waits for its 10:00. The 14-days-before ones were never owed.
        (dt.datetime(2026, 12, 7, 10, 0, tzinfo=UTC), {ADMIN, MEMBER, MEMBER_IST, TOKYO}, {"announce": 1, "nudge": 5}),
        # 16:00 in London, 17:00 in Rome, 11:00 in New York: still their day. 21:30 in Kolkata and 01:00
        # tomorrow in Tokyo: that DM was past sending when the campaign began, so it was never owed either.
        (dt.datetime(2026, 12, 7, 16, 0, tzinfo=UTC), {ADMIN, MEMBER, MANAGER}, {"announce": 1, "nudge": 7}),
    ],
)
def test_a_campaign_started_later_in_the_day_dms_nobody_in_their_evening(
    tokyo: str,
    sender: SignedSender,
    served: Served,
    slack: FakeSlack,
    clock: SettableClock,
    caplog: pytest.LogCaptureFixture,
    started_at: dt.datetime,
    dmed: set[str],
    unowed: dict[str, int],
) -> None:
    clock.set(started_at)
    assert sender.slash_command(text=START, user_id=ADMIN).status == 200
    with caplog.at_level(logging.INFO):
        report = served.services.delivery.dispatch_due()
        served.settle()
        assert reminded(slack) == dmed
        assert dict(report.sent) == {"announce": 1, "nudge": len(dmed)}  # the channel post, 0 or 6 h late
        assert report.unowed == unowed and not report.skipped  # nothing was missed: nothing to warn about
        # Later that day nothing more goes out, and nothing is counted twice.
        clock.set(started_at.replace(hour=14, minute=59))
        again = served.services.delivery.dispatch_due()
    assert not again.sent and not again.skipped and not again.unowed
    assert reminded(slack) == dmed
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert not [record for record in caplog.records if any(user in record.getMessage() for user in EVERYONE)]


def test_a_bot_down_until_the_evening_skips_the_dms_it_missed_and_says_so(
    tokyo: str,
    sender: SignedSender,
    served: Served,
    slack: FakeSlack,
    clock: SettableClock,
    bot_db: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    assert sender.slash_command(text=START, user_id=ADMIN).status == 200
    served.services.delivery.dispatch_due()
    served.settle()
    before = {user: len(slack.dm_messages(user)) for user in EVERYONE}
    # Down all Monday until 19:30 UTC: 19:30 in London, 14:30 in New York, but 20:30 in Rome, 01:00 in
    # Kolkata and 04:30 in Tokyo (both tomorrow): too late for those three.
    clock.set(dt.datetime(2026, 12, 7, 19, 30, tzinfo=UTC))
    with caplog.at_level(logging.INFO):
        report = served.services.delivery.dispatch_due()
    served.settle()
    got = {user for user in EVERYONE if len(slack.dm_messages(user)) > before[user]}
    assert got == {ADMIN, MANAGER}
    assert dict(report.sent) == {"announce": 1, "nudge": 2}  # the channel post is 9.5 hours late: it goes
    assert report.skipped == {"nudge": 3} and not report.unowed  # owed, and missed: counted and logged
    [warning] = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert "'nudge': 3" in warning and "20:00" in warning
    assert not any(user in warning for user in EVERYONE)
    ledger = DeliveryLedger(make_engine(f"sqlite:///{bot_db}"))
    counts = ledger.counts(team_id=served.team_id, campaign_id="linkedin-ai-training-2026-12-14")
    assert counts[("nudge", "skipped")] == 5 + 3  # the 14-days-before ones (never owed), and these


def test_a_dm_slack_held_back_until_the_evening_is_settled_as_skipped_once(
    tokyo: str,
    sender: SignedSender,
    served: Served,
    slack: FakeSlack,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Slack asks for a long pause just before 20:00 in Rome: the tick gives Chiara's late DM back to the
    ledger. The next tick, past 20:00 there, must settle it as skipped (counted once), not leave it claimed
    for every later tick to look at again, and never send it."""
    monkeypatch.setattr(gateway, "sleep", lambda seconds: None)
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    assert sender.slash_command(text=START, user_id=ADMIN).status == 200
    served.services.delivery.dispatch_due()
    served.settle()
    before = len(slack.dm_messages(MEMBER))
    slack.throttle("chat.postMessage", allow=0, refuse=10, retry_after=900)
    try:
        clock.set(dt.datetime(2026, 12, 7, 18, 50, tzinfo=UTC))  # 19:50 in Rome
        held = served.services.delivery.dispatch_due()
        assert held.retry["nudge"] >= 1 and not held.sent
        clock.set(dt.datetime(2026, 12, 7, 19, 1, tzinfo=UTC))  # 20:01 in Rome, 19:01 in London
        evening = served.services.delivery.dispatch_due()
        clock.set(dt.datetime(2026, 12, 7, 19, 2, tzinfo=UTC))
        after = served.services.delivery.dispatch_due()
    finally:
        slack.throttle("chat.postMessage", allow=0, refuse=0)
    # Chiara's, plus Devi's and Kenji's, whose day had ended before the first of these ticks.
    assert held.skipped == {"nudge": 2} and evening.skipped == {"nudge": 1}
    assert not after.skipped
    assert len(slack.dm_messages(MEMBER)) == before
