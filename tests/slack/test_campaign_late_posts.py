"""Through the stand-in: a channel post sent late, past midnight in the bot's zone, says what is true on the
day it is read; one that would come after the deadline day is not posted at all, and nor is one that would
land on a day that has its own post: a channel hears a campaign once a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.cli import Served, serve_in_background
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import GENERAL
from bot.slack.plaintext import render
from tests.conftest import SettableClock, local_settings

UTC = dt.UTC
CAMPAIGN = "evening-drive"


@contextmanager
def evening_drive(slack: FakeSlack, clock: SettableClock, tmp_path: Path, *, days: str) -> Iterator[Served]:
    """Posts at 22:00 in the bot's UTC on the deadline day (Tuesday the 15th) and on the days before it that
    `days` names (kept at weekends, so the days are exactly those)."""
    listed = tmp_path / "campaigns.toml"
    listed.write_text(
        f'[[campaign]]\nid = "{CAMPAIGN}"\nguide = "linkedin-ai-training"\nchannels = ["{GENERAL}"]\n'
        f'deadline = 2026-12-15\nremind_days_before = {days}\nremind_at = "22:00"\nweekend_reminders = true\n'
    )
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    served = serve_in_background(local_settings(slack, tmp_path / "bot.db", campaigns_file=listed), clock=clock)
    try:
        yield served
    finally:
        served.stop()


def posts(slack: FakeSlack) -> list[str]:
    return [render(post.blocks or []) for post in slack.posts(GENERAL)]


def tick(served: Served, clock: SettableClock, at: dt.datetime) -> None:
    clock.set(at)
    served.services.delivery.dispatch_due()


def test_a_late_evening_post_counts_from_the_day_it_goes_out_and_none_comes_after_the_deadline(
    slack: FakeSlack, clock: SettableClock, tmp_path: Path
) -> None:
    # The 2-days-before post is due on Sunday the 13th at 22:00, the deadline day's on Tuesday the 15th at
    # 22:00. The bot is down until 02:00 after each, less than 12 hours late.
    with evening_drive(slack, clock, tmp_path, days="[2, 0]") as served:
        tick(served, clock, dt.datetime(2026, 12, 14, 2, 0, tzinfo=UTC))  # Monday: no post of its own
        [late] = posts(slack)
        assert "1 day left" in late and "2 days left" not in late, late
        tick(served, clock, dt.datetime(2026, 12, 16, 2, 0, tzinfo=UTC))  # the day after the deadline
        assert len(posts(slack)) == 1  # not "Today is the last day" the day after it
        tick(served, clock, dt.datetime(2026, 12, 16, 2, 1, tzinfo=UTC))
        assert len(posts(slack)) == 1  # settled, not tried again each tick


def test_a_late_post_that_would_land_on_the_deadline_day_leaves_that_day_to_its_own_post(
    slack: FakeSlack, clock: SettableClock, tmp_path: Path
) -> None:
    # The day-before post is due on Monday the 14th at 22:00; the bot is down until 02:00 on the deadline day,
    # which has its own post at 22:00: the channel hears "Today is the last day" once, not twice.
    with evening_drive(slack, clock, tmp_path, days="[1, 0]") as served:
        tick(served, clock, dt.datetime(2026, 12, 15, 2, 0, tzinfo=UTC))
        assert posts(slack) == []
        tick(served, clock, dt.datetime(2026, 12, 15, 2, 1, tzinfo=UTC))
        assert posts(slack) == []  # recorded, not tried again each tick
        counts = served.services.delivery.ledger.counts(team_id=served.team_id, campaign_id=CAMPAIGN)
        assert counts[("announce", "skipped")] == 1 and ("announce", "sent") not in counts
        tick(served, clock, dt.datetime(2026, 12, 15, 22, 0, tzinfo=UTC))
        [own] = posts(slack)
        assert "Today is the last day" in own, own
