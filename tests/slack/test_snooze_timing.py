"""When "Remind me later" really reminds, seen as Chiara (Rome, UTC+1 in December) sees it: the reply to her
click, then the DMs the bot sends her as the scheduler ticks: every half hour through her morning, when each DM
here is due (08:00 and 10:00 in Rome), so the tick a DM comes on says it came then and not earlier; every three
hours otherwise, well within the 12 hours after which a DM would be skipped as stale, so a DM sent at any other
time is still seen, on a tick of its own."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from bot.slack.plaintext import render
from tests.conftest import SettableClock, signed
from tests.reports.conftest import Bot, serve

UTC = dt.UTC
ROME = ZoneInfo("Europe/Rome")
GUIDE = "linkedin-ai-training"
SETUP = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
TICK = dt.timedelta(minutes=30)
# Rome's hours ticked every half hour: from the tick before 08:00 to 10:00 (from 07:30 to 10:00).
MORNING = (dt.time(7, 30), dt.time(10, 0))
SNOOZE_OVER = "You asked me to remind you"
LAST_DAY = "today is the last day"
# A campaign whose deadline is Thursday 17 December, with the default reminder days: DMs at 10:00 in each
# member's zone on Thursday 3 (14 days before), Thursday 10 (7), Wednesday 16 (1) and Thursday 17 (0).
DEADLINE = "2026-12-17"


def rome(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in December 2026, in Chiara's zone, as UTC."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=ROME).astimezone(UTC)


@pytest.fixture
def bot(slack: FakeSlack, bot_db: Path, clock: SettableClock) -> Iterator[Bot]:
    clock.set(SETUP)
    served = serve(slack, bot_db, clock)
    try:
        yield Bot(slack=slack, sender=signed(served, slack, clock), served=served)
    finally:
        served.stop()


def start_campaign(bot: Bot, clock: SettableClock, deadline: str = DEADLINE) -> None:
    clock.set(SETUP)
    shown = bot.command(f"campaign start linkedin <#{GENERAL}|general> {deadline}", user=ADMIN)
    assert f"{GUIDE}-{deadline}" in shown, shown


def remind_me_later(bot: Bot, clock: SettableClock, at: dt.datetime) -> str:
    """Chiara presses "Remind me later" under the guide; what the bot answers her."""
    clock.set(at)
    reply = bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    assert reply is not None
    return str(reply)


def promised(reply: str) -> dt.datetime:
    """The moment the reply names (Slack shows it in the reader's zone)."""
    [stamp] = re.findall(r"<!date\^(\d+)\^", reply)
    return dt.datetime.fromtimestamp(int(stamp), tz=UTC)


def ticks(start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """`start`, then the half hours up to `end` (and `end`) that fall in Rome's MORNING or on every third hour."""
    assert (start.minute % 30, start.second, start.microsecond) == (0, 0, 0), "ticks are on the half hours"
    moment = start
    while moment <= end:
        local = moment.astimezone(ROME).time()
        morning = MORNING[0] <= local <= MORNING[1]
        if moment in (start, end) or morning or (local.hour % 3, local.minute) == (0, 0):
            yield moment
        moment += TICK


def dms_over(bot: Bot, clock: SettableClock, start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """Tick from `start` to `end` as the scheduler would (see above); each DM Chiara gets, with the tick it came on."""
    seen = len(bot.slack.dm_messages(MEMBER))
    received: list[tuple[dt.datetime, str]] = []
    for moment in ticks(start, end):
        clock.set(moment)
        bot.served.tick()
        bot.served.settle()
        messages = bot.slack.dm_messages(MEMBER)
        received.extend((moment, message.text) for message in messages[seen:])
        seen = len(messages)
    return received


def test_without_a_campaign_the_reply_names_the_moment_the_reminder_comes(bot: Bot, clock: SettableClock) -> None:
    # Friday 10:05: three days on is Monday 10:05, past that day's 10:00, so the DM comes Tuesday at 10:00.
    reply = remind_me_later(bot, clock, rome(4, 10, 5))
    assert promised(reply) == rome(8, 10)
    received = dms_over(bot, clock, rome(4, 10, 30), rome(9, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(rome(8, 10), True)]


def test_a_reminder_due_at_the_deadline_days_nudge_is_one_dm_in_the_deadline_days_words(
    bot: Bot, clock: SettableClock
) -> None:
    start_campaign(bot, clock)
    # Monday 09:00: the snooze ends Thursday 09:00, and the next 10:00 is the deadline day's own DM.
    reply = remind_me_later(bot, clock, rome(14, 9))
    assert promised(reply) == rome(17, 10)
    received = dms_over(bot, clock, rome(14, 9, 30), rome(18, 12))
    assert [when for when, _ in received] == [rome(17, 10)]
    [(_, text)] = received
    assert LAST_DAY in text.lower()
    assert SNOOZE_OVER not in text


def test_a_reminder_due_on_another_reminder_day_is_one_dm_the_one_asked_for(bot: Bot, clock: SettableClock) -> None:
    start_campaign(bot, clock)
    # Monday 7, 09:00: the snooze ends Thursday 10 at 09:00; 10:00 that day is also the 7-days-before DM.
    reply = remind_me_later(bot, clock, rome(7, 9))
    assert promised(reply) == rome(10, 10)
    received = dms_over(bot, clock, rome(7, 9, 30), rome(11, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(rome(10, 10), True)]
    # The campaign goes on as before: Chiara, still pending, gets the day-before DM.
    [(_, day_before)] = dms_over(bot, clock, rome(16, 10), rome(16, 10))
    assert "1 day left" in day_before


def test_a_snooze_the_day_before_the_deadline_reminds_on_the_deadline_day_not_after_it(
    bot: Bot, clock: SettableClock
) -> None:
    start_campaign(bot, clock)
    [(_, day_before)] = dms_over(bot, clock, rome(16, 10), rome(16, 10))
    assert "1 day left" in day_before
    # Wednesday 10:05, under that DM: three days on is Saturday, the DM would wait for Monday 21, four days
    # past the deadline. It comes on the deadline day's morning instead, as that day's DM.
    reply = remind_me_later(bot, clock, rome(16, 10, 5))
    assert promised(reply) == rome(17, 10)
    received = dms_over(bot, clock, rome(16, 10, 30), rome(21, 12))
    assert [when for when, _ in received] == [rome(17, 10)]
    [(_, text)] = received
    assert LAST_DAY in text.lower()
    # Reminded, Chiara is pending again, not snoozed past the deadline.
    status = bot.command("status", user=MEMBER)
    assert "reminder snoozed" not in status
    assert "not done yet" in status


def test_a_deadline_at_the_weekend_keeps_the_deadline_day(bot: Bot, clock: SettableClock) -> None:
    # Saturday 19 December: the campaign's own last DM goes out that Saturday (Monday is past it), and so does
    # the reminder of a snooze that would end on Sunday.
    start_campaign(bot, clock, deadline="2026-12-19")
    reply = remind_me_later(bot, clock, rome(17, 10, 5))
    assert promised(reply) == rome(19, 10)
    received = dms_over(bot, clock, rome(17, 10, 30), rome(21, 12))
    assert [(when, LAST_DAY in text.lower()) for when, text in received] == [(rome(19, 10), True)]


def test_a_snooze_after_the_deadline_days_dm_still_gets_the_dm_it_was_promised(bot: Bot, clock: SettableClock) -> None:
    # Pressed under the deadline day's DM itself: no moment before the deadline is left to remind her at, so
    # she is reminded as without a campaign (three days on, Monday 21 at 10:00), and the reply says so.
    start_campaign(bot, clock)
    dms_over(bot, clock, rome(17, 10), rome(17, 10))
    reply = remind_me_later(bot, clock, rome(17, 10, 5))
    assert promised(reply) == rome(21, 10)
    received = dms_over(bot, clock, rome(17, 10, 30), rome(21, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(rome(21, 10), True)]


def test_the_reminder_shows_the_steps_for_the_platform_the_member_asked_about(bot: Bot, clock: SettableClock) -> None:
    clock.set(rome(4, 10))
    assert "desktop" in bot.command("linkedin desktop", user=MEMBER).lower()  # remembered as her platform
    remind_me_later(bot, clock, rome(4, 10, 5))
    dms_over(bot, clock, rome(4, 10, 30), rome(8, 10, 30))
    [reminder] = [m for m in bot.slack.dm_messages(MEMBER) if SNOOZE_OVER in m.text]
    shown = render(reminder.blocks or [])
    assert "Steps on desktop web" in shown and "iPhone/iPad app" not in shown.split("Good to know")[0]


@pytest.mark.parametrize(
    ("back", "reminded"),
    [
        # Due Tuesday 10:00; the bot is back at 21:00, in Chiara's evening: the next morning at 08:00.
        (rome(8, 21), rome(9, 8)),
        # Back on Wednesday at noon, more than 12 hours late but before the evening there: at once.
        (rome(9, 12), rome(9, 12)),
        # Back on Wednesday at 06:00, before the morning there: at 08:00.
        (rome(9, 6), rome(9, 8)),
    ],
)
def test_a_reminder_missed_while_the_bot_was_down_goes_when_it_is_back_not_never(
    bot: Bot, clock: SettableClock, back: dt.datetime, reminded: dt.datetime
) -> None:
    # Friday 10:05: the DM is due Tuesday at 10:00 in Rome. The bot is down from Monday until `back`.
    assert promised(remind_me_later(bot, clock, rome(4, 10, 5))) == rome(8, 10)
    assert dms_over(bot, clock, rome(4, 10, 30), rome(7, 12)) == []
    received = dms_over(bot, clock, back, rome(10, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(reminded, True)]
    counts = bot.served.services.delivery.ledger.counts(team_id=bot.served.team_id)
    assert counts == {("snooze", "sent"): 1}  # never recorded as skipped


def test_a_reminder_missed_on_a_friday_evening_waits_for_monday_morning(bot: Bot, clock: SettableClock) -> None:
    # Monday 7, 10:05: due Friday 11 at 10:00; the bot is down until 20:30 that Friday in Rome.
    assert promised(remind_me_later(bot, clock, rome(7, 10, 5))) == rome(11, 10)
    # What `privacy-bot schedule` lists as the bot comes back.
    [coming] = bot.served.services.delivery.upcoming(now=rome(11, 20, 30), days=7)
    assert (coming.when, coming.kind, coming.count) == (rome(14, 8), "snooze", 1)
    received = dms_over(bot, clock, rome(11, 20, 30), rome(14, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(rome(14, 8), True)]


def test_a_reminder_for_the_deadline_day_missed_until_its_evening_comes_the_next_morning_as_asked_for(
    bot: Bot, clock: SettableClock
) -> None:
    start_campaign(bot, clock)
    # Monday 09:00: reminded on the deadline day, Thursday 17 at 10:00, in that day's words; the bot is down
    # from Wednesday until 21:00 on the deadline day in Rome. The next morning "today is the last day" is
    # no longer true: the reminder comes in the words of "Remind me later".
    assert promised(remind_me_later(bot, clock, rome(14, 9))) == rome(17, 10)
    received = dms_over(bot, clock, rome(17, 21), rome(18, 12))
    assert [when for when, _ in received] == [rome(18, 8)]
    [(_, text)] = received
    assert SNOOZE_OVER in text and LAST_DAY not in text.lower()


def snoozed_until(status: str) -> dt.datetime:
    """The moment `/privacy status` shows for the snoozed guide (Slack shows it in the reader's zone)."""
    [line] = [line for line in status.split("\\n") if "reminder snoozed" in line]
    [stamp] = re.findall(r"<!date\^(\d+)\^", line)
    return dt.datetime.fromtimestamp(int(stamp), tz=UTC)


@pytest.mark.parametrize(
    ("pressed", "reminded"),
    [
        # Monday 14 December, around 10:00 in Rome (the default time of day; a nudge's DM comes then, with the
        # button under it). Three days on is Thursday: at its 10:00 for a press up to the end of that minute, as
        # every time is shown to the minute; from 10:01, Thursday's 10:00 has passed, so Friday's.
        (rome(14, 9, 59), rome(17, 10)),
        (rome(14, 10), rome(17, 10)),
        (rome(14, 10) + dt.timedelta(seconds=5), rome(17, 10)),
        (rome(14, 10) + dt.timedelta(seconds=59, microseconds=999_999), rome(17, 10)),
        (rome(14, 10, 1), rome(18, 10)),
    ],
)
def test_the_reply_the_status_and_the_dm_agree_on_when_around_the_reminders_time(
    bot: Bot, clock: SettableClock, pressed: dt.datetime, reminded: dt.datetime
) -> None:
    assert promised(remind_me_later(bot, clock, pressed)) == reminded
    assert snoozed_until(bot.command("status", user=MEMBER)) == reminded
    # Snoozed up to the DM, not pending meanwhile; then the DM comes when promised, and the member is pending.
    clock.set(reminded - dt.timedelta(seconds=1))
    assert "reminder snoozed" in bot.command("status", user=MEMBER)
    received = dms_over(bot, clock, rome(14, 10, 30), rome(18, 12))
    assert [(when, SNOOZE_OVER in text) for when, text in received] == [(reminded, True)]
    status = bot.command("status", user=MEMBER)
    assert "reminder snoozed" not in status and "not done yet" in status
