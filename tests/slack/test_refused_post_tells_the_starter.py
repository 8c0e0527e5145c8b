"""A channel that refuses a campaign's post (the bot removed from it, archived, gone): the manager who started the
campaign gets one DM saying which channel, why, and what to do, at the first refusal, not at every later one.
A campaign no manager started (CAMPAIGNS_FILE) is logged once instead, and its report names the channel."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, BOT_USER_ID, MANAGER, MEMBER
from tests.conftest import Served, SettableClock, local_settings
from tests.slack.test_archived_channels import campaigns_file
from tests.slack.test_campaigns_in_slack import CAMPAIGN, DEADLINE, SEVEN_DAYS_UTC, TODAY, command, dispatch

TEAM_CHANNEL = "C0TEAMCHAN"
ONE_DAY_BEFORE = dt.datetime(2026, 12, 14, 10, 0, tzinfo=dt.UTC)  # the next post's day


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


@pytest.fixture
def team_channel(slack: FakeSlack) -> str:
    with slack.lock:
        slack.workspace.add_channel(TEAM_CHANNEL, "team", [ADMIN, MANAGER, MEMBER])
    return TEAM_CHANNEL


def _remove_the_bot(slack: FakeSlack, channel: str) -> None:
    with slack.lock:
        slack.workspace.channels[channel].members.remove(BOT_USER_ID)


def _refusal_dms(slack: FakeSlack, user_id: str) -> list[str]:
    return [message.text for message in slack.dm_messages(user_id) if TEAM_CHANNEL in message.text]


def test_the_manager_who_started_the_campaign_is_told_once_when_a_channel_refuses_its_post(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, team_channel: str
) -> None:
    assert CAMPAIGN in command(sender, f"campaign start linkedin <#{team_channel}|team> {DEADLINE}", user_id=ADMIN)
    _remove_the_bot(slack, team_channel)  # someone typed /kick @bot, or removed it in the channel's settings
    dispatch(served, clock, SEVEN_DAYS_UTC)
    posts = [call for call in slack.calls_to("chat.postMessage") if call.args.get("channel") == team_channel]
    assert [call.ok for call in posts] == [False]
    # Before, nothing: the manager learnt of it only by reading the report.
    [told] = _refusal_dms(slack, ADMIN)
    assert told == (
        f":warning: Slack refused my reminder post for campaign *{CAMPAIGN}* in <#{TEAM_CHANNEL}>: I'm not a member"
        f" of it (invite me); my DMs to its members are not affected. To fix it, type `/invite` <@{BOT_USER_ID}> in"
        " that channel: once I'm in, Slack takes my posts there (the refused one is not sent again). I'm telling you"
        f" once, as you started this campaign; `/privacy report {CAMPAIGN}` names the channel until a post there goes"
        " through."
    )
    assert _refusal_dms(slack, MANAGER) == []  # only the one who started it
    # The next post is refused again: no second DM.
    dispatch(served, clock, ONE_DAY_BEFORE)
    posts = [call for call in slack.calls_to("chat.postMessage") if call.args.get("channel") == team_channel]
    assert [call.ok for call in posts] == [False, False]
    assert len(_refusal_dms(slack, ADMIN)) == 1


def test_an_archived_channel_is_told_with_its_own_reason(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock, team_channel: str
) -> None:
    assert CAMPAIGN in command(sender, f"campaign start linkedin <#{team_channel}|team> {DEADLINE}", user_id=ADMIN)
    with slack.lock:
        slack.workspace.archive(team_channel)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    [told] = _refusal_dms(slack, ADMIN)
    assert f"in <#{TEAM_CHANNEL}>: it is archived (unarchive it, or stop this campaign" in told, told
    assert "/invite" not in told


def test_a_file_campaigns_refused_post_is_logged_once_without_member_ids(
    slack: FakeSlack,
    clock: SettableClock,
    bot_db: Path,
    tmp_path: Path,
    team_channel: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    served = serve_in_background(
        local_settings(slack, bot_db, campaigns_file=campaigns_file(tmp_path, team_channel)), clock=clock
    )
    try:
        _remove_the_bot(slack, team_channel)  # after `run` looked at the channel: the start found nothing wrong
        caplog.set_level(logging.INFO)
        caplog.clear()
        dispatch(served, clock, SEVEN_DAYS_UTC)
        dispatch(served, clock, ONE_DAY_BEFORE)
        said = [record for record in caplog.records if TEAM_CHANNEL in record.getMessage()]
        assert [record.levelno for record in said] == [logging.WARNING], [r.getMessage() for r in said]
        assert "linkedin-2026" in said[0].getMessage() and "not_in_channel" in said[0].getMessage()
        assert not any(user in record.getMessage() for record in caplog.records for user in (ADMIN, MANAGER, MEMBER))
        assert _refusal_dms(slack, ADMIN) == [] and _refusal_dms(slack, MANAGER) == []
    finally:
        served.stop()
