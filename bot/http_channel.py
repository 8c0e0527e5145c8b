"""waitress's HTTP connection, fitted to the bot: no busy loop while a request is answered, each request
stamped with when it arrived, no keeping a connection by trickling bytes into a request, and no
invitation to send a body already refused.

While a task writes its answer, waitress's loop thread counts the connection as writable, and each
time it looks it finds the task holding the output lock and sends nothing: poll returns at once, so
the loop spins, and being Python it holds the interpreter lock that the task, back from its own
send, waits for (up to the 5 ms switch interval each time). Under bench/ack.py's clicks that was
about a quarter of the process's time and 30 to 130 empty writes per request. With `send_bytes` at
its default of 1 the task sends its own output as it writes, and it wakes the loop when it ends
(waitress's `pull_trigger`), so the loop can leave the connection alone until then. Only a task
waiting for the loop to drain a full buffer (past `outbuf_high_watermark`) needs it earlier.

Slack's 3 s run from when it sent the request, not from when one of waitress's threads was free to
take it: the time its first byte was read goes to the application as `environ[ARRIVED]`.

waitress closes a connection idle for `channel_timeout`, but any byte counts as activity: one byte every
few seconds held a connection for good, and a thousand of them kept Slack out. A request still partial
after a read now counts as activity only from when its first bytes came, so a connection has
`channel_timeout` to deliver a whole request (Slack sends each at once) whether it trickles or is silent.

Past `connection_limit` waitress accepts nothing more until a connection closes, and an attacker who
opens a new connection for each one the timeout closes could keep it full. So a connection accepted at
the limit makes room: the connections that have waited longest for their next request (idle, or the
request still partial) are closed, up to ACCEPT_BATCH at once. One that is being answered is never closed;
Slack's, which sends its request the moment it connects, is the newest waiting one, not the oldest.

waitress takes one new connection per turn of its loop, and a turn looks at every open connection: with a
thousand open that is a few milliseconds, so it took about 250 connections a second. A client opening more than
that (one machine can open thousands) filled the kernel's queue of connections waiting to be taken, and Slack's
request waited behind all of them: 300 idle connections a second kept every answer 2 to 3 s late. The server now
takes up to ACCEPT_BATCH waiting connections each turn.

A client that asks before sending its body (`Expect: 100-continue`, as curl does for larger ones) was
told "100 Continue" even when the length it declared was over the limit, then made to send up to the
limit before hearing 413. It hears 413 at once.

Both warnings a crowd can set off, a connection closed to make room and a request waiting for a thread
(waitress's "waitress.queue"), are logged at most once a minute, with a count: one line per request
would let anyone write the bot's log at the rate they send.
"""

from __future__ import annotations

import heapq
import logging
import time
from collections.abc import Callable
from typing import Any, Final

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.task import WSGITask

from bot.log_tally import OncePerMinute
from bot.slack.http import ARRIVED

log = logging.getLogger(__name__)


class _TimedRequest(HTTPRequestParser):
    # waitress makes the parser when a request's first bytes are read.
    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.arrived = time.monotonic()
        self.began = time.time()  # on waitress's clock for `last_activity`

    def parse_header(self, header_plus: bytes) -> None:
        super().parse_header(header_plus)
        if self.chunked and "CONTENT_LENGTH" in self.headers:
            # waitress goes by the chunks and keeps the connection; a proxy in front that went by the length sees
            # the rest as a second request it never checked (request smuggling). RFC 9112 6.1: refuse, and close.
            raise ParsingError("both Content-Length and Transfer-Encoding")


