"""`/privacy report` counts exactly what members did, through the bot's real endpoint and the stand-in."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.settings import stand_in_settings
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST, PRIVACY, make_user
from bot.store.repo import MANAGER_REFUSED
from tests.conftest import SettableClock, signed, waited_as_slack_sdk_backs_off
from tests.reports.conftest import GUIDE, START, Bot, serve

COUNTS = re.compile(r"Done \*(\d+)\*.*Doesn't apply \*(\d+)\*.*Snoozed \*(\d+)\*.*Pending \*(\d+)\*", re.S)


def counts(bot: Bot, campaign: str) -> tuple[int, int, int, int, int, int]:
    """(audience, confirmed, not applicable, snoozed, pending, left) as the manager's report shows them,
    checked against the service's own numbers."""
    shown = bot.command(f"report {campaign}", user=ADMIN)
    match = COUNTS.search(shown)
    assert match, shown
    summary = bot.served.services.reports.summary(team_id=bot.team, campaign_id=campaign)
    c = summary.counts
    assert tuple(int(n) for n in match.groups()) == (c.confirmed, c.not_applicable, c.snoozed, c.pending)
    assert f"of {c.audience} members" in shown
    return c.audience, c.confirmed, c.not_applicable, c.snoozed, c.pending, c.left


def test_counts_follow_every_kind_of_answer(bot: Bot, campaign: str) -> None:
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MEMBER)
    bot.click("attest_not_applicable", f"{GUIDE}|", user=MEMBER_IST)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    assert counts(bot, campaign) == (4, 1, 1, 1, 1, 0)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert f"<@{ADMIN}>" in shown and f"<@{MEMBER}>" not in shown
    bot.command("undo linkedin", user=MEMBER_IST)
    assert counts(bot, campaign) == (4, 1, 0, 1, 2, 0)


def test_forget_me_and_leaving_the_channel_are_counted_exactly(bot: Bot, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MEMBER)
    bot.click("attest_confirmed", f"{GUIDE}|ios", user=MANAGER)
    assert counts(bot, campaign) == (4, 2, 0, 0, 2, 0)
    # Forget-me removes every row naming the member, their place in the audience included …
    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MEMBER))
    assert counts(bot, campaign) == (3, 1, 0, 0, 2, 0)
    # … until the audience is read from Slack again (before every reminder, and daily): then pending.
    services = bot.served.services
    stored = services.reports.find(team_id=bot.team, reference=campaign)
    services.delivery.refresh_audience(bot.team, stored.campaign, now=services.reports.clock())
    assert counts(bot, campaign) == (4, 1, 0, 0, 3, 0)
    # A member who leaves the channel is counted apart, not as pending, and is not named as pending.
    with bot.slack.lock:
        bot.slack.workspace.channels[GENERAL].members.remove(MEMBER_IST)
    services.delivery.refresh_audience(bot.team, stored.campaign, now=services.reports.clock())
    assert counts(bot, campaign) == (3, 1, 0, 0, 2, 1)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert f"<@{MEMBER_IST}>" not in shown
    assert "left the audience 1" in shown


def test_a_snooze_that_ran_out_is_pending_again(bot: Bot, campaign: str, clock: SettableClock) -> None:
    # Tuesday 11:00 in Rome: three days on is Friday 11:00, past that day's 10:00, so the reminder DM, and the
    # end of the snooze, are Monday's 10:00 there (09:00 UTC). Snoozed until then, then pending again.
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    assert counts(bot, campaign) == (4, 0, 0, 1, 3, 0)
    clock.advance(timedelta(days=3, minutes=1))
    assert counts(bot, campaign) == (4, 0, 0, 1, 3, 0)
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)


def test_without_a_campaign_every_active_campaign_in_short(bot: Bot, campaign: str) -> None:
    bot.command(f"campaign start linkedin-data-download <#{PRIVACY}|privacy> 2026-12-20", user=ADMIN)
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    shown = bot.command("report", user=ADMIN)
    assert "Active campaigns" in shown
    assert f"`{campaign}`" in shown and "linkedin-data-download-2026-12-20" in shown
    assert "1 of 4 answered (25%) · 3 pending" in shown
    assert "report_show" in shown
    # The details button shows the full report beside it.
    reply = bot.click("report_show", campaign, user=ADMIN)
    assert reply is not None and "Pending" in str(reply["blocks"])


