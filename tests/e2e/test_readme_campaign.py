"""The README's campaign file, copied as a new user would, makes a running bot announce and nudge
at the right local times through the stand-in."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import (
    ADMIN,
    GENERAL,
    MANAGER,
    MEMBER,
    MEMBER_IST,
)
from bot.slack.plaintext import render
from tests.botproc import start_http_bot, wait_until
from tests.travel import travel_env

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_deadline() -> date:
    found = re.search(r"^deadline = (\d{4}-\d{2}-\d{2})", README.read_text(), re.MULTILINE)
    assert found, "README's campaign file has no deadline"
    return date.fromisoformat(found.group(1))


# Fifteen seconds before 10:00 UTC, 14 days before the README's deadline (an example date years ahead, so it
# moves): Chiara's 10:00 in Rome (09:00 UTC in winter) and Devi's in Kolkata (04:30 UTC) have passed today;
# the channel's (BOT_TIMEZONE, UTC) and Ada's in London are due in a moment; Ben's in New York (15:00 UTC) is not.
FIRST_REMINDER = readme_deadline() - timedelta(days=14)
START = datetime.combine(FIRST_REMINDER, time(9, 59, 45), tzinfo=UTC)


def readme_campaign_file(folder: Path) -> Path:
    block = re.search(r"```toml\n(\[\[campaign\]\].*?)```", README.read_text(), re.DOTALL)
    assert block, "README has no campaign file example"
    text = block.group(1)
    assert '"C0123ABCD"' in text
    path = folder / "campaigns.toml"
    path.write_text(text.replace('"C0123ABCD"', f'"{GENERAL}"'))  # the stand-in's #general
    return path


def test_the_readme_campaign_announces_and_nudges_at_each_members_own_ten_oclock(
    slack: FakeSlack, tmp_path: Path
) -> None:
    # The times above hold on a weekday (a weekend reminder waits for Monday) in European and US winter time.
    assert FIRST_REMINDER.weekday() < 5 and FIRST_REMINDER.month in (11, 12, 1, 2), FIRST_REMINDER
    bot = start_http_bot(
        slack.api_url, tmp_path, CAMPAIGNS_FILE=str(readme_campaign_file(tmp_path)), **travel_env(START)
    )
    try:

        def channel_posts() -> list[str]:
            return [render(m.blocks) for m in slack.posts(GENERAL)]

        # On start: the two DMs whose 10:00 passed earlier today (less than 12 h late), nothing else.
        wait_until(lambda: slack.dm_messages(MEMBER) and slack.dm_messages(MEMBER_IST), timeout=20, what="catch-up DMs")
        assert channel_posts() == [] and slack.dm_messages(ADMIN) == []
        # 10:00 UTC: the channel's announcement and Ada's DM in London, within a 15 s tick.
        wait_until(lambda: channel_posts() and slack.dm_messages(ADMIN), timeout=45, what="the 10:00 UTC reminders")
        [announcement] = channel_posts()
        assert "14 days" in announcement
        assert slack.dm_messages(MANAGER) == []  # Ben's 10:00 in New York is five hours away
        assert all(len(slack.dm_messages(user)) == 1 for user in (ADMIN, MEMBER, MEMBER_IST))
    finally:
        bot.stop()
