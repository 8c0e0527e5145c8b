"""A CAMPAIGNS_FILE campaign whose deadline is moved keeps its id, and its ledger keys (`d14`, `d7`, …) carry no
date: a reminder already sent for the old date is not sent again for the new one. "Sent once" is per campaign
and reminder, not per date; a fresh series needs a new campaign id."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.campaigns import Campaign, validate_campaign
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import GENERAL, MEMBER
from tests.conftest import SettableClock
from tests.reports.conftest import GUIDE, START, serve


def _file_campaign(deadline: str) -> Campaign:
    return validate_campaign(
        {"id": "linkedin-file", "guide": GUIDE, "channels": [GENERAL], "deadline": deadline}, where="file"
    )


def test_a_reminder_sent_before_the_deadline_moved_is_not_sent_again_for_the_new_date(
    slack: FakeSlack, clock: SettableClock, database_url: str
) -> None:
    clock.set(START)  # Tuesday 1 December, 10:00 UTC: 14 days before 15 December
    served = serve(slack, database_url, clock)
    try:
        delivery = served.services.delivery
        served.services.campaigns.load(team_id=served.team_id, campaigns=[_file_campaign("2026-12-15")])
        assert delivery.dispatch_due(team_id=served.team_id).sent["announce"] == 1
        nudged = len(slack.dm_messages(MEMBER))
        assert nudged == 1
        # The operator moves the deadline two weeks on, and restarts the bot.
        clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
        served.services.campaigns.load(team_id=served.team_id, campaigns=[_file_campaign("2026-12-29")])
        # 15 December: 14 days before the new date. Its d14 went out on 1 December: nothing now.
        clock.set(datetime(2026, 12, 15, 10, 0, tzinfo=UTC))
        moved = delivery.dispatch_due(team_id=served.team_id)
        assert not moved.sent and not moved.skipped, moved
        assert len(slack.posts(GENERAL)) == 1 and len(slack.dm_messages(MEMBER)) == nudged
        # 22 December: 7 days before the new date, a reminder not sent before: the channel and Chiara hear of
        # the new date.
        clock.set(datetime(2026, 12, 22, 10, 0, tzinfo=UTC))
        assert delivery.dispatch_due(team_id=served.team_id).sent["announce"] == 1
        assert len(slack.posts(GENERAL)) == 2 and len(slack.dm_messages(MEMBER)) == nudged + 1
        assert "7 days left" in str(slack.posts(GENERAL)[-1].blocks)
        served.settle()
    finally:
        served.stop()
