"""The scheduler's tick when the machine's clock is stepped back (NTP correcting a clock that ran fast, a
virtual machine restored): APScheduler plans runs on the wall clock, so the next tick waited out the step too,
and for an hour's step no reminder or digest went out for an hour, with nothing in the log."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
import time_machine

from bot.scheduler import Ticker

WAIT = 10.0  # seconds a test waits for a tick before calling it missing; a tick comes in about 1


def test_a_clock_stepped_back_an_hour_delays_the_tick_by_seconds_not_an_hour(caplog: pytest.LogCaptureFixture) -> None:
    ticked = threading.Semaphore(0)
    ticker = Ticker(
        dispatch=ticked.release, housekeeping=lambda: None, clock=lambda: dt.datetime.now(dt.UTC), seconds=1
    )
    ticker.start()
    try:
        assert ticked.acquire(timeout=WAIT), "no first tick"
        with (
            caplog.at_level(logging.WARNING, logger="bot.scheduler"),
            time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1), tick=True),
        ):
            while ticked.acquire(blocking=False):
                pass  # ticks that ran before the step
            assert ticked.acquire(timeout=WAIT), "no tick after the clock went back an hour"
    finally:
        ticker.stop()
    assert "clock went back" in caplog.text
