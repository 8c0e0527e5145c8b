"""PostgreSQL gone while the scheduler runs: one warning a tick, a fan-out that stops at the first refusal, and
a catch-up without duplicates once it is back. The bot's path to the server goes through a proxy the test
cuts (every connection closed, new ones refused) and restores."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url

from bot.cli import Served
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from bot.scheduler import Ticker
from bot.service.delivery import DEFAULT_LEASE, FANOUT_WORKERS
from tests.conftest import SettableClock, signed
from tests.databases import PG_SKIPPED, TEST_DATABASE_URL, scratch_database
from tests.hostile.freezable_proxy import FreezableProxy
from tests.reports.conftest import CAMPAIGN, Bot, serve

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason=PG_SKIPPED)

STARTED = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
SEVEN_DAYS = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)  # the 7-days-before DMs of the members in UTC and London
MANY = 40


@dataclass
class Outage:
    served: Served
    proxy: FreezableProxy
    ticker: Ticker
    members: list[str]  # who is due a DM at SEVEN_DAYS


@pytest.fixture
def outage(slack: FakeSlack, clock: SettableClock, tmp_path: Path) -> Iterator[Outage]:
    """The bot on PostgreSQL behind the proxy, with a campaign over #general (40 members more than usual)
    started at 09:30 UTC, and its scheduler's tick at hand (called by the test, not on a timer)."""
    many = slack.workspace.add_many_users(MANY, channel=GENERAL)
    with scratch_database("postgresql", tmp_path) as url:
        target = make_url(url)
        with FreezableProxy((target.host or "127.0.0.1", target.port or 5432)) as proxy:
            proxied = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            clock.set(STARTED)
            served = serve(slack, proxied, clock)
            try:
                bot = Bot(slack=slack, sender=signed(served, slack, clock), served=served)
                assert CAMPAIGN in bot.command(f"campaign start linkedin <#{GENERAL}|general> 2026-12-15", user=ADMIN)
                ticker = Ticker(dispatch=served.tick, housekeeping=lambda: None, clock=clock)
                # 05:00 in New York: Ben's DM is not due yet.
                yield Outage(served, proxy, ticker, [ADMIN, MEMBER, MEMBER_IST, *many])
            finally:
                served.stop()


def warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.WARNING]


def naming_no_one(caplog: pytest.LogCaptureFixture, slack: FakeSlack) -> bool:
    people = [*slack.workspace.users]
    return not any(person in record.getMessage() for record in caplog.records for person in people)


def dms(slack: FakeSlack, member: str) -> int:
    return len(slack.dm_messages(member))


@pytest.mark.parametrize("gone", ["stopped", "frozen"])
def test_each_tick_while_postgresql_is_gone_logs_one_warning_without_a_traceback(
    outage: Outage, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture, gone: str
) -> None:
    """Stopped (connections closed, new ones refused) or frozen (nothing answers, connections cut at their
    deadlines): the same single line."""
    clock.set(SEVEN_DAYS)
    if gone == "stopped":
        outage.proxy.cut()
    else:
        outage.proxy.freeze()
    for tick in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            outage.ticker.tick()
        [warning] = warnings(caplog)
        assert "database is unavailable" in warning.getMessage(), (tick, warning.getMessage())
        assert warning.exc_info is None
        assert naming_no_one(caplog, slack)
    assert not slack.calls_to("chat.postMessage")
    outage.proxy.thaw()  # lets the bot stop at once


def test_a_fan_out_stops_at_the_first_refusal_and_the_next_tick_sends_the_rest_once(
    outage: Outage, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack holds the first posts of the tick; meanwhile the database goes. Those posts go out when Slack
    answers; no member after them is tried. Once the database is back (and the claims it could not be told
    of have lapsed), the next tick sends every member's DM that had not gone, and nobody gets two."""
    clock.set(SEVEN_DAYS)
    served = outage.served
    stored = served.services.campaigns.campaigns.get(team_id=served.team_id, campaign_id=CAMPAIGN)
    assert stored is not None
    # Read now, the audience is fresh for the tick: the first call it holds at Slack is a post.
    served.services.delivery.refresh_audience(served.team_id, stored.campaign, now=SEVEN_DAYS)
    ticking = threading.Thread(target=outage.ticker.tick)
    with caplog.at_level(logging.INFO):
        with slack.hung():
            ticking.start()
            slack.wait_for(lambda: slack.held or None)
            outage.proxy.cut()
        ticking.join(timeout=30)
        assert not ticking.is_alive()
    # The posts claimed before the database went, at most one a worker.
    assert 0 < len(slack.calls_to("chat.postMessage")) <= FANOUT_WORKERS
    assert len(warnings(caplog)) == 1, [record.getMessage() for record in warnings(caplog)]
    assert naming_no_one(caplog, slack)

    outage.proxy.restore()
    clock.advance(DEFAULT_LEASE + timedelta(seconds=1))
    outage.ticker.tick()
    outage.served.settle()

    assert {member: dms(slack, member) for member in outage.members} == dict.fromkeys(outage.members, 1)
    assert dms(slack, MANAGER) == 0
    assert len(slack.messages(GENERAL)) == 1  # the 7-days-before post


def test_a_managers_nudge_the_database_cuts_short_tells_the_manager_who_was_not_reached(
    outage: Outage, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Slack holds the nudge's first posts; meanwhile the database goes. The manager is not left with silence
    (or a "Nudged" as if all had gone): a DM says how many got the nudge and how many did not."""
    clock.set(SEVEN_DAYS)
    sender = signed(outage.served, slack, clock)
    with caplog.at_level(logging.INFO), slack.hung():
        reply = sender.slash_command(text=f"nudge {CAMPAIGN}", user_id=ADMIN)
        assert reply.status == 200 and "Nudging" in reply.text, reply.text
        slack.wait_for(lambda: slack.held or None)
        outage.proxy.cut()
    outage.served.settle()

    told = " ".join(str(message.text) for message in slack.dm_messages(ADMIN))
    assert "stopped nudging" in told and "did not" in told, told
    assert "Nudged" not in told
    assert naming_no_one(caplog, slack)
    nudged = [call for call in slack.calls_to("chat.postMessage") if "friendly reminder" in str(call.args)]
    assert 0 < len(nudged) < len(outage.members)
    outage.proxy.restore()
