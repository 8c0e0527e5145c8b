"""The start message says when the campaign's messages go, as they will go: on the deadline day it was "channel
posts 0 days before at 10:00 (UTC)", and a post already due (started after 10:00, still sent) was promised for
10:00 although it goes out at once."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, DESIGN_GROUP, GENERAL, PRIVACY
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import CAMPAIGN, START, command, dispatch

UTC = dt.UTC
DEADLINE_DAY = dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("hour", "promised"),
    [(9, "a channel post on the deadline day at 10:00 (UTC)"), (15, "a channel post now, on the deadline day")],
    ids=["before-10", "after-10"],
)
def test_a_campaign_started_on_its_deadline_day_says_so_not_0_days_before(
    sender: SignedSender, served: Served, clock: SettableClock, hour: int, promised: str
) -> None:
    started_at = dt.datetime.combine(DEADLINE_DAY, dt.time(hour), tzinfo=UTC)
    clock.set(started_at)
    started = command(sender, START, user_id=ADMIN)
    assert promised in started, started
    assert "0 days before" not in started
    due = max(started_at, dt.datetime.combine(DEADLINE_DAY, dt.time(10), tzinfo=UTC))
    assert dispatch(served, clock, due).get("announce", 0) == 1


def test_todays_post_started_after_its_hour_is_said_to_go_now(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    started_at = dt.datetime(2026, 12, 8, 21, 0, tzinfo=UTC)  # 7 days before, 11 hours after the 10:00 post
    clock.set(started_at)
    started = command(sender, START, user_id=ADMIN)
    promised = "channel posts on Tue 8 Dec, Mon 14 Dec and Tue 15 Dec at 10:00 (UTC); today's goes out now"
    assert promised in started, started
    assert dispatch(served, clock, started_at).get("announce", 0) == 1


def test_a_user_group_campaign_started_on_its_deadline_day_dms_that_day(
    sender: SignedSender, clock: SettableClock
) -> None:
    clock.set(dt.datetime.combine(DEADLINE_DAY, dt.time(9), tzinfo=UTC))
    started = command(sender, f"campaign start linkedin <!subteam^{DESIGN_GROUP}|design> {DEADLINE_DAY}", user_id=ADMIN)
    assert "DMs to those still pending on the deadline day at 10:00 in their own time zone" in started, started


def test_a_campaign_stopped_and_started_again_does_not_promise_the_post_it_already_sent(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    first = dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 14 days before: the post goes out
    clock.set(first)
    command(sender, START, user_id=ADMIN)
    assert dispatch(served, clock, first).get("announce", 0) == 1
    command(sender, f"campaign stop {CAMPAIGN}", user_id=ADMIN)
    again = first + dt.timedelta(hours=2)  # the manager changes their mind
    clock.set(again)
    started = command(sender, START, user_id=ADMIN)
    assert "channel posts on Tue 8 Dec, Mon 14 Dec and Tue 15 Dec at 10:00 (UTC)," in started, started
    assert "goes out now" not in started
    assert dispatch(served, clock, again).get("announce", 0) == 0  # sent once, as the ledger says


def test_channels_separated_by_a_comma_alone_are_each_part_of_the_audience(
    sender: SignedSender, clock: SettableClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    # Typed "#general,#privacy", Slack links both and leaves the comma between them: one word, which was read as
    # a channel Slack could not name, and the manager was asked "Which channel or user group?".
    typed = f"campaign start linkedin <#{GENERAL}|general>,<#{PRIVACY}|privacy> {DEADLINE_DAY}"
    started = command(sender, typed, user_id=ADMIN)
    assert "started" in started, started
    assert GENERAL in started and PRIVACY in started, started
