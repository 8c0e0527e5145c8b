"""A manager audit: snoozed members are neither "nobody pending 🎉" nor invisible; a line stands alone; a stopped
campaign says when and by whom; no active campaign still points to the reports of stopped ones."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from tests.conftest import SettableClock, signed
from tests.reports.conftest import CAMPAIGN, GUIDE, START, Bot, serve

# MEMBER (Rome) snoozes at START, Tuesday 11:00 there: the reminder DM, and the snooze's end, is Monday's 10:00.
MEMBER_SNOOZE_ENDS = "2026-12-07 09:00 UTC"


def all_but_member_answer(bot: Bot) -> None:
    for user in (ADMIN, MANAGER):
        bot.click("attest_confirmed", f"{GUIDE}|", user=user)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)


def digest_of(bot: Bot) -> str:
    reports = bot.served.services.reports
    summary = reports.summary(team_id=bot.team, campaign_id=CAMPAIGN)
    message = reports.renderer.digest(summary, final=False, command="/privacy")
    return str(message.blocks)


def test_a_snoozed_member_with_nobody_pending_is_no_celebration_but_says_when_the_snooze_ends(
    bot: Bot, campaign: str
) -> None:
    all_but_member_answer(bot)
    for shown in (bot.command(f"report {campaign}", user=ADMIN), digest_of(bot)):
        assert ":tada:" not in shown
        assert "Nobody is pending; 1 snoozed" in shown
        assert f"The first snooze ends {MEMBER_SNOOZE_ENDS}" in shown
        assert "reminder DM" in shown


def test_the_nudge_answer_says_who_is_snoozed_when_nobody_is_pending(bot: Bot, campaign: str) -> None:
    all_but_member_answer(bot)
    answer = bot.command(f"nudge {campaign}", user=ADMIN)
    assert "Nobody to nudge" in answer and "nobody is pending; 1 snoozed" in answer
    assert f"The first snooze ends {MEMBER_SNOOZE_ENDS}" in answer


def test_everyone_answered_is_celebrated(bot: Bot, campaign: str) -> None:
    for user in (ADMIN, MANAGER, MEMBER):
        bot.click("attest_confirmed", f"{GUIDE}|", user=user)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    assert ":tada: Everyone has answered" in bot.command(f"report {campaign}", user=ADMIN)


def test_snoozed_members_are_listed_with_the_day_each_snooze_ends(bot: Bot, campaign: str) -> None:
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert "*Snoozed* (1)" in shown
    assert f"<@{MEMBER}> until 2026-12-07" in shown
    # Still pending, and listed as such: the two lists add up to the counts.
    assert "*Pending* (3)" in shown


def test_many_snoozed_members_are_mentioned_within_limits_with_and_n_more(bot: Bot, slack: FakeSlack) -> None:
    with slack.lock:
        many = slack.workspace.add_many_users(22, channel=GENERAL)
    bot.served.services.members.refresh(team_id=bot.team)
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    for user in many:
        bot.click("attest_snoozed", f"{GUIDE}|", user=user)
    shown = bot.command("report linkedin", user=ADMIN)
    snoozed = shown[shown.index("*Snoozed* (22)") :]
    assert len(re.findall(r"<@U\w+> until", snoozed)) == 20
    assert "…and 2 more" in snoozed


def test_below_report_min_group_no_snoozed_member_is_named(
    slack: FakeSlack, bot_db: Path, clock: SettableClock
) -> None:
    clock.set(START)
    served = serve(slack, bot_db, clock, report_min_group=5)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
        all_but_member_answer(bot)
        for shown in (bot.command(f"report {CAMPAIGN}", user=ADMIN), digest_of(bot)):
            assert "<@" not in shown and "*Snoozed*" not in shown
            assert "Counts only" in shown and "Snoozed *1*" in shown
    finally:
        served.stop()


def test_the_one_line_report_says_how_many_of_the_audience_answered(bot: Bot, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    assert "1 of 4 answered (25%) · 2 pending · 1 snoozed · deadline 2026-12-15" in bot.command("report", user=ADMIN)


def test_with_no_active_campaign_the_reports_of_stopped_ones_are_pointed_to(bot: Bot) -> None:
    alone = bot.command("report", user=ADMIN)
    assert "No active campaigns" in alone and "campaign list" not in alone
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    bot.command(f"campaign stop {CAMPAIGN}", user=ADMIN)
    shown = bot.command("report", user=ADMIN)
    assert "No active campaigns" in shown
    assert "`/privacy campaign list`" in shown and "`/privacy report <id>`" in shown


def test_a_stopped_campaigns_report_says_when_and_by_whom(bot: Bot, campaign: str, clock: SettableClock) -> None:
    clock.set(datetime(2026, 12, 3, 14, 30, tzinfo=UTC))
    bot.command(f"campaign stop {campaign}", user=MANAGER)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert f"stopped: no reminders go out for it (stopped 2026-12-03 14:30 UTC by <@{MANAGER}>)" in shown


def test_a_stopper_who_used_forget_me_is_not_named_but_the_time_stays(bot: Bot, campaign: str) -> None:
    bot.command(f"campaign stop {campaign}", user=MANAGER)
    reply: Any = bot.click("forget_confirm", "yes", user=MANAGER)
    assert "I deleted" in str(reply)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert "(stopped 2026-12-01 10:00 UTC)" in shown and f"<@{MANAGER}>" not in shown


def test_snoozed_and_stopper_read_alike_on_either_database(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    clock.set(START)
    served = serve(slack, database_url, clock)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
        all_but_member_answer(bot)
        clock.set(datetime(2026, 12, 2, 8, 15, 30, 123456, tzinfo=UTC))  # a time to the microsecond
        bot.command(f"campaign stop {CAMPAIGN}", user=MANAGER)
        shown = bot.command(f"report {CAMPAIGN}", user=ADMIN)
        assert f"<@{MEMBER}> until 2026-12-07" in shown
        assert f"(stopped 2026-12-02 08:15 UTC by <@{MANAGER}>)" in shown
    finally:
        served.stop()