def test_the_short_report_line_counts_the_snoozed_so_it_adds_up_to_the_audience(bot: Bot, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    bot.click("attest_snoozed", f"{GUIDE}|", user=MANAGER)
    assert counts(bot, campaign) == (4, 1, 0, 1, 2, 0)
    shown = bot.command("report", user=ADMIN)
    # 1 done (25%), 2 pending and 1 snoozed: four members, as the full report says; not "2 pending" alone.
    assert "1 of 4 answered (25%) · 2 pending · 1 snoozed · deadline" in shown


def test_pending_members_are_mentioned_within_limits_with_and_n_more(bot: Bot, slack: FakeSlack) -> None:
    with slack.lock:
        slack.workspace.add_many_users(30, channel=GENERAL)
    bot.served.services.members.refresh(team_id=bot.team)  # the daily directory refresh, now
    bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    shown = bot.command("report linkedin", user=ADMIN)
    assert "Pending* (34)" in shown
    assert shown.count("<@U") == 20
    assert "and 14 more" in shown


def test_a_non_manager_gets_a_polite_refusal_no_names_and_is_audited(bot: Bot, campaign: str) -> None:
    bot.click("attest_confirmed", f"{GUIDE}|", user=MANAGER)
    for text in (f"report {campaign}", "report", f"nudge {campaign}", "digest off"):
        shown = bot.command(text, user=MEMBER)
        assert "for the privacy team's managers" in shown
        assert "<@" not in shown and "Done" not in shown
    refusals = [
        entry
        for entry in bot.served.services.members.store.audit_entries(team_id=bot.team)
        if entry.action == MANAGER_REFUSED and entry.actor_id == MEMBER
    ]
    assert sorted(str((entry.detail or {})["what"]) for entry in refusals) == ["digest", "nudge", "report", "report"]


def test_the_manager_group_and_admins_are_managers(bot: Bot, campaign: str) -> None:
    assert "Pending" in bot.command(f"report {campaign}", user=MANAGER)  # through the S0MANAGERS user group
    assert "Pending" in bot.command(f"report {campaign}", user=ADMIN)  # workspace admin and owner


def test_while_slack_has_not_said_who_is_in_the_managers_group_no_one_is_refused_as_not_in_it(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, retry_waits: list[float]
) -> None:
    # Started while Slack fails to list the group: only admins are known to be managers.
    slack.fail("usergroups.users.list", times=1000, status=500)
    clock.set(START)
    served = serve(slack, bot_db, clock)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        for user in (MANAGER, MEMBER):  # either may be in the group
            shown = bot.command("report", user=user)
            assert "couldn't check with Slack" in shown and "try again" in shown
            assert "for the privacy team's managers" not in shown
        assert "No active campaigns" in bot.command("report", user=ADMIN)
        entries = served.services.members.store.audit_entries(team_id=bot.team)
        assert not [entry for entry in entries if entry.action == MANAGER_REFUSED]  # unknown is not refused
        slack.fail("usergroups.users.list", times=0)  # Slack is back
        # Each read Slack failed was tried three times, after slack_sdk's backoff.
        failed = [call.status for call in slack.calls_to("usergroups.users.list")]
        assert failed and set(failed) == {500} and len(failed) % 3 == 0, failed
        assert waited_as_slack_sdk_backs_off(retry_waits, calls=len(failed) // 3), retry_waits
        assert "No active campaigns" in bot.command("report", user=MANAGER)
        assert "for the privacy team's managers" in bot.command("report", user=MEMBER)
    finally:
        served.stop()


def test_an_admin_asking_before_slack_has_listed_the_members_is_not_refused(
    slack: FakeSlack, bot_db: Path, clock: SettableClock, retry_waits: list[float]
) -> None:
    # A fresh install without MANAGERS: the admins are the managers, and only users.list says who they are.
    # Slack fails that read (or has not finished it: a big workspace pages slowly), so the bot cannot tell
    # an admin from anyone else yet, and must not tell the admin they are not a manager.
    slack.fail("users.list", times=1000, status=500)
    clock.set(START)
    settings = stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{bot_db}", managers=())
    served = serve_in_background(settings, clock=clock)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        shown = bot.command("report", user=ADMIN)
        assert "couldn't check with Slack" in shown and "try again" in shown
        assert "for the privacy team's managers" not in shown
        entries = served.services.members.store.audit_entries(team_id=bot.team)
        assert not [entry for entry in entries if entry.action == MANAGER_REFUSED]  # unknown is not refused
        slack.fail("users.list", times=0)  # Slack is back
        assert "No active campaigns" in bot.command("report", user=ADMIN)
        assert "for the privacy team's managers" in bot.command("report", user=MEMBER)
    finally:
        served.stop()


NEWCOMER = "U0NIA"
# The last 14-days-before DM goes out at 10:00 in New York, 15:00 UTC: the audience is read before it, and
# then no reminder is due for a week.
LAST_DM = START.replace(hour=15)


def tick_until(bot: Bot, clock: SettableClock, until: datetime, *, every: timedelta = timedelta(hours=1)) -> None:
    """The scheduler's ticks up to `until` (sparser than every 15 s: nothing is due in between)."""
    while clock() < until:
        clock.set(min(clock() + every, until))
        bot.served.tick()
    bot.served.settle()


def test_the_audience_is_read_again_daily_between_reminder_days(bot: Bot, campaign: str, clock: SettableClock) -> None:
    """Leavers are seen at the next audience refresh, "which runs before every reminder and daily": in the
    week between the 14- and the 7-days-before reminders the scheduler reads the audience again once a day,
    so the manager's report stops counting a member who left #general as pending, and counts one who
    joined. The report itself never asks Slack."""
    bot.served.tick()
    tick_until(bot, clock, LAST_DM)
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)
    with bot.slack.lock:
        bot.slack.workspace.channels[GENERAL].members.remove(MEMBER_IST)
        bot.slack.workspace.add_user(make_user(NEWCOMER, "nia", "Nia Newcomer", tz="Europe/Paris"))
        bot.slack.workspace.channels[GENERAL].members.append(NEWCOMER)
    reads = len(bot.slack.calls_to("conversations.members"))
    tick_until(bot, clock, LAST_DM + timedelta(hours=23))
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)  # not read again within the day
    assert len(bot.slack.calls_to("conversations.members")) == reads
    tick_until(bot, clock, LAST_DM + timedelta(days=2, hours=1))
    # Devi left: counted apart, never pending, not named. Nia joined and is pending.
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 1)
    shown = bot.command(f"report {campaign}", user=ADMIN)
    assert f"<@{MEMBER_IST}>" not in shown and f"<@{NEWCOMER}>" in shown
    assert "left the audience 1" in shown
    assert len(bot.slack.calls_to("conversations.members")) == reads + 2  # a day later, and the next day
    assert not bot.slack.dm_messages(NEWCOMER)  # no reminder is due: the report changed, nobody was DMed


