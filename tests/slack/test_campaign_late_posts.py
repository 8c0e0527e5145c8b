"""Through the stand-in: a channel post sent late, past midnight in the bot's zone, says what is true on the
day it is read, and one that would come after the deadline day is not posted at all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.cli import serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import GENERAL
from bot.slack.plaintext import render
from tests.conftest import SettableClock, local_settings

UTC = dt.UTC
CAMPAIGN = "evening-drive"


def test_a_late_evening_post_counts_from_the_day_it_goes_out_and_none_comes_after_the_deadline(
    slack: FakeSlack, clock: SettableClock, bot_db: Path, tmp_path: Path
) -> None:
    # An evening remind_at in the bot's UTC: the 1-day post is due on Monday the 14th at 22:00, the deadline
    # day's on Tuesday the 15th at 22:00. The bot is down until 02:00 after each, less than 12 hours late.
    listed = tmp_path / "campaigns.toml"
    listed.write_text(
        f'[[campaign]]\nid = "{CAMPAIGN}"\nguide = "linkedin-ai-training"\nchannels = ["{GENERAL}"]\n'
        'deadline = 2026-12-15\nremind_days_before = [1, 0]\nremind_at = "22:00"\n'
    )
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    served = serve_in_background(local_settings(slack, bot_db, campaigns_file=listed), clock=clock)
    try:
        clock.set(dt.datetime(2026, 12, 15, 2, 0, tzinfo=UTC))  # the deadline day
        served.services.delivery.dispatch_due()
        [late] = [render(post.blocks or []) for post in slack.messages(GENERAL)]
        assert "Today is the last day" in late and "1 day left" not in late, late
        clock.set(dt.datetime(2026, 12, 16, 2, 0, tzinfo=UTC))  # the day after it
        served.services.delivery.dispatch_due()
        assert len(slack.messages(GENERAL)) == 1  # not "Today is the last day" the day after it
        clock.set(dt.datetime(2026, 12, 16, 2, 1, tzinfo=UTC))
        served.services.delivery.dispatch_due()
        assert len(slack.messages(GENERAL)) == 1  # settled, not tried again each tick
    finally:
        served.stop()
