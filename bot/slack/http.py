"""The WSGI application served in HTTP mode: Slack's single events URL plus health and metrics.

The events URL is on the public internet, so a request earns trust in this order, and each step
refuses with a fixed short answer before the next one looks further:

1. both Slack headers present, the timestamp all ASCII digits and within 5 minutes of the bot's
   clock either way (401);
2. a body no larger than MAX_BODY, read without ever taking more than MAX_BODY + 1 bytes (413);
3. the `v0=` HMAC-SHA256 of the exact bytes matches (401);
4. UTF-8, JSON not nested deeper than MAX_DEPTH, an object (400);
5. the shape check in `bot.slack.app` (400);
6. a signature already taken within its window is a copy (bot.slack.replays): an empty 200, nothing done.

Until step 3 passes nothing is read from the body: no outbound call, no row, no metric label from
it, no log line with it.

The request's budget (bot.core.REQUEST_BUDGET_S) starts when the request arrived, as the server
tells it (`environ[ARRIVED]`; bot.http_channel does), or else when the app gets it: every database
wait while answering ends by then, so a request that queued behind busy threads is not saved after
Slack has shown the member an error. One that queued past Slack's limit is refused unread (503):
nobody waits for its answer any more.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import accumulate
from typing import Any, Final
from urllib.parse import parse_qsl

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context

from bot.core import REQUEST_BUDGET_S, answering_by
from bot.log_tally import OncePerMinute
from bot.slack import after_ack
from bot.slack.late import LateRequests
from bot.slack.metrics import Metrics
from bot.slack.replays import SeenSignatures

log = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
STATUS_PATHS: Final = frozenset({"/healthz", "/metrics"})
# Set by the HTTP server: time.monotonic() when the request's first byte was read.
ARRIVED: Final = "privacy_bot.arrived"
MAX_BODY: Final = 256 * 1024  # Slack's payloads are far smaller (a modal's state is ~ tens of KB)
MAX_DEPTH: Final = 32  # Block Kit nests ~8 deep; deeper JSON is not from Slack
MAX_SKEW_S: Final = 5 * 60  # Slack's replay window, either way
_TIMESTAMP: Final = re.compile(r"[0-9]{1,12}")  # ASCII digits only: str.isdigit() also accepts "²"
_SIGNATURE: Final = re.compile(r"v0=[0-9a-f]{64}")
# Possessive, and an unclosed string runs to the end: one that never closes (`"\"\"\"…`) is skipped in one
# pass, not tried again from each of its quotes (quadratic: 4 s for 32 KB, minutes for 250 KB).
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]++|\\.?)*+(?:"|\Z)', re.DOTALL)
_BRACKET: Final = re.compile(r"[\[\]{}]")
_DEPTH_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Clock = Callable[[], datetime]
STATUS_TEXT: Final = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    503: "Service Unavailable",
}
UNAUTHORIZED: Final = "invalid request\n"
TOO_LATE: Final = "too late: Slack stopped waiting for this answer\n"


class _Refused(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


def wsgi_app(
    *,
    app: App | None,
    healthy: Callable[[], bool],
    metrics: Metrics,
    signing_secret: str = "",
    clock: Clock,
    serve_events: bool = True,
    serve_status: bool = True,
    slack_link: Callable[[], str | None] | None = None,
) -> WSGIApp:
    """`app=None` (Socket Mode) or `serve_events=False` (PORT when METRICS_PORT is set) leaves the events
    URL out; `serve_status=False` leaves /healthz and /metrics out (they are on METRICS_PORT).
    `slack_link` (Socket Mode) says why the link to Slack makes the bot unhealthy, or None when it does not;
    it must answer at once, whatever the link is doing."""
    events = app if serve_events else None
    if events is not None and not signing_secret:
        raise ValueError("the events URL needs the signing secret")
    late = LateRequests(metrics)
    seen = SeenSignatures(window_s=MAX_SKEW_S)
    copies = OncePerMinute()

    def _copy(start_response: StartResponse) -> list[bytes]:
        metrics.copied()
        copies.warning(
            log,
            "answered %(count)d copy(ies) of a signed request already taken with nothing (a request's signature is"
            " accepted for %(minutes)d minutes: someone holding copies of Slack's requests is sending them again)",
            minutes=MAX_SKEW_S // 60,
        )
        return _plain(start_response, 200, "")

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if serve_status and path in STATUS_PATHS and method not in {"GET", "HEAD"}:
            return _plain(start_response, 405, "method not allowed\n", extra=[("Allow", "GET, HEAD")])
        if serve_status and path == "/healthz":
            if not healthy():
                return _plain(start_response, 503, "database unavailable\n")
            trouble = slack_link() if slack_link is not None else None
            return _plain(start_response, 503, trouble) if trouble else _plain(start_response, 200, "ok\n")
        if serve_status and path == "/metrics":  # HEAD too: the server sends the headers only
            return _plain(start_response, 200, metrics.render(), content_type="text/plain; version=0.0.4")
        if events is not None and path == EVENTS_PATH:
            if method != "POST":
                return _plain(start_response, 405, "method not allowed\n", extra=[("Allow", "POST")])
            return _slack(events, environ, start_response, secret=signing_secret.encode(), clock=clock)
        return _plain(start_response, 404, "not found\n")

    def _slack(
        app: App, environ: dict[str, Any], start_response: StartResponse, *, secret: bytes, clock: Clock
    ) -> Iterable[bytes]:
        stamped = environ.get(ARRIVED)
        arrived = stamped if isinstance(stamped, float) else time.monotonic()
        with answering_by(arrived + REQUEST_BUDGET_S):
            return _answer(app, environ, start_response, secret=secret, clock=clock, arrived=arrived)

    def _answer(
        app: App,
        environ: dict[str, Any],
        start_response: StartResponse,
        *,
        secret: bytes,
        clock: Clock,
        arrived: float,
    ) -> Iterable[bytes]:
        verified = False
        try:
            now = clock().timestamp()
            raw = _verified_body(environ, secret=secret, now=now)
            verified = True
            if late.too_late(arrived):
                return _plain(start_response, 503, TOO_LATE)
            request = _bolt_request(raw, environ)
            signature = str(environ["HTTP_X_SLACK_SIGNATURE"])
            if not seen.first(signature, timestamp=_timestamp(environ), now=now):
                return _copy(start_response)
        except _Refused as refused:
            metrics.rejected(refused.status, verified=verified)
            return _plain(start_response, refused.status, refused.body)
        with after_ack.collecting() as replies:
            try:
                response = app.dispatch(request)
            except BaseException:
                after_ack.release(replies)
                raise
        if response.status == 400:  # not taken: a copy of it is refused the same way, not answered as a copy
            seen.forget(signature)
        return after_ack.SentThen(_bolt(start_response, response), replies)

    return application


def _verified_body(environ: dict[str, Any], *, secret: bytes, now: float) -> bytes:
    """The raw body, once it is proven to come from Slack (see the module's steps 1–3)."""
    timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""))
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE", ""))
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        raise _Refused(401, UNAUTHORIZED)
    if abs(now - int(timestamp)) > MAX_SKEW_S:
        raise _Refused(401, UNAUTHORIZED)
    raw = _read_bounded(environ)
    expected = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(("v0=" + expected).encode(), signature.encode()):
        raise _Refused(401, UNAUTHORIZED)
    return raw