def test_a_daily_audience_read_slack_fails_keeps_the_stored_one_and_logs_one_line(
    bot: Bot, campaign: str, clock: SettableClock, caplog: pytest.LogCaptureFixture, retry_waits: list[float]
) -> None:
    bot.served.tick()
    tick_until(bot, clock, LAST_DM)
    with bot.slack.lock:
        bot.slack.workspace.channels[GENERAL].members.remove(MEMBER_IST)
    clock.set(LAST_DM + timedelta(days=1) - timedelta(minutes=2))
    bot.slack.fail("conversations.members", times=100)
    try:
        with caplog.at_level(logging.INFO):
            tick_until(bot, clock, LAST_DM + timedelta(days=1, minutes=8), every=timedelta(seconds=15))
    finally:
        bot.slack.fail("conversations.members", times=0)
    assert waited_as_slack_sdk_backs_off(retry_waits, calls=1), retry_waits  # one read, tried three times
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)  # the stored audience serves
    [line] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("bot")]
    assert "audience" in line
    assert not any(user in line for user in (ADMIN, MANAGER, MEMBER, MEMBER_IST))
    tick_until(bot, clock, LAST_DM + timedelta(days=1, hours=1, minutes=8))  # tried again an hour later
    assert counts(bot, campaign) == (3, 0, 0, 0, 3, 1)
