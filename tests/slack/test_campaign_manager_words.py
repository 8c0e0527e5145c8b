"""What a manager reads when starting, nudging and stopping campaigns, found in a manager's audit through the
shell: the days a campaign posts and DMs as dates (not "14, 7, 0 days before"), a campaign used or named when
only one runs, which of "stopped" or "past its deadline" it is, and why a date or a guide was not understood."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, DESIGN_GROUP, GENERAL, MEMBER
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import (
    CAMPAIGN,
    DEADLINE,
    SEVEN_DAYS_UTC,
    START,
    TODAY,
    command,
    dispatch,
    dms,
)

UTC = dt.UTC


@pytest.fixture(autouse=True)
def today(clock: SettableClock) -> None:
    # The bot's day, as tests/slack/test_campaigns_in_slack.py sets it: on the real clock, who is awake for a nudge
    # and which days a start names changed with the hour the suite ran.
    clock.set(TODAY)


# A Monday: 14 and 7 days before are Mondays, 1 day before a Sunday, which waits for the deadline day itself.
MONDAY_DEADLINE = "2027-02-01"
START_MONDAY = f"campaign start linkedin <#{GENERAL}|general> {MONDAY_DEADLINE}"


def test_the_start_message_names_the_days_the_scheduler_posts_and_dms_on(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    started = command(sender, START_MONDAY, user_id=ADMIN)
    assert "channel posts on Mon 18 Jan, Mon 25 Jan and Mon 1 Feb at 10:00 (UTC)" in started, started
    assert "DMs to those still pending on the same days at 10:00 in their own time zone" in started, started
    assert "waits for Monday, one a day at most" in started, started  # why Sunday 31 Jan is not among them
    assert "days before" not in started
    # The days said are the days the scheduler posts on, and no other.
    posted = [
        day
        for day in (dt.date(2027, 1, 18) + dt.timedelta(days=n) for n in range(15))
        if dispatch(served, clock, dt.datetime.combine(day, dt.time(10), tzinfo=UTC)).get("announce", 0)
    ]
    assert posted == [dt.date(2027, 1, 18), dt.date(2027, 1, 25), dt.date(2027, 2, 1)]


def test_a_campaign_over_a_new_year_says_the_year_of_a_day_not_in_the_deadlines(sender: SignedSender) -> None:
    # 14 days before 2027-01-11 is Monday 28 December 2026.
    started = command(sender, f"campaign start linkedin <!subteam^{DESIGN_GROUP}|design> 2027-01-11", user_id=ADMIN)
    assert "DMs to those still pending on Mon 28 Dec 2026, Mon 4 Jan and Mon 11 Jan at 10:00" in started


def test_a_nudge_naming_no_campaign_while_one_runs_nudges_that_one_and_says_which(
    sender: SignedSender, slack: FakeSlack
) -> None:
    assert "Which campaign?" in command(sender, "nudge", user_id=ADMIN)  # none runs: nothing to take
    command(sender, START, user_id=ADMIN)
    nudged = command(sender, "nudge", user_id=ADMIN)
    assert f"Nudging 3 of the 4 members still pending in {CAMPAIGN}" in nudged, nudged  # Ben: 07:00 in New York
    assert f"No campaign named: {CAMPAIGN} is the one running" in nudged, nudged
    slack.wait_for(lambda: [text for text in dms(slack, ADMIN) if "Nudged" in text])


def test_a_stop_naming_no_campaign_names_the_one_running_and_stops_nothing(sender: SignedSender) -> None:
    command(sender, START, user_id=ADMIN)
    asked = command(sender, "campaign stop", user_id=ADMIN)
    assert f"Which campaign? The one running is `{CAMPAIGN}`: `/privacy campaign stop {CAMPAIGN}`" in asked, asked
    assert "stopped" not in command(sender, "campaign list", user_id=ADMIN)


def test_with_two_campaigns_running_an_unnamed_nudge_or_stop_asks_which(sender: SignedSender) -> None:
    command(sender, START, user_id=ADMIN)
    command(sender, START_MONDAY, user_id=ADMIN)
    assert "Which campaign? `/privacy nudge <campaign>`" in command(sender, "nudge", user_id=ADMIN)
    assert "Which campaign? `/privacy campaign stop <id>`" in command(sender, "campaign stop", user_id=ADMIN)


def test_a_nudge_for_a_campaign_that_no_longer_runs_says_whether_it_was_stopped_or_its_deadline_passed(
    sender: SignedSender, clock: SettableClock
) -> None:
    command(sender, START, user_id=ADMIN)
    clock.set(
        dt.datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    )  # the day after the deadline: still running on, for its digest
    passed = command(sender, f"nudge {CAMPAIGN}", user_id=ADMIN)
    assert f"{CAMPAIGN} is past its deadline (2026-12-15), so I don't nudge" in passed, passed
    assert "stopped" not in passed
    command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    stopped = command(sender, f"nudge {CAMPAIGN}", user_id=ADMIN)
    assert f"{CAMPAIGN} is stopped, so I don't nudge" in stopped, stopped
    assert "deadline" not in stopped


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2027-02-30", "“2027-02-30”: February 2027 has no day 30 (it has 28 days). Use YYYY-MM-DD"),
        ("2028-02-30", "“2028-02-30”: February 2028 has no day 30 (it has 29 days)"),
        ("2027-04-31", "“2027-04-31”: April 2027 has no day 31 (it has 30 days)"),
        ("2027-13-01", "“2027-13-01”: there is no month 13. Use YYYY-MM-DD (year, month, day)"),
    ],
)
def test_a_deadline_not_on_the_calendar_says_what_is_wrong_with_it(sender: SignedSender, typed: str, said: str) -> None:
    answer = command(sender, f"campaign start linkedin <#{GENERAL}|general> {typed}", user_id=ADMIN)
    assert said in answer, answer
    assert "not a date I can read" not in answer
    assert "started" not in answer


def test_a_guide_misspelt_in_campaign_start_is_offered_by_its_id(sender: SignedSender) -> None:
    typo = command(sender, f"campaign start lnkdn <#{GENERAL}|general> {MONDAY_DEADLINE}", user_id=ADMIN)
    assert "I don't know the guide “lnkdn”. Did you mean `linkedin-ai-training`?" in typo, typo
    nothing_near = command(sender, f"campaign start zzqx <#{GENERAL}|general> {MONDAY_DEADLINE}", user_id=ADMIN)
    assert "I don't know the guide “zzqx”" in nothing_near and "Did you mean" not in nothing_near
    offered = command(
        sender, f"campaign start linkedin-ai-training <#{GENERAL}|general> {MONDAY_DEADLINE}", user_id=ADMIN
    )
    assert "started" in offered


def test_an_archived_channel_is_reported_as_refusing_posts_only_as_its_members_dms_still_go(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    with slack.lock:
        slack.workspace.add_channel("C0OLDCHAN", "old-channel", [ADMIN, MEMBER])
    command(sender, f"campaign start linkedin <#C0OLDCHAN|old-channel> {DEADLINE}", user_id=ADMIN)
    with slack.lock:
        slack.workspace.archive("C0OLDCHAN")
    # The refused post, and the DMs of both members: Ada's at 10:00 in London, Chiara's an hour after hers in Rome.
    sent = dispatch(served, clock, SEVEN_DAYS_UTC)
    assert sent.get("announce", 0) == 0 and sent.get("nudge") == 2, sent
    assert all(any("A friendly reminder" in text for text in dms(slack, user)) for user in (ADMIN, MEMBER))
    report = command(sender, f"report {CAMPAIGN}", user_id=ADMIN)
    assert "My channel posts don't reach #C0OLDCHAN: it is archived (unarchive it," in report, report
    assert "my DMs to its members are not affected." in report, report
    assert "My reminders don't reach" not in report
