"""A signed request that waited in the HTTP server until Slack had stopped waiting for it is refused
unread: under overload the bot spends nothing on answers nobody will see, and says so once."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import Ack, App
from slack_bolt.authorization import AuthorizeResult

from bot.core import SLACK_ACK_LIMIT_S
from bot.local import payloads
from bot.local.sender import sign
from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.http import ARRIVED, wsgi_app
from bot.slack.metrics import Metrics


class _Commands:
    """A bolt app whose one listener counts the slash commands that reached it."""

    def __init__(self) -> None:
        self.answered = 0
        self.app = App(
            signing_secret=LOCAL_SIGNING_SECRET,
            authorize=lambda team_id, **_: AuthorizeResult(enterprise_id=None, team_id=team_id, bot_token="xoxb-x"),
            request_verification_enabled=False,  # wsgi_app verifies, as the bot's does
            process_before_response=True,
        )
        self.app.command("/privacy")(self._answer)

    def _answer(self, ack: Ack) -> None:
        self.answered += 1
        ack(text="here is your guide")


def _signed_command(*, arrived: float) -> dict[str, Any]:
    body = urlencode(payloads.slash_command(text="linkedin")).encode()
    timestamp = str(int(time.time()))
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp,
        "HTTP_X_SLACK_SIGNATURE": sign(signing_secret=LOCAL_SIGNING_SECRET, timestamp=timestamp, body=body),
        "wsgi.input": io.BytesIO(body),
        ARRIVED: arrived,
    }


def _call(application: Any, environ: dict[str, Any]) -> tuple[str, bytes]:
    status: list[str] = []

    def start_response(line: str, _headers: list[tuple[str, str]], *_: object) -> None:
        status.append(line)

    body: Iterable[bytes] = application(environ, start_response)
    return status[0], b"".join(body)


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
    with caplog.at_level(logging.WARNING, logger="bot.slack.http"):
        too_long_ago = time.monotonic() - SLACK_ACK_LIMIT_S - 0.1
        late = [_call(application, _signed_command(arrived=too_long_ago)) for _ in range(3)]
        in_time = _call(application, _signed_command(arrived=time.monotonic() - 1.0))
    assert [status for status, _ in late] == ["503 Service Unavailable"] * 3
    assert in_time[0] == "200 OK" and b"here is your guide" in in_time[1]
    assert commands.answered == 1  # the late ones never reached a listener
    assert 'slack_requests_total{kind="late",status="503"} 3.0' in metrics.render()
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "refused 1 signed request(s) unread" in warnings[0]
