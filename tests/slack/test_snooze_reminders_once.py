"""A snooze ("Remind me later") promises one DM, whatever happens to the guide's campaign meanwhile: it may
end, be stopped or start between the snooze's reminder and the next tick, which still looks back over
snoozes that ended days ago."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from bot.cli import Served, serve_in_background
from bot.core import OccasionKind
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from bot.slack.plaintext import render
from bot.store.ledger import DeliveryLedger, DeliveryState, LedgerKey
from tests.conftest import SettableClock, final_answer, local_settings, signed

UTC = dt.UTC
GUIDE = "linkedin-ai-training"
DEADLINE = "2026-12-15"  # a Tuesday
CAMPAIGN = f"{GUIDE}-{DEADLINE}"
TODAY = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
# Chiara (Rome, UTC+1) snoozes on Monday at 09:00 in Rome. Three days on would be Thursday the 17th, past the
# campaign's deadline: her reminder is due on the deadline day, at 10:00 in Rome (09:00 UTC), in the words of
# that day's DM. Without a campaign it is due three days on, on Thursday at 10:00 in Rome.
SNOOZED_AT = dt.datetime(2026, 12, 14, 8, 0, tzinfo=UTC)
REMINDER_DUE = dt.datetime(2026, 12, 15, 9, 0, tzinfo=UTC)
REMINDER_DUE_WITHOUT_CAMPAIGN = dt.datetime(2026, 12, 17, 9, 0, tzinfo=UTC)
# The day after the deadline has ended everywhere (12:00 UTC on the 17th): the campaign is no longer active.
CAMPAIGN_ENDED = dt.datetime(2026, 12, 17, 12, 0, tzinfo=UTC)
SNOOZE_OVER = "You asked me to remind you"
LAST_DAY = "today is the last day"


@pytest.fixture
def bot(slack: FakeSlack, clock: SettableClock, database_url: str) -> Iterator[Served]:
    clock.set(TODAY)
    served = serve_in_background(local_settings(slack, Path("unused"), database_url=database_url), clock=clock)
    try:
        yield served
    finally:
        served.stop()


def command(served: Served, slack: FakeSlack, clock: SettableClock, text: str, *, user_id: str) -> str:
    return render(final_answer(signed(served, slack, clock), text, user_id=user_id).get("blocks") or [])


def start_campaign(served: Served, slack: FakeSlack, clock: SettableClock) -> None:
    clock.set(TODAY)
    assert CAMPAIGN in command(served, slack, clock, f"campaign start linkedin <#{GENERAL}> {DEADLINE}", user_id=ADMIN)


def snooze(served: Served, slack: FakeSlack, clock: SettableClock, at: dt.datetime = SNOOZED_AT) -> None:
    clock.set(at)
    assert "remind you about" in command(served, slack, clock, "later linkedin", user_id=MEMBER)


def tick(served: Served, clock: SettableClock, at: dt.datetime) -> None:
    clock.set(at)
    served.tick()
    served.settle()


def snooze_dms(slack: FakeSlack) -> list[str]:
    """The reminder DMs: in the snooze's words, or on the deadline day in that day's."""
    return [text for message in slack.dm_messages(MEMBER) if SNOOZE_OVER in (text := message.text) or LAST_DAY in text]


def ledger(served: Served) -> DeliveryLedger:
    return DeliveryLedger(served.services.recording.store._engine)  # noqa: SLF001 - the bot's own database


def test_the_snooze_over_dm_is_not_sent_again_once_the_campaign_has_ended(
    bot: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    start_campaign(bot, slack, clock)
    snooze(bot, slack, clock)
    tick(bot, clock, REMINDER_DUE)
    assert len(snooze_dms(slack)) == 1
    tick(bot, clock, CAMPAIGN_ENDED)
    tick(bot, clock, CAMPAIGN_ENDED + dt.timedelta(hours=1))
    assert len(snooze_dms(slack)) == 1
    # Kept for reports no longer than the campaign's own rows, then forgotten: it names Chiara.
    clock.set(CAMPAIGN_ENDED + dt.timedelta(days=91))
    bot.services.delivery.prune()
    assert ledger(bot).counts(team_id=bot.team_id) == {}


def test_the_snooze_over_dm_is_not_sent_again_once_a_manager_stopped_the_campaign(
    bot: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    start_campaign(bot, slack, clock)
    snooze(bot, slack, clock)
    tick(bot, clock, REMINDER_DUE)
    assert len(snooze_dms(slack)) == 1
    clock.set(REMINDER_DUE + dt.timedelta(minutes=5))
    assert "stopped" in command(bot, slack, clock, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    tick(bot, clock, REMINDER_DUE + dt.timedelta(minutes=15))
    assert len(snooze_dms(slack)) == 1


def test_the_snooze_over_dm_is_not_sent_again_when_a_campaign_for_the_guide_starts(
    bot: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    snooze(bot, slack, clock)
    tick(bot, clock, REMINDER_DUE_WITHOUT_CAMPAIGN)
    assert len(snooze_dms(slack)) == 1
    clock.set(REMINDER_DUE_WITHOUT_CAMPAIGN + dt.timedelta(minutes=5))
    assert "started" in command(bot, slack, clock, f"campaign start linkedin <#{GENERAL}> 2026-12-31", user_id=ADMIN)
    tick(bot, clock, REMINDER_DUE_WITHOUT_CAMPAIGN + dt.timedelta(minutes=15))
    assert len(snooze_dms(slack)) == 1


def test_a_snooze_over_dm_an_earlier_version_recorded_under_the_campaign_is_not_sent_again_after_an_upgrade(
    bot: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    """Earlier versions keyed the reminder by the campaign active at the time: such a row still settles it."""
    start_campaign(bot, slack, clock)
    snooze(bot, slack, clock)
    [snoozed_until] = [
        item.snooze_until
        for item in bot.services.recording.status(team_id=bot.team_id, user_id=MEMBER)
        if item.guide.id == GUIDE and item.snooze_until is not None
    ]
    sent_before = LedgerKey(
        team_id=bot.team_id,
        campaign_id=CAMPAIGN,
        kind=OccasionKind.SNOOZE_END,
        occasion=f"{GUIDE}@{snoozed_until.strftime('%Y%m%dT%H%M%S')}",
        target=MEMBER,
    )
    book = ledger(bot)
    claim = book.claim(sent_before, due_at=REMINDER_DUE, now=REMINDER_DUE, lease=dt.timedelta(seconds=60))
    assert claim is not None
    assert book.finish(sent_before, claim=claim, state=DeliveryState.SENT, now=REMINDER_DUE)
    tick(bot, clock, REMINDER_DUE + dt.timedelta(minutes=15))
    tick(bot, clock, CAMPAIGN_ENDED)
    assert snooze_dms(slack) == []
    assert book.counts(team_id=bot.team_id)[("snooze", "sent")] == 1


def test_the_snooze_over_dm_keeps_the_campaigns_time_of_day_after_the_campaign_ended(
    slack: FakeSlack, clock: SettableClock, database_url: str, tmp_path: Path
) -> None:
    """The reminder's time must not jump when the campaign stops being active: jumping back to 10:00 sent it
    at a time nobody chose, and for a member far enough east made it more than 12 h late: dropped unsent.
    A reminder due after its campaign ended is one snoozed on the deadline day after that day's DM."""
    campaigns = tmp_path / "campaigns.toml"
    campaigns.write_text(
        f'[[campaign]]\nid = "evening"\nguide = "{GUIDE}"\nchannels = ["{GENERAL}"]\n'
        f'deadline = {DEADLINE}\nremind_at = "23:30"\n'
    )
    clock.set(TODAY)
    served = serve_in_background(
        local_settings(slack, Path("unused"), database_url=database_url, campaigns_file=campaigns), clock=clock
    )
    try:
        # At 23:35 in Rome on the deadline day; the snooze ends Friday 23:35, and as that is past 23:30 and the
        # next day a Saturday, its reminder is due Monday the 21st at 23:30 in Rome (22:30 UTC).
        snooze(served, slack, clock, at=dt.datetime(2026, 12, 15, 22, 35, tzinfo=UTC))
        tick(served, clock, CAMPAIGN_ENDED + dt.timedelta(minutes=15))
        assert snooze_dms(slack) == []
        tick(served, clock, dt.datetime(2026, 12, 21, 22, 30, tzinfo=UTC))
        assert len(snooze_dms(slack)) == 1
    finally:
        served.stop()


