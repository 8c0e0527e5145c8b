"""Once its deadline has passed (in BOT_TIMEZONE), a campaign is ended wherever a manager looks: the short report,
App Home, the campaign list in Slack, the detailed report, `campaigns list` and `report` on the command line, as
the shell's `next` says once nothing more is scheduled. It was "active" in the short report after its final digest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.local import payloads
from bot.local.workspace import ADMIN
from tests.conftest import SettableClock
from tests.reports.conftest import GUIDE, Bot, Cli

# The day after the deadline (2026-12-15), after the final digest at 09:00 UTC: the bot still holds the campaign
# as running (members further west may be in their deadline day until the next day), but the manager is done.
DAY_AFTER = datetime(2026, 12, 16, 10, 0, tzinfo=UTC)


def test_after_its_deadline_slack_calls_the_campaign_ended_not_active(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    clock.set(DAY_AFTER)
    assert bot.served.services.digests.dispatch_digests().sent["final"] >= 1
    short = bot.command("report", user=ADMIN)
    # It said "Active campaigns … 0 of 4 answered (0%) · 4 pending · deadline passed (2026-12-15)".
    assert "Active campaigns" not in short and "answered" not in short, short
    assert f"The last one, `{campaign}`, ended on 2026-12-15" in short  # named as ended, with its report command
    assert "No active campaigns" in short and "Stopped and ended campaigns still have reports" in short
    listed = bot.command("campaign list", user=ADMIN)
    assert f"{campaign}* – " in listed and "deadline 2026-12-15 (<#" in listed and "– ended" in listed, listed
    assert "deadline passed" not in listed
    detail = bot.command(f"report {campaign}", user=ADMIN)
    assert "Deadline 2026-12-15 passed yesterday · the campaign has ended" in detail, detail
    assert bot.sender.event(payloads.app_home_opened(user_id=ADMIN)).status == 200
    bot.served.settle()
    home = str(bot.slack.home_view(ADMIN))
    assert "No active campaigns" in home and "Nudge pending now" not in home


def test_after_its_deadline_the_command_line_calls_the_campaign_ended(
    bot: Bot, campaign: str, bot_db: Path, cli: Cli
) -> None:
    bot.served.stop()
    listed = cli("campaigns", "list", database=bot_db, TRAVEL_TO=DAY_AFTER.isoformat())
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1].split()[:4] == [campaign, GUIDE, "2026-12-15", "ended"]
    report = cli("report", campaign, database=bot_db, TRAVEL_TO=DAY_AFTER.isoformat())
    assert report.returncode == 0, report.stderr
    assert "deadline 2026-12-15, ended (passed 1 day ago)" in report.stdout.splitlines()[0]
