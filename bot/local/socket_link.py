"""The Socket Mode side of the stand-in: a loopback WebSocket endpoint that speaks Slack's envelope protocol.

`apps.connections.open` hands out a single-use ticket URL; a client that connects with it gets
Slack's `hello`, then envelopes pushed by a test, and must ack each one by `envelope_id`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State
from websockets.sync.server import Server, ServerConnection, serve

log = logging.getLogger(__name__)
# websockets' own lines (server listening, connection open, connection closed) say nothing about the bot, and
# "server listening" comes from the server's thread whenever that thread gets going: in a process that sets up
# its logging meanwhile (`privacy-bot` run in a test's process), a stray line on its stderr. Warnings still show.
_websockets_log = log.getChild("websockets")
_websockets_log.setLevel(logging.WARNING)

# slack_sdk's built-in client reads with a 3 s timeout while holding the lock that close() and a
# reconnect need; a frequent ping wakes that read, so both take milliseconds instead of seconds.
PING_INTERVAL = 0.1


class SocketLink:
    def __init__(self, *, host: str, app_id: str, condition: threading.Condition) -> None:
        self._host = host
        self._app_id = app_id
        # Shared with FakeSlack so one wait_for() sees API calls and acks alike.
        self._cond = condition
        self._tickets: set[str] = set()
        self._connections: list[ServerConnection] = []
        self.acks: dict[str, dict[str, Any]] = {}
        self.connects = 0
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("Socket Mode endpoint is not running")
        return int(self._server.socket.getsockname()[1])

    def start(self) -> None:
        self._server = serve(
            self._serve_connection,
            self._host,
            0,
            process_request=self._check_ticket,
            compression=None,
            ping_interval=PING_INTERVAL,
            logger=_websockets_log,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack-socket", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def issue_url(self) -> str:
        ticket = uuid.uuid4().hex
        with self._cond:
            self._tickets.add(ticket)
        return f"ws://{self._host}:{self.port}/link/?ticket={ticket}&app_id={self._app_id}"

    @property
    def connected(self) -> int:
        with self._cond:
            return len(self._open())

    def _open(self) -> list[ServerConnection]:
        # A connection stays listed until its handler returns, which lags the close a little.
        return [c for c in self._connections if c.state is State.OPEN]

    def wait_connected(self, *, timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: bool(self._open()), timeout=timeout):
                raise TimeoutError("no Socket Mode client connected")

    def send(self, envelope: Mapping[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
        """Push one envelope to the newest connection; returns the app's ack (`envelope_id`, maybe `payload`)."""
        envelope_id = str(envelope["envelope_id"])
        deadline = time.monotonic() + timeout
        while True:
            self.wait_connected(timeout=max(0.0, deadline - time.monotonic()))
            with self._cond:
                connection = self._open()[-1]
            try:
                connection.send(json.dumps(envelope))
                break
            except ConnectionClosed:
                continue  # closed between the check and the send: wait for the client's next connection
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self.acks, timeout=max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"no ack for envelope {envelope_id} within {timeout}s")
            return self.acks[envelope_id]

    def request_reconnect(self, *, reason: str = "refresh_requested") -> None:
        """What Slack sends before it recycles a connection; a client must open a new one."""
        with self._cond:
            connections = self._open()
        message = json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-local"}})
        for connection in connections:
            connection.send(message)

    def drop(self) -> None:
        """End every open connection's TCP without a WebSocket close frame, as a lost network path or a proxy
        restarting does: the client reads end-of-stream and nothing else."""
        with self._cond:
            connections = self._open()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.socket.shutdown(socket.SHUT_RDWR)

    def close_all(self, *, reason: str | None = "link_disabled") -> None:
        """Say `disconnect` (`reason`), then close every connection properly, as Slack does when it ends an
        app's link (a revoked app token, Socket Mode turned off); with no reason, only close them, as a
        Slack server going away does."""
        if reason is not None:
            self.request_reconnect(reason=reason)
        with self._cond:
            connections = self._open()
        for connection in connections:
            connection.close()

    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        tickets = parse_qs(parts.query).get("ticket", [])
        with self._cond:
            if parts.path.rstrip("/") != "/link" or not tickets or tickets[0] not in self._tickets:
                return connection.respond(401, "invalid or used ticket\n")
            self._tickets.discard(tickets[0])  # single use, like Slack's
        return None

    def _serve_connection(self, connection: ServerConnection) -> None:
        with self._cond:
            self._connections.append(connection)
            self.connects += 1
            count = len(self._connections)
            self._cond.notify_all()
        try:
            connection.send(
                json.dumps(
                    {
                        "type": "hello",
                        "num_connections": count,
                        "debug_info": {"host": "applink-local", "build_number": 1, "approximate_connection_time": 3600},
                        "connection_info": {"app_id": self._app_id},
                    }
                )
            )
            for raw in connection:
                self._receive(raw)
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                self._connections.remove(connection)
                self._cond.notify_all()

    def _receive(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError:
            log.warning("Socket Mode client sent a non-JSON frame: %r", raw[:200])
            return
        if isinstance(message, dict) and "envelope_id" in message:
            with self._cond:
                self.acks[str(message["envelope_id"])] = message
                self._cond.notify_all()
