"""Answers per day (the report's sparkline) count each answer on its own day in BOT_TIMEZONE, also when the
zone's offset changed between the answer and the report: Lord Howe Island moves by 30 minutes (+10:30 in
winter, +11:00 from the first Sunday of October), which no hour starting at one fixed minute fits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from bot.reports import Slots, day_slots
from tests.conftest import SettableClock, signed
from tests.reports.conftest import GUIDE, Bot, serve


def _answers_per_day(
    slack: FakeSlack, clock: SettableClock, database_url: str, *, zone: str, deadline: date, answers: list[datetime]
) -> dict[date, int]:
    """The report's days with answers, as a manager reading it at the last moment of `answers`' list sees them."""
    *given, read_at = answers
    clock.set(given[0])
    served = serve(slack, database_url, clock, bot_timezone=zone)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        campaign = f"{GUIDE}-{deadline.isoformat()}"
        assert campaign in bot.command(f"campaign start linkedin <#{GENERAL}|general> {deadline}", user=ADMIN)
        for at, member in zip(given, (MEMBER, MEMBER_IST, MANAGER), strict=False):
            clock.set(at)
            bot.click("attest_confirmed", f"{GUIDE}|", user=member)
        clock.set(read_at)
        summary = served.services.reports.summary(team_id=served.team_id, campaign_id=campaign)
        assert summary.trend_start is not None
        return {
            date.fromordinal(summary.trend_start.toordinal() + index): count
            for index, count in enumerate(summary.trend)
            if count
        }
    finally:
        served.stop()


def test_an_answer_after_midnight_in_winter_counts_on_its_day_when_read_in_summer_time(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    answers = [
        datetime(2026, 9, 28, 0, 0, tzinfo=UTC),  # the campaign starts: 10:30 on Monday 28 September there
        datetime(2026, 10, 1, 13, 45, tzinfo=UTC),  # 00:15 on Friday 2 October (+10:30)
        datetime(2026, 10, 3, 13, 20, tzinfo=UTC),  # 23:50 on Saturday 3 October (+10:30, the last evening)
        datetime(2026, 10, 12, 1, 0, tzinfo=UTC),  # the report, read at +11:00
    ]
    shown = _answers_per_day(
        slack, clock, database_url, zone="Australia/Lord_Howe", deadline=date(2026, 10, 30), answers=answers
    )
    assert shown == {date(2026, 9, 28): 1, date(2026, 10, 2): 1, date(2026, 10, 3): 1}


def test_an_answer_after_midnight_in_summer_time_counts_on_its_day_when_read_in_winter(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    answers = [
        datetime(2027, 3, 22, 0, 0, tzinfo=UTC),  # the campaign starts: 11:00 on Monday 22 March there
        datetime(2027, 3, 25, 13, 15, tzinfo=UTC),  # 00:15 on Friday 26 March (+11:00)
        datetime(2027, 4, 2, 12, 40, tzinfo=UTC),  # 23:40 on Friday 2 April (+11:00, two days before the change)
        datetime(2027, 4, 8, 1, 0, tzinfo=UTC),  # the report, read at +10:30
    ]
    shown = _answers_per_day(
        slack, clock, database_url, zone="Australia/Lord_Howe", deadline=date(2027, 4, 20), answers=answers
    )
    assert shown == {date(2027, 3, 22): 1, date(2027, 3, 26): 1, date(2027, 4, 2): 1}


def test_a_whole_hour_summer_time_change_keeps_answers_on_their_days(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    answers = [
        datetime(2026, 10, 19, 9, 0, tzinfo=UTC),  # Monday 19 October, 10:00 in London (BST, +01:00)
        datetime(2026, 10, 21, 23, 30, tzinfo=UTC),  # 00:30 on Thursday 22 October (+01:00)
        datetime(2026, 11, 2, 23, 30, tzinfo=UTC),  # 23:30 on Monday 2 November (GMT)
        datetime(2026, 11, 3, 12, 0, tzinfo=UTC),  # the report
    ]
    shown = _answers_per_day(
        slack, clock, database_url, zone="Europe/London", deadline=date(2026, 11, 20), answers=answers
    )
    assert shown == {date(2026, 10, 19): 1, date(2026, 10, 22): 1, date(2026, 11, 2): 1}


def test_the_trends_slots_never_hold_a_midnight_of_its_days() -> None:
    lord_howe, kolkata, kathmandu = (
        ZoneInfo(name) for name in ("Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu")
    )
    assert day_slots(kolkata, first=date(2026, 12, 1), last=date(2026, 12, 20)) == Slots(seconds=3600, at=1800)
    assert day_slots(kathmandu, first=date(2026, 12, 1), last=date(2026, 12, 20)) == Slots(seconds=3600, at=900)
    # Lord Howe's midnights are at 13:30 UTC until 4 October and at 13:00 from then on.
    assert day_slots(lord_howe, first=date(2026, 9, 28), last=date(2026, 10, 3)) == Slots(seconds=3600, at=1800)
    assert day_slots(lord_howe, first=date(2026, 9, 28), last=date(2026, 10, 12)) == Slots(seconds=1800, at=0)
    assert day_slots(lord_howe, first=date(2026, 10, 5), last=date(2026, 10, 12)) == Slots(seconds=3600, at=0)
    assert day_slots(lord_howe, first=date(2026, 10, 5), last=date(2026, 10, 5)) == Slots()


def test_an_answer_just_after_the_trends_last_day_is_not_on_it_when_the_clocks_changed_that_day(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    answers = [
        datetime(2027, 3, 22, 0, 0, tzinfo=UTC),  # the campaign starts: 11:00 on Monday 22 March there
        # 00:15 on Monday 5 April (+10:30 since Sunday 02:00): after the trend's last day, Sunday 4 April, whose
        # own midnight was at 13:00 UTC (+11:00): the hour from 13:00 UTC spans both days.
        datetime(2027, 4, 4, 13, 45, tzinfo=UTC),
        datetime(2027, 4, 6, 1, 0, tzinfo=UTC),  # the report
    ]
    shown = _answers_per_day(
        slack, clock, database_url, zone="Australia/Lord_Howe", deadline=date(2027, 4, 3), answers=answers
    )
    assert shown == {date(2027, 3, 22): 1}
