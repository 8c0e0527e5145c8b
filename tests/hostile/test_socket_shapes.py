"""Over Socket Mode there is no signature to check, but the shape check runs all the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.cli import _bot
from bot.local import payloads
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SocketSender
from bot.local.workspace import LOCAL_APP_TOKEN
from tests.conftest import local_settings

BAD = {
    "event a string": {"type": "event_callback", "team_id": "T0LOCAL", "event": "x"},
    "click without user": {
        k: v for k, v in payloads.block_actions(action_id="attest_confirmed").items() if k != "user"
    },
    "actions empty": payloads.block_actions(action_id="attest_confirmed") | {"actions": []},
    "slash without user_id": {k: v for k, v in payloads.slash_command(text="done linkedin").items() if k != "user_id"},
}

UNHANDLED = (
    {"type": "shortcut", "callback_id": "x", "user": {"id": "U0CHI"}, "team": {"id": "T0LOCAL"}, "trigger_id": "1"},
    {
        "type": "block_suggestion",
        "action_id": "x",
        "value": "typed",
        "user": {"id": "U0CHI"},
        "team": {"id": "T0LOCAL"},
    },
    payloads.event_callback({"type": "reaction_added", "user": "U0CHI", "reaction": "x"}),
)


def test_socket_mode_refuses_bodies_of_the_wrong_shape_and_still_serves(slack: FakeSlack, tmp_path: Path) -> None:
    settings = local_settings(slack, tmp_path / "bot.db", slack_app_token=SecretStr(LOCAL_APP_TOKEN))
    bot = _bot(settings, socket_mode=True)
    handler = SocketModeHandler(bot.app, LOCAL_APP_TOKEN)
    handler.connect()  # type: ignore[no-untyped-call]
    try:
        slack.socket_wait_connected()
        calls = len(slack.calls)
        for name, body in BAD.items():
            # bolt does not ack a 400 over Socket Mode (Slack retries, and is refused again).
            with pytest.raises(TimeoutError):
                slack.socket_send(payloads.envelope(body), timeout=0.5)
            assert slack.calls[calls:] == [], name
        metrics = bot.app.metrics.render()  # type: ignore[attr-defined]
        assert 'privacy_bot_slack_requests_total{kind="invalid",status="400"} 4.0' in metrics
        ack = SocketSender(slack, response_urls=slack).slash_command(text="linkedin")
        assert "On desktop web" in str(ack["payload"])
        # A kind the bot has no listener for is acknowledged all the same, so Slack does not send it again.
        for body in UNHANDLED:
            acked = slack.socket_send(payloads.envelope(body), timeout=2)
            assert acked.get("payload") in (None, "", {"options": []}), acked
        assert slack.calls[calls:] == []
    finally:
        handler.client.closed = True
        handler.client.message_queue.put(None)
        handler.close()  # type: ignore[no-untyped-call]
        bot.engine.dispose()