class _TimedTask(WSGITask):
    def get_environment(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environment()
        request: Any = self.request  # waitress's stubs type it as an error
        if isinstance(request, _TimedRequest):
            environ[ARRIVED] = request.arrived
        return environ


_crowding = OncePerMinute()
# Waiting connections taken per turn of the loop: enough that the cost of a turn (it looks at every connection) is
# shared by many, few enough that the turn stays short for the requests already read.
ACCEPT_BATCH: Final = 64


class QueueLog:
    """Takes the place of the "waitress.queue" logger on one server's task dispatcher.

    waitress warns once for every request that finds all its threads busy ("Task queue depth is N"), and
    anyone can send requests: 50 connections pipelining `GET /nope` wrote 9,000 lines a second, burying the
    lines that matter and filling the disk. The first still goes out at once; after it, one line a minute."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._tally = OncePerMinute(clock=clock)

    def warning(self, message: str, *args: object) -> None:
        depth = args[0] if args and isinstance(args[0], int) else 0
        self._tally.warning(
            _queue_log,
            "%(count)d request(s) waited for a free thread, up to %(largest)d at once (logged at most once a minute: "
            "a burst of requests, or too few threads for the load)",
            size=depth,
        )


_queue_log = logging.getLogger("waitress.queue")  # its name, so a level or filter set for waitress's line still applies


class QuietChannel(HTTPChannel):
    parser_class = _TimedRequest
    task_class = _TimedTask

    def __init__(self, server: Any, sock: Any, addr: Any, adj: Adjustments, map: Any = None) -> None:  # noqa: A002
        super().__init__(server, sock, addr, adj, map)
        self.turn: int | None = getattr(server, "accept_turn", None)  # see accept_in_batches
        # waitress stops accepting once its map (its own two sockets included) holds connection_limit.
        if map is not None and len(map) >= adj.connection_limit:
            self._make_room()

    def _make_room(self) -> None:
        """In the loop's thread, as accepting is."""
        server: Any = self.server  # waitress's stubs type it as a channel
        waiting = [
            channel
            for channel in server.active_channels.values()
            if channel is not self
            and channel.connected
            and not channel.requests
            and not channel.total_outbufs_len
            # One taken in this same turn has had no chance to send its request yet: it may be Slack's.
            and (self.turn is None or getattr(channel, "turn", None) != self.turn)
        ]
        # Room for a batch at once: looking at every connection for each one taken would cost as much as the
        # turns ACCEPT_BATCH saves (a burst of 1,000 at the limit: 0.5 s, against 0.1 s).
        for channel in heapq.nsmallest(ACCEPT_BATCH, waiting, key=lambda channel: channel.last_activity):
            channel.handle_close()
        if waiting:
            _crowding.warning(
                log,
                "%(count)d connection(s) closed to make room: %(limit)d are open (the limit), the longest-waiting "
                "without a request went first (a crowd of idle connections; a proxy in front of the bot stops it "
                "sooner)",
                limit=self.adj.connection_limit,
            )

    def send_continue(self) -> None:
        if self.request is not None and self.request.error is not None:
            self.request.expect_continue = False  # refused on its headers: the 413 goes out instead
            return
        super().send_continue()

    def received(self, data: bytes) -> bool:
        handled = bool(super().received(data))
        if isinstance(self.request, _TimedRequest):  # a request still partial after this read
            self.last_activity = self.request.began
        return handled

    def writable(self) -> bool:
        task_sends_its_own = (
            bool(self.requests)
            and self.total_outbufs_len <= self.adj.outbuf_high_watermark
            and not (self.will_close or self.close_when_flushed)
        )
        return False if task_sends_its_own else bool(super().writable())


def accept_in_batches(server: Any) -> None:
    """Make `server` (waitress's, before it runs) take up to ACCEPT_BATCH waiting connections each time its
    listening socket is ready, instead of one; never past its connection limit, which it then checks itself."""
    accept_one = server.accept
    handle_one = server.handle_accept
    taken = 0

    def counted_accept() -> Any:
        nonlocal taken
        pair = accept_one()
        if pair is not None:
            taken += 1
        return pair

    server.accept_turn = 0

    def handle_accept() -> None:
        server.accept_turn += 1
        for _ in range(ACCEPT_BATCH):
            before = taken
            handle_one()
            # Nothing waiting; or at the limit with no connection to close: each one taken so far closed one taken in
            # an earlier turn (see QuietChannel._make_room).
            if taken == before or len(server._map) >= server.adj.connection_limit:
                return

    server.accept = counted_accept
    server.handle_accept = handle_accept
