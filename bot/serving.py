"""Serving until SIGTERM or SIGINT, then stopping without dropping an answer.

A stop takes new work from nobody (the listening socket closes; Socket Mode requests that arrive
after it are left unacknowledged, so Slack hands them to another connection), lets every request
already taken get its answer and the work it started finish, then runs the stop hooks in order,
all within STOP_BUDGET_S: container platforms kill a process that has not exited 10 s after
SIGTERM, and a kill is exactly the dropped answer this avoids.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from types import FrameType
from typing import Any, Final

from waitress import wasyncore
from waitress.server import BaseWSGIServer

log = logging.getLogger("bot")

STOP_BUDGET_S: Final = 9.0  # under the 10 s most platforms wait between SIGTERM and SIGKILL
_POLL_S: Final = 0.02
# Slack sends a request whole, at once: one still partial this long after its first bytes is not Slack's (a
# client trickling bytes), and a stop does not wait for it.
PARTIAL_FOR_S: Final = 2.0


class Stop:
    """Set once by SIGTERM or SIGINT; after that, `remaining()` is what is left of the stop budget."""

    def __init__(self, *, budget: float = STOP_BUDGET_S) -> None:
        self.budget = budget
        self._event = threading.Event()
        self._deadline = 0.0
        self.reason = "stop requested"
        self.failed = False

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        # No logging here: the handler runs between two bytecodes of the main thread, which may be
        # halfway through writing a log line itself (stderr then raises "reentrant call").
        if self._event.is_set():
            # A second signal means "now": whatever is left is abandoned.
            os._exit(1)
        self.reason = signal.Signals(signum).name
        self.set()

    def set(self) -> None:
        """Start the stop (once; the budget counts from the first call)."""
        if not self._event.is_set():
            self._deadline = time.monotonic() + self.budget
            self._event.set()

    def fail(self, reason: str) -> None:
        """Stop as gracefully, because the process can no longer do its work (the exit status says so)."""
        self.failed = True
        self.reason = reason
        self.set()

    def wait(self, *, while_alive: Callable[[], bool] = lambda: True) -> bool:
        """Block until stopped (True) or until `while_alive` turns false (False)."""
        # Short waits, so the signal handler runs promptly on the main thread.
        while not self._event.wait(0.2):
            if not while_alive():
                return False
        log.info("%s: finishing the answers in flight, then stopping", self.reason)
        return True

    def remaining(self) -> float:
        return max(0.0, self._deadline - time.monotonic()) if self._event.is_set() else self.budget


class HttpServing:
    """waitress's loop in a thread, and a stop that lets every accepted request finish.

    waitress has no graceful stop of its own (closing its socket under the loop is the usual way
    out, and it drops whatever is queued), so the loop is steered through its own trigger: each step
    runs inside the loop's thread, between two polls.
    """

    def __init__(self, server: BaseWSGIServer, *, stop: Stop) -> None:
        # Any: the loop's internals used here (its map, trigger, channels) are missing from waitress's stubs.
        self.server: Any = server
        self.stop = stop
        self._thread = threading.Thread(target=server.run, name="privacy-bot-http", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def alive(self) -> bool:
        return self._thread.is_alive()

    def drain(self) -> None:
        server = self.server
        closed = threading.Event()
        server.trigger.pull_trigger(lambda: self._stop_accepting(closed))
        closed.wait(timeout=self.stop.remaining())
        while self.stop.remaining() > 0 and not self._idle():
            time.sleep(_POLL_S)
        if not self._idle():
            log.warning("stopping with requests still in flight: the stop budget ran out")
        end_loop(server, self._thread, timeout=max(self.stop.remaining(), 0.5))
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=max(self.stop.remaining(), 0.1))

    def _stop_accepting(self, closed: threading.Event) -> None:
        # Connections the kernel already completed were made before the stop: take them, then close
        # the listening socket, so what comes later is refused and a load balancer moves on.
        server = self.server
        try:
            while True:
                count = len(server._map)
                server.handle_accept()
                if len(server._map) == count:
                    break
            wasyncore.dispatcher.close(server)
        finally:
            closed.set()

    def _idle(self) -> bool:
        """No request queued, running, unread or half received (lately), and no answer left to send."""
        dispatcher = self.server.task_dispatcher
        if dispatcher.queue or dispatcher.active_count:
            return False
        channels: list[Any] = list(self.server.active_channels.values())
        now = time.time()  # waitress's clock, which a partial request's `began` is on
        for channel in channels:
            if channel.requests or channel.total_outbufs_len:
                return False
            partial = channel.request
            if partial is not None and now - getattr(partial, "began", now) < PARTIAL_FOR_S:
                return False
        sockets = [channel.socket for channel in channels if channel.socket is not None]
        try:
            # Bytes waiting on a connection are a request (or a goodbye) the loop has yet to read.
            readable, _, _ = select.select(sockets, [], [], 0) if sockets else ([], [], [])
        except (OSError, ValueError):
            return False  # a connection closed under us: look again on the next round
        return not readable


def end_loop(server: BaseWSGIServer, thread: threading.Thread, *, timeout: float) -> None:
    """Close every connection and the listening socket from inside waitress's loop, which then ends at
    once (closed from another thread, it would notice only on its next wake-up, up to a second later);
    wait up to `timeout` for the loop's `thread`, then close the loop's wake-up pipe.

    The pipe is left open until the loop has ended: waitress adds a task for the loop before it writes
    to wake it, and a loop already awake (an answer just sent wakes it too) can run the task in between.
    Had the task closed the pipe, the write that follows would find it closed, or find its number
    taken by a file or connection opened meanwhile and write into that."""
    loop: Any = server  # its trigger and map are missing from waitress's stubs
    wake_up = loop.trigger

    def close_all_but_the_wake_up() -> None:
        wake_up.del_channel()  # out of the map, so the loop ends with the rest; still open
        # The listening socket alone: waitress's own close() of its server also shuts the wake-up pipe.
        wasyncore.dispatcher.close(loop)
        wasyncore.close_all(loop._map)

    wake_up.pull_trigger(close_all_but_the_wake_up)
    thread.join(timeout=timeout)
    if not thread.is_alive():
        wake_up.close()


class Gate:
    """Counts the Socket Mode requests being answered; once closed, lets no new one through.

    While requests are still being answered the connection stays open, and Slack keeps sending on it: those
    arrivals are answered too (a slash command or a click left unacknowledged is not sent again, the member
    sees Slack's error), up to ANSWER_S before the stop budget ends, so each still has its time. The gate
    closes once nothing is in flight, after at least SETTLE_S: a request Slack wrote to the connection just
    before the signal may still be in a buffer or in the client's queue.
    """

    SETTLE_S: Final = 0.5
    ANSWER_S: Final = 3.0  # Slack's limit for an acknowledgement

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._closes_at: float | None = None
        self._in_flight = 0

    def wrap(self, listener: Callable[..., None]) -> Callable[..., None]:
        def gated(*args: Any, **kwargs: Any) -> None:
            with self._lock:
                if self._closes_at is not None and time.monotonic() >= self._closes_at:
                    return
                self._in_flight += 1
            try:
                listener(*args, **kwargs)
            finally:
                with self._lock:
                    self._in_flight -= 1
                    self._lock.notify_all()

        return gated

    def close(self, *, timeout: float) -> bool:
        """Stop letting requests through once none is in flight, and wait for that; False if time ran out."""
        settle = min(self.SETTLE_S, timeout)
        deadline = time.monotonic() + timeout
        with self._lock:
            self._closes_at = max(time.monotonic() + settle, deadline - self.ANSWER_S)
        # Sleeping out the settle window here is the point: arrivals during it are still answered.
        time.sleep(settle)
        with self._lock:
            idle = self._lock.wait_for(lambda: self._in_flight == 0, timeout=max(0.0, deadline - time.monotonic()))
            self._closes_at = time.monotonic()  # under the lock that saw none in flight: none can slip in now
            return idle


def drain_executor(executor: Executor, *, stop: Stop) -> None:
    """Let the work already handed to `executor` finish (bolt runs a listener's work after its ack there)."""
    finished = threading.Thread(target=executor.shutdown, kwargs={"wait": True}, daemon=True)
    finished.start()
    finished.join(timeout=stop.remaining())
    if finished.is_alive():
        log.warning("stopping with listener work unfinished: the stop budget ran out")
