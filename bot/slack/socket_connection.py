"""Socket Mode's connection to Slack, kept up where slack_sdk's built-in client lets it lapse.

A connection that ends without a WebSocket goodbye (a lost network path, a proxy or NAT forgetting it) reads
as end-of-stream, which slack_sdk's reader takes for "nothing yet": it read nothing in a busy loop, and noticed
only once five pings in a row had failed, about a minute later, with no request answered meanwhile. Here the
end of the stream is an error, the connection is closed and a new one opened at once.

A token Slack refuses when the client asks for a new connection (revoked, or Socket Mode turned off) can never
connect again, yet slack_sdk retries it every few seconds forever while the process looks healthy: `refused`
is told instead, once, so the process can stop and say why.

While Slack refuses or cannot take a new connection for other reasons (an outage, a network path gone), the
process keeps trying and is otherwise healthy; `LinkWatch` is what tells /healthz and /metrics that it hears
nothing from Slack meanwhile, so that an orchestrator can restart it or page someone.
"""

from __future__ import annotations

import errno
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient

log = logging.getLogger("bot.slack")

# Slack's words for "not now", answered with HTTP 200 all the same: the token was not judged.
_TRANSIENT: Final = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
_CLOSED_WAIT_S: Final = 2.0
# slack_sdk's reader calls itself once for each read of a message, `receive_buffer_size` bytes at a time (1 KB by
# default), and copies what it has so far each time: a message past ~1 MB hit the recursion limit, which dropped
# the connection with the message unacknowledged, and a few hundred KB cost a good part of a second. Asked for 64 KB,
# a read returns at most one TLS record (16 KB) from Slack: a message of up to ~15 MB now fits, one of 1 MB takes
# about 64 reads. Not larger: a read can hold many small messages, and the reader calls itself once for each too.
READ_SIZE: Final = 64 * 1024
# Slack replaces every app's connections now and then (a `disconnect`, a server going away) and the bot opens
# another within a second; a link down for longer than this is an outage, not a replacement.
LINK_GRACE_S: Final = 30.0
# After an outage, the link counts as back once it has stayed up this long. One that comes back for moments
# between outages (Slack failing over, a flaky path) would otherwise answer 200 now and then, and each 200 starts
# an orchestrator's count of consecutive failures over: a bot that mostly hears nothing would never be restarted.
# Shorter than the failure window of deploy/k8s's liveness probe (6 x 20 s), so a bot that did recover is not.
LINK_STEADY_S: Final = 60.0
LINK_DOWN: Final = "slack link down for {seconds} s\n"
LINK_UNSTEADY: Final = "slack link back for {seconds} s after an outage; healthy once up for {steady} s\n"


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


def link_clock() -> float:
    """Seconds on the clock outages are timed on: monotonic, so a step of the wall clock neither makes nor ends
    one. LinkWatch looks it up at each reading, so a test can move it for a whole process (tests/link_clock)."""
    return time.monotonic()


@dataclass(frozen=True)
class LinkReading:
    up: bool
    down_s: float  # how long the current outage has lasted; 0 while up
    trouble: str | None  # why /healthz should fail because of the link; None when it should not


