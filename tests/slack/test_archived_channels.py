"""Campaigns aimed at an archived channel: Slack still lists its members but refuses every post to it."""

from __future__ import annotations

import datetime as dt

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, LOCAL_BOT_TOKEN, MEMBER
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import CAMPAIGN, DEADLINE, SEVEN_DAYS_UTC, TODAY, command, dispatch

OLD = "C0OLDCHAN"


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


@pytest.fixture
def old_channel(slack: FakeSlack) -> str:
    with slack.lock:
        slack.workspace.add_channel(OLD, "old-channel", [ADMIN, MEMBER])
        slack.workspace.archive(OLD)
    return OLD


def test_the_stand_in_answers_for_an_archived_channel_as_slack_does(slack: FakeSlack, old_channel: str) -> None:
    client = WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    assert client.conversations_info(channel=old_channel)["channel"]["is_archived"] is True
    assert ADMIN in client.conversations_members(channel=old_channel)["members"]
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel=old_channel, text="hello")
    assert refused.value.response["error"] == "is_archived"
    assert slack.messages(old_channel) == []


def test_a_campaign_on_an_archived_channel_is_refused_at_start_naming_it(
    sender: SignedSender, served: Served, old_channel: str
) -> None:
    refused = command(sender, f"campaign start linkedin <#{old_channel}|old-channel> {DEADLINE}", user_id=ADMIN)
    assert "#old-channel is archived" in refused, refused
    assert "Nothing was started" in refused
    assert served.services.campaigns.campaigns.all(team_id="T0LOCAL", include_stopped=True) == []
    assert "linkedin-ai-training" not in command(sender, "campaign list", user_id=ADMIN)


def test_a_channel_archived_while_its_campaign_runs_fails_once_a_reminder_and_the_report_says_so(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    with slack.lock:
        slack.workspace.add_channel(OLD, "old-channel", [ADMIN, MEMBER])
    assert CAMPAIGN in command(sender, f"campaign start linkedin <#{OLD}|old-channel> {DEADLINE}", user_id=ADMIN)
    assert "archived" not in command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    with slack.lock:
        slack.workspace.archive(OLD)
    for hour in (0, 1, 2):  # the 7-days-before post's tick, and later ticks of the same day
        dispatch(served, clock, SEVEN_DAYS_UTC + dt.timedelta(hours=hour))
    posts = [call for call in slack.calls_to("chat.postMessage") if call.args.get("channel") == OLD]
    assert [call.ok for call in posts] == [False]  # tried once for that reminder, not at every tick
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    assert OLD in report and "is archived" in report, report