def _timestamp(environ: dict[str, Any]) -> int:
    return int(environ["HTTP_X_SLACK_REQUEST_TIMESTAMP"])  # checked by _verified_body: all digits


def _read_bounded(environ: dict[str, Any]) -> bytes:
    declared = str(environ.get("CONTENT_LENGTH") or "").strip()
    stream = environ["wsgi.input"]
    if declared:
        if not declared.isascii() or not declared.isdigit():
            raise _Refused(400, "bad content length\n")
        if int(declared) > MAX_BODY:
            raise _Refused(413, "too large\n")
        return bytes(stream.read(int(declared))) if int(declared) else b""
    # No length (e.g. a chunked upload the server did not size): read one byte past the limit to tell.
    raw = bytes(stream.read(MAX_BODY + 1))
    if len(raw) > MAX_BODY:
        raise _Refused(413, "too large\n")
    return raw


def _bolt_request(raw: bytes, environ: dict[str, Any]) -> BoltRequest:
    """Steps 4 and 5 of the module's list, for a verified body."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "body is not UTF-8\n") from None
    content_type = str(environ.get("CONTENT_TYPE", ""))
    body = _parsed(text, content_type)
    headers: dict[str, str | Sequence[str]] = {
        key[5:].replace("_", "-").lower(): str(value) for key, value in environ.items() if key.startswith("HTTP_")
    }
    headers["content-type"] = content_type
    # An empty body, then ours: bolt would parse the text a second time (URL-decoding a click's payload
    # is a tenth of its cost), and by its rule any form containing the word "payload" is a button click,
    # so `/privacy what is a payload` would be lost.
    request = BoltRequest(body="", query=environ.get("QUERY_STRING", ""), headers=headers)
    request.raw_body = text
    request.body = body
    try:
        request.context = build_context(BoltContext({}), body)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        raise _Refused(400, "body is not a Slack payload\n") from None
    return request


def _parsed(text: str, content_type: str) -> dict[str, Any]:
    """A JSON body (events); a form's `payload` field (buttons, modals); otherwise the form itself
    (slash commands, whatever their text says)."""
    if content_type.startswith("application/json") or text.startswith("{"):
        embedded = text
    else:
        fields = dict(parse_qsl(text, keep_blank_values=True))
        if "payload" not in fields:
            return fields
        embedded = fields["payload"]
    if _too_deep(embedded):
        raise _Refused(400, "body is nested too deeply\n")
    try:
        body = json.loads(embedded)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise _Refused(400, "body is not a Slack payload\n")
    return body


def _too_deep(text: str) -> bool:
    # Counted on the brackets outside strings, so json.loads never recurses far enough to raise; summed in C
    # (a Python loop over 250 KB of "[]" is a tenth of a second).
    steps = map(_DEPTH_STEP.__getitem__, _BRACKET.findall(_JSON_STRING.sub("", text)))
    return max(accumulate(steps), default=0) > MAX_DEPTH


def _bolt(start_response: StartResponse, response: BoltResponse) -> list[bytes]:
    data = response.body.encode() if isinstance(response.body, str) else bytes(response.body)
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    if not any(name.lower() == "content-length" for name, _ in headers):
        headers.append(("Content-Length", str(len(data))))
    start_response(f"{response.status} {STATUS_TEXT.get(response.status, 'Status')}", headers)
    return [data]


def _plain(
    start_response: StartResponse,
    status: int,
    body: str,
    *,
    content_type: str = "text/plain; charset=utf-8",
    extra: Sequence[tuple[str, str]] = (),
) -> list[bytes]:
    data = body.encode()
    headers = [("Content-Type", content_type), ("Content-Length", str(len(data))), *extra]
    start_response(f"{status} {STATUS_TEXT.get(status, 'Status')}", headers)
    return [data]
