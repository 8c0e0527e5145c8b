"""Campaigns aimed at an archived channel: Slack still lists its members but refuses every post to it."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, LOCAL_BOT_TOKEN, MEMBER
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import DEADLINE, TODAY, command

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
