"""The WSGI application served in HTTP mode: Slack's single events URL plus health and metrics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context

EVENTS_PATH = "/slack/events"
MAX_BODY = 1024 * 1024  # Slack's payloads are far smaller; refuse anything that is not Slack

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
STATUS_TEXT = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 413: "Payload Too Large"}


def wsgi_app(*, app: App | None, healthy: Callable[[], bool], metrics: Callable[[], str]) -> WSGIApp:
    """`app=None` serves only health and metrics: in Socket Mode, where an events URL would accept
    unsigned requests."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz" and method in {"GET", "HEAD"}:
            ok = healthy()
            return _plain(start_response, 200 if ok else 503, "ok\n" if ok else "database unavailable\n")
        if path == "/metrics" and method == "GET":
            return _plain(start_response, 200, metrics(), content_type="text/plain; version=0.0.4")
        if path == EVENTS_PATH and method == "POST" and app is not None:
            return _slack(app, environ, start_response)
        return _plain(start_response, 404, "not found\n")

    return application


def _slack(app: App, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _plain(start_response, 400, "bad content length\n")
    if length > MAX_BODY:
        return _plain(start_response, 413, "too large\n")
    raw = environ["wsgi.input"].read(length).decode("utf-8", errors="replace") if length else ""
    headers: dict[str, str | Sequence[str]] = {
        key[5:].replace("_", "-").lower(): str(value) for key, value in environ.items() if key.startswith("HTTP_")
    }
    headers["content-type"] = environ.get("CONTENT_TYPE", "")
    try:
        request = BoltRequest(body=raw, query=environ.get("QUERY_STRING", ""), headers=headers)
    except (ValueError, AttributeError):
        # bolt parses the body eagerly and expects an object; anything else is not from Slack.
        return _plain(start_response, 400, "body is not a Slack payload\n")
    _mend_form_body(request)
    response = app.dispatch(request)
    return _bolt(start_response, response)


def _mend_form_body(request: BoltRequest) -> None:
    """bolt reads any form body containing the word "payload" as a button click; a slash command
    like `/privacy what is a payload` would then be lost. Re-parse such commands as the form they are."""
    if request.body or "payload" not in request.raw_body:
        return
    fields = dict(parse_qsl(request.raw_body, keep_blank_values=True))
    if "command" in fields and "payload" not in fields:
        request.body = fields
        request.context = build_context(BoltContext({}), fields)


def _bolt(start_response: StartResponse, response: BoltResponse) -> list[bytes]:
    data = response.body.encode() if isinstance(response.body, str) else bytes(response.body)
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    if not any(name.lower() == "content-length" for name, _ in headers):
        headers.append(("Content-Length", str(len(data))))
    start_response(f"{response.status} {STATUS_TEXT.get(response.status, 'Status')}", headers)
    return [data]


def _plain(
    start_response: StartResponse, status: int, body: str, *, content_type: str = "text/plain; charset=utf-8"
) -> list[bytes]:
    data = body.encode()
    phrase = "Service Unavailable" if status == 503 else STATUS_TEXT.get(status, "Status")
    start_response(f"{status} {phrase}", [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]
