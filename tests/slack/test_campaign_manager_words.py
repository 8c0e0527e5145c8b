"""What a manager reads when starting, nudging and stopping campaigns, found in a manager's audit through the
shell: the days a campaign posts and DMs as dates (not "14, 7, 0 days before"), a campaign used or named when
only one runs, which of "stopped" or "past its deadline" it is, and why a date or a guide was not understood."""

from __future__ import annotations

import datetime as dt

from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, DESIGN_GROUP, GENERAL
from tests.conftest import Served, SettableClock
from tests.slack.test_campaigns_in_slack import command, dispatch

UTC = dt.UTC
# A Monday: 14 and 7 days before are Mondays, 1 day before a Sunday, which waits for the deadline day itself.
MONDAY_DEADLINE = "2027-02-01"
START_MONDAY = f"campaign start linkedin <#{GENERAL}|general> {MONDAY_DEADLINE}"


def test_the_start_message_names_the_days_the_scheduler_posts_and_dms_on(
    sender: SignedSender, served: Served, clock: SettableClock
) -> None:
    started = command(sender, START_MONDAY, user_id=ADMIN)
    assert "channel posts on Mon 18 Jan, Mon 25 Jan and Mon 1 Feb at 10:00 (UTC)" in started, started
    assert "DMs to those still pending on the same days at 10:00 in their own time zone" in started, started
    assert "waits for Monday" in started, started  # why Sunday 31 Jan is not among them
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
