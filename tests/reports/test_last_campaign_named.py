"""With no active campaign, the short report and App Home name the one that ended or was stopped last, with the
command that shows its report: "stopped and ended campaigns still have reports" sent the manager to `campaign list`
to find the id they most likely wanted."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.local import payloads
from bot.local.workspace import ADMIN, GENERAL
from tests.conftest import SettableClock
from tests.reports.conftest import Bot

DAY_AFTER = datetime(2026, 12, 16, 10, 0, tzinfo=UTC)
ENDED = (
    "The last one, `linkedin-ai-training-2026-12-15`, ended on 2026-12-15: "
    "`/privacy report linkedin-ai-training-2026-12-15`."
)


def test_the_campaign_that_ended_last_is_named_with_its_report_command(
    bot: Bot, campaign: str, clock: SettableClock
) -> None:
    clock.set(DAY_AFTER)
    assert ENDED in bot.command("report", user=ADMIN)
    assert bot.sender.event(payloads.app_home_opened(user_id=ADMIN)).status == 200
    bot.served.settle()
    assert ENDED in str(bot.slack.home_view(ADMIN))


def test_a_campaign_stopped_after_one_ended_is_the_last_one(bot: Bot, campaign: str, clock: SettableClock) -> None:
    later = bot.command(f"campaign start chatgpt <#{GENERAL}|general> 2027-01-20", user=ADMIN)
    assert "started" in later
    clock.set(DAY_AFTER)
    assert "stopped" in bot.command("campaign stop chatgpt-training-2027-01-20", user=ADMIN)
    assert (
        "The last one, `chatgpt-training-2027-01-20`, was stopped on 2026-12-16: "
        "`/privacy report chatgpt-training-2027-01-20`."
    ) in bot.command("report", user=ADMIN)
