"""Through the stand-in: a channel post due at the weekend goes out on Monday with the DMs, says how many
days are left from that Monday, and the start message and `privacy-bot schedule` show those days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.workspace import ADMIN, GENERAL
from bot.slack.plaintext import render
from tests.conftest import Served, SettableClock, final_answer

UTC = dt.UTC
DEADLINE = "2026-12-20"  # a Sunday
CAMPAIGN = f"linkedin-ai-training-{DEADLINE}"
SATURDAY = dt.datetime(2026, 12, 5, 12, 0, tzinfo=UTC)  # started at the weekend, days [14, 7, 1, 0]
# The bot's zone is UTC and Ada's London is UTC+0 in December: her DM and the channel post share 10:00 UTC.
WORDING = {
    dt.date(2026, 12, 7): "13 days left",  # Sunday the 6th's 14-days-before, on Monday
    dt.date(2026, 12, 14): "6 days left",  # Sunday the 13th's 7-days-before, on Monday
    dt.date(2026, 12, 19): "1 day left",  # Saturday: Monday the 21st would be past the deadline
    dt.date(2026, 12, 20): "Today is the last day",  # the deadline keeps its day, weekend or not
}


@pytest.fixture(autouse=True)
def saturday(clock: SettableClock) -> None:
    clock.set(SATURDAY)


def start(sender: SignedSender) -> str:
    answer = final_answer(sender, f"campaign start linkedin <#{GENERAL}|general> {DEADLINE}", user_id=ADMIN)
    return render(answer.get("blocks") or [])


def test_channel_posts_due_at_the_weekend_go_out_on_monday_with_the_dms_and_count_from_there(
    sender: SignedSender, served: Served, slack: FakeSlack, clock: SettableClock
) -> None:
    start(sender)
    posts: dict[dt.date, str] = {}
    dms: dict[dt.date, str] = {}
    for offset in range(1, 16):  # Sunday the 6th to Sunday the 20th, at 10:00 UTC
        day = SATURDAY.date() + dt.timedelta(days=offset)
        clock.set(dt.datetime.combine(day, dt.time(10, 0), tzinfo=UTC))
        posts_before, dms_before = len(slack.posts(GENERAL)), len(slack.dm_messages(ADMIN))
        served.services.delivery.dispatch_due()
        for post in slack.posts(GENERAL)[posts_before:]:
            posts[day] = render(post.blocks or [])
        for dm in slack.dm_messages(ADMIN)[dms_before:]:
            dms[day] = dm.text
    assert sorted(posts) == sorted(dms) == sorted(WORDING)
    for day, wording in WORDING.items():
        assert wording in posts[day], (day, posts[day])
        assert wording.lower() in dms[day].lower(), (day, dms[day])


def test_the_start_message_and_schedule_show_the_days_the_channel_posts_really_go_out(
    sender: SignedSender,
    served: Served,
    bot_db: Path,
    run: Callable[..., tuple[int, str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = start(sender)
    assert "channel posts on Mon 7 Dec, Mon 14 Dec, Sat 19 Dec and Sun 20 Dec at 10:00 (UTC)" in started, started
    assert "waits for Monday unless that is past the deadline" in started, started  # why Saturday the 19th stays
    served.stop()
    monkeypatch.setattr("bot.cli.utc_now", lambda: SATURDAY)
    code, out, err = run("schedule", "--days", "30", env={"DATABASE_URL": f"sqlite:///{bot_db}"})
    assert code == 0, err
    announces = [line.split()[:2] for line in out.splitlines() if f"{CAMPAIGN} announce" in " ".join(line.split())]
    assert announces == [[day.isoformat(), "10:00"] for day in sorted(WORDING)]
