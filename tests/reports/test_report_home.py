"""App Home: managers see each active campaign's progress and trend, refreshed as members answer."""

from __future__ import annotations

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, MEMBER
from bot.slack import manager_home
from tests.reports.conftest import GUIDE, Bot


def open_home(bot: Bot, user: str) -> str:
    before = len(bot.slack.calls_to("views.publish"))
    assert bot.sender.event(payloads.app_home_opened(user_id=user)).status == 200
    bot.slack.wait_for(lambda: len(bot.slack.calls_to("views.publish")) > before)
    return str(bot.slack.home_view(user))


def test_a_manager_sees_campaign_progress_with_the_buttons_a_member_does_not(bot: Bot, campaign: str) -> None:
    shown = open_home(bot, ADMIN)
    assert "Stop LinkedIn using your data to train" in shown  # their own guides first
    assert "Campaigns" in shown and f"campaign `{campaign}`" in shown
    assert "0%* answered · 0 of 4 members" in shown and "Answers per day since 2026-12-01" in shown
    assert "report_nudge" in shown and "report_export" in shown
    member = open_home(bot, MEMBER)
    assert campaign not in member and "report_nudge" not in member and "Campaigns" not in member


def test_a_managers_home_follows_members_answers(
    bot: Bot, slack: FakeSlack, campaign: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manager_home, "MIN_INTERVAL_S", 0.0)
    open_home(bot, ADMIN)
    before = len(slack.calls_to("views.publish"))
    bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)

    def refreshed() -> str | None:
        views = [c for c in slack.calls_to("views.publish")[before:] if c.args.get("user_id") == ADMIN]
        return str(views[-1].structured("view")) if views else None

    assert "25%* answered · 1 of 4 members" in slack.wait_for(refreshed)


def test_at_most_one_refresh_a_minute_per_manager(bot: Bot, slack: FakeSlack, campaign: str) -> None:
    open_home(bot, ADMIN)
    before = len(slack.calls_to("views.publish"))
    for _ in range(3):
        bot.click("attest_confirmed", f"{GUIDE}|", user=MEMBER)
        bot.click("attest_undo", f"{GUIDE}|", user=MEMBER)
    bot.served.settle()
    assert [c for c in slack.calls_to("views.publish")[before:] if c.args.get("user_id") == ADMIN] == []
