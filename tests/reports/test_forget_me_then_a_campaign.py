"""A member uses forget-me, then a campaign addresses her: the bot stores her name and time zone again from the
audience read (as `/privacy forget-me` and the README say), not only at the next daily directory read. Before,
the Export CSV showed her nameless and her DMs went at BOT_TIMEZONE's hour rather than at 10:00 where she is."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MEMBER
from tests.conftest import SettableClock
from tests.reports.conftest import CAMPAIGN, Bot, Cli

TUESDAY_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # the 7-days-before DM: 10:00 in Rome, 09:00 at BOT_TIMEZONE


def forget(bot: Bot) -> None:
    assert "I deleted" in str(bot.click("forget_confirm", "yes", user=MEMBER))
    assert MEMBER not in bot.served.services.members.directory.members(team_id=bot.team)


def named_in_report(cli: Cli, bot_db: Path) -> str:
    done = cli("report", CAMPAIGN, "--format", "json", database=bot_db)
    assert done.returncode == 0, done.stderr
    (her,) = [row for row in json.loads(done.stdout)["members"] if row["user"] == MEMBER]
    return str(her["name"])


def test_a_campaign_started_after_forget_me_names_her_and_reminds_her_at_ten_where_she_is(
    bot: Bot, slack: FakeSlack, clock: SettableClock, bot_db: Path, cli: Cli
) -> None:
    bot.command("done chatgpt", user=MEMBER)
    forget(bot)
    assert CAMPAIGN in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)

    assert named_in_report(cli, bot_db) == "Chiara"
    clock.set(TUESDAY_0900)
    before = len(slack.dm_messages(MEMBER))
    bot.served.services.delivery.dispatch_due()
    assert len(slack.dm_messages(MEMBER)) == before + 1  # 10:00 in Rome, not 10:00 UTC an hour later


def test_an_audience_refresh_after_forget_me_stores_her_name_and_zone_again(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    forget(bot)
    services = bot.served.services
    stored = services.reports.find(team_id=bot.team, reference=campaign)
    services.delivery.refresh_audience(bot.team, stored.campaign, now=services.members.clock())
    row = services.members.directory.members(team_id=bot.team, user_ids=[MEMBER])[MEMBER]
    assert (row.name, row.tz, row.active) == ("Chiara", "Europe/Rome", True)
    assert named_in_report(cli, bot_db) == "Chiara"