class LinkWatch:
    """Whether Socket Mode's link to Slack is up and since when, for /healthz and /metrics.

    Each reading looks at the client's connection itself (attribute reads: it never waits on the WebSocket),
    and Connection reports what it sees when a connection ends or a new one is tried, so an outage is timed
    from when it began rather than from the first health check that noticed it."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] | None = None,
        grace_s: float = LINK_GRACE_S,
        steady_s: float = LINK_STEADY_S,
    ) -> None:
        self._clock = clock or (lambda: link_clock())
        self._grace_s = grace_s
        self._steady_s = steady_s
        self._connected: Callable[[], bool] = lambda: False
        self._lock = threading.Lock()
        self._down_since: float | None = self._clock()  # not connected yet
        self._up_since: float | None = None
        self._outage = False  # a long outage happened and the link has not been steady since

    def attach(self, *, connected: Callable[[], bool]) -> None:
        self._connected = connected

    def look(self) -> None:
        """Note whether the link is up now: called where it may just have gone down or come back."""
        self.reading()

    def reading(self) -> LinkReading:
        up = self._connected()
        now = self._clock()
        with self._lock:
            if up and self._down_since is not None:
                self._outage = self._outage or now - self._down_since > self._grace_s
                self._down_since, self._up_since = None, now
            elif not up and self._up_since is not None:
                self._down_since, self._up_since = now, None
            if self._down_since is not None:
                down_s = now - self._down_since
                self._outage = self._outage or down_s > self._grace_s
                trouble = LINK_DOWN.format(seconds=int(down_s)) if self._outage else None
                return LinkReading(up=False, down_s=down_s, trouble=trouble)
            assert self._up_since is not None
            up_s = now - self._up_since
            self._outage = self._outage and up_s < self._steady_s
            unsteady = LINK_UNSTEADY.format(seconds=int(up_s), steady=int(self._steady_s))
            return LinkReading(up=True, down_s=0.0, trouble=unsteady if self._outage else None)

    def trouble(self) -> str | None:
        return self.reading().trouble

    def is_up(self) -> bool:
        return self.reading().up

    def down_seconds(self) -> float:
        return self.reading().down_s


class Connection:
    """Installs itself on `client` before its first connect(); `refused` is set once the bot has started.
    With `link`, it tells `link` whenever the connection may have ended or been replaced."""

    def __init__(self, client: SocketModeClient, *, link: LinkWatch | None = None) -> None:
        self._client = client
        self._link = link or LinkWatch()
        self._link.attach(connected=lambda: not client.closed and client.is_connected())
        self.refused: Callable[[str], None] | None = None
        self._refusal_told = False
        self._reconnecting = False
        self._lock = threading.Lock()
        connect = client.connect
        issue = client.issue_new_wss_url

        def connect_minding_the_end() -> None:
            try:
                connect()
            finally:
                self._link.look()  # slack_sdk returns from a failed handshake too, with no socket
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
            # check retries either way, as long as the process runs. That check finds a connection whose pings
            # went unanswered, closes it and comes here: the outage is timed from then.
            self._link.look()
            try:
                reconnect(force=force)
            except Exception as error:
                log.warning("could not open a new Socket Mode connection yet (%s); trying again shortly", _why(error))
            finally:
                self._link.look()

        def reconnect_aside(force: bool = False) -> None:
            # slack_sdk forces a reconnect only for Slack's `disconnect`, and does it on the thread that hands every
            # message to the listeners: while Slack was slow to give a new connection (up to the Web API's timeout),
            # nothing arriving on the connection still open was acknowledged. Slack keeps that one open a while.
            if not force:
                reconnect_or_say_why()
                return
            with self._lock:
                if self._reconnecting:
                    return  # the new connection under way replaces this one too
                self._reconnecting = True

            def reconnect_then_done() -> None:
                try:
                    if not client.closed:  # the bot may have begun to stop meanwhile
                        reconnect_or_say_why(force=True)
                finally:
                    with self._lock:
                        self._reconnecting = False

            threading.Thread(target=reconnect_then_done, name="privacy-bot-reconnect", daemon=True).start()

        client.connect = connect_minding_the_end  # type: ignore[method-assign]
        client.issue_new_wss_url = issue_or_tell  # type: ignore[method-assign]
        client.connect_to_new_endpoint = reconnect_aside  # type: ignore[method-assign]
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
        self._link.look()
        if client.closed or client.is_connected():
            return
        try:
            client.connect_to_new_endpoint()
        except Exception as error:  # slack_sdk's own check tries again on its next round
            log.warning(
                "could not open a new Socket Mode connection yet (%s); trying again shortly", type(error).__name__
            )
