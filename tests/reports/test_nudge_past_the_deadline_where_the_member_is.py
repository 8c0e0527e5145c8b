"""A manager's nudge on the deadline day in BOT_TIMEZONE (UTC here) can reach a member whose own day is already
the day after: 20:00 UTC is 09:00 the next morning in Auckland. The DM said "today is the last day" to her."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, make_user
from tests.conftest import SettableClock, signed
from tests.reports.conftest import CAMPAIGN, START, Bot, serve

AUCKLAND = "U0AKL"


@pytest.fixture
def bot(slack: FakeSlack, bot_db: Path, clock: SettableClock) -> Iterator[Bot]:
    with slack.lock:
        slack.workspace.add_user(make_user(AUCKLAND, "aroha", "Aroha Ngata", tz="Pacific/Auckland"))
        slack.workspace.channels[GENERAL].members.append(AUCKLAND)
    clock.set(START)
    served = serve(slack, bot_db, clock)
    try:
        yield Bot(slack=slack, sender=signed(served, slack, clock), served=served)
    finally:
        served.stop()


def test_a_nudge_reaching_a_member_past_the_deadline_where_she_is_does_not_call_it_the_last_day(
    bot: Bot, slack: FakeSlack, clock: SettableClock
) -> None:
    assert CAMPAIGN in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
    clock.set(datetime(2026, 12, 15, 19, 30, tzinfo=UTC))  # 08:30 on the 16th in Auckland
    before = len(slack.dm_messages(AUCKLAND))
    bot.command(f"nudge {CAMPAIGN}", user=ADMIN)
    (dm,) = slack.dm_messages(AUCKLAND)[before:]
    assert "last day" not in dm.text.lower(), dm.text
    assert "deadline 2026-12-15 has passed where you are" in dm.text, dm.text
