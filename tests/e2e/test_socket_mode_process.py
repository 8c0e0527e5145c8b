"""`privacy-bot run` with SLACK_APP_TOKEN connects over Socket Mode (a loopback WebSocket) and answers there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SocketSender
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN, MEMBER, im_channel_id
from tests.botproc import BotProcess, start_bot

pytestmark = pytest.mark.e2e


@pytest.fixture
def socket_bot(slack: FakeSlack, tmp_path: Path) -> Iterator[BotProcess]:
    env = {
        "SLACK_BOT_TOKEN": LOCAL_BOT_TOKEN,
        "SLACK_APP_TOKEN": LOCAL_APP_TOKEN,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }
    bot = start_bot(["run"], env=env, cwd=tmp_path, ready="Socket Mode")
    try:
        slack.socket_wait_connected(timeout=15)
        yield bot
    finally:
        bot.stop()


def test_socket_mode_answers_a_slash_command_in_its_ack(slack: FakeSlack, socket_bot: BotProcess) -> None:
    ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin iphone")
    blocks = str(ack["payload"]["blocks"])
    assert "Steps on iPhone/iPad app" in blocks
    assert "data-for-ai-improvement" in blocks


def test_socket_mode_answers_a_direct_message(slack: FakeSlack, socket_bot: BotProcess) -> None:
    before = len(slack.calls)
    SocketSender(slack).event(payloads.dm_message(user_id=MEMBER, text="linkedin desktop"))
    call = slack.wait_for(lambda: next((c for c in slack.calls[before:] if c.method == "chat.postMessage"), None))
    assert call.args["channel"] == im_channel_id(MEMBER)
    assert "Steps on desktop web" in str(call.structured("blocks"))
