"""A request that waited for a free thread until Slack had stopped waiting for it is refused unread, over
HTTP and over Socket Mode: under overload the bot spends nothing on answers nobody will see, and says so
once. Over Socket Mode the wait counts against the request's budget, as over HTTP."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun import freeze_time
from slack_bolt import Ack
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.core import REQUEST_BUDGET_S, SLACK_ACK_LIMIT_S, answer_by
from bot.local import payloads
from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.http import wsgi_app
from bot.slack.late import LateRequests
from bot.slack.metrics import Metrics
from bot.slack.socket_arrivals import Arrivals
from tests.wsgi_calls import bolt_app, call, signed_command


class _Commands:
    """A bolt app whose one listener counts the slash commands that reached it."""

    def __init__(self) -> None:
        self.answered = 0
        self.app = bolt_app()
        self.app.command("/privacy")(self._answer)

    def _answer(self, ack: Ack) -> None:
        self.answered += 1
        ack(text="here is your guide")


def _call(application: Any, environ: dict[str, Any]) -> tuple[str, bytes]:
    status, body = call(application, environ)
    return status, b"".join(body)


def test_a_request_queued_past_slacks_limit_is_refused_unread_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    commands, metrics = _Commands(), Metrics()
    application = wsgi_app(
        app=commands.app,
        healthy=lambda: True,
        metrics=metrics,
        signing_secret=LOCAL_SIGNING_SECRET,
        clock=lambda: datetime.now(UTC),
    )
    with caplog.at_level(logging.WARNING, logger="bot.slack.late"):
        too_long_ago = time.monotonic() - SLACK_ACK_LIMIT_S - 0.1
        late = [_call(application, signed_command(arrived=too_long_ago)) for _ in range(3)]
        in_time = _call(application, signed_command(arrived=time.monotonic() - 1.0))
    assert [status for status, _ in late] == ["503 Service Unavailable"] * 3
    assert in_time[0] == "200 OK" and b"here is your guide" in in_time[1]
    assert commands.answered == 1  # the late ones never reached a listener
    assert 'slack_requests_total{kind="late",status="503"} 3.0' in metrics.render()
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "refused 1 request(s) from Slack unread" in warnings[0]


class _SocketClient:
    """What Arrivals uses of slack_sdk's Socket Mode client: where messages arrive, and its listeners."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.message_listeners: list[Any] = []

    def enqueue_message(self, message: str) -> None:
        self.queue.append(message)

    def take(self, listener: Any) -> None:
        """What slack_sdk's worker does with the oldest message: message listeners, then the request one."""
        raw = self.queue.pop(0)
        for message_listener in self.message_listeners:
            message_listener(self, json.loads(raw), raw)
        listener(self, SocketModeRequest.from_dict(json.loads(raw)))


def test_a_socket_mode_request_queued_past_slacks_limit_is_left_unanswered() -> None:
    metrics, answered = Metrics(), []
    arrivals = Arrivals(LateRequests(metrics))
    client = _SocketClient()
    arrivals.install(client)  # type: ignore[arg-type]
    listener = arrivals.budgeted(lambda _client, request: answered.append((request.envelope_id, answer_by())))
    envelope = json.dumps(payloads.envelope(payloads.slash_command(text="linkedin"), kind="slash_commands"))
    with freeze_time("2026-12-06 09:00") as frozen:
        client.enqueue_message(envelope)
        client.enqueue_message(envelope.replace('"envelope_id": "', '"envelope_id": "late-'))
        frozen.tick(1.0)
        client.take(listener)  # waited 1 s: answered, with what is left of its budget
        frozen.tick(SLACK_ACK_LIMIT_S)
        client.take(listener)  # waited 4 s: Slack gave up on it
        assert len(answered) == 1 and not answered[0][0].startswith("late-")
        assert answered[0][1] == pytest.approx(time.monotonic() - SLACK_ACK_LIMIT_S - 1.0 + REQUEST_BUDGET_S)
    assert 'kind="late",status="503"} 1.0' in metrics.render()
