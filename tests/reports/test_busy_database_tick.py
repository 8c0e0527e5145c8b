"""A scheduler tick that finds the database busy (another writer holding its lock past the wait) sends nothing
then, and its DMs go at the next tick, once each: a busy moment delays a reminder by a tick, never loses it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from bot.scheduler import TICK_SECONDS, Ticker
from tests.conftest import SettableClock, signed
from tests.databases import sqlite_write_lock
from tests.reports.conftest import CAMPAIGN, START, Bot, serve

# 10:00 in London, 11:00 in Rome, 15:30 in Kolkata: their 7-days-before DMs are due; 05:00 in New York.
SEVEN_DAYS = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


@contextmanager
def deliveries_locked(database_url: str) -> Iterator[None]:
    """Another process's writer holding what a claim needs, until the block ends."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        with sqlite_write_lock(Path(url.database)):
            yield
        return
    engine = create_engine(url)
    try:
        with engine.connect() as other, other.begin():
            other.execute(text("LOCK TABLE deliveries IN EXCLUSIVE MODE"))  # reads go on; inserts wait
            yield
    finally:
        engine.dispose()


def reminders(slack: FakeSlack) -> dict[str, int]:
    return {
        user: len([message for message in slack.dm_messages(user) if "friendly reminder" in message.text])
        for user in (ADMIN, MEMBER, MEMBER_IST, MANAGER)
    }


def test_the_dms_of_a_tick_that_met_a_busy_database_go_at_the_next_tick_once_each(
    slack: FakeSlack, clock: SettableClock, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    clock.set(START)
    served = serve(slack, database_url, clock)
    try:
        bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
        assert CAMPAIGN in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
        ticker = Ticker(dispatch=served.tick, housekeeping=lambda: None, clock=clock)
        clock.set(SEVEN_DAYS)
        with deliveries_locked(database_url), caplog.at_level(logging.WARNING):
            ticker.tick()
        assert any("tick cut short" in record.getMessage() for record in caplog.records)
        assert reminders(slack) == {ADMIN: 0, MEMBER: 0, MEMBER_IST: 0, MANAGER: 0}
        for _ in range(2):  # the next tick, and one more that finds nothing left to send
            clock.advance(timedelta(seconds=TICK_SECONDS))
            ticker.tick()
            served.settle()
    finally:
        served.stop()
    assert reminders(slack) == {ADMIN: 1, MEMBER: 1, MEMBER_IST: 1, MANAGER: 0}  # 05:00 in New York
