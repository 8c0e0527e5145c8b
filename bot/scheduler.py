"""APScheduler wiring: one interval tick that calls the service, nothing else.

The job store is in memory on purpose: every replica runs its own tick, and the delivery ledger in
the shared database decides who sends what. A shared job store would add a second source of truth.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.background import BackgroundScheduler

from bot.core import TemporarilyUnavailable, reporting_outages

log = logging.getLogger(__name__)

TICK_SECONDS: Final = 15
HOUSEKEEPING_EVERY: Final = timedelta(hours=1)
_TICK_JOB: Final = "privacy-bot-tick"


class Ticker:
    """Runs `dispatch` every TICK_SECONDS (at once on start, to catch up), and `housekeeping` hourly."""

    def __init__(
        self,
        *,
        dispatch: Callable[[], object],
        housekeeping: Callable[[], object],
        clock: Callable[[], datetime],
        seconds: int = TICK_SECONDS,
    ) -> None:
        self._dispatch = dispatch
        self._housekeeping = housekeeping
        self._clock = clock
        self._last_housekeeping: datetime | None = None
        self._seconds = seconds
        self._stopping = threading.Event()
        self._clock_watch = threading.Thread(target=self._watch_the_clock, name="privacy-bot-clock-watch", daemon=True)
        self._scheduler = BackgroundScheduler(timezone="UTC", daemon=True)
        self._scheduler.add_job(
            self.tick,
            "interval",
            seconds=seconds,
            id=_TICK_JOB,
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now().astimezone(),
        )

    def tick(self) -> None:
        try:
            with reporting_outages():
                self._dispatch()
                now = self._clock()
                if self._last_housekeeping is None or now - self._last_housekeeping >= HOUSEKEEPING_EVERY:
                    self._last_housekeeping = now
                    self._housekeeping()
        except TemporarilyUnavailable as error:
            # An outage is not a bug: one line a tick, without a traceback, however many statements it refused.
            log.warning(
                "scheduler tick cut short: the database is unavailable (%s); what is due goes out on a tick once it"
                " answers",
                error.cause,
            )
        except Exception:
            # One bad tick must not stop the next one.
            log.exception("scheduler tick failed")

    def _watch_the_clock(self) -> None:
        """APScheduler waits for a run on the wall clock: a clock stepped back an hour (NTP correcting one that ran
        fast, a virtual machine restored) held the next tick back an hour, silently. Against the monotonic clock,
        once an interval, a step back is seen and the tick is brought forward to now."""
        offset = time.time() - time.monotonic()
        while not self._stopping.wait(self._seconds):
            now_offset = time.time() - time.monotonic()
            stepped_back = offset - now_offset
            offset = now_offset
            if stepped_back > self._seconds:
                log.warning(
                    "the system clock went back %d s: the scheduler's tick runs now, not that much later", stepped_back
                )
                with contextlib.suppress(JobLookupError, SchedulerNotRunningError):
                    self._scheduler.modify_job(_TICK_JOB, next_run_time=datetime.now().astimezone())

    def start(self) -> None:
        self._scheduler.start()
        self._clock_watch.start()
        log.info("scheduler started: reminders are checked every %d s", self._seconds)

    def stop(self) -> None:
        """Let the running tick finish its current batch, then stop."""
        self._stopping.set()
        self._scheduler.shutdown(wait=True)
