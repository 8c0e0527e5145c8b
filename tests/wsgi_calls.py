"""Calling the bot's WSGI application in-process, as a WSGI server would, with a signed slash command."""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult

from bot.local import payloads
from bot.local.sender import sign
from bot.local.workspace import LOCAL_SIGNING_SECRET
from bot.slack.http import ARRIVED


def bolt_app() -> App:
    """A bolt app for wsgi_app to serve: it verifies signatures itself, as the bot's does."""
    return App(
        signing_secret=LOCAL_SIGNING_SECRET,
        authorize=lambda team_id, **_: AuthorizeResult(enterprise_id=None, team_id=team_id, bot_token="xoxb-x"),
        request_verification_enabled=False,
        process_before_response=True,
    )


def signed_command(*, arrived: float | None = None) -> dict[str, Any]:
    """`/privacy linkedin`, signed now; `arrived`: when the server read its first byte (time.monotonic())."""
    body = urlencode(payloads.slash_command(text="linkedin")).encode()
    timestamp = str(int(time.time()))
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp,
        "HTTP_X_SLACK_SIGNATURE": sign(signing_secret=LOCAL_SIGNING_SECRET, timestamp=timestamp, body=body),
        "wsgi.input": io.BytesIO(body),
    }
    if arrived is not None:
        environ[ARRIVED] = arrived
    return environ


def call(application: Any, environ: dict[str, Any]) -> tuple[str, Iterable[bytes]]:
    """The status line and the body, not yet closed (a server closes it once it is written: PEP 3333)."""
    status: list[str] = []

    def start_response(line: str, _headers: list[tuple[str, str]], *_: object) -> None:
        status.append(line)

    body: Iterable[bytes] = application(environ, start_response)
    return status[0], body
