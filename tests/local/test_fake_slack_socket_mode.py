"""Socket Mode: slack_sdk's built-in client and bolt's handler connect through apps.connections.open and ack."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK, InvalidStatus
from websockets.sync.client import connect

from bot.local import payloads
from bot.local import workspace as ws
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SocketSender
from bot.local.workspace import LOCAL_APP_TOKEN, LOCAL_BOT_TOKEN


def close_quickly(client: SocketModeClient) -> None:
    """SocketModeClient.close() waits out a 1 s queue poll in its message processor; wake it instead."""
    client.closed = True
    client.message_queue.put(None)
    client.close()


@pytest.fixture
def socket_client(slack: FakeSlack) -> Iterator[tuple[SocketModeClient, list[SocketModeRequest]]]:
    web = WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    client = SocketModeClient(app_token=LOCAL_APP_TOKEN, web_client=web)
    received: list[SocketModeRequest] = []

    def listener(c: Any, request: SocketModeRequest) -> None:
        received.append(request)
        c.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id, payload={"text": "got it"}))

    client.socket_mode_request_listeners.append(listener)
    client.connect()
    try:
        yield client, received
    finally:
        close_quickly(client)


def test_builtin_client_connects_receives_and_acks(
    slack: FakeSlack, socket_client: tuple[SocketModeClient, list[SocketModeRequest]]
) -> None:
    _, received = socket_client
    slack.socket_wait_connected()
    assert slack.calls_to("apps.connections.open")[0].ok
    envelope = payloads.envelope(payloads.slash_command(text="help"))
    ack = slack.socket_send(envelope, timeout=5)
    assert ack == {"envelope_id": envelope["envelope_id"], "payload": {"text": "got it"}}
    (request,) = received
    assert (request.type, request.payload["text"], request.accepts_response_payload) == ("slash_commands", "help", True)
    assert slack.socket_acks[envelope["envelope_id"]] == ack


def test_client_reconnects_when_slack_asks(
    slack: FakeSlack, socket_client: tuple[SocketModeClient, list[SocketModeRequest]]
) -> None:
    slack.socket_wait_connected()
    slack.socket_request_reconnect()
    slack.wait_for(lambda: slack.socket_connects == 2 and slack.socket_connections == 1)
    assert len(slack.calls_to("apps.connections.open")) == 2  # a fresh ticket for the new connection
    event = payloads.envelope(payloads.event_callback(payloads.app_home_opened(user_id=ws.MEMBER)))
    assert slack.socket_send(event)["envelope_id"] == event["envelope_id"]


def test_a_ticket_opens_one_connection(slack: FakeSlack) -> None:
    url = WebClient(token=LOCAL_APP_TOKEN, base_url=slack.api_url).apps_connections_open(app_token=LOCAL_APP_TOKEN)
    assert url["url"].startswith("ws://127.0.0.1:")
    with connect(url["url"]) as first:
        assert '"type": "hello"' in str(first.recv(timeout=5))
        with pytest.raises(InvalidStatus):
            connect(url["url"])
    with pytest.raises(TimeoutError):
        slack.socket_send(payloads.envelope(payloads.slash_command()), timeout=0.05)  # nobody connected now


def test_bolt_socket_mode_handler_through_socket_sender(slack: FakeSlack) -> None:
    app = App(client=WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url))

    @app.command("/privacy")
    def command(ack: Any, command: dict[str, Any]) -> None:
        ack(f"you asked: {command['text']}")

    @app.event("app_mention")
    def answer_in_thread(event: dict[str, Any], say: Any) -> None:
        say(text="on it", thread_ts=event["ts"])

    handler = SocketModeHandler(app, LOCAL_APP_TOKEN)
    handler.connect()  # type: ignore[no-untyped-call]
    try:
        sender = SocketSender(slack, response_urls=slack)
        ack = sender.slash_command(text="linkedin android")
        assert ack["payload"] == {"text": "you asked: linkedin android"}
        mention = payloads.app_mention(text="how do I opt out?")
        assert "payload" not in sender.event(mention)  # events are acked empty
        reply = slack.wait_for_call("chat.postMessage")
        assert reply.ok and reply.args["thread_ts"] == mention["ts"]
    finally:
        close_quickly(handler.client)


def test_a_dropped_connection_ends_without_a_goodbye(slack: FakeSlack) -> None:
    url = WebClient(base_url=slack.api_url).apps_connections_open(app_token=LOCAL_APP_TOKEN)["url"]
    with connect(url) as link:
        link.recv(timeout=5)  # hello
        slack.socket_drop()
        with pytest.raises(ConnectionClosedError) as closed:
            link.recv(timeout=5)
        assert closed.value.rcvd is None  # no close frame: the stream just ended


def test_a_revoked_app_token_closes_the_link_and_opens_no_other(slack: FakeSlack) -> None:
    web = WebClient(base_url=slack.api_url)
    url = web.apps_connections_open(app_token=LOCAL_APP_TOKEN)["url"]
    with connect(url) as link:
        link.recv(timeout=5)  # hello
        slack.revoke_app_token()
        assert json.loads(link.recv(timeout=5))["reason"] == "link_disabled"
        with pytest.raises(ConnectionClosedOK):
            link.recv(timeout=5)
    with pytest.raises(SlackApiError) as refused:
        web.apps_connections_open(app_token=LOCAL_APP_TOKEN)
    assert refused.value.response["error"] == "token_revoked"


def test_fail_after_lets_the_first_calls_through(slack: FakeSlack) -> None:
    web = WebClient(base_url=slack.api_url)
    slack.fail("apps.connections.open", times=1, status=500, after=1)
    assert web.apps_connections_open(app_token=LOCAL_APP_TOKEN)["ok"]
    with pytest.raises(SlackApiError):
        web.apps_connections_open(app_token=LOCAL_APP_TOKEN)
    assert web.apps_connections_open(app_token=LOCAL_APP_TOKEN)["ok"]


def test_socket_close_closes_properly_without_a_disconnect(slack: FakeSlack) -> None:
    url = WebClient(base_url=slack.api_url).apps_connections_open(app_token=LOCAL_APP_TOKEN)["url"]
    with connect(url) as link:
        link.recv(timeout=5)  # hello
        slack.socket_close()
        with pytest.raises(ConnectionClosedOK):
            link.recv(timeout=5)
