"""The member directory is read from Slack once however many callers find it stale at once."""

from __future__ import annotations

import threading
from contextlib import suppress
from datetime import timedelta

from bot.local.fake_slack import FakeSlack
from tests.conftest import Served, SettableClock


def test_two_callers_finding_the_directory_stale_ask_slack_once(
    served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    # At start the scheduler's first tick and its housekeeping both find it stale; users.list is Slack's tier 2.
    clock.set(clock() + timedelta(days=2))
    members = served.services.members
    before = len(slack.calls_to("users.list"))

    def read() -> None:
        members.refresh_if_stale(team_id=served.team_id)

    first, second = threading.Thread(target=read), threading.Thread(target=read)
    with slack.hung():
        first.start()
        slack.wait_for(lambda: slack.held == 1)
        second.start()
        # The second waits for the read under way. Given half a second to ask Slack too, it asks nothing.
        with suppress(TimeoutError):
            slack.wait_for(lambda: slack.held == 2, timeout=0.5)
    first.join(timeout=10)
    second.join(timeout=10)
    assert len(slack.calls_to("users.list")) - before == 1
