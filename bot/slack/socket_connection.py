"""Socket Mode's connection to Slack, kept up where slack_sdk's built-in client lets it lapse.

A connection that ends without a WebSocket goodbye (a lost network path, a proxy or NAT forgetting it) reads
as end-of-stream, which slack_sdk's reader takes for "nothing yet": it read nothing in a busy loop, and noticed
only once five pings in a row had failed, about a minute later, with no request answered meanwhile. Here the
end of the stream is an error, the connection is closed and a new one opened at once.

A token Slack refuses when the client asks for a new connection (revoked, or Socket Mode turned off) can never
connect again, yet slack_sdk retries it every few seconds forever while the process looks healthy: `refused`
is told instead, once, so the process can stop and say why.
"""

from __future__ import annotations

import errno
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any, Final

from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient

log = logging.getLogger("bot.slack")

# Slack's words for "not now", answered with HTTP 200 all the same: the token was not judged.
_TRANSIENT: Final = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
_CLOSED_WAIT_S: Final = 2.0


class EndOfStream(ConnectionResetError):
    """Slack's side of the connection is gone: nothing more will ever be read from it."""


class _EndAware:
    """A connected socket whose recv() raises at end-of-stream instead of returning b"" on every call."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock

    def recv(self, size: int) -> bytes:
        data: bytes = self._sock.recv(size)
        if not data and size > 0:
            raise EndOfStream(errno.ECONNRESET, "Slack ended the Socket Mode connection without a goodbye")
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def token_refusal(error: SlackApiError) -> str | None:
    """Slack's error code when `error` says the token is no good; None when Slack only had a bad moment."""
    status = error.response.status_code
    code = error.response.get("error") if isinstance(error.response.data, dict) else None
    if status == 429 or status >= 500 or not isinstance(code, str) or code in _TRANSIENT:
        return None
    return code if re.fullmatch(r"[a-z_]+", code) else None


def _why(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        code = error.response.get("error") if isinstance(error.response.data, dict) else None
        return f"HTTP {error.response.status_code}" + (f", {code}" if isinstance(code, str) else "")
    return str(getattr(error, "reason", None) or type(error).__name__)


class Connection:
    """Installs itself on `client` before its first connect(); `refused` is set once the bot has started."""

    def __init__(self, client: SocketModeClient) -> None:
        self._client = client
        self.refused: Callable[[str], None] | None = None
        self._refusal_told = False
        self._lock = threading.Lock()
        connect = client.connect
        issue = client.issue_new_wss_url

        def connect_minding_the_end() -> None:
            connect()
            session = client.current_session
            if session is not None and session.sock is not None and not isinstance(session.sock, _EndAware):
                session.sock = _EndAware(session.sock)  # type: ignore[assignment]

        def issue_or_tell() -> str:
            try:
                return issue()
            except SlackApiError as error:
                code = token_refusal(error)
                if code is not None:
                    self._tell_refused(code)
                raise

        reconnect = client.connect_to_new_endpoint

        def reconnect_or_say_why(force: bool = False) -> None:
            # slack_sdk calls this on Slack's `disconnect` too, where a failure ends in a traceback; its own
            # check retries either way, as long as the process runs.
            try:
                reconnect(force=force)
            except Exception as error:
                log.warning("could not open a new Socket Mode connection yet (%s); trying again shortly", _why(error))

        client.connect = connect_minding_the_end  # type: ignore[method-assign]
        client.issue_new_wss_url = issue_or_tell  # type: ignore[method-assign]
        client.connect_to_new_endpoint = reconnect_or_say_why  # type: ignore[method-assign]
        client.on_error_listeners.append(self._on_error)
        client.on_close_listeners.append(self._on_close)

    def _tell_refused(self, code: str) -> None:
        with self._lock:
            refused, first = self.refused, not self._refusal_told
            self._refusal_told = self._refusal_told or refused is not None
        if refused is not None and first:
            refused(code)

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, EndOfStream) and not self._client.closed:
            log.warning("Slack's Socket Mode connection ended without a goodbye; opening another")
            threading.Thread(target=self._replace, name="privacy-bot-reconnect", daemon=True).start()

    def _on_close(self, _code: int, _reason: str | None) -> None:
        # slack_sdk tries to reconnect when Slack closes, but while the closed connection still counts as
        # connected, so it does nothing and its own check reconnects up to 10 s later.
        if not self._client.closed:
            threading.Thread(target=self._replace, name="privacy-bot-reconnect", daemon=True).start()

    def _replace(self) -> None:
        """Once the reader has closed the dead connection (just after telling its error), open another.
        slack_sdk's own check would too, but only on its next round, up to 10 s later."""
        client = self._client
        session = client.current_session
        deadline = time.monotonic() + _CLOSED_WAIT_S
        while session is not None and session.is_active() and time.monotonic() < deadline:
            time.sleep(0.01)
        if client.closed or client.is_connected():
            return
        try:
            client.connect_to_new_endpoint()
        except Exception as error:  # slack_sdk's own check tries again on its next round
            log.warning(
                "could not open a new Socket Mode connection yet (%s); trying again shortly", type(error).__name__
            )