def test_a_tick_reads_the_campaigns_once_however_often_it_asks_which_run(
    bot: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # Which campaigns run, when each began (the tick settles the reminders of days gone by) and each guide's
    # latest (for the snooze's reminder) come from one read of the table for reminders, and one for digests.
    start_campaign(bot, slack, clock)
    snooze(bot, slack, clock)
    engine = bot.services.recording.store._engine  # noqa: SLF001 - the bot's own database
    reads: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if "FROM campaigns" in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        tick(bot, clock, REMINDER_DUE)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(snooze_dms(slack)) == 1
    assert len(reads) == 2


def test_the_reminders_a_snooze_put_off_are_not_logged_as_missed_when_it_ends(
    bot: Served, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    # Chiara's DM of the 14th fell inside her snooze: she asked for it not to come. Once her snooze ended it
    # was planned again, a day late, and the operator read "skipped {'nudge': 1}: missed" as if the bot had been down.
    start_campaign(bot, slack, clock)
    tick(bot, clock, SNOOZED_AT - dt.timedelta(hours=1))  # the posts and DMs of the 1st and the 8th: long missed
    snooze(bot, slack, clock)
    # Hourly through the 14th (her 10:00 in Rome among them: snoozed, not sent) to the hour before her reminder.
    for hours in range(1, 25):
        tick(bot, clock, SNOOZED_AT + dt.timedelta(hours=hours))
    caplog.clear()
    with caplog.at_level("INFO", logger="bot.service.delivery"):
        tick(bot, clock, REMINDER_DUE)
    assert len(snooze_dms(slack)) == 1
    assert "missed" not in caplog.text
    assert [text for message in slack.dm_messages(MEMBER) if "1 day left" in (text := message.text)] == []
