"""A reply to a request goes to the outbound worker only once the request's ack is written, so it can never
reach Slack before the ack does."""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from slack_bolt import Ack, App
from slack_bolt.authorization import AuthorizeResult

from bot.local import payloads
from bot.local.sender import sign
from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.gateway import Outbound
from bot.slack.http import wsgi_app
from bot.slack.metrics import Metrics


def _replying_app(outbound: Outbound, sent: list[str], *, fail_after_reply: bool = False) -> App:
    app = App(
        signing_secret=LOCAL_SIGNING_SECRET,
        authorize=lambda team_id, **_: AuthorizeResult(enterprise_id=None, team_id=team_id, bot_token="xoxb-x"),
        request_verification_enabled=False,  # wsgi_app verifies, as the bot's does
        process_before_response=True,
    )

    @app.command("/privacy")
    def answer(ack: Ack) -> None:
        outbound.submit("response_url", lambda: sent.append("the reply"))
        if fail_after_reply:
            raise RuntimeError("the listener broke after replying")
        ack(text="here is your guide")

    return app


def _signed_command() -> dict[str, Any]:
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
    }


def _served(app: App, environ: dict[str, Any]) -> tuple[str, Iterable[bytes]]:
    application = wsgi_app(
        app=app,
        healthy=lambda: True,
        metrics=Metrics(),
        signing_secret=LOCAL_SIGNING_SECRET,
        clock=lambda: datetime.now(UTC),
    )
    status: list[str] = []

    def start_response(line: str, _headers: list[tuple[str, str]], *_: object) -> None:
        status.append(line)

    body = application(environ, start_response)
    return status[0], body


def _close(body: Iterable[bytes]) -> None:
    """As a WSGI server does once the body is written (PEP 3333)."""
    close = getattr(body, "close", None)
    if close is not None:
        close()


def test_a_reply_is_handed_to_the_worker_once_the_ack_is_written() -> None:
    outbound, sent = Outbound(), []
    status, body = _served(_replying_app(outbound, sent), _signed_command())
    written = b"".join(body)  # what the server writes, before it closes the body
    assert status == "200 OK" and b"here is your guide" in written
    assert outbound.drain(timeout=2.0)
    assert sent == [], "the reply went out before the ack was written"
    _close(body)
    assert outbound.drain(timeout=2.0)
    assert sent == ["the reply"]
    outbound.stop()


def test_a_reply_handed_over_before_the_listener_broke_is_still_sent() -> None:
    outbound, sent = Outbound(), []
    status, body = _served(_replying_app(outbound, sent, fail_after_reply=True), _signed_command())
    b"".join(body)
    _close(body)
    assert status.startswith("500")
    assert outbound.drain(timeout=2.0)
    assert sent == ["the reply"]
    outbound.stop()


def test_a_reply_outside_a_request_is_handed_over_at_once() -> None:
    """Socket Mode, the scheduler and the workers themselves answer no HTTP request: nothing closes for them."""
    outbound, sent = Outbound(), []
    outbound.submit("chat.postMessage", lambda: sent.append("a DM"))
    assert outbound.drain(timeout=2.0)
    assert sent == ["a DM"]
    outbound.stop()
