"""Campaigns aimed at an archived channel: Slack still lists its members but refuses every post to it."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.cli import serve_in_background
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, LOCAL_BOT_TOKEN, MEMBER
from bot.slack.plaintext import render
from tests.conftest import Served, SettableClock, local_settings, signed
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


MANY = [f"C0ARCH{number}" for number in range(1, 9)]  # sorted as the report sorts them


def _report_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "My channel posts don't reach" in line]


def test_several_archived_channels_are_named_in_one_line_five_then_how_many_more(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    with slack.lock:
        for number, channel in enumerate(MANY, start=1):
            slack.workspace.add_channel(channel, f"old-{number}", [ADMIN, MEMBER])
    audience = " ".join(f"<#{channel}|old-{number}>" for number, channel in enumerate(MANY, start=1))
    assert CAMPAIGN in command(sender, f"campaign start linkedin {audience} {DEADLINE}", user_id=ADMIN)
    with slack.lock:
        for channel in MANY:
            slack.workspace.archive(channel)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    lines = _report_lines(report)
    assert len(lines) == 1, report
    assert all(channel in lines[0] for channel in MANY[:5]), lines
    assert not any(channel in lines[0] for channel in MANY[5:]), lines
    assert "and 3 more channels" in lines[0] and "archived" in lines[0], lines
    # The App Home and the digest say it the same way.
    assert sender.event(payloads.app_home_opened(user_id=ADMIN)).status == 200
    home = slack.wait_for(lambda: slack.home_view(ADMIN) if CAMPAIGN in str(slack.home_view(ADMIN)) else None)
    home_text = render(home["blocks"])
    assert len(_report_lines(home_text)) == 1 and "and 3 more channels" in home_text, home_text
    clock.set(dt.datetime(2026, 12, 14, 9, 5, tzinfo=dt.UTC))  # Monday: the weekly digest
    served.services.digests.dispatch_digests()
    digest = "\n".join(message.text + render(message.blocks) for message in slack.dm_messages(ADMIN))
    assert len(_report_lines(digest)) == 1 and "and 3 more channels" in digest, digest


def test_starting_a_campaign_over_archived_channels_names_every_one_of_them(
    sender: SignedSender, served: Served, slack: FakeSlack
) -> None:
    with slack.lock:
        for number, channel in enumerate(MANY[:3], start=1):
            slack.workspace.add_channel(channel, f"old-{number}", [ADMIN, MEMBER])
        slack.workspace.archive(MANY[0])
        slack.workspace.archive(MANY[2])
    audience = " ".join(f"<#{channel}|old-{number}>" for number, channel in enumerate(MANY[:3], start=1))
    refused = command(sender, f"campaign start linkedin {audience} {DEADLINE}", user_id=ADMIN)
    assert "#old-1" in refused and "#old-3" in refused, refused
    assert "#old-2" not in refused, refused
    assert "Nothing was started" in refused


FILE_CAMPAIGN = "linkedin-2026"


def campaigns_file(tmp_path: Path, channel: str) -> Path:
    listed = tmp_path / "campaigns.toml"
    listed.write_text(
        f'[[campaign]]\nid = "{FILE_CAMPAIGN}"\nguide = "linkedin-ai-training"\nchannels = ["{channel}"]\n'
        f"deadline = {DEADLINE}\n"
    )
    return listed


def _unarchive(slack: FakeSlack, channel: str) -> None:
    with slack.lock:
        slack.workspace.channels[channel].is_archived = False


def test_a_file_campaign_over_an_archived_channel_is_warned_at_start_and_reported_until_a_post_goes_through(
    slack: FakeSlack,
    clock: SettableClock,
    bot_db: Path,
    tmp_path: Path,
    old_channel: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    served = serve_in_background(
        local_settings(slack, bot_db, campaigns_file=campaigns_file(tmp_path, OLD)), clock=clock
    )
    try:
        said = [record for record in caplog.records if OLD in record.getMessage()]
        assert len(said) == 1 and said[0].levelno == logging.WARNING, said
        assert FILE_CAMPAIGN in said[0].getMessage() and "archived" in said[0].getMessage()
        assert not any(user in record.getMessage() for record in caplog.records for user in (ADMIN, MEMBER))
        sender = signed(served, slack, clock)
        report = command(sender, f"report {FILE_CAMPAIGN}", user_id=ADMIN)
        assert OLD in report and "is archived" in report, report
        _unarchive(slack, OLD)
        dispatch(served, clock, SEVEN_DAYS_UTC)
        posts = [call for call in slack.calls_to("chat.postMessage") if call.args.get("channel") == OLD]
        assert [call.ok for call in posts] == [True]
        report = command(sender, f"report {FILE_CAMPAIGN}", user_id=ADMIN)
        assert OLD not in report and "archived" not in report, report
    finally:
        served.stop()


def test_a_file_campaigns_channel_unarchived_before_a_restart_is_no_longer_reported(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, tmp_path: Path, old_channel: str
) -> None:
    listed = campaigns_file(tmp_path, OLD)
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        assert "is archived" in command(signed(served, slack, clock), f"report {FILE_CAMPAIGN}", user_id=ADMIN)
    finally:
        served.stop()
    _unarchive(slack, OLD)
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        report = command(signed(served, slack, clock), f"report {FILE_CAMPAIGN}", user_id=ADMIN)
        assert "My channel posts don't reach" not in report, report
    finally:
        served.stop()
