"""A Slack stand-in on loopback: Web API, response URLs, file uploads and Socket Mode, for demos and tests.

    with FakeSlack() as slack:
        client = WebClient(token="xoxb-local", base_url=slack.api_url)
        client.chat_postMessage(channel=GENERAL, text="hi")
        assert slack.wait_for_call("chat.postMessage").ok

It answers the way Slack does for what the bot relies on (errors, limits, paging, 429 + Retry-After)
so a bug shows up here first. What each method answers is in `web_api.py`; this module is the
transport: HTTP parsing, tokens, rate limits, and the record a test reads and waits on.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import parse_qsl, urlsplit

from bot.local import limits
from bot.local.ratelimit import RateLimiter
from bot.local.socket_link import SocketLink
from bot.local.state import SlackState, StoredMessage, Upload
from bot.local.web_api import APP_TOKEN_METHODS, METHODS, ApiError, Args, Links
from bot.local.workspace import Workspace, default_workspace, im_channel_id

log = logging.getLogger(__name__)
T = TypeVar("T")

RESPONSE_URL_LIMIT = "response_url"  # what `throttle` takes to limit posts to response_urls
RESPONSE_URL_USES = 5  # Slack honours a response_url five times …
RESPONSE_URL_TTL = 30 * 60.0  # … within thirty minutes


@dataclass(frozen=True)
class RecordedCall:
    method: str
    args: dict[str, Any]  # as the app sent them (form values are strings), token removed
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))

    @property
    def error(self) -> str | None:
        error = self.response.get("error")
        return str(error) if error is not None else None

    def structured(self, key: str) -> Any:
        """`blocks`, `view`, `metadata` … parsed, whether the app sent JSON or a form (where they are strings)."""
        value = self.args.get(key)
        return json.loads(value) if isinstance(value, str) and value[:1] in ("[", "{") else value


@dataclass(frozen=True)
class ResponsePost:
    """One POST the app made to a response_url."""

    url: str
    body: dict[str, Any]
    at: float
    status: int
    channel: str | None
    user: str | None


@dataclass
class _ResponseTarget:
    channel: str | None
    user: str | None
    message_ts: str | None
    issued_at: float
    uses: int = 0


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], fake: FakeSlack) -> None:
        super().__init__(address, _Handler)
        self.fake = fake
        self.accepted = 0
        self.open: set[socket.socket] = set()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.fake.lock:
            self.accepted += 1
            self.open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.fake.lock:
            self.open.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        with self.fake.lock:
            kept = list(self.open)
        for connection in kept:
            with suppress(OSError):  # already gone
                connection.shutdown(socket.SHUT_RDWR)


class FakeSlack:
    """A loopback Slack. Thread-safe; `workspace` may be changed by a test while the bot runs (use `lock`)."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        bot_token: str | None = None,
        app_token: str | None = None,
        rate_limit: Mapping[str, int] | None = None,
        clock: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.workspace = workspace or default_workspace()
        # None accepts any token of the right kind (`xoxb-…` / `xapp-…`); a value accepts only that token.
        self.bot_token = bot_token
        self.app_token = app_token
        self.clock = clock
        self.lock = threading.RLock()
        self._cond = threading.Condition(self.lock)
        self._state = SlackState(workspace=self.workspace, clock=clock)
        self._limiter = RateLimiter(rate_limit, clock=clock)
        self._calls: list[RecordedCall] = []
        self.held = 0  # requests received while hung(), not answered yet
        self._responses: list[ResponsePost] = []
        self._response_targets: dict[str, _ResponseTarget] = {}
        self._host = host
        self._port = port
        self._http: _Server | None = None
        self._http_thread: threading.Thread | None = None
        self._socket = SocketLink(host=host, app_id=self.workspace.api_app_id, condition=self._cond)
        self._links = Links(upload_url=self._upload_url, socket_url=self._socket.issue_url)
        self._released = threading.Event()
        self._released.set()
        self._revoked = False  # revoke_app_token()
        self._failures: dict[str, list[int | None]] = {}  # method (or "response_url") -> HTTP statuses still to give

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        if self._http is not None:
            raise RuntimeError("FakeSlack is already running")
        self._http = _Server((self._host, self._port), self)
        # A short poll keeps stop() (and so every test's teardown) quick.
        self._http_thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-slack-http", daemon=True
        )
        self._http_thread.start()
        self._socket.start()
        return self

    def stop(self) -> None:
        self._socket.stop()
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            # A stopped Slack answers nothing, not even on a connection a client kept alive.
            self._http.drop_connections()
        if self._http_thread is not None:
            self._http_thread.join(timeout=5)
        self._http = self._http_thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._http is None:
            raise RuntimeError("FakeSlack is not running")
        return int(self._http.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}/"

    @property
    def connections_accepted(self) -> int:
        """TCP connections made to the Web API and response_url endpoints since start."""
        return self._http.accepted if self._http is not None else 0

    def drop_connections(self) -> None:
        """Close every kept-alive connection, as Slack's load balancers do with idle ones."""
        if self._http is not None:
            self._http.drop_connections()

    @property
    def api_url(self) -> str:
        """Give this to `WebClient(base_url=...)` / SLACK_API_URL."""
        return f"{self.base_url}api/"

    # ---- what happened ---------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        with self.lock:
            return list(self._calls)

    def calls_to(self, method: str, *, ok: bool | None = None) -> list[RecordedCall]:
        with self.lock:
            return [c for c in self._calls if c.method == method and (ok is None or c.ok == ok)]

    def clear_calls(self) -> None:
        with self.lock:
            self._calls.clear()
            self._responses.clear()

    @property
    def responses(self) -> list[ResponsePost]:
        with self.lock:
            return list(self._responses)

    def messages(self, channel: str | None = None) -> list[StoredMessage]:
        """Messages as they stand now (edits applied, deletions gone), oldest first; ephemerals included."""
        with self.lock:
            return [
                m for m in self._state.messages.values() if not m.deleted and (channel is None or m.channel == channel)
            ]

    def posts(self, channel: str) -> list[StoredMessage]:
        """What everyone in `channel` sees: its messages without the ephemeral ones (a slow command's answer
        that followed its ack, say), oldest first."""
        return [message for message in self.messages(channel) if message.ephemeral_to is None]

    def dm_messages(self, user_id: str) -> list[StoredMessage]:
        return self.messages(im_channel_id(user_id))

    def message(self, channel: str, ts: str) -> StoredMessage | None:
        with self.lock:
            return self._state.messages.get((channel, ts))

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self.lock:
            return self._state.home_views.get(user_id)

    @property
    def modal_views(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self._state.modal_views)

    @property
    def uploads(self) -> list[Upload]:
        with self.lock:
            return list(self._state.uploads.values())

    def wait_for(self, predicate: Callable[[], T | None], *, timeout: float = 5.0) -> T:
        """Block until `predicate()` is truthy (re-checked on every call, response and ack); returns its value."""
        with self._cond:
            result = self._cond.wait_for(predicate, timeout=timeout)
        if not result:
            raise TimeoutError(f"condition not met within {timeout}s")
        return result

    def wait_for_call(self, method: str, *, count: int = 1, timeout: float = 5.0) -> RecordedCall:
        """The `count`-th call to `method` (any outcome), waiting for it to arrive."""

        def nth() -> RecordedCall | None:
            matching = self.calls_to(method)
            return matching[count - 1] if len(matching) >= count else None

        try:
            return self.wait_for(nth, timeout=timeout)
        except TimeoutError:
            seen = [c.method for c in self.calls]
            raise TimeoutError(f"no call #{count} to {method} within {timeout}s; calls so far: {seen}") from None

    # ---- steering ----------------------------------------------------------------------------

    def throttle(self, method: str, *, allow: int = 0, refuse: int = 1, retry_after: int = 1) -> None:
        """Let `allow` calls to `method` through, then answer HTTP 429 to the next `refuse`."""
        with self.lock:
            self._limiter.script(method, allow=allow, refuse=refuse, retry_after=retry_after)

    def fail(self, method: str, *, times: int = 1, status: int = 500, after: int = 0) -> None:
        """Answer the next `times` calls to `method` (or posts to any response_url, with `RESPONSE_URL_LIMIT`)
        with HTTP `status`, doing nothing, as a Slack having a bad minute; `times=0` ends it. With `after`,
        that many calls are answered as usual first (a check at start-up passes, the call after it fails)."""
        with self.lock:
            self._failures[method] = [None] * after + [status] * times

    def _failure(self, method: str) -> int | None:
        pending = self._failures.get(method)
        return pending.pop(0) if pending else None

    def set_rate(self, method: str, per_second: int | None) -> None:
        with self.lock:
            self._limiter.set_rate(method, per_second)

    @contextmanager
    def hung(self) -> Iterator[None]:
        """Inside the block Slack accepts Web API and response_url requests and answers none; they are
        answered when the block ends (or after `limit` seconds), as a Slack that stalled and recovered."""
        self._released.clear()
        try:
            yield
        finally:
            self._released.set()

    def _wait_while_hung(self, limit: float = 60.0) -> None:
        with self.lock:
            self.held += 1
            self._cond.notify_all()
        try:
            self._released.wait(timeout=limit)
        finally:
            with self.lock:
                self.held -= 1

    def new_response_url(
        self, *, channel: str | None = None, user: str | None = None, message_ts: str | None = None
    ) -> str:
        """A response_url as Slack puts in a slash command (no message) or a block action (`message_ts`)."""
        with self.lock:
            url_id = f"{self._state.next_seq()}-{self.workspace.team_id}"
            self._response_targets[url_id] = _ResponseTarget(
                channel=channel, user=user, message_ts=message_ts, issued_at=self.clock()
            )
        return f"{self.base_url}response/{url_id}"

    def new_trigger_id(self) -> str:
        """A trigger_id the stand-in knows the age of: views.open refuses it after 3 s of `clock`."""
        with self.lock:
            return self._state.new_trigger_id()

    # ---- Socket Mode ---------------------------------------------------------------------------

    def socket_send(self, envelope: Mapping[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
        """Push an envelope to the connected app and return its ack (`{"envelope_id", "payload"?}`)."""
        return self._socket.send(envelope, timeout=timeout)

    def socket_wait_connected(self, *, timeout: float = 5.0) -> None:
        self._socket.wait_connected(timeout=timeout)

    def socket_request_reconnect(self, *, reason: str = "refresh_requested") -> None:
        self._socket.request_reconnect(reason=reason)

    def socket_close(self) -> None:
        """Close every Socket Mode connection with a WebSocket close frame and no `disconnect` before it, as a
        Slack server going away does; the client has to open another."""
        self._socket.close_all(reason=None)

    def socket_drop(self) -> None:
        """Cut every Socket Mode connection without a goodbye (no `disconnect`, no close frame)."""
        self._socket.drop()

    def revoke_app_token(self) -> None:
        """The app-level token is revoked (or its app's Socket Mode turned off): `apps.connections.open` answers
        `token_revoked` from now on, and the open connections are told `link_disabled` and closed."""
        with self.lock:
            self._revoked = True
        self._socket.close_all(reason="link_disabled")

    @property
    def socket_connections(self) -> int:
        """Open Socket Mode connections right now."""
        return self._socket.connected

    @property
    def socket_connects(self) -> int:
        """Socket Mode connections accepted so far (reconnects included)."""
        with self.lock:
            return self._socket.connects

    @property
    def socket_acks(self) -> dict[str, dict[str, Any]]:
        with self.lock:
            return dict(self._socket.acks)

    # ---- request handling (called from server threads) --------------------------------------------

    def _upload_url(self, file_id: str) -> str:
        return f"{self.base_url}upload/{file_id}"

    def _record(self, call: RecordedCall) -> None:
        self._calls.append(call)
        self._cond.notify_all()

    def _handle_api(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any], int | None]:
        """(HTTP status, JSON body, Retry-After) for one Web API call."""
        with self._cond:
            status, retry_after = 200, None
            body: dict[str, Any]
            try:
                if method not in METHODS:
                    raise ApiError("unknown_method")
                self._authenticate(method, token)
                failure = self._failure(method)
                retry_after = None if failure is not None else self._limiter.check(method)
                if failure is not None:
                    status, body = failure, {"ok": False, "error": "internal_error"}
                elif retry_after is not None:
                    status, body = 429, {"ok": False, "error": "ratelimited"}
                else:
                    body = {"ok": True, **METHODS[method](self._state, Args(args), self._links)}
            except ApiError as e:
                body = e.body()
            self._record(RecordedCall(method=method, args=args, at=self.clock(), status=status, response=body))
            return status, body, retry_after

    def _authenticate(self, method: str, token: str | None) -> None:
        if not token:
            raise ApiError("not_authed")
        wants_app_token = method in APP_TOKEN_METHODS
        if token.startswith("xapp-"):
            if self._revoked:
                raise ApiError("token_revoked")
            if self.app_token is not None and token != self.app_token:
                raise ApiError("invalid_auth")
            if not wants_app_token:
                raise ApiError("not_allowed_token_type")
        elif token.startswith("xoxb-"):
            if self.bot_token is not None and token != self.bot_token:
                raise ApiError("invalid_auth")
            if wants_app_token:
                raise ApiError("not_allowed_token_type")
        else:
            raise ApiError("invalid_auth")

    def _handle_response_url(self, url_id: str, body: Any) -> tuple[int, dict[str, Any], int | None]:
        """(HTTP status, JSON body, Retry-After); `throttle("response_url", …)` limits them like a method.
        A refused post is not a use of the URL and is not among `responses`."""
        with self._cond:
            failure = self._failure(RESPONSE_URL_LIMIT)
            if failure is not None:  # like a refused post, not a use of the URL
                return failure, {"ok": False, "error": "internal_error"}, None
            retry_after = self._limiter.check(RESPONSE_URL_LIMIT)
            if retry_after is not None:
                return 429, {"ok": False, "error": "rate_limited"}, retry_after
            status, answer = self._respond(url_id, body)
            target = self._response_targets.get(url_id)
            self._responses.append(
                ResponsePost(
                    url=f"{self.base_url}response/{url_id}",
                    body=body if isinstance(body, dict) else {"raw": body},
                    at=self.clock(),
                    status=status,
                    channel=target.channel if target else None,
                    user=target.user if target else None,
                )
            )
            self._cond.notify_all()
            return status, answer, None

    def _respond(self, url_id: str, body: Any) -> tuple[int, dict[str, Any]]:
        target = self._response_targets.get(url_id)
        if target is None:
            return 404, {"ok": False, "error": "no_service"}
        if target.uses >= RESPONSE_URL_USES or self.clock() - target.issued_at > RESPONSE_URL_TTL:
            return 404, {"ok": False, "error": "expired_url"}
        if not isinstance(body, dict):
            return 400, {"ok": False, "error": "invalid_payload"}
        target.uses += 1
        text = body.get("text")
        blocks = body.get("blocks")
        if isinstance(text, str) and len(text) > limits.MAX_MESSAGE_TEXT:
            return 400, {"ok": False, "error": "msg_too_long"}
        if blocks is not None:
            errors = limits.check_blocks(blocks, max_blocks=limits.MAX_MESSAGE_BLOCKS)
            if errors:
                return 400, {"ok": False, "error": "invalid_blocks", "response_metadata": {"messages": errors}}
        original = self._state.messages.get((target.channel or "", target.message_ts or ""))
        if body.get("delete_original"):
            if original is not None:
                original.deleted = True
            return 200, {"ok": True}
        if not text and not blocks:
            return 400, {"ok": False, "error": "no_text"}
        if body.get("replace_original") and original is not None:
            original.text = text or ""
            original.blocks = list(blocks or [])
            original.edits += 1
            return 200, {"ok": True}
        if target.channel is None:
            return 200, {"ok": True}  # nowhere to show it; still recorded in `responses`
        in_channel = body.get("response_type") == "in_channel"
        message = self._state.store(
            StoredMessage(
                channel=target.channel,
                ts=self._state.next_ts(),
                text=text or "",
                blocks=list(blocks or []),
                user=self.workspace.bot_user_id,
                via="response_url",
                thread_ts=body.get("thread_ts"),
                ephemeral_to=None if in_channel else target.user,
            )
        )
        # Later replace_original on the same URL edits this reply, as in Slack.
        target.message_ts = message.ts
        return 200, {"ok": True}

    def _handle_upload(self, file_id: str, data: bytes) -> int:
        with self._cond:
            upload = self._state.uploads.get(file_id)
            if upload is None:
                return 404
            upload.data = data
            self._cond.notify_all()
            return 200


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, a keep-alive client waits out delayed ACK (40 ms).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("fake slack: " + format, *args)

    def do_GET(self) -> None:
        self._dispatch(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._dispatch(self.rfile.read(length) if length else b"")

    def _dispatch(self, raw: bytes) -> None:
        parts = urlsplit(self.path)
        fake = self.server.fake
        if parts.path.startswith(("/api/", "/response/")):
            fake._wait_while_hung()
        if parts.path.startswith("/api/"):
            args = dict(parse_qsl(parts.query, keep_blank_values=True))
            try:
                args.update(_parse_body(raw, self.headers.get("Content-Type", "")))
            except ValueError:
                self._send_json(200, {"ok": False, "error": "invalid_form_data"})
                return
            token = _bearer(self.headers.get("Authorization"))
            form_token = args.pop("token", None)
            if token is None and isinstance(form_token, str) and "json" not in self.headers.get("Content-Type", ""):
                token = form_token  # Slack takes a token as a form field too, but never inside a JSON body
            status, body, retry_after = fake._handle_api(parts.path[len("/api/") :], args, token)
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            self._send_json(status, body, headers)
        elif parts.path.startswith("/response/") and self.command == "POST":
            try:
                payload: Any = json.loads(raw or b"null")
            except ValueError:
                payload = raw.decode("utf-8", "replace")
            status, body, retry_after = fake._handle_response_url(parts.path[len("/response/") :], payload)
            self._send_json(status, body, {"Retry-After": str(retry_after)} if retry_after is not None else {})
        elif parts.path.startswith("/upload/") and self.command == "POST":
            status = fake._handle_upload(parts.path[len("/upload/") :], raw)
            self._send_text(status, f"OK - {len(raw)}" if status == 200 else "file_not_found")
        else:
            self._send_text(404, "not found")

    def _send_json(self, status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_text(self, status: int, text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _bearer(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        return header[len("bearer ") :].strip() or None
    return None


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    """JSON, urlencoded or multipart, as slack_sdk sends them depending on the method."""
    if not raw:
        return {}
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        body = json.loads(raw)
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        return body
    if kind == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
        )
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                fields[name] = payload if part.get_filename() else payload.decode("utf-8", "replace")
        return fields
    return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False))


# -- how Slack reads mrkdwn ---------------------------------------------------------------------------
# Slack turns `<…>` in mrkdwn (and in a message's top-level `text`) into pings and links; `&lt;…&gt;` is shown
# as the characters. A test asks what a message *does*, not how it is spelled.
_LIVE = re.compile(r"<((?:!|@|#)[^<>|]*|https?://[^<>|]*|mailto:[^<>|]*)(?:\|[^<>]*)?>")


def _mrkdwn_texts(blocks: Any, text: Any = None) -> Iterator[str]:
    if isinstance(text, str):
        yield text

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                yield node["text"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    yield from walk(blocks)


def live_markup(blocks: Any, text: Any = None) -> list[str]:
    """Every `<…>` Slack would act on in a message or view: `!channel`, `!here`, `!everyone`, `!subteam^S…`
    (a ping to many), `@U…` (a ping), `#C…` (a channel link), `https://…` (a link). Plain-text objects
    (headers, button labels) never ping, so only mrkdwn is read."""
    return [match.group(1) for chunk in _mrkdwn_texts(blocks, text) for match in _LIVE.finditer(chunk)]


def broadcasts(blocks: Any, text: Any = None) -> list[str]:
    """The pings to many people (`@channel`, `@here`, `@everyone`, a user group) in a message or view."""
    return [found for found in live_markup(blocks, text) if found.startswith("!") and not found.startswith("!date^")]
