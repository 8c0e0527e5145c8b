"""In Socket Mode, /healthz and /metrics tell when the bot cannot hear Slack, so that an orchestrator restarts it.

The bot's link clock is moved past the grace and steady periods (tests/link_clock) instead of waiting them out."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.local.fake_slack import FakeSlack
from bot.local.sender import SocketSender
from tests.botproc import BotProcess, start_socket_bot, wait_until
from tests.link_clock import link_clock_env, move_link_clock

pytestmark = pytest.mark.e2e

UP, DOWN_FOR = "privacy_bot_slack_link_up", "privacy_bot_slack_link_down_seconds"


@pytest.fixture
def link_clock(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("link-clock") / "ahead"  # not in the bot's working folder


@pytest.fixture
def socket_bot(slack: FakeSlack, tmp_path: Path, link_clock: Path) -> Iterator[BotProcess]:
    bot = start_socket_bot(slack.api_url, tmp_path, **link_clock_env(link_clock))
    try:
        slack.socket_wait_connected(timeout=15)
        yield bot
    finally:
        bot.stop()


def _health(bot: BotProcess) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"{bot.url}/healthz", timeout=3) as answer:
            return int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _link_gauges(bot: BotProcess) -> dict[str, float]:
    with urllib.request.urlopen(f"{bot.url}/metrics", timeout=3) as answer:
        lines = answer.read().decode().splitlines()
    return {
        name: float(value)
        for name, value in (line.split() for line in lines if line.startswith("privacy_bot_slack_link_"))
    }


def test_health_fails_once_slack_has_been_out_of_reach_past_the_grace_period_and_recovers_once_steady(
    slack: FakeSlack, socket_bot: BotProcess, link_clock: Path
) -> None:
    # The bot kept trying to reconnect, and /healthz kept saying 200: nothing restarted a bot that heard nothing.
    assert _health(socket_bot) == (200, "ok\n")
    assert _link_gauges(socket_bot) == {UP: 1.0, DOWN_FOR: 0.0}

    slack.fail("apps.connections.open", times=1_000)  # Slack takes no new connection
    slack.socket_drop()
    slack.wait_for(lambda: slack.calls_to("apps.connections.open", ok=False), timeout=8)
    assert slack.socket_connections == 0
    assert _health(socket_bot) == (200, "ok\n"), "a reconnect is normal: within the grace period, still healthy"
    assert _link_gauges(socket_bot)[UP] == 0.0

    move_link_clock(link_clock, seconds=31)
    status, body = _health(socket_bot)
    assert status == 503 and re.fullmatch(r"slack link down for (3[1-9]|[4-9][0-9]) s\n", body), (status, body)
    gauges = _link_gauges(socket_bot)
    assert gauges[UP] == 0.0 and gauges[DOWN_FOR] >= 31, gauges

    slack.fail("apps.connections.open", times=0)
    wait_until(lambda: _link_gauges(socket_bot) == {UP: 1.0, DOWN_FOR: 0.0}, timeout=20, what="the bot reconnecting")
    status, body = _health(socket_bot)
    assert status == 503 and body.startswith("slack link back for "), "up again, but not yet for long"

    move_link_clock(link_clock, seconds=60)
    assert _health(socket_bot) == (200, "ok\n")
    ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin")
    assert "On desktop web" in str(ack["payload"])


def test_health_answers_at_once_while_the_bot_waits_on_a_stalled_slack_for_a_new_connection(
    slack: FakeSlack, socket_bot: BotProcess, link_clock: Path
) -> None:
    # The reconnect holds slack_sdk's connection lock while Slack does not answer: a check that asked the
    # WebSocket client would wait with it, and a probe's timeout reads as a failure whatever the link does.
    slack.wait_for_call("users.list", timeout=8)  # what the bot reads at start is read: only a reconnect asks now
    with slack.hung():
        slack.socket_drop()
        wait_until(lambda: _link_gauges(socket_bot)[UP] == 0.0, timeout=8, what="the bot missing the link")
        slack.wait_for(lambda: slack.held > 0, timeout=8)  # the bot is asking Slack for a new connection
        move_link_clock(link_clock, seconds=45)
        started = time.monotonic()
        status, body = _health(socket_bot)
        assert time.monotonic() - started < 1.0
        assert status == 503 and body.startswith("slack link down for 4"), (status, body)
    wait_until(lambda: _link_gauges(socket_bot)[UP] == 1.0, timeout=20, what="the bot reconnecting")
