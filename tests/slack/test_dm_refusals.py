"""A DM Slack refuses for good is tried once, recorded once, and holds up nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, MANAGER, MEMBER, MEMBER_IST, im_channel_id
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import (
    BEN_NEW_YORK,
    CAMPAIGN,
    CHIARA_ROME,
    DEVI_KOLKATA,
    SEVEN_DAYS_UTC,
    START,
    TODAY,
    command,
    dispatch,
    dms,
)

# Through the day, every few minutes as the scheduler ticks: a refused DM must not be asked for again.
TICKS = [DEVI_KOLKATA, CHIARA_ROME, SEVEN_DAYS_UTC, BEN_NEW_YORK] + [
    BEN_NEW_YORK + dt.timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 300)
]


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    clock.set(TODAY)


def dm_tries(slack: FakeSlack, user_id: str) -> int:
    return sum(
        1
        for call in slack.calls_to("chat.postMessage")
        if call.args.get("channel") in (user_id, im_channel_id(user_id))
    )


@pytest.mark.parametrize(
    "error",
    ["restricted_action", "user_disabled", "user_not_found", "cannot_dm_bot", "account_inactive", "channel_not_found"],
)
def test_a_dm_slack_refuses_for_one_member_is_tried_once_and_the_others_get_theirs(
    error: str, sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    with slack.lock:
        slack.workspace.dm_refusals[MEMBER] = error
    for tick in TICKS:
        dispatch(served, clock, tick)
    assert dm_tries(slack, MEMBER) == 1
    assert dms(slack, MEMBER) == []
    for other in (ADMIN, MANAGER, MEMBER_IST):
        assert len(dms(slack, other)) == 1


def test_with_the_messages_tab_off_each_dm_is_tried_once_not_every_tick(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # Slack refuses every DM until an admin turns the app's Messages tab on: asking again each minute of the
    # day only adds thousands of refused calls (tier 4 budget spent on nothing) and never posts one.
    command(sender, START, user_id=ADMIN)
    with slack.lock:
        slack.workspace.messages_tab = False
    for tick in TICKS:
        dispatch(served, clock, tick)
    assert [dm_tries(slack, user) for user in (ADMIN, MANAGER, MEMBER, MEMBER_IST)] == [1, 1, 1, 1]


def test_the_report_says_in_words_whom_dms_do_not_reach_and_forgets_them_once_they_act(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # The ledger knew each refusal (state failed, Slack's code), but no report, digest or Home said a word: a
    # manager saw the member as pending, as if nudged like the others.
    command(sender, START, user_id=ADMIN)
    with slack.lock:
        slack.workspace.dm_refusals[MEMBER] = "restricted_action"
    for tick in TICKS:
        dispatch(served, clock, tick)
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    assert "My DMs don't reach 1 member: 1 whom the workspace's settings keep me from messaging." in report
    with slack.lock:
        slack.workspace.messages_tab = False
    later = [tick + dt.timedelta(days=6) for tick in TICKS]  # the day before the deadline: DMs again
    for tick in later:
        dispatch(served, clock, tick)
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    assert "My DMs don't reach 4 members: " in report
    assert "1 whom the workspace's settings keep me from messaging" not in report  # Chiara's last refusal
    assert "4 because my Messages tab is off" in report
    command(sender, "done linkedin", user_id=MEMBER)
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    assert "My DMs don't reach 3 members: 3 because my Messages tab is off" in report


def test_the_one_line_report_counts_pending_members_its_dms_do_not_reach(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # `/privacy report` said "4 pending" and nothing more: a manager read the member Slack refused as one who had
    # been reminded and ignored it. The details had the warning; the glance did not.
    command(sender, START, user_id=ADMIN)
    assert "reached by DM" not in command(sender, "report", user_id=ADMIN)
    with slack.lock:
        slack.workspace.dm_refusals[MEMBER] = "user_disabled"
    for tick in TICKS:
        dispatch(served, clock, tick)
    assert "4 pending · 1 could not be reached by DM · deadline 2026-12-15" in command(sender, "report", user_id=ADMIN)
    command(sender, "done linkedin", user_id=MEMBER)  # no longer pending: nothing left to reach
    assert "reached by DM" not in command(sender, "report", user_id=ADMIN)


def test_a_managers_nudge_says_whom_slack_refused_for_good_not_to_press_again(
    sender: SignedSender, slack: FakeSlack
) -> None:
    # The DM after a press said "1 could not be sent; press the button again later to retry them": a press
    # again that day retries nothing (the day's DM is settled), and Slack would refuse it again anyway.
    command(sender, START, user_id=ADMIN)
    with slack.lock:
        slack.workspace.dm_refusals[MEMBER] = "restricted_action"
    command(sender, f"nudge {CAMPAIGN}", user_id=ADMIN)
    [done] = slack.wait_for(lambda: [text for text in dms(slack, ADMIN) if "Nudged" in text])
    assert "Nudged 2 members of" in done  # Ada and Devi; for Ben in New York it is 07:00
    assert "Slack refused 1 for good" in done and "press the button again" not in done
