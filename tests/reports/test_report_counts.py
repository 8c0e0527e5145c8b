"""`/privacy report` counts exactly what members did, through the bot's real endpoint and the stand-in."""

from __future__ import annotations

import re

from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from tests.reports.conftest import GUIDE, Bot

COUNTS = re.compile(
    r"Done \*(\d+)\*.*Doesn't apply \*(\d+)\*.*Snoozed \*(\d+)\*.*Pending \*(\d+)\*", re.S
)


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
