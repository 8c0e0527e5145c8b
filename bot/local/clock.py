"""A clock a test (or the shell) moves by hand, for the stand-in's rate limits, trigger and URL expiry."""

from __future__ import annotations

import datetime as dt


class ManualClock:
    """Callable like `time.time`; `sleep` advances it, so it can replace `time.sleep` in a retry handler."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class JumpingClock:
    """The bot's clock in the shell: real time, until `next` jumps it to the next reminder's time.

    Only ever moves forward, as time does; Slack's signatures are made with it, so the bot (which
    checks them against its own clock) keeps accepting what the shell sends after a jump."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def jump_to(self, moment: dt.datetime) -> None:
        ahead = moment - self()
        if ahead > dt.timedelta():
            self.offset += ahead
