"""PostgreSQL gone while the scheduler runs: one warning a tick, a fan-out that stops at the first refusal, and
a catch-up without duplicates once it is back; a manager's nudge or CSV it cuts short is told so. The bot's
path to the server goes through a proxy the test cuts (every connection closed, new ones refused) and
restores."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url

from bot.cli import Served
from bot.local.fake_slack import FakeSlack
from bot.local.workspace import ADMIN, GENERAL, MANAGER, MEMBER, MEMBER_IST
from bot.scheduler import Ticker
from bot.service.background import Background
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
    assert len(slack.posts(GENERAL)) == 1  # the 7-days-before post


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


class HeldTasks:
    """The bot's background, with the manager's tasks held until the test lets them go: the database can
    then go between the manager's answer and the task's first query."""

    def __init__(self, real: Background) -> None:
        self.real = real
        self.held: list[tuple[str, Callable[[], None]]] = []

    def run(self, name: str, work: Callable[[], None]) -> None:
        self.held.append((name, work))

    def release(self) -> None:
        for name, work in self.held:
            self.real.run(name, work)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.fixture
def held(outage: Outage, monkeypatch: pytest.MonkeyPatch) -> HeldTasks:
    reports = outage.served.services.reports
    tasks = HeldTasks(reports.background)
    monkeypatch.setattr(reports, "background", tasks)
    return tasks


def a_task_cut_short(caplog: pytest.LogCaptureFixture, task: str) -> None:
    """The one line a task ended by the outage leaves: no traceback, nobody named."""
    [warning] = warnings(caplog)
    assert warning.getMessage().startswith(f"background task cut short: {task}: the database is unavailable")
    assert warning.exc_info is None


def test_a_nudge_the_database_stops_before_its_first_dm_tells_the_manager_none_went(
    outage: Outage, held: HeldTasks, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    clock.set(SEVEN_DAYS)
    bot = Bot(slack=slack, sender=signed(outage.served, slack, clock), served=outage.served)
    assert "Nudging" in bot.command(f"nudge {CAMPAIGN}", user=ADMIN)
    [(task, _)] = held.held
    outage.proxy.cut()
    with caplog.at_level(logging.INFO):
        held.release()
        outage.served.settle()

    told = " ".join(str(message.text) for message in slack.dm_messages(ADMIN))
    assert "couldn't nudge" in told and "no DM went out" in told, told
    assert not [call for call in slack.calls_to("chat.postMessage") if "friendly reminder" in str(call.args)]
    a_task_cut_short(caplog, task)
    assert naming_no_one(caplog, slack)
    outage.proxy.restore()


def test_an_export_the_database_stops_tells_the_manager_no_csv_is_coming(
    outage: Outage, held: HeldTasks, slack: FakeSlack, clock: SettableClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The manager was told the CSV arrives in a moment: without a word they would wait for it."""
    clock.set(SEVEN_DAYS)
    bot = Bot(slack=slack, sender=signed(outage.served, slack, clock), served=outage.served)
    bot.click("report_export", CAMPAIGN, user=ADMIN, home=True)
    assert "Preparing the CSV" in " ".join(str(message.text) for message in slack.dm_messages(ADMIN))
    [(task, _)] = held.held
    outage.proxy.cut()
    with caplog.at_level(logging.INFO):
        held.release()
        outage.served.settle()

    told = str(slack.dm_messages(ADMIN)[-1].text)
    assert "couldn't put the CSV" in told and "try again" in told, told
    assert not slack.uploads
    a_task_cut_short(caplog, task)
    assert naming_no_one(caplog, slack)
    outage.proxy.restore()
