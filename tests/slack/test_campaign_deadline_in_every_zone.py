"""A campaign runs until its deadline day, and the final digest's day, have ended in every time zone: a bot
on Kiritimati (UTC+14) still owes Pago Pago (UTC-11) and Baker Island (UTC-12) their deadline-day DM a
day after its own calendar has moved on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.campaigns import validate_campaign
from bot.cli import Served, serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, make_user
from bot.slack.plaintext import render
from bot.store import make_engine
from tests.conftest import SettableClock, local_settings, signed

UTC = dt.UTC
KIRITIMATI = "Pacific/Kiritimati"  # UTC+14, the first zone to start a day
PAGO_PAGO = "U0PAGO"  # Pacific/Pago_Pago, UTC-11
BAKER = "U0BAKER"  # Etc/GMT+12, UTC-12: the last zone to end a day
FAR_WEST = "C0FARWEST"
CAMPAIGN = "far-west"
DEADLINE = dt.date(2026, 12, 15)  # a Tuesday
BEFORE = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def far_west_bot(slack: FakeSlack, clock: SettableClock, database_url: str, *, bot_timezone: str) -> Served:
    """The bot in `bot_timezone`, with #far-west: Pago Pago, Baker Island and Ada (London)."""
    with slack.lock:
        slack.workspace.add_user(make_user(PAGO_PAGO, "sina", "Sina Tuilagi", tz="Pacific/Pago_Pago"))
        slack.workspace.add_user(make_user(BAKER, "baker", "Baker Keeper", tz="Etc/GMT+12"))
        slack.workspace.add_channel(FAR_WEST, "far-west", [PAGO_PAGO, BAKER, ADMIN])
    clock.set(BEFORE)
    settings = local_settings(slack, Path("unused"), database_url=database_url, bot_timezone=bot_timezone)
    return serve_in_background(settings, clock=clock)


def start(served: Served, *, remind_at: str = "10:00") -> None:
    campaign = validate_campaign(
        {
            "id": CAMPAIGN,
            "guide": "linkedin-ai-training",
            "channels": [FAR_WEST],
            "deadline": DEADLINE,
            "remind_days_before": [0],
            "remind_at": remind_at,
        },
        where="test",
    )
    served.services.campaigns.load(team_id=served.team_id, campaigns=[campaign])


def tick(served: Served, clock: SettableClock, at: dt.datetime) -> None:
    """The scheduler's tick at `at`: reminders, then digests."""
    clock.set(at)
    served.tick()
    served.settle()


def dms(slack: FakeSlack, user_id: str) -> list[str]:
    return [message.text for message in slack.dm_messages(user_id) if "A friendly reminder" in message.text]


def delivery_state(served: Served, target: str) -> str | None:
    engine = make_engine(str(served.services.recording.store._engine.url))  # noqa: SLF001 - the bot's own database
    try:
        with engine.connect() as db:
            row = db.execute(
                text("SELECT state FROM deliveries WHERE campaign_id = :c AND kind = 'nudge' AND target = :t"),
                {"c": CAMPAIGN, "t": target},
            ).first()
    finally:
        engine.dispose()
    return None if row is None else str(row[0])


def test_an_evening_deadline_dm_reaches_the_far_west_after_the_bots_own_day_after_has_ended(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    """23:00 on the deadline day in Pago Pago is 10:00 UTC on the 16th, already the 17th on Kiritimati."""
    served = far_west_bot(slack, clock, database_url, bot_timezone=KIRITIMATI)
    try:
        start(served, remind_at="23:00")
        tick(served, clock, dt.datetime(2026, 12, 16, 9, 59, tzinfo=UTC))
        assert dms(slack, PAGO_PAGO) == []
        tick(served, clock, dt.datetime(2026, 12, 16, 10, 0, tzinfo=UTC))
        [pago_pago] = dms(slack, PAGO_PAGO)
        assert "today is the last day (deadline 2026-12-15)" in pago_pago
        assert dms(slack, BAKER) == []
        tick(served, clock, dt.datetime(2026, 12, 16, 11, 0, tzinfo=UTC))  # 23:00 on the 15th on Baker Island
        [baker] = dms(slack, BAKER)
        assert "today is the last day (deadline 2026-12-15)" in baker
        assert (delivery_state(served, PAGO_PAGO), delivery_state(served, BAKER)) == ("sent", "sent")
    finally:
        served.stop()


def test_a_far_west_deadline_dm_missed_while_the_bot_was_down_is_recorded_as_skipped(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    """Baker Island's 10:00 DM was due at 22:00 UTC on the 15th; the bot is back 14 hours later, at 02:00 on
    the 17th on Kiritimati. Too late to send, so the ledger says it was skipped rather than forget it."""
    served = far_west_bot(slack, clock, database_url, bot_timezone=KIRITIMATI)
    try:
        start(served)
        tick(served, clock, dt.datetime(2026, 12, 16, 12, 0, tzinfo=UTC))
        assert dms(slack, BAKER) == [] and dms(slack, PAGO_PAGO) == []
        assert (delivery_state(served, PAGO_PAGO), delivery_state(served, BAKER)) == ("skipped", "skipped")
    finally:
        served.stop()


def report(served: Served, slack: FakeSlack, clock: SettableClock) -> str:
    reply = signed(served, slack, clock).slash_command(text="report", user_id=ADMIN)
    assert reply.status == 200, reply.text
    return render(json.loads(reply.text).get("blocks") or [])


@pytest.mark.parametrize(
    ("bot_timezone", "final_due"),
    [
        (KIRITIMATI, dt.datetime(2026, 12, 15, 19, 0, tzinfo=UTC)),  # 09:00 on the 16th on Kiritimati
        ("UTC", dt.datetime(2026, 12, 16, 9, 0, tzinfo=UTC)),
        ("Etc/GMT+12", dt.datetime(2026, 12, 16, 21, 0, tzinfo=UTC)),
    ],
)
def test_the_final_digest_comes_the_day_after_in_the_bots_zone_and_the_short_report_lists_it_till_the_deadline(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, bot_timezone: str, final_due: dt.datetime
) -> None:
    served = far_west_bot(slack, clock, f"sqlite:///{bot_db}", bot_timezone=bot_timezone)
    try:
        start(served)
        tick(served, clock, final_due - dt.timedelta(minutes=1))
        assert not [m for m in slack.dm_messages(ADMIN) if m.text.startswith("Final summary")]
        tick(served, clock, final_due)
        [final] = [m for m in slack.dm_messages(ADMIN) if m.text.startswith("Final summary")]
        assert "Deadline 2026-12-15 passed yesterday" in str(final.blocks)
        tick(served, clock, final_due + dt.timedelta(minutes=1))
        assert len([m for m in slack.dm_messages(ADMIN) if m.text.startswith("Final summary")]) == 1
        # Active until the deadline day ends in the bot's zone (24 h before the final digest), ended from then on,
        # though the campaign may still DM members further west whose day it still is.
        clock.set(final_due - dt.timedelta(hours=9, minutes=1))
        assert CAMPAIGN in report(served, slack, clock)
        clock.set(final_due - dt.timedelta(hours=9))
        ended = report(served, slack, clock)
        assert "No active campaigns" in ended and f"The last one, `{CAMPAIGN}`, ended on 2026-12-15" in ended
    finally:
        served.stop()
