"""What `campaign start` tells a manager at once rather than leave to the first refused post or to members
asking why they hear twice: a channel the bot is not in, another campaign reminding the same audience about the
same guide, and examples that work when copied."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, BOT_USER_ID, DESIGN_GROUP, GENERAL, MANAGER, PRIVACY, RANDOM
from tests.conftest import Served, SettableClock, local_settings, signed
from tests.slack.test_archived_channels import FILE_CAMPAIGN, campaigns_file
from tests.slack.test_campaigns_in_slack import (
    CAMPAIGN,
    DEADLINE,
    SEVEN_DAYS_UTC,
    START,
    TODAY,
    command,
    dispatch,
    said,
)


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


# -- a channel the bot is not a member of ------------------------------------------------------------------------


def test_a_campaign_over_a_channel_the_bot_is_not_in_starts_and_says_to_invite_it_before_the_first_post(
    sender: SignedSender, slack: FakeSlack, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC))  # after the 14-days-before post: the 7's is next
    started = said(sender, f"campaign start linkedin <#{RANDOM}|random> {DEADLINE}")
    # Started all the same: its DMs reach the members, and an invitation is all the posts need.
    assert f"Campaign *{CAMPAIGN}* started" in started, started
    assert f"I'm not a member of <#{RANDOM}>" in started, started
    assert f"`/invite` <@{BOT_USER_ID}>" in started, started
    assert "before the first post, on 2026-12-08 at 10:00 (UTC)" in started, started
    # Asked in the one look at the channel the start makes anyway (whether it is archived): no more.
    assert len(slack.calls_to("conversations.info")) == 1


def test_when_todays_post_goes_out_at_once_the_invitation_is_asked_for_now(sender: SignedSender) -> None:
    started = said(sender, f"campaign start linkedin <#{RANDOM}|random> {DEADLINE}")  # 14 days before, at noon
    assert "today's goes out now" in started, started
    assert (
        "invite me (`/invite` <@U0BOT>) now: today's post goes out in a moment, and the later ones once I'm in."
        in started
    ), started


def test_a_channel_the_bot_is_in_gets_no_such_warning(sender: SignedSender) -> None:
    started = said(sender, START)
    assert "started" in started and "not a member" not in started and "/invite" not in started, started


def test_of_several_channels_only_those_the_bot_is_not_in_are_named(sender: SignedSender, slack: FakeSlack) -> None:
    with slack.lock:
        slack.workspace.add_channel("C0LOUNGE", "lounge", [ADMIN, MANAGER], bot_member=False)
    started = said(sender, f"campaign start linkedin <#{GENERAL}|general> <#{RANDOM}> <#C0LOUNGE> {DEADLINE}")
    assert f"I'm not a member of <#{RANDOM}> and <#C0LOUNGE>" in started, started
    assert f"<#{GENERAL}> and" not in started


def test_started_too_late_for_any_post_it_does_not_ask_for_an_invitation(
    sender: SignedSender, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 15, 23, 0, tzinfo=dt.UTC))  # the deadline day, past its post's 12 hours
    started = said(sender, f"campaign start linkedin <#{RANDOM}> {DEADLINE}")
    assert "started" in started and "/invite" not in started, started


def test_the_one_line_report_names_a_channel_that_refuses_the_campaigns_posts(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    command(sender, f"campaign start linkedin <#{RANDOM}|random> {DEADLINE}", user_id=ADMIN)
    dispatch(served, clock, SEVEN_DAYS_UTC)
    short = said(sender, "report")
    assert CAMPAIGN in short and f"My channel posts don't reach <#{RANDOM}>" in short, short
    assert "not a member" in short, short


def test_the_report_names_a_channel_the_bot_is_not_in_from_the_start_not_from_the_first_refused_post(
    sender: SignedSender, slack: FakeSlack, served: Served, clock: SettableClock
) -> None:
    # The manager who started it was told; another manager reading the report, App Home or digest before the
    # first post (a week later) was not: the report said nothing of #random until Slack refused that post.
    command(sender, f"campaign start linkedin <#{RANDOM}|random> {DEADLINE}", user_id=ADMIN)
    assert "I'm not a member of it (invite me)" in command(sender, f"report {CAMPAIGN}", user_id=MANAGER)
    assert "not a member" in command(sender, "report", user_id=MANAGER)
    with slack.lock:
        slack.workspace.channels[RANDOM].members.append(BOT_USER_ID)  # someone invited the bot
    dispatch(served, clock, SEVEN_DAYS_UTC)  # and the next post goes through
    assert "not a member" not in command(sender, f"report {CAMPAIGN}", user_id=MANAGER)


def test_a_file_campaign_over_a_channel_the_bot_is_not_in_is_warned_at_start_and_reported_until_invited(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    listed = campaigns_file(tmp_path, RANDOM)
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        said_ = [record for record in caplog.records if RANDOM in record.getMessage()]
        assert len(said_) == 1 and said_[0].levelno == logging.WARNING, said_
        assert FILE_CAMPAIGN in said_[0].getMessage() and "not a member" in said_[0].getMessage()
        sender = signed(served, slack, clock)
        assert "I'm not a member of it (invite me)" in command(sender, f"report {FILE_CAMPAIGN}", user_id=ADMIN)
        assert "not a member" in command(sender, "report", user_id=ADMIN)
    finally:
        served.stop()
    with slack.lock:
        slack.workspace.channels[RANDOM].members.append(BOT_USER_ID)  # someone invited the bot
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        report = command(signed(served, slack, clock), f"report {FILE_CAMPAIGN}", user_id=ADMIN)
        assert "My channel posts don't reach" not in report, report
    finally:
        served.stop()


# -- another campaign for the same guide and audience -------------------------------------------------------------

LATER = "2027-02-01"


def test_a_second_campaign_for_the_guide_over_the_same_channel_names_the_first_and_how_to_stop_one(
    sender: SignedSender,
) -> None:
    said(sender, START)
    second = said(sender, f"campaign start linkedin <#{GENERAL}|general> {LATER}")
    assert f"Campaign *linkedin-ai-training-{LATER}* started" in second, second
    assert f"*{CAMPAIGN}* already reminds <#{GENERAL}> about this guide until {DEADLINE}" in second, second
    assert f"`/privacy campaign stop {CAMPAIGN}`" in second, second


def test_a_shared_user_group_is_named_as_a_shared_channel_is(sender: SignedSender) -> None:
    said(sender, f"campaign start linkedin <!subteam^{DESIGN_GROUP}|@design> {DEADLINE}")
    second = said(sender, f"campaign start linkedin <!subteam^{DESIGN_GROUP}|@design> <#{PRIVACY}> {LATER}")
    assert f"*{CAMPAIGN}* already reminds <!subteam^{DESIGN_GROUP}> about this guide" in second, second


@pytest.mark.parametrize(
    "first",
    [
        f"campaign start linkedin <#{PRIVACY}|privacy> {DEADLINE}",  # another channel
        f"campaign start linkedin-data-download <#{GENERAL}|general> {DEADLINE}",  # another guide
    ],
)
def test_no_overlap_is_claimed_for_another_channel_or_another_guide(sender: SignedSender, first: str) -> None:
    assert "started" in said(sender, first)
    second = said(sender, f"campaign start linkedin <#{GENERAL}|general> {LATER}")
    assert "started" in second and "already reminds" not in second, second


def test_a_stopped_campaign_or_one_past_its_deadline_overlaps_nothing(
    sender: SignedSender, clock: SettableClock
) -> None:
    said(sender, START)
    said(sender, f"campaign stop {CAMPAIGN}")
    assert "already reminds" not in said(sender, f"campaign start linkedin <#{GENERAL}|general> {LATER}")
    said(sender, f"campaign stop linkedin-ai-training-{LATER}")
    said(sender, "campaign start linkedin <#C0GENERAL|general> 2026-12-20")
    # The day after its deadline it still runs (members further west, its final digest) but posts nothing more.
    clock.set(dt.datetime(2026, 12, 21, 12, 0, tzinfo=dt.UTC))
    second = said(sender, f"campaign start linkedin <#{GENERAL}|general> {LATER}")
    assert "started" in second and "already reminds" not in second, second


# -- examples that work when copied ---------------------------------------------------------------------------------


def _example(answer: str) -> str:
    """The command an answer suggests, as Slack would send it once the manager typed it: `#general` linked."""
    found = re.search(r"e\.g\. `/privacy ([^`]+)`", answer)
    assert found is not None, answer
    return found.group(1).replace("#general", f"<#{GENERAL}|general>")


@pytest.mark.parametrize("typed", ["campaign start linkedin 2027-02-01", "campaign start linkedin #genral 2026-12-25"])
def test_the_example_a_refusal_suggests_starts_a_campaign_as_written(sender: SignedSender, typed: str) -> None:
    refused = said(sender, typed)
    assert "Which channel or user group?" in refused, refused
    started = said(sender, _example(refused))
    assert "started" in started, started


@pytest.mark.parametrize("typed", ["campaign list", "report"])
def test_with_no_campaign_yet_the_way_to_start_one_names_the_deadline(sender: SignedSender, typed: str) -> None:
    assert "<#channel> [YYYY-MM-DD]`" in said(sender, typed)
