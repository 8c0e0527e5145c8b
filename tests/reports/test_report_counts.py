"""`/privacy report` counts exactly what members did, through the bot's real endpoint and the stand-in."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST, PRIVACY
from bot.store.repo import MANAGER_REFUSED
from tests.conftest import SettableClock, signed
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
    bot.click("attest_snoozed", f"{GUIDE}|", user=MEMBER)
    assert counts(bot, campaign) == (4, 0, 0, 1, 3, 0)
    clock.advance(timedelta(days=3, minutes=1))
    assert counts(bot, campaign) == (4, 0, 0, 0, 4, 0)


def test_without_a_campaign_every_active_campaign_in_short(bot: Bot, campaign: str) -> None:
    bot.command(f"campaign start linkedin-data-download <#{PRIVACY}|privacy> 2026-12-20", user=ADMIN)
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
    shown = bot.command("report", user=ADMIN)
    assert "Active campaigns" in shown
    assert f"`{campaign}`" in shown and "linkedin-data-download-2026-12-20" in shown
    assert "25% done · 3 pending" in shown
    assert "report_show" in shown
    # The details button shows the full report beside it.
    reply = bot.click("report_show", campaign, user=ADMIN)
    assert reply is not None and "Pending" in str(reply["blocks"])


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
    slack: FakeSlack, bot_db: Path, clock: SettableClock
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
        assert "No active campaigns" in bot.command("report", user=MANAGER)
        assert "for the privacy team's managers" in bot.command("report", user=MEMBER)
    finally:
        served.stop()
