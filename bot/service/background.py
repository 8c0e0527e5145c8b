"""Work that talks to Slack at length, off the request thread: a request is answered at once, and a
stopping process can wait for what is in flight."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from bot.core import TemporarilyUnavailable, reporting_outages

log = logging.getLogger(__name__)

T = TypeVar("T")


class Background:
    """One thread per task (they are few: a nudge fan-out, a CSV upload, a directory read, a campaign's
    audience); a failure is logged, never lost silently: a database outage in one line, anything else with
    its traceback."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[threading.Thread] = set()
        # Set when the process stops: a task that pauses between tries (`pause`) ends instead.
        self.closing = threading.Event()

    def pause(self, seconds: float) -> bool:
        """Wait `seconds` between two tries; True when the process is stopping meanwhile."""
        return self.closing.wait(seconds)

    def run(self, name: str, work: Callable[[], None]) -> None:
        def logged() -> None:
            try:
                with reporting_outages():
                    work()
            except TemporarilyUnavailable as error:
                log.warning("background task cut short: %s: the database is unavailable (%s)", name, error.cause)
            except Exception:
                log.exception("background task failed: %s", name)

        self._start(name, logged)

    def submit(self, name: str, work: Callable[[], T]) -> Future[T]:
        """`work` in the background, its result or error in the future: the caller may wait for it a
        little, and hand it on when it takes longer."""
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()

        def settled() -> None:
            try:
                future.set_result(work())
            except BaseException as error:  # handed to whoever reads the future
                future.set_exception(error)

        self._start(name, settled)
        return future

    def _start(self, name: str, work: Callable[[], None]) -> None:
        def tracked() -> None:
            try:
                work()
            finally:
                with self._lock:
                    self._running.discard(threading.current_thread())

        thread = threading.Thread(target=tracked, name=f"privacy-bot-{name}", daemon=True)
        with self._lock:
            self._running.add(thread)
        thread.start()

    def running(self) -> list[str]:
        """The names of the tasks still running, for the log of a process that stops without them."""
        with self._lock:
            return sorted(thread.name.removeprefix("privacy-bot-") for thread in self._running if thread.is_alive())

    def settle(self, *, timeout: float) -> bool:
        """Wait for the tasks running now (and those they start); False if one is still going after
        `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                running = list(self._running)
            if not running:
                return True
            for thread in running:
                thread.join(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                with self._lock:
                    return not any(thread.is_alive() for thread in self._running)
