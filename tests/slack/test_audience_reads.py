"""Who a campaign addresses when Slack cannot list the workspace, and who it never addresses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from tests.conftest import Served, SettableClock, local_settings, signed
from tests.slack.test_campaigns_in_slack import CAMPAIGN, SEVEN_DAYS_UTC, START, TODAY, command, dms


def test_a_restart_while_slack_will_not_list_members_keeps_the_audience_and_its_dms(
    sender: SignedSender,
    served: Served,
    slack: FakeSlack,
    clock: SettableClock,
    bot_db: Path,
    retry_waits: list[float],
) -> None:
    # users.list is Slack's tier 2: a restart (a deploy) in a busy hour can meet an error or a long 429. The
    # bot read the audience as nobody then, marked all four members as having left, and nudged none of them.
    command(sender, START, user_id=ADMIN)
    served.stop()
    slack.fail("users.list", times=50, status=500)
    again = serve_in_background(local_settings(slack, bot_db), clock=clock)
    try:
        clock.set(SEVEN_DAYS_UTC + dt.timedelta(hours=2))  # past Chiara's, Ada's and Devi's 10:00; Ben's to come
        report = again.services.delivery.dispatch_due()
        audience = again.services.members.directory.audience(team_id=again.team_id, campaign_id=CAMPAIGN)
    finally:
        clock.set(TODAY)
        slack.fail("users.list", times=0)
        again.stop()
    assert sorted(audience) == sorted([ADMIN, MANAGER, MEMBER, MEMBER_IST])
    assert report.sent["nudge"] == 3
    assert [len(dms(slack, user)) for user in (ADMIN, MEMBER, MEMBER_IST)] == [1, 1, 1]
    assert len(slack.posts(GENERAL)) == 1


def test_a_campaign_is_not_started_for_nobody_while_slack_has_never_listed_the_members(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, retry_waits: list[float]
) -> None:
    # A fresh install whose first users.list fails: the manager read "started … 0 members", and the campaign
    # never nudged anyone; now nothing is started and they are told to try again.
    clock.set(TODAY)
    slack.fail("users.list", times=50, status=500)
    # Named in MANAGERS: a manager whom Slack need not be asked about.
    served = serve_in_background(
        local_settings(slack, bot_db, managers=(ADMIN,), admins_are_managers=False), clock=clock
    )
    try:
        sender = signed(served, slack, clock)
        refused = command(sender, START, user_id=ADMIN)
        slack.fail("users.list", times=0)
        clock.advance(dt.timedelta(days=1, minutes=1))  # the directory's next read is due
        started = command(sender, START, user_id=ADMIN)
    finally:
        served.stop()
    assert "nothing was started" in refused and "0 members" not in refused
    assert "4 members" in started
